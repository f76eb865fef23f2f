"""The routing rules under load: hundreds of simultaneous transfers over HTTP, spread over two
real `rota serve` processes sharing one database, on PostgreSQL and on SQLite."""

import asyncio
from collections import Counter

import httpx
import pytest

from tests.support import ServerOrg, ServerPool, data, heavy

pytestmark = heavy

CREATES = 210
DUPLICATES = 10  # contacts that get two simultaneous creates: exactly one may win


def check_invariants(
    org: ServerOrg, team: dict, agents: list[dict], capacity: dict[str, int | None]
) -> list[dict]:
    transfers = org.all_transfers(status="active", team_id=team["id"])
    # every transfer is either assigned or waiting, and an agent holds it only once
    per_agent = Counter(t["agent_id"] for t in transfers if t["agent_id"])
    for agent_id, count in per_agent.items():
        cap = capacity.get(agent_id)
        assert cap is None or count <= cap, (agent_id, count, cap)
    assert set(per_agent) <= {a["id"] for a in agents}
    # no contact with two active transfers
    contacts = Counter(t["contact_id"] for t in org.all_transfers(status="active"))
    assert max(contacts.values()) == 1
    # queue counts equal the real number of waiting transfers
    listed = org.call("GET", "/api/chatbot/transfers", params={"status": "active"})
    waiting = [t for t in transfers if t["agent_id"] is None]
    assert listed["team_queue_counts"][team["id"]] == len(waiting)
    assert org.call(
        "GET",
        "/api/chatbot/transfers",
        params={"status": "active", "team_id": team["id"], "assigned": "false"},
    )["total_count"] == len(waiting)
    return transfers


def fire_creates(org: ServerOrg, team: dict) -> tuple[list[httpx.Response], list[str]]:
    contacts = org.contacts(CREATES)
    bodies = [{"contact_id": c, "team_id": team["id"]} for c in contacts]
    bodies += [{"contact_id": c, "team_id": team["id"]} for c in contacts[:DUPLICATES]]
    responses = asyncio.run(org.burst([("POST", "/api/chatbot/transfers", b) for b in bodies]))
    codes = Counter(r.status_code for r in responses)
    assert codes == {201: CREATES, 409: DUPLICATES}, codes
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"contact_has_active_transfer"}
    # the loser of each race is told which transfer won (its request ran again and found it)
    winners = {
        r.json()["data"]["transfer"]["contact_id"]: r.json()["data"]["transfer"]["id"]
        for r in responses
        if r.status_code == 201
    }
    for r in responses:
        if r.status_code == 409:
            assert r.json()["details"]["transfer_id"] in winners.values()
    return responses, contacts


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_round_robin_under_load(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    agents = [org.user() for _ in range(4)]
    away, manager = org.user(is_available=False), org.user(role="manager")
    team = org.team("round_robin", [(a, "agent") for a in agents] + [(away, "agent"), (manager, "manager")])
    fire_creates(org, team)
    transfers = check_invariants(org, team, agents, {})
    counts = Counter(t["agent_id"] for t in transfers)
    assert None not in counts  # unlimited capacity: everything is assigned
    assert sorted(counts) == sorted(a["id"] for a in agents)
    assert max(counts.values()) - min(counts.values()) <= 1, counts
    # the turns recorded in the decision log are all distinct: no two decisions shared a turn
    members = org.call("GET", f"/api/teams/{team['id']}/members")["members"]
    assert all(m["last_assigned_at"] for m in members if m["user_id"] in counts)


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_load_balanced_with_capacity_under_load(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    org.call("PATCH", "/api/organization", json={"default_max_active_transfers": 60})
    agents = [org.user(max_active_transfers=40), org.user(), org.user(max_active_transfers=50)]
    team = org.team("load_balanced", [(a, "agent") for a in agents])
    # one agent also serves another team and already holds transfers there
    other = org.team("manual", [(agents[1], "agent")])
    for contact in org.contacts(5):
        org.call(
            "POST",
            "/api/chatbot/transfers",
            201,
            json={"contact_id": contact, "team_id": other["id"], "agent_id": agents[1]["id"]},
        )
    fire_creates(org, team)
    capacity = {agents[0]["id"]: 40, agents[1]["id"]: 60, agents[2]["id"]: 50}
    transfers = check_invariants(org, team, agents, capacity)
    held = Counter(t["agent_id"] for t in transfers if t["agent_id"])
    # everyone filled up to capacity (5 of agent 1's are in the other team), the rest waits
    assert held == {agents[0]["id"]: 40, agents[1]["id"]: 55, agents[2]["id"]: 50}
    assert sum(1 for t in transfers if t["agent_id"] is None) == CREATES - 145


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_manual_never_assigns_under_load(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    agents = [org.user() for _ in range(2)]
    team = org.team("manual", [(a, "agent") for a in agents])
    fire_creates(org, team)
    transfers = check_invariants(org, team, agents, {})
    assert all(t["agent_id"] is None for t in transfers) and len(transfers) == CREATES
    # agents pick all at once: every waiting transfer is taken exactly once
    tokens = []
    for a in agents:
        org.call("PATCH", f"/api/users/{a['id']}", json={"password": "picker-pass-1"})
        tokens.append(org.login(a["email"], "picker-pass-1"))

    async def pick_all() -> list[httpx.Response]:
        clients = [
            httpx.AsyncClient(
                base_url=server_pool.urls[i % 2],
                timeout=120,
                headers={"Authorization": f"Bearer {tokens[i]}"},
            )
            for i in range(2)
        ]
        try:
            return await asyncio.gather(
                *(
                    clients[i % 2].post("/api/chatbot/transfers/pick", params={"team_id": team["id"]})
                    for i in range(CREATES + 20)
                )
            )
        finally:
            for c in clients:
                await c.aclose()

    picked = [data(r)["transfer"] for r in asyncio.run(pick_all())]
    taken = [p["id"] for p in picked if p is not None]
    assert len(taken) == len(set(taken)) == CREATES
    check_invariants(org, team, agents, {})
    assert (
        org.call("GET", "/api/chatbot/transfers", params={"status": "active"})["team_queue_counts"][
            team["id"]
        ]
        == 0
    )


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_agent_going_away_while_transfers_arrive(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    agents = [org.user() for _ in range(3)]
    leaving = agents[0]
    org.call("PATCH", f"/api/users/{leaving['id']}", json={"password": "leaving-pass-1"})
    token = org.login(leaving["email"], "leaving-pass-1")
    team = org.team("round_robin", [(a, "agent") for a in agents])
    contacts = org.contacts(120)

    async def run() -> tuple[list[httpx.Response], httpx.Response]:
        async with httpx.AsyncClient(
            base_url=server_pool.urls[1], timeout=120, headers={"Authorization": f"Bearer {token}"}
        ) as me:
            creates = asyncio.ensure_future(
                org.burst(
                    [
                        ("POST", "/api/chatbot/transfers", {"contact_id": c, "team_id": team["id"]})
                        for c in contacts
                    ]
                )
            )
            await asyncio.sleep(0.05)
            away = await me.put("/api/me/availability", json={"is_available": False})
            return await creates, away

    responses, away = asyncio.run(run())
    assert all(r.status_code == 201 for r in responses)
    assert data(away)["is_available"] is False
    transfers = check_invariants(org, team, agents, {})
    holders = Counter(t["agent_id"] for t in transfers)
    assert leaving["id"] not in holders  # nothing stays with the agent who left
    assert None not in holders  # and everything they had went to the others
    rest = [holders[a["id"]] for a in agents[1:]]
    assert sum(rest) == 120 and max(rest) - min(rest) <= 1


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_agents_shared_by_two_teams_under_load(server_pool: ServerPool) -> None:
    """Two teams route at once to the agent they share: the agent's capacity holds across both
    (each team locks only its own row, the agent's row serializes them), and every agent ends
    full while the rest waits."""
    org = ServerOrg(server_pool)
    ann, bob, cy = (org.user(max_active_transfers=30) for _ in range(3))
    left = org.team("load_balanced", [(ann, "agent"), (bob, "agent")])
    right = org.team("round_robin", [(bob, "agent"), (cy, "agent")])
    contacts = org.contacts(120)
    bodies = [{"contact_id": c, "team_id": (left if i % 2 else right)["id"]} for i, c in enumerate(contacts)]
    responses = asyncio.run(org.burst([("POST", "/api/chatbot/transfers", b) for b in bodies]))
    assert Counter(r.status_code for r in responses) == {201: 120}
    transfers = org.all_transfers(status="active")
    held = Counter(t["agent_id"] for t in transfers if t["agent_id"])
    assert held == {ann["id"]: 30, bob["id"]: 30, cy["id"]: 30}
    assert sum(1 for t in transfers if t["agent_id"] is None) == 30
    for team in (left, right):
        check_invariants(org, team, [ann, bob, cy], {a["id"]: 30 for a in (ann, bob, cy)})
