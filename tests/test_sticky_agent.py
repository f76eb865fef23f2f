"""Sticky agent: a team may prefer the contact's previous agent (sticky_agent_hours). Pure rule
cases, then through the API on both databases; the decision log says what happened either way."""

from typing import Any

import pytest

from rota.routing.rules import choose
from tests.support import Actor, Api, Clock, assert_error, data
from tests.test_rules import cand, uid
from tests.test_transfers import URL, contact, events, transfer


def test_the_preferred_agent_gets_it_when_eligible() -> None:
    first, second = cand(user_id=uid(1), full_name="A"), cand(user_id=uid(2), full_name="B", last_turn=1)
    # round robin alone would choose A (never had a turn); B is preferred and eligible
    decision = choose("round_robin", [first, second], preferred=uid(2))
    assert decision.chosen == second
    assert decision.explain()["sticky"] == {
        "agent_id": str(uid(2)),
        "applied": True,
        "excluded_because": None,
    }


@pytest.mark.parametrize(
    ("preferred", "excluded", "why"),
    [
        (cand(user_id=uid(2), full_name="B", is_available=False, state="away"), None, "unavailable"),
        (cand(user_id=uid(2), full_name="B", capacity=1, active_transfers=1), None, "at_capacity"),
        (cand(user_id=uid(2), full_name="B", member_role="manager"), None, "not_agent_role"),
        (cand(user_id=uid(2), full_name="B"), {uid(2): "just_unassigned"}, "just_unassigned"),
        (None, None, "not_a_member"),
    ],
    ids=["away", "full", "manager", "excluded", "not-a-member"],
)
def test_otherwise_the_strategy_decides_and_says_why(preferred: Any, excluded: Any, why: str) -> None:
    other = cand(user_id=uid(1), full_name="A")
    decision = choose(
        "load_balanced", [other, *([preferred] if preferred else [])], excluded, preferred=uid(2)
    )
    assert decision.chosen == other
    assert decision.explain()["sticky"] == {
        "agent_id": str(uid(2)),
        "applied": False,
        "excluded_because": why,
    }


def test_a_manual_team_assigns_nobody_even_the_preferred() -> None:
    decision = choose("manual", [cand(user_id=uid(2))], preferred=uid(2))
    assert decision.chosen is None
    assert decision.sticky == {
        "agent_id": str(uid(2)),
        "applied": False,
        "excluded_because": "manual_strategy",
    }


def test_no_preference_no_sticky_in_the_log() -> None:
    assert "sticky" not in choose("round_robin", [cand()]).explain()


def decision(actor: Actor, t: dict[str, Any]) -> dict[str, Any]:
    return [e for e in events(actor, t) if e["type"] in ("assigned", "queued")][-1]["details"]


def test_the_contacts_previous_agent_gets_the_next_transfer(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin, full_name="Ann"), api.new_user(admin, full_name="Bob")
    team = api.new_team(admin, assignment_strategy="round_robin", sticky_agent_hours=24)
    assert team["sticky_agent_hours"] == 24
    for agent in (ann, bob):
        api.add_member(admin, team["id"], agent)
    customer = contact(admin)

    first = transfer(admin, team["id"], contact_id=customer)
    assert "sticky" not in decision(admin, first)  # no previous agent
    data(admin.put(f"{URL}/{first['id']}/close"))
    clock.advance(hours=1)
    again = transfer(admin, team["id"], contact_id=customer)
    # round robin alone would give it to the other agent
    assert again["agent_id"] == first["agent_id"]
    assert decision(admin, again)["sticky"] == {
        "agent_id": first["agent_id"],
        "applied": True,
        "excluded_because": None,
    }
    data(admin.put(f"{URL}/{again['id']}/close"))

    # the previous agent went away: the strategy decides, and the log says why
    previous = ann if first["agent_id"] == ann.id else bob
    data(previous.put("/api/me/availability", json={"state": "away"}))
    third = transfer(admin, team["id"], contact_id=customer)
    assert third["agent_id"] not in (None, previous.id)
    assert decision(admin, third)["sticky"] == {
        "agent_id": previous.id,
        "applied": False,
        "excluded_because": "unavailable",
    }
    data(admin.put(f"{URL}/{third['id']}/close"))

    # past the team's hours the preference lapses (the last agent is now the other one)
    data(previous.put("/api/me/availability", json={"state": "available"}))
    clock.advance(hours=25)
    fourth = transfer(admin, team["id"], contact_id=customer)
    assert "sticky" not in decision(admin, fourth)


def test_teams_without_it_and_bad_settings(api: Api) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin), api.new_user(admin)
    team = api.new_team(admin, assignment_strategy="round_robin")
    assert team["sticky_agent_hours"] is None
    for agent in (ann, bob):
        api.add_member(admin, team["id"], agent)
    customer = contact(admin)
    first = transfer(admin, team["id"], contact_id=customer)
    data(admin.put(f"{URL}/{first['id']}/close"))
    second = transfer(admin, team["id"], contact_id=customer)
    assert second["agent_id"] != first["agent_id"]  # round robin moves on
    assert "sticky" not in decision(admin, second)
    for bad in (0, -1, 365 * 24 + 1, "24", 1.5):
        assert_error(admin.patch(f"/api/teams/{team['id']}", json={"sticky_agent_hours": bad}), 422)
    updated = data(admin.patch(f"/api/teams/{team['id']}", json={"sticky_agent_hours": 8}))["team"]
    assert updated["sticky_agent_hours"] == 8
    cleared = data(admin.patch(f"/api/teams/{team['id']}", json={"sticky_agent_hours": None}))["team"]
    assert cleared["sticky_agent_hours"] is None
