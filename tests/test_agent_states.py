"""Agent states (available, busy, away, offline), through the API on both databases: who keeps
their transfers, who is given new ones, who may pick, and the organization's settings."""

from typing import Any

from tests.support import Actor, Api, assert_error, data
from tests.test_transfers import URL, candidates, events, pick, transfer


def state(actor: Actor, **body: Any) -> dict[str, Any]:
    return data(actor.put("/api/me/availability", json=body))


def me(actor: Actor) -> dict[str, Any]:
    return data(actor.get("/api/me"))["user"]


def team_with(api: Api, admin: Actor, *agents: Actor) -> dict[str, Any]:
    team = api.new_team(admin, assignment_strategy="round_robin")
    for agent in agents:
        api.add_member(admin, team["id"], agent)
    return team


def test_busy_keeps_work_gets_none_and_may_pick(api: Api) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin, full_name="Ann Busy"), api.new_user(admin, full_name="Bob Free")
    team = team_with(api, admin, ann, bob)
    held = transfer(admin, team["id"], agent_id=ann.id)

    answer = state(ann, state="busy")
    assert answer == {"is_available": False, "transfers_returned": 0}
    assert (me(ann)["state"], me(ann)["is_available"]) == ("busy", False)
    assert data(admin.get(f"{URL}/{held['id']}"))["transfer"]["agent_id"] == ann.id  # kept

    new = transfer(admin, team["id"])
    assert new["agent_id"] == bob.id  # nothing new for the busy agent
    decision = next(e for e in events(admin, new) if e["type"] == "assigned")
    assert candidates(decision)["Ann Busy"]["excluded_because"] == "busy"

    waiting = transfer(admin)  # the general queue
    assert pick(ann)["id"] == waiting["id"]  # busy agents may pick, by default


def test_busy_agents_may_not_pick_when_the_organization_says_so(api: Api) -> None:
    admin = api.new_org()
    organization = data(admin.patch("/api/organization", json={"busy_may_pick": False}))["organization"]
    assert organization["busy_may_pick"] is False
    ann = api.new_user(admin)
    transfer(admin)
    state(ann, state="busy")
    assert_error(ann.post(f"{URL}/pick"), 403, "agent_busy")
    state(ann, state="available")
    assert pick(ann) is not None


def test_away_and_offline_agents_may_not_pick(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    transfer(admin)
    for s in ("away", "offline"):
        state(ann, state=s)
        assert_error(ann.post(f"{URL}/pick"), 403, "agent_unavailable")
    state(ann, is_available=True)
    assert pick(ann) is not None


def test_going_away_returns_transfers_unless_kept(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    team = team_with(api, admin, ann)
    first = transfer(admin, team["id"], agent_id=ann.id)

    # the change itself says to keep them
    assert state(ann, state="away", keep_transfers=True)["transfers_returned"] == 0
    assert data(admin.get(f"{URL}/{first['id']}"))["transfer"]["agent_id"] == ann.id
    state(ann, state="available")

    # the organization's default (return them), as the seed's is_available: false does
    answer = state(ann, is_available=False)
    assert (me(ann)["state"], answer["transfers_returned"]) == ("away", 1)
    assert data(admin.get(f"{URL}/{first['id']}"))["transfer"]["agent_id"] is None
    state(ann, state="available")  # back: the queue moves to her
    assert data(admin.get(f"{URL}/{first['id']}"))["transfer"]["agent_id"] == ann.id

    # the organization keeps them; a change may still give them back
    data(admin.patch("/api/organization", json={"away_keeps_transfers": True}))
    assert state(ann, state="offline")["transfers_returned"] == 0
    assert data(admin.get(f"{URL}/{first['id']}"))["transfer"]["agent_id"] == ann.id
    state(ann, state="available")
    assert state(ann, state="away", keep_transfers=False)["transfers_returned"] == 1


def test_admins_set_states_and_bad_input_is_refused(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    user = data(admin.patch(f"/api/users/{ann.id}", json={"state": "busy"}))["user"]
    assert (user["state"], user["is_available"]) == ("busy", False)
    user = data(admin.patch(f"/api/users/{ann.id}", json={"is_available": True}))["user"]
    assert (user["state"], user["is_available"]) == ("available", True)
    assert_error(admin.patch(f"/api/users/{ann.id}", json={"state": "busy", "is_available": True}), 422)
    assert_error(ann.put("/api/me/availability", json={}), 422, "validation_error")
    assert_error(ann.put("/api/me/availability", json={"state": "busy", "is_available": True}), 422)
    assert_error(ann.put("/api/me/availability", json={"state": "napping"}), 422, "validation_error")
    assert_error(ann.put("/api/me/availability", json={"state": None}), 422, "validation_error")
    # an agent may not set another's state
    bob = api.new_user(admin)
    assert_error(bob.patch(f"/api/users/{ann.id}", json={"state": "away"}), 403)


def test_the_rules_say_busy_apart_from_away() -> None:
    """Pure: a busy agent is left out as busy; away and offline ones as unavailable (the seed's
    word); inactive still comes first, and an available agent at capacity is at capacity."""
    from rota.routing.rules import choose, exclusion
    from tests.test_rules import cand, uid

    assert exclusion(cand(is_available=False, state="busy")) == "busy"
    assert exclusion(cand(is_available=False, state="away")) == "unavailable"
    assert exclusion(cand(is_available=False, state="offline")) == "unavailable"
    assert exclusion(cand(is_active=False, is_available=False, state="busy")) == "inactive"
    assert exclusion(cand(state="available", capacity=1, active_transfers=1)) == "at_capacity"
    # an absence (tests/test_absences.py) outranks the state, and inactive outranks it
    assert exclusion(cand(absent=True)) == "absent"
    assert exclusion(cand(absent=True, is_available=False, state="busy")) == "absent"
    assert exclusion(cand(absent=True, is_active=False)) == "inactive"
    busy = cand(user_id=uid(1), full_name="A", is_available=False, state="busy")
    free = cand(user_id=uid(2), full_name="B")
    decision = choose("round_robin", [busy, free])
    assert decision.chosen == free
    assert [reason for _, reason in decision.considered] == ["busy", None]
