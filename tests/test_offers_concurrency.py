"""Offers and skills under load, on PostgreSQL with two real server processes whose timers run
every 0.2 s: 200 simultaneous creates into a team that requires skills and offers its work;
agents accept while their offers lapse. Every offer ends once (accepted, lapsed or still
pending), no lapse is handled twice, capacity holds, and round robin is fair among the skilled."""

import asyncio
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from rota.db.engine import create_engine
from tests.support import ServerOrg, ServerPool, heavy, wait_for

pytestmark = [heavy, pytest.mark.parametrize("backend", ["postgres"], indirect=True)]

CREATES = 200
CAP = 20  # agent A's capacity
SPANISH = {"language:es": 3}
URL = "/api/chatbot/transfers"


@pytest.fixture
def timer_pool(fresh_database: str) -> Iterator[ServerPool]:
    pool = ServerPool(fresh_database, processes=2, env={"ROTA_TIMER_INTERVAL_SECONDS": "0.2"})
    try:
        pool.start()
        yield pool
    finally:
        pool.stop()


async def _burst(pool: ServerPool, token: str, requests: list[tuple[str, str, Any]]) -> list[httpx.Response]:
    """All requests at once as the holder of `token`, alternating between the processes."""
    clients = [
        httpx.AsyncClient(base_url=u, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        for u in pool.urls
    ]
    try:
        return await asyncio.gather(
            *(clients[i % len(clients)].request(m, p, json=b) for i, (m, p, b) in enumerate(requests))
        )
    finally:
        for c in clients:
            await c.aclose()


def burst(pool: ServerPool, token: str, requests: list[tuple[str, str, Any]]) -> list[httpx.Response]:
    return asyncio.run(_burst(pool, token, requests))


def expire_soon(database: str, agent_ids: list[str], seconds: float) -> None:
    """The agents' pending offers lapse `seconds` from now (the clock of every process moves on)."""

    async def run() -> None:
        engine = create_engine(database)
        try:
            async with engine.begin() as conn:
                await conn.execute(
                    text(
                        "UPDATE transfers SET offer_expires_at = :at "
                        "WHERE agent_id::text = ANY(:agents) AND offer_expires_at IS NOT NULL"
                    ),
                    {"at": datetime.now(UTC) + timedelta(seconds=seconds), "agents": agent_ids},
                )
        finally:
            await engine.dispose()

    asyncio.run(run())


def offers_of(transfers: list[dict[str, Any]], agent_id: str) -> list[dict[str, Any]]:
    return [t for t in transfers if t["agent_id"] == agent_id and t["offer_expires_at"]]


def test_offers_lapse_once_and_skills_hold_under_load(timer_pool: ServerPool, fresh_database: str) -> None:
    org = ServerOrg(timer_pool)
    skilled = [
        org.user(full_name=f"{name} Skilled", skills={"language:es": level})
        for name, level in (("A", 3), ("B", 5), ("C", 4), ("D", 3))
    ]
    unskilled = [org.user(skills={"language:es": 2}), org.user()]
    a, b, c, d = skilled
    org.call("PATCH", f"/api/users/{a['id']}", json={"max_active_transfers": CAP})
    team = org.team("round_robin", [(u, "agent") for u in skilled + unskilled], accept_timeout_seconds=120)
    tokens = {u["id"]: org.login(u["email"], "password-123") for u in skilled}

    # 1. 200 creates at once over both processes: every one offered to a skilled agent, in turn
    contacts = org.contacts(CREATES)
    body = {"team_id": team["id"], "required_skills": SPANISH}
    created = burst(timer_pool, org.token, [("POST", URL, {**body, "contact_id": x}) for x in contacts])
    assert Counter(r.status_code for r in created) == {201: CREATES}
    transfers = org.all_transfers(status="active", team_id=team["id"])
    assert all(t["agent_id"] and t["offer_expires_at"] for t in transfers)  # nothing waits
    held = Counter(t["agent_id"] for t in transfers)
    assert set(held) == {u["id"] for u in skilled}  # the unskilled got nothing
    assert held[a["id"]] == CAP  # A's capacity counts the offers
    others = [held[u["id"]] for u in (b, c, d)]
    assert sum(others) == CREATES - CAP and max(others) - min(others) <= 1, held

    # 2. A accepts everything; C accepts while its offers lapse; D lets every offer lapse
    accepted_a = burst(
        timer_pool,
        tokens[a["id"]],
        [("PUT", f"{URL}/{t['id']}/accept", None) for t in offers_of(transfers, a["id"])],
    )
    assert Counter(r.status_code for r in accepted_a) == {200: CAP}
    c_offers = offers_of(transfers, c["id"])
    expire_soon(fresh_database, [c["id"], d["id"]], 0.5)
    time.sleep(0.3)
    accepts = burst(timer_pool, tokens[c["id"]], [("PUT", f"{URL}/{t['id']}/accept", None) for t in c_offers])
    answers = Counter(r.status_code for r in accepts)
    assert set(answers) <= {200, 403, 409}, answers  # 403: lapsed and offered to someone else
    accepted_c = {t["id"] for t, r in zip(c_offers, accepts, strict=True) if r.status_code == 200}
    assert {r.json()["code"] for r in accepts if r.status_code == 409} <= {"offer_expired", "not_offered"}

    # 3. the timers move every lapsed offer on, once, to a skilled agent with room who had not
    # passed it over (A is full; new offers have two minutes)
    def settled() -> list[dict[str, Any]] | None:
        now = org.all_transfers(status="active", team_id=team["id"])
        soon = datetime.now(UTC) + timedelta(seconds=60)
        lapsing = [
            t for t in now if t["offer_expires_at"] and datetime.fromisoformat(t["offer_expires_at"]) < soon
        ]
        return None if lapsing else now

    final = wait_for(settled, timeout=60, step=0.3)
    by_id = {t["id"]: t for t in final}
    assert len(final) == CREATES
    per_agent = Counter(t["agent_id"] for t in final)
    assert per_agent[a["id"]] == CAP and not set(per_agent) & {u["id"] for u in unskilled}
    for tid in accepted_c:  # what C accepted stays C's, accepted
        assert by_id[tid]["agent_id"] == c["id"] and by_id[tid]["offer_expires_at"] is None
    lapsed_total = 0
    for t in final:
        history = org.call("GET", f"{URL}/{t['id']}/events")["events"]
        outcomes: list[str] = []
        lapses = Counter()
        for e in history:
            if e["type"] == "offered":
                outcomes.append("pending")
            elif e["type"] in ("accepted", "offer_lapsed", "offer_declined"):
                assert outcomes and outcomes[-1] == "pending", (t["id"], [h["type"] for h in history])
                outcomes[-1] = e["type"]  # each offer ends once
                if e["type"] == "offer_lapsed":
                    lapses[e["details"]["previous_agent_id"]] += 1
        assert all(n == 1 for n in lapses.values()), lapses  # no lapse handled twice
        lapsed_total += sum(lapses.values())
        assert set(lapses) <= {c["id"], d["id"]}
        if t["id"] in accepted_c:
            assert not lapses
        if lapses:  # it went on to a skilled agent with room who had not passed it over
            assert set(t["passed_by"]) == set(lapses)
            assert t["agent_id"] in {b["id"], c["id"], d["id"]} - set(lapses) and t["offer_expires_at"], t
        assert outcomes[-1] in ("accepted", "pending")  # with one agent: accepted, or offered now
    assert lapsed_total == held[c["id"]] - len(accepted_c) + held[d["id"]]
