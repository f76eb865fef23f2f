"""Timer work: SLA breaches and overflow, each exactly once, in-process with a held clock and
across two real server processes running the timer loop at the same time."""

import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from rota.routing import engine
from tests.support import (
    Actor,
    Api,
    Clock,
    ServerOrg,
    ServerPool,
    assert_error,
    data,
    heavy,
    tick,
    transfer,
    transfer_events,
    transfer_now,
    unique,
    wait_for,
)

MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def kinds(admin: Actor, t: dict) -> list[str]:
    return [e["type"] for e in transfer_events(admin, t)]


def test_first_assignment_sla_is_breached_once(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(MONDAY_10)
    team = api.new_team(admin, assignment_strategy="manual", sla_first_assignment_seconds=60)
    late, on_time = transfer(admin, team["id"]), transfer(admin, team["id"])
    assert late["first_assignment_due_at"] == "2026-03-02T10:01:00Z" and late["sla_breached"] is False
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    data(admin.put(f"/api/chatbot/transfers/{on_time['id']}/assign", json={"agent_id": agent.id}))
    clock.advance(seconds=59)
    tick(api)
    assert transfer_now(admin, late)["sla_breached"] is False
    clock.advance(seconds=2)
    for _ in range(3):
        tick(api)
    got = transfer_now(admin, late)
    assert got["sla_breached"] is True and got["first_assignment_breached_at"] == "2026-03-02T10:01:01Z"
    assert kinds(admin, late).count("sla_breached") == 1
    assert transfer_now(admin, on_time)["sla_breached"] is False
    listed = data(admin.get("/api/chatbot/transfers", params={"sla_breached": "true"}))
    assert [t["id"] for t in listed["transfers"]] == [late["id"]]
    assert data(admin.get("/api/chatbot/transfers", params={"sla_breached": "false"}))["total_count"] == 1


def test_sla_counts_only_open_hours(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    hours = data(
        admin.post(
            "/api/schedules",
            json={
                "name": "Office",
                "timezone": "UTC",
                "weekly": [
                    {"day": "monday", "start": "09:00", "end": "17:00"},
                    {"day": "tuesday", "start": "09:00", "end": "17:00"},
                ],
            },
        ),
        201,
    )["schedule"]
    team = api.new_team(
        admin,
        assignment_strategy="manual",
        schedule_id=hours["id"],
        sla_first_assignment_seconds=120,
        sla_resolution_seconds=3600,
    )
    clock.set(datetime(2026, 3, 2, 16, 59, tzinfo=UTC))
    t = transfer(admin, team["id"])
    assert t["first_assignment_due_at"] == "2026-03-03T09:01:00Z"
    assert t["resolution_due_at"] == "2026-03-03T09:59:00Z"
    clock.set(datetime(2026, 3, 3, 8, 0, tzinfo=UTC))  # the night does not count
    tick(api)
    assert transfer_now(admin, t)["sla_breached"] is False
    clock.set(datetime(2026, 3, 3, 10, 0, tzinfo=UTC))
    tick(api)
    tick(api)
    got = transfer_now(admin, t)
    assert got["first_assignment_breached_at"] and got["resolution_breached_at"]
    assert kinds(admin, t).count("sla_breached") == 2


def test_overflow_waits_or_moves_once(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(MONDAY_10)
    backup = api.new_team(admin, name=unique("Backup"))
    helper = api.new_user(admin)
    api.add_member(admin, backup["id"], helper)
    moving = api.new_team(
        admin, overflow_after_seconds=30, overflow_policy="fallback", fallback_team_id=backup["id"]
    )
    staying = api.new_team(admin, overflow_after_seconds=30)
    a, b = transfer(admin, moving["id"]), transfer(admin, staying["id"])
    clock.advance(seconds=29)
    tick(api)
    assert transfer_now(admin, a)["team_id"] == moving["id"]
    clock.advance(seconds=2)
    for _ in range(3):
        tick(api)
    moved = transfer_now(admin, a)
    assert (moved["team_id"], moved["agent_id"]) == (backup["id"], helper.id)
    assert kinds(admin, a)[-3:] == ["overflowed", "moved", "assigned"]
    assert transfer_now(admin, b)["team_id"] == staying["id"]
    assert kinds(admin, b).count("overflowed") == 1


@pytest.mark.backend_independent
def test_timer_settings_are_validated(api: Api) -> None:
    admin = api.new_org()
    for body in (
        {"overflow_after_seconds": 0},
        {"sla_first_assignment_seconds": -1},
        {"sla_resolution_seconds": "soon"},
        {"overflow_policy": "panic"},
    ):
        assert_error(admin.post("/api/teams", json={"name": unique("T"), **body}), 422)


@pytest.fixture
def timer_pool(fresh_database: str) -> Any:
    pool = ServerPool(fresh_database, processes=2, env={"ROTA_TIMER_INTERVAL_SECONDS": "0.2"})
    try:
        pool.start()
        yield pool
    finally:
        pool.stop()


@heavy
@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_two_processes_breach_and_overflow_exactly_once(timer_pool: ServerPool) -> None:
    org = ServerOrg(timer_pool)
    admin = org.admin
    target = org.team("manual")
    slow = org.team("manual", sla_first_assignment_seconds=1)
    spill = org.team(
        "manual", overflow_after_seconds=1, overflow_policy="fallback", fallback_team_id=target["id"]
    )
    breaching = [transfer(admin, slow["id"]) for _ in range(10)]
    spilling = [transfer(admin, spill["id"]) for _ in range(10)]
    wait_for(
        lambda: (
            all(transfer_now(admin, t)["sla_breached"] for t in breaching)
            and all(transfer_now(admin, t)["team_id"] == target["id"] for t in spilling)
        ),
        step=0.3,
    )
    time.sleep(1.0)  # more rounds of both processes (every 0.2 s): nothing may happen twice
    for t in breaching:
        assert kinds(admin, t).count("sla_breached") == 1
    for t in spilling:
        assert transfer_now(admin, t)["team_id"] == target["id"]
        assert kinds(admin, t).count("overflowed") == 1 and kinds(admin, t).count("moved") == 1


def test_a_team_deleted_after_the_round_listed_it_is_skipped(api: Api) -> None:
    """The round lists teams, then takes each in a transaction of its own: one deleted in
    between is passed over, and the rest of the round (webhooks, pruning) still runs."""
    admin = api.new_org()
    org_id, gone = uuid.UUID(admin.user["organization_id"]), uuid.uuid4()

    async def both() -> tuple[int, int]:
        async with api.client.app.state.sessionmaker.begin() as session:
            return (
                await engine.drain_team(session, org_id, gone),
                await engine.overflow_team(session, org_id, gone, datetime.now(UTC)),
            )

    assert api.client.portal.call(both) == (0, 0)
