"""The Transfers API: creating (each strategy, exclusions, explicit agents, idempotency), lists
and visibility, queue positions, picking, assigning / moving, ending, and organization walls."""

import uuid
from typing import Any

import httpx
import pytest

from tests.support import Actor, Api, Clock, assert_error, data, login, unique

URL = "/api/chatbot/transfers"
TRANSFER_FIELDS = {
    "id",
    "contact_id",
    "team_id",
    "agent_id",
    "status",
    "notes",
    "source",
    "priority",
    "transferred_at",
    "assigned_at",
    "ended_at",
    "updated_at",
    "created_by_id",
    "queue_position",
}


def contact(actor: Actor) -> str:
    return data(actor.post("/api/contacts", json={"name": unique("Customer")}), 201)["contact"]["id"]


def create(
    actor: Actor,
    team_id: str | None = None,
    *,
    contact_id: str | None = None,
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> httpx.Response:
    body = {"contact_id": contact_id or contact(actor), **fields}
    if team_id is not None:
        body["team_id"] = team_id
    return actor.post(URL, json=body, headers=headers)


def transfer(actor: Actor, team_id: str | None = None, **fields: Any) -> dict[str, Any]:
    return data(create(actor, team_id, **fields), 201)["transfer"]


def get(actor: Actor, t: dict[str, Any]) -> dict[str, Any]:
    return data(actor.get(f"{URL}/{t['id']}"))["transfer"]


def events(actor: Actor, t: dict[str, Any]) -> list[dict[str, Any]]:
    return data(actor.get(f"{URL}/{t['id']}/events"))["events"]


def candidates(event: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["full_name"]: c for c in event["details"]["candidates"]}


def listing(actor: Actor, **params: Any) -> dict[str, Any]:
    return data(actor.get(URL, params={"status": "active", **params}))


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [t["id"] for t in items]


def assign(actor: Actor, t: dict[str, Any], body: dict[str, Any]) -> httpx.Response:
    return actor.put(f"{URL}/{t['id']}/assign", json=body)


def pick(actor: Actor, **params: Any) -> dict[str, Any] | None:
    return data(actor.post(f"{URL}/pick", params=params))["transfer"]


# --- creating: the strategies ---------------------------------------------------------------


def test_round_robin_alternates_between_agents(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    amy = api.new_user(admin, full_name="Amy First")
    bob = api.new_user(admin, full_name="Bob Second")
    api.add_member(admin, team["id"], amy)
    api.add_member(admin, team["id"], bob)
    for _ in range(2):  # Amy's load elsewhere does not matter to round robin
        transfer(admin, agent_id=amy.id)

    got = [transfer(admin, team["id"]) for _ in range(4)]
    assert [t["agent_id"] for t in got] == [amy.id, bob.id, amy.id, bob.id]
    for t in got:
        assert t.keys() >= TRANSFER_FIELDS
        assert (t["status"], t["team_id"], t["queue_position"]) == ("active", team["id"], None)
        assert t["assigned_at"] is not None and t["ended_at"] is None

    created, assigned = events(admin, got[2])
    assert (created["seq"], created["type"], assigned["seq"], assigned["type"]) == (
        1,
        "created",
        2,
        "assigned",
    )
    assert (assigned["agent_id"], assigned["actor_id"]) == (amy.id, admin.id)
    details = assigned["details"]
    assert (details["strategy"], details["chosen"]) == ("round_robin", amy.id)
    seen = candidates(assigned)
    assert seen["Amy First"]["last_turn"] < seen["Bob Second"]["last_turn"]
    assert all(c["eligible"] and c["excluded_because"] is None for c in seen.values())
    assert (seen["Amy First"]["active_transfers"], seen["Bob Second"]["active_transfers"]) == (3, 1)


def test_load_balanced_picks_the_fewest_active_across_all_teams(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="load_balanced")
    other = api.new_team(admin, assignment_strategy="manual")
    busy = api.new_user(admin, full_name="Bea Busy")
    idle = api.new_user(admin, full_name="Ian Idle")
    api.add_member(admin, team["id"], busy)
    api.add_member(admin, team["id"], idle)
    api.add_member(admin, other["id"], busy)
    transfer(admin, other["id"], agent_id=busy.id)  # held in another team: still counts

    first = transfer(admin, team["id"])
    assert first["agent_id"] == idle.id
    decision = events(admin, first)[-1]
    assert decision["details"]["strategy"] == "load_balanced"
    seen = candidates(decision)
    assert (seen["Bea Busy"]["active_transfers"], seen["Ian Idle"]["active_transfers"]) == (1, 0)
    # 1 each: the longest without an assignment wins; then the lighter load again
    assert transfer(admin, team["id"])["agent_id"] == busy.id
    assert transfer(admin, team["id"])["agent_id"] == idle.id


def test_manual_team_keeps_transfers_waiting(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    agent = api.new_user(admin, full_name="Max Manual")
    api.add_member(admin, team["id"], agent)

    first, second = transfer(admin, team["id"]), transfer(admin, team["id"])
    assert (first["agent_id"], first["assigned_at"], first["queue_position"]) == (None, None, 1)
    assert second["queue_position"] == 2
    assert [e["type"] for e in events(admin, first)] == ["created", "queued"]
    queued = events(admin, first)[-1]["details"]
    assert (queued["queue"], queued["strategy"], queued["chosen"]) == ("team", "manual", None)
    assert queued["reason"] == "manual strategy: waits to be picked"
    assert queued["candidates"][0]["eligible"] is True
    assert listing(admin)["team_queue_counts"] == {team["id"]: 2}


def test_ineligible_members_are_left_out_with_the_reason(api: Api) -> None:
    admin = api.new_org()
    data(admin.patch("/api/organization", json={"default_max_active_transfers": 1}))
    assert data(admin.get("/api/organization"))["organization"]["default_max_active_transfers"] == 1
    team = api.new_team(admin, assignment_strategy="round_robin")
    away = api.new_user(admin, full_name="Al Away", is_available=False)
    gone = api.new_user(admin, full_name="Bo Gone")
    boss = api.new_user(admin, full_name="Cy Boss")
    full = api.new_user(admin, full_name="Di Full", max_active_transfers=0)
    busy = api.new_user(admin, full_name="Ed Default")  # capacity: the organization's 1
    for user in (away, gone, full, busy):
        api.add_member(admin, team["id"], user)
    api.add_member(admin, team["id"], boss, role="manager")
    data(admin.patch(f"/api/users/{gone.id}", json={"is_active": False}))
    transfer(admin, agent_id=busy.id)  # Ed's one transfer, in the general queue

    waiting = transfer(admin, team["id"])
    assert (waiting["agent_id"], waiting["queue_position"]) == (None, 1)
    queued = events(admin, waiting)[-1]
    assert queued["type"] == "queued" and queued["details"]["reason"] == "no eligible agent"
    seen = candidates(queued)
    assert list(seen) == ["Al Away", "Bo Gone", "Cy Boss", "Di Full", "Ed Default"]
    assert {n: c["excluded_because"] for n, c in seen.items()} == {
        "Al Away": "unavailable",
        "Bo Gone": "inactive",
        "Cy Boss": "not_agent_role",
        "Di Full": "at_capacity",
        "Ed Default": "at_capacity",
    }
    assert not any(c["eligible"] for c in seen.values())
    assert (seen["Di Full"]["capacity"], seen["Di Full"]["active_transfers"]) == (0, 0)
    assert (seen["Ed Default"]["capacity"], seen["Ed Default"]["active_transfers"]) == (1, 1)


def test_no_team_waits_in_the_general_queue(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    team = api.new_team(admin)
    api.add_member(admin, team["id"], agent)
    t = transfer(admin, notes="Order #12345", source="whatsapp_bot", priority=7)
    assert (t["team_id"], t["agent_id"], t["status"], t["queue_position"]) == (None, None, "active", 1)
    assert (t["notes"], t["source"], t["priority"], t["created_by_id"]) == (
        "Order #12345",
        "whatsapp_bot",
        7,
        admin.id,
    )
    assert t["assigned_at"] is None and t["ended_at"] is None
    created, queued = events(admin, t)
    assert created["details"] == {"source": "whatsapp_bot", "priority": 7}
    assert queued["type"] == "queued"
    assert queued["details"] == {"queue": "general", "reason": "no team"}
    counts = listing(agent)
    assert (counts["general_queue_count"], counts["team_queue_counts"]) == (1, {team["id"]: 0})


# --- creating: explicit agents, errors, idempotency -----------------------------------------


def test_explicit_agent_and_who_may_choose_one(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    manager = api.new_user(admin)
    other_manager = api.new_user(admin)
    first, second = api.new_user(admin), api.new_user(admin)
    api.add_member(admin, team["id"], manager, role="manager")
    api.add_member(admin, team["id"], first)
    api.add_member(admin, team["id"], second)
    api.add_member(admin, api.new_team(admin)["id"], other_manager, role="manager")

    t = transfer(admin, team["id"], agent_id=second.id)  # round robin would choose `first`
    assert t["agent_id"] == second.id and t["queue_position"] is None
    assigned = events(admin, t)[-1]
    assert assigned["type"] == "assigned" and assigned["details"]["explicit"] is True
    assert transfer(manager, team["id"], agent_id=first.id)["agent_id"] == first.id
    assert transfer(first, team["id"], agent_id=first.id)["agent_id"] == first.id
    assert transfer(admin, agent_id=first.id)["agent_id"] == first.id  # no team
    for actor, team_id in ((first, team["id"]), (other_manager, team["id"]), (manager, None)):
        assert_error(create(actor, team_id, agent_id=second.id), 403, "cannot_assign_others")


def test_explicit_agent_must_be_an_eligible_member(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    outsider = api.new_user(admin)
    away = api.new_user(admin, is_available=False)
    full = api.new_user(admin, max_active_transfers=0)
    boss = api.new_user(admin)
    for user in (away, full):
        api.add_member(admin, team["id"], user)
    api.add_member(admin, team["id"], boss, role="manager")
    contact_id = contact(admin)
    for user, reason in (
        (outsider, "not_a_team_member"),
        (away, "unavailable"),
        (full, "at_capacity"),
        (boss, "not_agent_role"),
    ):
        body = assert_error(
            create(admin, team["id"], contact_id=contact_id, agent_id=user.id), 422, "agent_not_eligible"
        )
        assert body["errors"][0] == {"field": "agent_id", "message": reason}
    assert listing(admin)["total_count"] == 0  # nothing was left behind
    assert transfer(admin, team["id"], contact_id=contact_id)["agent_id"] is None


def test_create_errors(api: Api) -> None:
    admin = api.new_org()
    inactive = api.new_team(admin, is_active=False)
    assert_error(create(admin, contact_id=str(uuid.uuid4())), 404, "contact_not_found")
    assert_error(create(admin, str(uuid.uuid4())), 404, "team_not_found")
    assert_error(create(admin, inactive["id"]), 422, "team_inactive")
    contact_id = contact(admin)
    for bad in (-1, 101, "high", 1.5):
        assert_error(create(admin, contact_id=contact_id, priority=bad), 422)
    for ok in (0, 100):
        t = transfer(admin, contact_id=contact(admin), priority=ok)
        assert t["priority"] == ok
    first = transfer(admin, contact_id=contact_id)
    refused = assert_error(create(admin, contact_id=contact_id), 409, "contact_has_active_transfer")
    assert refused["details"] == {"transfer_id": first["id"]} and first["id"] in refused["message"]
    team = api.new_team(admin)
    refused = assert_error(
        create(admin, team["id"], contact_id=contact_id), 409, "contact_has_active_transfer"
    )
    assert refused["details"]["transfer_id"] == first["id"]
    assert listing(admin)["total_count"] == 3


def test_idempotency_key_replays_the_first_answer(api: Api) -> None:
    admin = api.new_org()
    contact_id = contact(admin)
    key = {"Idempotency-Key": unique("key")}
    first = create(admin, contact_id=contact_id, notes="first", headers=key)
    again = create(admin, contact_id=contact_id, notes="first", headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert listing(admin)["total_count"] == 1
    assert_error(
        create(admin, contact_id=contact_id, notes="second", headers=key), 422, "idempotency_key_reused"
    )
    assert_error(
        create(admin, contact_id=contact_id, notes="first", headers={"Idempotency-Key": unique("key")}),
        409,
        "contact_has_active_transfer",
    )
    assert listing(admin)["total_count"] == 1


# --- lists and visibility -------------------------------------------------------------------


def visibility_org(api: Api) -> dict[str, Any]:
    """Two manual teams; a manager and two agents in T1, an agent in T2, one agent in no team;
    waiting and assigned transfers in each queue."""
    admin = api.new_org()
    t1, t2 = (api.new_team(admin, assignment_strategy="manual") for _ in range(2))
    o = {
        "admin": admin,
        "t1": t1,
        "t2": t2,
        "manager": api.new_user(admin),
        "a": api.new_user(admin),
        "b": api.new_user(admin),
        "o": api.new_user(admin),
        "none": api.new_user(admin),
    }
    api.add_member(admin, t1["id"], o["manager"], role="manager")
    api.add_member(admin, t1["id"], o["a"])
    api.add_member(admin, t1["id"], o["b"])
    api.add_member(admin, t2["id"], o["o"])
    o["transfers"] = {
        "t1_wait": transfer(admin, t1["id"]),
        "t1_a": transfer(admin, t1["id"], agent_id=o["a"].id),
        "t1_b": transfer(admin, t1["id"], agent_id=o["b"].id),
        "t2_wait": transfer(admin, t2["id"]),
        "t2_o": transfer(admin, t2["id"], agent_id=o["o"].id),
        "g_wait": transfer(admin),
        "g_b": transfer(admin, agent_id=o["b"].id),
    }
    return o


def test_list_and_get_visibility_per_role(api: Api) -> None:
    o = visibility_org(api)
    t1, t2, ts = o["t1"]["id"], o["t2"]["id"], o["transfers"]
    expected = {
        "admin": (list(ts), {t1: 1, t2: 1}),
        "manager": (["t1_wait", "t1_a", "t1_b", "g_wait"], {t1: 1}),
        "a": (["t1_wait", "t1_a", "g_wait"], {t1: 1}),
        "o": (["t2_wait", "t2_o", "g_wait"], {t2: 1}),
        "none": (["g_wait"], {}),
    }
    for who, (names, team_counts) in expected.items():
        actor = o[who]
        got = listing(actor)
        assert ids(got["transfers"]) == [ts[n]["id"] for n in names], who  # all priority 0: oldest first
        assert got["total_count"] == len(names), who
        assert (got["general_queue_count"], got["team_queue_counts"]) == (1, team_counts), who
        for name, t in ts.items():
            resp = actor.get(f"{URL}/{t['id']}")
            if name in names:
                assert data(resp)["transfer"]["id"] == t["id"]
                assert len(events(actor, t)) >= 2
            else:
                assert_error(resp, 403, "transfer_not_visible")
                assert_error(actor.get(f"{URL}/{t['id']}/events"), 403, "transfer_not_visible")


def test_list_filters_and_paging(api: Api) -> None:
    o = visibility_org(api)
    admin, ts = o["admin"], o["transfers"]

    def names(**params: Any) -> set[str]:
        got = ids(listing(admin, **params)["transfers"])
        return {n for n, t in ts.items() if t["id"] in got}

    assert names(team_id=o["t1"]["id"]) == {"t1_wait", "t1_a", "t1_b"}
    assert names(general="true") == {"g_wait", "g_b"}
    assert names(general="false") == {"t1_wait", "t1_a", "t1_b", "t2_wait", "t2_o"}
    assert names(assigned="false") == {"t1_wait", "t2_wait", "g_wait"}
    assert names(assigned="true", agent_id=o["b"].id) == {"t1_b", "g_b"}
    assert ids(listing(o["a"], mine="true")["transfers"]) == [ts["t1_a"]["id"]]
    assert listing(admin, status="closed")["total_count"] == 0
    page = listing(admin, limit=3, page=3)
    assert (page["page"], page["limit"], page["total_count"]) == (3, 3, 7)
    assert ids(page["transfers"]) == [ts["g_b"]["id"]]
    assert_error(admin.get(URL, params={"status": "lost"}), 422)


def test_search_priority_filter_and_sort(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    made = {}
    for name, fields in [
        ("maria", {"priority": 5, "notes": "Refund for order #12"}),
        ("john", {"priority": 1}),
        ("ana_100%", {"priority": 9}),
    ]:
        contact = data(
            admin.post("/api/contacts", json={"name": name, "email": f"{name[:4]}@shop.test"}), 201
        )
        body = {"contact_id": contact["contact"]["id"], **fields}
        made[name] = data(admin.post(URL, json=body), 201)["transfer"]
        clock.advance(minutes=1)

    def found(**params: Any) -> list[str]:
        got = ids(listing(admin, **params)["transfers"])
        return [n for i in got for n, t in made.items() if t["id"] == i]

    assert found(q="MARIA") == ["maria"]  # the contact's name, whatever the case
    assert found(q="refund") == ["maria"]  # the notes
    assert found(q="john@shop") == ["john"]  # the email
    assert found(q="100%") == ["ana_100%"] and found(q="_") == ["ana_100%"]  # LIKE's signs are text
    assert found(q="nobody") == []
    assert found(min_priority=5) == ["ana_100%", "maria"]  # active: queue order
    assert found(sort="oldest") == ["maria", "john", "ana_100%"]
    assert found(sort="newest") == ["ana_100%", "john", "maria"]
    assert found(sort="priority", min_priority=0) == ["ana_100%", "maria", "john"]
    data(agent.put(f"{URL}/{made['john']['id']}/assign", json={"agent_id": agent.id}))
    assert found(sort="updated")[0] == "john"
    assert found(offered="false", assigned="true") == ["john"] and found(offered="true") == []
    assert listing(admin, q="maria", limit=1)["total_count"] == 1
    assert found(contact_id=made["john"]["contact_id"]) == ["john"]
    for bad in ({"sort": "random"}, {"min_priority": 101}, {"q": "x" * 201}):
        assert_error(admin.get(URL, params=bad), 422)


def test_queue_positions_follow_priority_then_age(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    old = transfer(admin)
    urgent = transfer(admin, priority=5)
    new = transfer(admin)
    urgent_new = transfer(admin, priority=5)
    elsewhere = transfer(admin, team["id"], priority=100)  # another queue: does not count
    assert [t["queue_position"] for t in (old, urgent, new, urgent_new, elsewhere)] == [1, 1, 3, 2, 1]
    order = [urgent, urgent_new, old, new]
    assert [get(admin, t)["queue_position"] for t in order] == [1, 2, 3, 4]
    assert ids(listing(admin, general="true")["transfers"]) == ids(order)
    assert ids(listing(admin)["transfers"]) == ids([elsewhere, *order])

    agent = api.new_user(admin)
    assert pick(agent)["id"] == urgent["id"]
    assert get(admin, urgent)["queue_position"] is None
    assert [get(admin, t)["queue_position"] for t in order[1:]] == [1, 2, 3]


# --- picking --------------------------------------------------------------------------------


def test_pick_takes_the_highest_priority_then_oldest_of_my_queues(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    other = api.new_team(admin, assignment_strategy="manual")
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    old_team = transfer(admin, team["id"])
    general = transfer(admin)
    elsewhere = transfer(admin, other["id"], priority=50)  # not the agent's queue
    urgent_team = transfer(admin, team["id"], priority=3)

    picked = [pick(agent) for _ in range(3)]
    assert ids(picked) == ids([urgent_team, old_team, general])
    assert all(t["agent_id"] == agent.id and t["status"] == "active" for t in picked)
    assert pick(agent) is None
    last = events(admin, urgent_team)[-1]
    assert (last["type"], last["actor_id"], last["agent_id"]) == ("picked", agent.id, agent.id)
    assert get(admin, elsewhere)["agent_id"] is None

    later = transfer(admin)
    assert pick(agent, team_id=team["id"]) is None  # only that team's queue
    assert pick(agent)["id"] == later["id"]
    assert pick(admin, team_id=other["id"])["id"] == elsewhere["id"]  # admins pick from any team


def test_pick_refusals(api: Api) -> None:
    admin = api.new_org()
    team, other = api.new_team(admin, assignment_strategy="manual"), api.new_team(admin)
    agent = api.new_user(admin, max_active_transfers=1)
    api.add_member(admin, team["id"], agent)
    assert_error(agent.post(f"{URL}/pick", params={"team_id": other["id"]}), 403, "not_team_member")
    assert_error(agent.post(f"{URL}/pick", params={"team_id": str(uuid.uuid4())}), 404, "team_not_found")
    waiting = [transfer(admin, team["id"]), transfer(admin, team["id"])]
    assert pick(agent)["id"] == waiting[0]["id"]
    assert_error(agent.post(f"{URL}/pick"), 409, "at_capacity")
    # the organization's default capacity counts as well
    data(admin.patch("/api/organization", json={"default_max_active_transfers": 1}))
    plain = api.new_user(admin)
    api.add_member(admin, team["id"], plain)  # joining drains nothing: the team is manual
    assert pick(plain)["id"] == waiting[1]["id"]
    transfer(admin, team["id"])
    assert_error(plain.post(f"{URL}/pick"), 409, "at_capacity")


# --- assigning, unassigning, moving ---------------------------------------------------------


def test_agent_may_take_a_waiting_transfer_but_not_reassign(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    other = api.new_team(admin, assignment_strategy="manual")
    a, b = api.new_user(admin), api.new_user(admin)
    api.add_member(admin, team["id"], a)
    api.add_member(admin, team["id"], b)
    waiting = transfer(admin, team["id"])
    assert_error(assign(a, waiting, {"agent_id": b.id}), 403, "cannot_assign_others")
    taken = data(assign(a, waiting, {"agent_id": a.id}))["transfer"]
    assert (taken["agent_id"], taken["queue_position"]) == (a.id, None)
    last = events(admin, waiting)[-1]
    assert (last["type"], last["actor_id"], last["agent_id"]) == ("picked", a.id, a.id)

    for body in ({"agent_id": None}, {"agent_id": b.id}, {"team_id": None}, {"team_id": other["id"]}):
        assert_error(assign(a, waiting, body), 403, "cannot_assign_others")
    assert_error(assign(b, waiting, {"agent_id": b.id}), 403)  # already taken by a
    general = transfer(admin)
    assert data(assign(b, general, {"agent_id": b.id}))["transfer"]["agent_id"] == b.id
    assert get(admin, waiting)["agent_id"] == a.id


def test_manager_assigns_and_unassigns_and_the_transfer_is_routed_again(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    manager = api.new_user(admin)
    a = api.new_user(admin, full_name="Ann Agent")
    b = api.new_user(admin, full_name="Ben Agent")
    api.add_member(admin, team["id"], manager, role="manager")
    api.add_member(admin, team["id"], a)
    api.add_member(admin, team["id"], b)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == a.id

    moved = data(assign(manager, t, {"agent_id": b.id}))["transfer"]
    assert moved["agent_id"] == b.id
    last = events(admin, t)[-1]
    assert (last["type"], last["actor_id"]) == ("assigned", manager.id)
    assert last["details"]["explicit"] is True and last["details"]["previous_agent_id"] == a.id

    # back to the queue: round robin would choose Ben (never had a turn), but he just had it
    again = data(assign(manager, t, {"agent_id": None}))["transfer"]
    assert again["agent_id"] == a.id
    unassigned, assigned = events(admin, t)[-2:]
    assert (unassigned["type"], unassigned["details"]["previous_agent_id"]) == ("unassigned", b.id)
    assert assigned["type"] == "assigned" and assigned["details"]["chosen"] == a.id
    assert candidates(assigned)["Ben Agent"]["excluded_because"] == "just_unassigned"

    # with nobody else, it waits
    solo_team = api.new_team(admin, assignment_strategy="round_robin")
    solo = api.new_user(admin, full_name="Sol Only")
    api.add_member(admin, solo_team["id"], solo)
    s = transfer(admin, solo_team["id"])
    assert s["agent_id"] == solo.id
    back = data(assign(admin, s, {"agent_id": None}))["transfer"]
    assert (back["agent_id"], back["queue_position"]) == (None, 1)
    queued = events(admin, s)[-1]
    assert queued["type"] == "queued" and queued["details"]["reason"] == "no eligible agent"
    assert candidates(queued)["Sol Only"]["excluded_because"] == "just_unassigned"


def test_moving_between_teams_and_to_the_general_queue(api: Api) -> None:
    admin = api.new_org()
    t1 = api.new_team(admin, assignment_strategy="manual")
    t2 = api.new_team(admin, assignment_strategy="round_robin")
    inactive = api.new_team(admin, is_active=False)
    manager, a, c = api.new_user(admin), api.new_user(admin), api.new_user(admin)
    api.add_member(admin, t1["id"], manager, role="manager")
    api.add_member(admin, t1["id"], a)
    api.add_member(admin, t2["id"], c)
    t = transfer(admin, t1["id"], agent_id=a.id)

    moved = data(assign(manager, t, {"team_id": t2["id"]}))["transfer"]
    assert (moved["team_id"], moved["agent_id"]) == (t2["id"], c.id)
    move, assigned = events(admin, t)[-2:]
    assert move["type"] == "moved"
    assert (move["details"]["from_team_id"], move["details"]["to_team_id"]) == (t1["id"], t2["id"])
    assert move["details"]["previous_agent_id"] == a.id
    assert (assigned["type"], assigned["details"]["strategy"]) == ("assigned", "round_robin")

    general = data(assign(admin, t, {"team_id": None}))["transfer"]
    assert (general["team_id"], general["agent_id"], general["queue_position"]) == (None, None, 1)
    move, queued = events(admin, t)[-2:]
    assert (move["details"]["from_team_id"], move["details"]["to_team_id"]) == (t2["id"], None)
    assert queued["type"] == "queued" and queued["details"]["queue"] == "general"
    # no longer in the manager's team: they may only take it for themselves
    assert_error(assign(manager, t, {"team_id": t1["id"]}), 403, "cannot_assign_others")
    assert_error(assign(admin, t, {"team_id": inactive["id"]}), 422, "team_inactive")
    assert_error(assign(admin, t, {"team_id": str(uuid.uuid4())}), 404, "team_not_found")
    assert get(admin, t)["team_id"] is None


def test_moving_to_its_own_team_keeps_the_agent(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == agent.id
    # only team_id is sent: nobody asked to unassign, and the only agent stays eligible
    same = data(assign(admin, t, {"team_id": team["id"]}))["transfer"]
    assert (same["team_id"], same["agent_id"]) == (team["id"], agent.id)
    assert "unassigned" not in [e["type"] for e in events(admin, t)]


def test_assign_errors(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    away, outsider = api.new_user(admin, is_available=False), api.new_user(admin)
    api.add_member(admin, team["id"], away)
    t = transfer(admin, team["id"])
    assert_error(assign(admin, t, {}), 422)
    for user, reason in ((outsider, "not_a_team_member"), (away, "unavailable")):
        body = assert_error(assign(admin, t, {"agent_id": user.id}), 422, "agent_not_eligible")
        assert body["errors"][0] == {"field": "agent_id", "message": reason}
    assert_error(
        admin.put(f"{URL}/{uuid.uuid4()}/assign", json={"agent_id": None}), 404, "transfer_not_found"
    )
    data(admin.put(f"{URL}/{t['id']}/close"))
    assert_error(assign(admin, t, {"agent_id": None}), 409, "transfer_not_active")


# --- ending ---------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["resume", "close"])
def test_ending_a_transfer(api: Api, action: str) -> None:
    status = {"resume": "resumed", "close": "closed"}[action]
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    manager, a, b = api.new_user(admin), api.new_user(admin), api.new_user(admin)
    api.add_member(admin, team["id"], manager, role="manager")
    api.add_member(admin, team["id"], a)
    api.add_member(admin, team["id"], b)
    mine = transfer(admin, team["id"], agent_id=a.id)
    waiting = transfer(admin, team["id"])

    assert_error(b.put(f"{URL}/{mine['id']}/{action}"), 403, "transfer_not_visible")
    assert_error(b.put(f"{URL}/{waiting['id']}/{action}"), 403, "not_your_transfer")
    ended = data(a.put(f"{URL}/{mine['id']}/{action}"))["transfer"]
    assert (ended["status"], ended["agent_id"]) == (status, a.id)
    assert ended["ended_at"] is not None and ended["queue_position"] is None
    assert events(a, mine)[-1]["type"] == status
    for again in ("resume", "close"):
        assert_error(a.put(f"{URL}/{mine['id']}/{again}"), 409, "transfer_not_active")
    by_manager = data(manager.put(f"{URL}/{waiting['id']}/{action}"))["transfer"]
    assert by_manager["status"] == status and by_manager["ended_at"] is not None

    listed = listing(admin, status=status)
    assert set(ids(listed["transfers"])) == {mine["id"], waiting["id"]}
    assert listing(admin)["team_queue_counts"] == {team["id"]: 0}
    # the contacts are free for a new transfer
    for old in (mine, waiting):
        assert transfer(admin, team["id"], contact_id=old["contact_id"])["status"] == "active"
    other = transfer(admin)
    assert data(admin.put(f"{URL}/{other['id']}/{action}"))["transfer"]["status"] == status


# --- organizations --------------------------------------------------------------------------


def test_other_organizations_get_404(api: Api) -> None:
    admin, stranger = api.new_org(), api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    t = transfer(admin, team["id"])
    g = transfer(admin)
    for method, path, body in (
        ("GET", "", None),
        ("GET", "/events", None),
        ("PUT", "/assign", {"agent_id": stranger.id}),
        ("PUT", "/resume", None),
        ("PUT", "/close", None),
    ):
        for target in (t, g):
            resp = stranger.request(method, f"{URL}/{target['id']}{path}", json=body)
            assert_error(resp, 404, "transfer_not_found")
    assert_error(admin.get(f"{URL}/{uuid.uuid4()}"), 404, "transfer_not_found")
    assert_error(create(stranger, contact_id=t["contact_id"]), 404, "contact_not_found")
    assert_error(create(stranger, team["id"]), 404, "team_not_found")
    assert_error(create(admin, team["id"], agent_id=stranger.id), 422, "agent_not_eligible")
    theirs = listing(stranger)
    assert (theirs["total_count"], theirs["general_queue_count"], theirs["team_queue_counts"]) == (0, 0, {})
    assert pick(stranger) is None
    assert_error(stranger.post(f"{URL}/pick", params={"team_id": team["id"]}), 404, "team_not_found")
    assert get(admin, t)["agent_id"] is None and get(admin, g)["queue_position"] == 1


def test_taking_work_oneself_needs_only_room(api: Api) -> None:
    """Availability and the team role decide what Rota hands out, not what people take: a
    busy agent (given nothing) may pick, within their room (away ones may not: test_agent_states)."""
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    away = api.new_user(admin, max_active_transfers=1)
    data(admin.patch(f"/api/users/{away.id}", json={"state": "busy"}))
    away = login(api.client, away.email, away.password)  # the caller's state is read per request
    lead = api.new_user(admin, role="manager")
    api.add_member(admin, team["id"], away)
    api.add_member(admin, team["id"], lead, role="manager")
    first, second, third = (transfer(admin, team["id"]) for _ in range(3))
    assert pick(away)["id"] == first["id"]
    assert_error(away.post("/api/chatbot/transfers/pick"), 409, "at_capacity")
    taken = data(assign(lead, second, {"agent_id": lead.id}))["transfer"]
    assert taken["agent_id"] == lead.id and events(admin, second)[-1]["type"] == "picked"
    assert get(admin, third)["agent_id"] is None


def test_every_transfer_answer_carries_its_contact_in_brief(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    people = [
        data(
            admin.post(
                "/api/contacts",
                json={
                    "name": f"Brief {i}",
                    "phone_number": f"+3460000000{i}",
                    "email": f"b{i}@example.com",
                    "external_id": f"crm-{i}",
                    "custom_attributes": {"plan": "pro"},
                },
            ),
            201,
        )["contact"]
        for i in range(3)
    ]
    brief = {
        c["id"]: {k: c[k] for k in ("id", "name", "phone_number", "email", "external_id")} for c in people
    }
    created = [transfer(admin, team["id"], contact_id=c["id"]) for c in people]
    for t in created:
        assert t["contact"] == brief[t["contact_id"]]  # no custom attributes, no timestamps
    listed = data(admin.get(URL, params={"team_id": team["id"]}))["transfers"]
    assert {t["contact_id"]: t["contact"] for t in listed} == brief
    assert get(admin, created[0])["contact"] == brief[created[0]["contact_id"]]
    closed = data(admin.put(f"{URL}/{created[1]['id']}/close"))["transfer"]
    assert closed["contact"]["name"] == "Brief 1"


def test_history_stays_numbered_through_a_move_that_waits(api: Api) -> None:
    """A move runs the new team's strategy, which reads the queue (the move is written first)
    and then records that the transfer waits: the transfer keeps count of both, so the next
    change numbers its line after them."""
    admin = api.new_org()
    agent = api.new_user(admin)
    start = api.new_team(admin, assignment_strategy="round_robin")
    manual = api.new_team(admin, assignment_strategy="manual")
    api.add_member(admin, start["id"], agent)
    api.add_member(admin, manual["id"], agent)
    moved = transfer(admin, start["id"])
    assert moved["agent_id"] == agent.id
    data(admin.put(f"/api/chatbot/transfers/{moved['id']}/assign", json={"team_id": manual["id"]}))
    data(admin.put(f"/api/chatbot/transfers/{moved['id']}/close"))
    history = events(admin, moved)
    assert [e["seq"] for e in history] == list(range(1, len(history) + 1))
    assert [e["type"] for e in history] == ["created", "assigned", "moved", "queued", "closed"]
