"""Skills: agents carry skills with a level; a transfer may require skills at a least level; only
agents with every one are candidates, and the strategies run among them; after the team's
skills_relax_after_seconds of waiting the requirement is dropped (logged, once). Pure rule cases,
then through the API on both databases."""

from typing import Any

import pytest

from rota.routing.rules import choose, exclusion
from tests.support import Actor, Api, Clock, assert_error, data, tick
from tests.test_rules import cand, uid
from tests.test_transfers import URL, events, transfer

SPANISH = {"language:es": 3}


def test_only_agents_with_every_skill_at_its_level_are_eligible() -> None:
    required = {"language:es": 3, "product:billing": 2}
    assert exclusion(cand(skills={"language:es": 3, "product:billing": 5}), required) is None
    assert exclusion(cand(skills={"language:es": 2, "product:billing": 5}), required) == "missing_skills"
    assert exclusion(cand(skills={"language:es": 5}), required) == "missing_skills"
    assert exclusion(cand(), required) == "missing_skills"
    assert exclusion(cand(), None) is None and exclusion(cand(), {}) is None


def test_other_reasons_come_first() -> None:
    assert exclusion(cand(is_available=False, state="away"), SPANISH) == "unavailable"
    assert exclusion(cand(capacity=1, active_transfers=1), SPANISH) == "at_capacity"


@pytest.mark.parametrize("strategy", ["round_robin", "load_balanced"])
def test_the_strategy_runs_among_the_skilled(strategy: str) -> None:
    # A would win either strategy (never had a turn, no load), but lacks the skill
    a = cand(user_id=uid(1), full_name="A")
    b = cand(user_id=uid(2), full_name="B", skills={"language:es": 4}, last_turn=9, active_transfers=2)
    c = cand(user_id=uid(3), full_name="C", skills={"language:es": 3}, last_turn=5, active_transfers=3)
    decision = choose(strategy, [a, b, c], required=SPANISH)
    assert decision.chosen == (c if strategy == "round_robin" else b)
    explained = decision.explain()
    assert explained["required_skills"] == SPANISH
    first = explained["candidates"][0]
    assert (first["full_name"], first["excluded_because"], first["missing_skills"]) == (
        "A",
        "missing_skills",
        ["language:es"],
    )


def test_nobody_skilled_nobody_chosen_and_a_preferred_agent_needs_the_skill_too() -> None:
    a, b = cand(user_id=uid(1), full_name="A"), cand(user_id=uid(2), full_name="B", skills=SPANISH)
    assert choose("round_robin", [a], required=SPANISH).chosen is None
    decision = choose("round_robin", [a, b], preferred=uid(1), required=SPANISH)
    assert decision.chosen == b
    assert decision.sticky == {
        "agent_id": str(uid(1)),
        "applied": False,
        "excluded_because": "missing_skills",
    }


def test_without_a_requirement_the_log_says_nothing_of_skills() -> None:
    explained = choose("round_robin", [cand(skills=SPANISH)]).explain()
    assert "required_skills" not in explained and "missing_skills" not in explained["candidates"][0]


# through the API


def skilled_team(
    api: Api, clock: Clock, admin: Actor, skills: list[dict[str, int]], **settings: Any
) -> tuple[dict[str, Any], list[Actor]]:
    """A round-robin team with one agent per skill set, who joined in that order."""
    team = api.new_team(admin, assignment_strategy="round_robin", **settings)
    agents = []
    for i, has in enumerate(skills):
        agents.append(api.new_user(admin, full_name=f"{chr(65 + i)} Agent", skills=has))
        api.add_member(admin, team["id"], agents[-1])
        clock.advance(seconds=1)
    return team, agents


def test_users_carry_skills(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin, skills={"Language:ES": 3, " product:billing": 5})
    assert ann.user["skills"] == {"language:es": 3, "product:billing": 5}  # names lower-cased
    assert data(ann.get("/api/me"))["user"]["skills"] == {"language:es": 3, "product:billing": 5}
    changed = data(admin.patch(f"/api/users/{ann.id}", json={"skills": {"language:fr": 2}}))["user"]
    assert changed["skills"] == {"language:fr": 2}  # replaced
    assert data(admin.get(f"/api/users/{ann.id}"))["user"]["skills"] == {"language:fr": 2}
    audit = data(admin.get("/api/audit-log", params={"entity_id": ann.id}))["entries"]
    assert audit[0]["changes"]["skills"] == {
        "from": {"language:es": 3, "product:billing": 5},
        "to": {"language:fr": 2},
    }
    assert data(admin.patch(f"/api/users/{ann.id}", json={"skills": {}}))["user"]["skills"] == {}
    # only admins set skills; agents and managers are refused
    manager = api.new_user(admin, "manager")
    for who in (ann, manager):
        assert_error(who.patch(f"/api/users/{ann.id}", json={"skills": {"x": 1}}), 403)


@pytest.mark.parametrize(
    "skills",
    [
        {"language:es": 0},
        {"language:es": 11},
        {"language:es": "3"},
        {"": 1},
        {"has space": 1},
        {"a" * 65: 1},
        None,
    ],
)
def test_skills_are_checked(api: Api, skills: Any) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    body = assert_error(admin.patch(f"/api/users/{ann.id}", json={"skills": skills}), 422)
    assert "Value error" not in body["message"] and "[a-z" not in str(body)  # said in words


def test_too_many_skills_are_refused(api: Api) -> None:
    admin = api.new_org()
    many = {f"skill{i}": 1 for i in range(51)}
    assert_error(
        admin.post(
            "/api/users",
            json={"email": "x@example.com", "full_name": "X", "password": "password-123", "skills": many},
        ),
        422,
    )


def test_a_transfer_goes_only_to_skilled_agents_in_turn(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob, cid) = skilled_team(api, clock, admin, [{}, {"language:es": 3}, {"language:es": 5}])
    got = [transfer(admin, team["id"], required_skills={"Language:es": 3}) for _ in range(4)]
    assert [t["agent_id"] for t in got] == [bob.id, cid.id, bob.id, cid.id]  # round robin among the two
    assert got[0]["required_skills"] == SPANISH
    plain = transfer(admin, team["id"])
    assert plain["agent_id"] == ann.id  # no requirement: Ann's turn (she never had one)
    created = events(admin, got[0])[0]
    assert created["details"]["required_skills"] == SPANISH
    decision = events(admin, got[0])[-1]["details"]
    assert decision["required_skills"] == SPANISH
    reasons = {c["full_name"]: c["excluded_because"] for c in decision["candidates"]}
    assert reasons == {"A Agent": "missing_skills", "B Agent": None, "C Agent": None}


def test_a_level_too_low_is_not_enough(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, _ = skilled_team(api, clock, admin, [{"language:es": 2}])
    t = transfer(admin, team["id"], required_skills=SPANISH)
    assert t["agent_id"] is None
    queued = events(admin, t)[-1]
    assert queued["type"] == "queued" and queued["details"]["candidates"][0]["missing_skills"] == [
        "language:es"
    ]


def test_the_requirement_is_relaxed_after_the_teams_wait(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann,) = skilled_team(api, clock, admin, [{}], skills_relax_after_seconds=300)
    t = transfer(admin, team["id"], required_skills=SPANISH)
    assert t["agent_id"] is None
    clock.advance(seconds=299)
    tick(api)
    assert data(admin.get(f"{URL}/{t['id']}"))["transfer"]["agent_id"] is None
    clock.advance(seconds=1)
    tick(api)
    now = data(admin.get(f"{URL}/{t['id']}"))["transfer"]
    assert now["agent_id"] == ann.id and now["skills_relaxed_at"] is not None
    assert now["required_skills"] == SPANISH  # kept, to show what it asked for
    kinds = [e["type"] for e in events(admin, t)]
    assert kinds[-2:] == ["skills_relaxed", "assigned"] and kinds.count("skills_relaxed") == 1
    relaxed = events(admin, t)[-2]
    assert relaxed["details"] == {"required_skills": SPANISH, "waited_seconds": 300.0}
    assert "required_skills" not in events(admin, t)[-1]["details"]
    tick(api)
    assert [e["type"] for e in events(admin, t)].count("skills_relaxed") == 1


def test_without_a_team_wait_the_requirement_holds(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, _ = skilled_team(api, clock, admin, [{}])
    t = transfer(admin, team["id"], required_skills=SPANISH)
    clock.advance(days=2)
    tick(api)
    assert data(admin.get(f"{URL}/{t['id']}"))["transfer"]["agent_id"] is None


def test_an_agent_who_gains_the_skill_gets_what_waits_for_it(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann,) = skilled_team(api, clock, admin, [{}])
    t = transfer(admin, team["id"], required_skills=SPANISH)
    assert t["agent_id"] is None
    data(admin.patch(f"/api/users/{ann.id}", json={"skills": {"language:es": 4}}))
    assert data(admin.get(f"{URL}/{t['id']}"))["transfer"]["agent_id"] == ann.id


def test_a_queue_moves_past_what_nobody_eligible_can_take(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann,) = skilled_team(api, clock, admin, [{}])
    data(ann.put("/api/me/availability", json={"state": "away"}))
    spanish = transfer(admin, team["id"], required_skills=SPANISH, priority=10)  # first in the queue
    plain = transfer(admin, team["id"])
    data(ann.put("/api/me/availability", json={"state": "available"}))  # the queue drains to her
    assert data(admin.get(f"{URL}/{plain['id']}"))["transfer"]["agent_id"] == ann.id
    assert data(admin.get(f"{URL}/{spanish['id']}"))["transfer"]["agent_id"] is None


def test_required_skills_are_checked(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    contact = data(admin.post("/api/contacts", json={"name": "C"}), 201)["contact"]["id"]
    for bad in ({"language:es": 0}, {"bad name": 1}, ["language:es"]):
        body = {"contact_id": contact, "team_id": team["id"], "required_skills": bad}
        assert_error(admin.post(URL, json=body), 422)
