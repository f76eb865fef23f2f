"""Keeping queues moving: waiting transfers are assigned the moment someone can take them, and
transfers of an agent who can no longer work go back to the queue and are routed again."""

from tests.support import Actor, Api, data, transfer, transfer_events, transfer_now


def test_agent_coming_back_takes_the_queue_in_priority_then_age_order(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin, is_available=False, max_active_transfers=2)
    team = api.new_team(admin, assignment_strategy="round_robin")
    api.add_member(admin, team["id"], agent)
    old, new_urgent, newest = (
        transfer(admin, team["id"]),
        transfer(admin, team["id"], priority=5),
        transfer(admin, team["id"]),
    )
    assert all(transfer_now(admin, t)["agent_id"] is None for t in (old, new_urgent, newest))
    assert [transfer_now(admin, t)["queue_position"] for t in (new_urgent, old, newest)] == [1, 2, 3]

    data(agent.put("/api/me/availability", json={"is_available": True}))
    assert transfer_now(admin, new_urgent)["agent_id"] == agent.id
    assert transfer_now(admin, old)["agent_id"] == agent.id
    assert transfer_now(admin, newest)["agent_id"] is None  # capacity 2
    assert transfer_now(admin, newest)["queue_position"] == 1
    assert transfer_events(admin, old)[-1]["details"]["trigger"] == "agent_changed"


def test_freed_capacity_takes_the_next_waiting_transfer(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin, max_active_transfers=1)
    team = api.new_team(admin, assignment_strategy="load_balanced")
    api.add_member(admin, team["id"], agent)
    first, second = transfer(admin, team["id"]), transfer(admin, team["id"])
    assert (first["agent_id"], second["agent_id"]) == (agent.id, None)
    assert transfer_events(admin, second)[-1]["details"]["candidates"][0]["excluded_because"] == "at_capacity"
    data(agent.put(f"/api/chatbot/transfers/{first['id']}/close"))
    assert transfer_now(admin, second)["agent_id"] == agent.id
    assert transfer_events(admin, second)[-1]["details"]["trigger"] == "capacity_freed"
    # capacity raised by the organization default also moves the queue
    third = transfer(admin, team["id"])
    data(admin.patch("/api/organization", json={"default_max_active_transfers": 1}))
    data(admin.patch(f"/api/users/{agent.id}", json={"max_active_transfers": None}))
    assert transfer_now(admin, third)["agent_id"] is None
    data(admin.patch("/api/organization", json={"default_max_active_transfers": 2}))
    assert transfer_now(admin, third)["agent_id"] == agent.id


def test_joining_a_team_takes_its_queue(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    waiting = transfer(admin, team["id"])
    assert transfer_events(admin, waiting)[-1]["details"]["reason"] == "no eligible agent"
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    assert transfer_now(admin, waiting)["agent_id"] == agent.id


def test_switching_a_manual_team_to_automatic_drains_it(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    team = api.new_team(admin, assignment_strategy="manual")
    api.add_member(admin, team["id"], agent)
    waiting = transfer(admin, team["id"])
    assert transfer_now(admin, waiting)["agent_id"] is None
    data(admin.put(f"/api/teams/{team['id']}", json={"assignment_strategy": "round_robin"}))
    assert transfer_now(admin, waiting)["agent_id"] == agent.id


def _two_agents(api: Api, admin: Actor, strategy: str = "round_robin") -> tuple[dict, Actor, Actor]:
    team = api.new_team(admin, assignment_strategy=strategy)
    first, second = api.new_user(admin), api.new_user(admin)
    api.add_member(admin, team["id"], first)
    data(second.put("/api/me/availability", json={"is_available": False}))
    api.add_member(admin, team["id"], second)
    return team, first, second


def test_going_away_returns_transfers_and_they_are_routed_again(api: Api) -> None:
    admin = api.new_org()
    team, first, second = _two_agents(api, admin)
    held = [transfer(admin, team["id"]) for _ in range(3)]
    assert {t["agent_id"] for t in held} == {first.id}
    data(second.put("/api/me/availability", json={"is_available": True}))
    away = data(first.put("/api/me/availability", json={"is_available": False}))
    assert away == {"is_available": False, "transfers_returned": 3}
    assert {transfer_now(admin, t)["agent_id"] for t in held} == {second.id}
    kinds = [e["type"] for e in transfer_events(admin, held[0])]
    assert kinds[-2:] == ["unassigned", "assigned"]
    assert transfer_events(admin, held[0])[-2]["details"]["reason"] == "agent went away"


def test_going_away_with_nobody_else_leaves_them_waiting(api: Api) -> None:
    admin = api.new_org()
    team, first, _ = _two_agents(api, admin)
    held = transfer(admin, team["id"])
    data(first.put("/api/me/availability", json={"is_available": False}))
    assert transfer_now(admin, held)["agent_id"] is None
    counts = data(admin.get("/api/chatbot/transfers", params={"status": "active"}))
    assert counts["team_queue_counts"][team["id"]] == 1


def test_deactivated_agent_gives_back_transfers(api: Api) -> None:
    admin = api.new_org()
    team, first, second = _two_agents(api, admin)
    held = transfer(admin, team["id"])
    data(second.put("/api/me/availability", json={"is_available": True}))
    data(admin.patch(f"/api/users/{first.id}", json={"is_active": False}))
    assert transfer_now(admin, held)["agent_id"] == second.id
    assert transfer_events(admin, held)[-2]["details"]["reason"] == "agent deactivated"


def test_deleted_agent_gives_back_transfers(api: Api) -> None:
    admin = api.new_org()
    team, first, second = _two_agents(api, admin)
    held = transfer(admin, team["id"])
    data(second.put("/api/me/availability", json={"is_available": True}))
    data(admin.delete(f"/api/users/{first.id}"))
    assert transfer_now(admin, held)["agent_id"] == second.id


def test_removed_member_gives_back_only_that_teams_transfers(api: Api) -> None:
    admin = api.new_org()
    team, first, second = _two_agents(api, admin)
    other = api.new_team(admin, assignment_strategy="round_robin")
    api.add_member(admin, other["id"], first)
    here, there = transfer(admin, team["id"]), transfer(admin, other["id"])
    data(second.put("/api/me/availability", json={"is_available": True}))
    data(admin.delete(f"/api/teams/{team['id']}/members/{first.id}"))
    assert transfer_now(admin, here)["agent_id"] == second.id
    assert transfer_now(admin, there)["agent_id"] == first.id
    assert transfer_events(admin, here)[-2]["details"]["reason"] == "agent removed from the team"


def test_deleting_a_team_moves_its_waiting_transfers_to_the_general_queue(api: Api) -> None:
    admin = api.new_org()
    team, first, _ = _two_agents(api, admin)
    assigned = transfer(admin, team["id"])
    data(first.put("/api/me/availability", json={"is_available": False}))
    waiting = [transfer(admin, team["id"]) for _ in range(2)]
    before = data(admin.get("/api/chatbot/transfers", params={"status": "active"}))
    data(admin.delete(f"/api/teams/{team['id']}"))
    after = data(admin.get("/api/chatbot/transfers", params={"status": "active"}))
    assert after["general_queue_count"] == before["general_queue_count"] + 3  # incl. the returned one
    assert team["id"] not in after["team_queue_counts"]
    for t in [assigned, *waiting]:
        moved = transfer_now(admin, t)
        assert moved["team_id"] is None and moved["status"] == "active"
        assert transfer_events(admin, t)[-1]["details"]["reason"] == "team deleted"
    # the general queue is served by picking (by agents who are available: test_agent_states)
    data(first.put("/api/me/availability", json={"is_available": True}))
    assert data(first.post("/api/chatbot/transfers/pick"))["transfer"]["id"] == assigned["id"]
