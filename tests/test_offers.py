"""Offer and accept: in a team with accept_timeout_seconds an automatic assignment is an offer
the agent accepts or declines; one not accepted in time lapses (once) and goes to the next
eligible agent; who passed it over is never offered it again; offers count against capacity.
Through the API on both databases, with the timer rounds run in the test's process."""

from typing import Any

import pytest

from tests.support import Actor, Api, Clock, assert_error, data, tick
from tests.test_transfers import URL, events, transfer

pytestmark = pytest.mark.usefixtures("clock")


def offer_team(
    api: Api, clock: Clock, admin: Actor, n: int = 2, **settings: Any
) -> tuple[dict[str, Any], list[Actor]]:
    """A round-robin team whose assignments are offers (60 s), with n agents (A, B, ...) who
    joined in that order (so round robin offers to A first)."""
    team = api.new_team(admin, assignment_strategy="round_robin", accept_timeout_seconds=60, **settings)
    agents = [api.new_user(admin, full_name=f"{chr(65 + i)} Agent") for i in range(n)]
    for agent in agents:
        api.add_member(admin, team["id"], agent)
        clock.advance(seconds=1)
    return team, agents


def lapse(api: Api, admin: Actor, t: dict[str, Any]) -> int:
    """Runs a timer round; how many times this transfer's offer lapsed in it."""
    before = types(admin, t).count("offer_lapsed")
    tick(api)
    return types(admin, t).count("offer_lapsed") - before


def now(actor: Actor, t: dict[str, Any]) -> dict[str, Any]:
    return data(actor.get(f"{URL}/{t['id']}"))["transfer"]


def types(actor: Actor, t: dict[str, Any]) -> list[str]:
    return [e["type"] for e in events(actor, t)]


def test_an_automatic_assignment_is_an_offer_the_agent_accepts(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, _) = offer_team(api, clock, admin)
    assert team["accept_timeout_seconds"] == 60 and team["missed_offer_sets_away"] is False
    t = transfer(admin, team["id"])
    assert t["agent_id"] == ann.id
    assert t["offer_expires_at"] is not None and t["first_assigned_at"] is None
    offered = events(admin, t)[-1]
    assert offered["type"] == "offered" and offered["agent_id"] == ann.id
    assert offered["details"]["accept_within_seconds"] == 60
    assert offered["details"]["chosen"] == ann.id  # the decision, as for any assignment

    clock.advance(seconds=30)
    accepted = data(ann.put(f"{URL}/{t['id']}/accept"))["transfer"]
    assert accepted["agent_id"] == ann.id and accepted["offer_expires_at"] is None
    assert accepted["first_assigned_at"] is not None
    assert events(admin, t)[-1]["type"] == "accepted"
    assert events(admin, t)[-1]["details"]["seconds"] == 30.0
    # accepted: nothing lapses, and it cannot be accepted or declined again
    clock.advance(seconds=120)
    assert lapse(api, admin, t) == 0
    assert_error(ann.put(f"{URL}/{t['id']}/accept"), 409, "not_offered")
    assert_error(ann.put(f"{URL}/{t['id']}/decline"), 409, "not_offered")
    assert now(admin, t)["agent_id"] == ann.id


def test_only_the_agent_it_is_offered_to_may_answer(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin)
    manager = api.new_member(admin, team, "manager")
    outsider = api.new_user(admin)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == ann.id
    for someone in (manager, admin):  # they see it, but it is not theirs to accept
        assert_error(someone.put(f"{URL}/{t['id']}/accept"), 409, "not_offered")
        assert_error(someone.put(f"{URL}/{t['id']}/decline"), 409, "not_offered")
    for someone in (bob, outsider):  # another agent's transfer is not theirs to see
        assert_error(someone.put(f"{URL}/{t['id']}/accept"), 403, "transfer_not_visible")
        assert_error(someone.put(f"{URL}/{t['id']}/decline"), 403, "transfer_not_visible")
    assert_error(ann.put(f"{URL}/00000000-0000-0000-0000-000000000000/accept"), 404, "transfer_not_found")
    assert now(admin, t)["offer_expires_at"] is not None  # nothing changed


def test_a_declined_offer_goes_to_the_next_agent_and_never_back(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == ann.id

    declined = data(ann.put(f"{URL}/{t['id']}/decline"))["transfer"]
    assert declined["agent_id"] == bob.id and declined["offer_expires_at"] is not None
    assert declined["passed_by"] == {ann.id: "declined"}
    assert types(admin, t)[-2:] == ["offer_declined", "offered"]
    candidates = {c["full_name"]: c for c in events(admin, t)[-1]["details"]["candidates"]}
    assert candidates["A Agent"]["excluded_because"] == "declined"

    data(bob.put(f"{URL}/{t['id']}/decline"))
    waiting = now(admin, t)
    assert waiting["agent_id"] is None and waiting["offer_expires_at"] is None
    assert waiting["passed_by"] == {ann.id: "declined", bob.id: "declined"}
    queued = events(admin, t)[-1]
    assert queued["type"] == "queued" and queued["details"]["reason"] == "no eligible agent"
    # the next transfer still goes to them: the pass concerns that transfer alone
    assert transfer(admin, team["id"])["agent_id"] in (ann.id, bob.id)
    # people may still take it by hand
    assert (
        data(ann.put(f"{URL}/{t['id']}/assign", json={"agent_id": ann.id}))["transfer"]["agent_id"] == ann.id
    )


def test_an_offer_not_accepted_in_time_lapses_once(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == ann.id
    clock.advance(seconds=59)
    assert lapse(api, admin, t) == 0
    clock.advance(seconds=1)
    assert_error(ann.put(f"{URL}/{t['id']}/accept"), 409, "offer_expired")
    assert lapse(api, admin, t) == 1
    moved = now(admin, t)
    assert moved["agent_id"] == bob.id and moved["passed_by"] == {ann.id: "offer_lapsed"}
    lapsed = [e for e in events(admin, t) if e["type"] == "offer_lapsed"]
    assert len(lapsed) == 1 and lapsed[0]["details"]["previous_agent_id"] == ann.id
    assert lapsed[0]["actor_id"] is None
    assert lapse(api, admin, t) == 0
    assert_error(ann.put(f"{URL}/{t['id']}/accept"), 403, "transfer_not_visible")  # Bob's now
    # Bob lets it lapse too: it waits, offered to nobody, and says why
    clock.advance(seconds=61)
    assert lapse(api, admin, t) == 1
    waiting = now(admin, t)
    assert waiting["agent_id"] is None and set(waiting["passed_by"]) == {ann.id, bob.id}
    assert types(admin, t)[-1] == "queued"
    # Ann is still available (the team does not make people away) and gets new work
    assert data(ann.get("/api/me"))["user"]["state"] == "available"
    assert transfer(admin, team["id"])["agent_id"] == ann.id


def test_offers_count_against_capacity(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin)
    for agent in (ann, bob):
        data(admin.patch(f"/api/users/{agent.id}", json={"max_active_transfers": 1}))
    first, second, third = (transfer(admin, team["id"]) for _ in range(3))
    assert {first["agent_id"], second["agent_id"]} == {ann.id, bob.id}
    assert third["agent_id"] is None
    reasons = {c["excluded_because"] for c in events(admin, third)[-1]["details"]["candidates"]}
    assert reasons == {"at_capacity"}
    # a decline frees the capacity: the waiting one is offered to the one who declined
    owner = ann if first["agent_id"] == ann.id else bob
    data(owner.put(f"{URL}/{first['id']}/decline"))
    assert now(admin, third)["agent_id"] == owner.id
    assert now(admin, first)["agent_id"] is None  # the other agent is full


def test_a_missed_offer_makes_the_agent_away_when_the_team_says_so(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin, missed_offer_sets_away=True)
    kept = transfer(admin, team["id"])
    data(ann.put(f"{URL}/{kept['id']}/accept"))
    clock.advance(seconds=1)
    t = transfer(admin, team["id"])
    assert t["agent_id"] == bob.id
    clock.advance(seconds=61)
    assert lapse(api, admin, t) == 1
    assert data(bob.get("/api/me"))["user"]["state"] == "away"
    # the lapsed transfer went to Ann; Bob's other work (none) went back by the usual rule
    assert now(admin, t)["agent_id"] == ann.id
    audit = data(admin.get("/api/audit-log", params={"entity_id": bob.id}))["entries"]
    changed = [e for e in audit if e["action"] == "user.availability_changed"]
    assert len(changed) == 1 and changed[0]["actor_id"] is None
    assert changed[0]["changes"]["cause"] == "missed_offer"
    assert changed[0]["changes"]["state"] == {"from": "available", "to": "away"}
    # Ann lets hers lapse too: away, and (the organization says so) her accepted one goes back
    clock.advance(seconds=61)
    assert lapse(api, admin, t) == 1
    assert data(ann.get("/api/me"))["user"]["state"] == "away"
    assert now(admin, kept)["agent_id"] is None


def test_assignments_people_make_are_not_offers(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual", accept_timeout_seconds=60)
    ann = api.new_member(admin, team)
    waiting = transfer(admin, team["id"])
    assert waiting["agent_id"] is None  # manual: nobody is offered it
    picked = data(ann.post(f"{URL}/pick"))["transfer"]
    assert picked["agent_id"] == ann.id and picked["offer_expires_at"] is None
    direct = transfer(admin, team["id"], agent_id=ann.id)
    assert direct["agent_id"] == ann.id and direct["offer_expires_at"] is None
    assert direct["first_assigned_at"] is not None


def test_closing_or_unassigning_an_offer_ends_it(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team, (ann, bob) = offer_team(api, clock, admin)
    closed, unassigned = transfer(admin, team["id"]), transfer(admin, team["id"])
    assert (closed["agent_id"], unassigned["agent_id"]) == (ann.id, bob.id)
    assert data(admin.put(f"{URL}/{closed['id']}/close"))["transfer"]["offer_expires_at"] is None
    after = data(admin.put(f"{URL}/{unassigned['id']}/assign", json={"agent_id": None}))["transfer"]
    assert after["agent_id"] == ann.id  # offered to the next agent, Bob just unassigned
    clock.advance(seconds=61)
    assert lapse(api, admin, closed) == 0 and lapse(api, admin, unassigned) == 0  # lapsed at once
    assert types(admin, unassigned).count("offer_lapsed") == 1  # the new offer, not the ended one


@pytest.mark.parametrize("value", [0, -1, 3601, "60", 1.5])
def test_accept_timeout_is_checked(api: Api, value: Any) -> None:
    admin = api.new_org()
    assert_error(admin.post("/api/teams", json={"name": "T", "accept_timeout_seconds": value}), 422)


def test_team_settings_change_and_are_checked(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    assert team["accept_timeout_seconds"] is None and team["skills_relax_after_seconds"] is None
    changed = data(
        admin.patch(
            f"/api/teams/{team['id']}",
            json={
                "accept_timeout_seconds": 30,
                "missed_offer_sets_away": True,
                "skills_relax_after_seconds": 120,
            },
        )
    )["team"]
    assert (changed["accept_timeout_seconds"], changed["missed_offer_sets_away"]) == (30, True)
    assert changed["skills_relax_after_seconds"] == 120
    assert_error(admin.patch(f"/api/teams/{team['id']}", json={"missed_offer_sets_away": None}), 422)
    cleared = data(admin.patch(f"/api/teams/{team['id']}", json={"accept_timeout_seconds": None}))["team"]
    assert cleared["accept_timeout_seconds"] is None
    agent = api.new_member(admin, team)
    assert_error(agent.patch(f"/api/teams/{team['id']}", json={"accept_timeout_seconds": 5}), 403)


def test_webhooks_may_subscribe_to_offers(api: Api) -> None:
    admin = api.new_org()
    data(admin.patch("/api/organization", json={"allow_private_webhook_targets": True}))
    body = {
        "url": "http://127.0.0.1:9/hook",
        "event_types": [
            "transfer.offered",
            "transfer.accepted",
            "transfer.offer_declined",
            "transfer.offer_lapsed",
        ],
    }
    hook = data(admin.post("/api/webhooks", json=body), 201)["webhook"]
    assert hook["event_types"] == body["event_types"]


def test_the_candidates_of_a_transfer_are_who_may_be_given_it(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    ann, bob, cid = (api.new_user(admin, full_name=f"{n} Agent") for n in ("Ann", "Bob", "Cid"))
    manager = api.new_user(admin, "manager", full_name="Max Manager")
    for user in (ann, bob, cid):
        api.add_member(admin, team["id"], user)
    api.add_member(admin, team["id"], manager, "manager")
    data(bob.put("/api/me/availability", json={"state": "away"}))
    data(admin.patch(f"/api/users/{cid.id}", json={"max_active_transfers": 0}))
    t = transfer(admin, team["id"])
    for who in (admin, manager):
        listed = data(who.get(f"{URL}/{t['id']}/candidates"))["candidates"]
        assert [(c["full_name"], c["eligible"], c["excluded_because"]) for c in listed] == [
            ("Ann Agent", True, None),
            ("Bob Agent", False, "unavailable"),
            ("Cid Agent", False, "at_capacity"),
            ("Max Manager", False, "not_agent_role"),
        ]
    assert_error(ann.get(f"{URL}/{t['id']}/candidates"), 403, "cannot_assign_others")
    general = transfer(admin, None)  # the general queue: anyone active of the organization
    names = {c["full_name"]: c for c in data(admin.get(f"{URL}/{general['id']}/candidates"))["candidates"]}
    assert names["Ann Agent"]["eligible"] and names["Bob Agent"]["excluded_because"] == "unavailable"
    assert "Ada Admin" in names
    other = api.new_org()
    assert_error(other.get(f"{URL}/{t['id']}/candidates"), 404)
