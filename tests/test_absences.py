"""Absences: an agent (or an admin) records a time away; during it the agent is never
auto-assigned and shows as away; their state and transfers stay as they are."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import Actor, Api, Clock, assert_error, data
from tests.test_transfers import candidates, events, transfer

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # the held clock's start


def absence(actor: Actor, user: Actor, start: datetime, end: datetime, **extra: Any) -> dict[str, Any]:
    body = {"starts_at": start.isoformat(), "ends_at": end.isoformat(), **extra}
    return data(actor.post(f"/api/users/{user.id}/absences", json=body), 201)["absence"]


def test_an_absent_agent_is_passed_over_and_shows_away(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin, full_name="Ann Absent"), api.new_user(admin, full_name="Bob Here")
    team = api.new_team(admin, assignment_strategy="round_robin")
    for agent in (ann, bob):
        api.add_member(admin, team["id"], agent)

    later = absence(ann, ann, NOW + timedelta(hours=1), NOW + timedelta(days=2), reason="Holiday")
    assert later["reason"] == "Holiday" and later["user_id"] == ann.id
    assert data(ann.get("/api/me"))["user"]["state"] == "available"  # not yet

    clock.advance(hours=2)  # now inside it
    me = data(ann.get("/api/me"))["user"]
    assert (me["state"], me["is_available"]) == ("away", False)
    listed = {u["id"]: u for u in data(admin.get("/api/users", params={"limit": 100}))["users"]}
    assert listed[ann.id]["state"] == "away" and listed[bob.id]["state"] == "available"
    for _ in range(3):  # round robin would alternate; Ann is passed over every time
        t = transfer(admin, team["id"])
        assert t["agent_id"] == bob.id
    decision = next(e for e in events(admin, t) if e["type"] == "assigned")
    assert candidates(decision)["Ann Absent"]["excluded_because"] == "absent"
    members = {m["user_id"]: m for m in data(admin.get(f"/api/teams/{team['id']}/members"))["members"]}
    assert (members[ann.id]["state"], members[ann.id]["is_available"]) == ("away", False)
    assert members[bob.id]["state"] == "available"
    detail = data(admin.get(f"/api/teams/{team['id']}"))["team"]["members"]
    assert {m["user_id"]: m["state"] for m in detail}[ann.id] == "away"
    waiting = api.new_team(admin, assignment_strategy="manual")
    api.add_member(admin, waiting["id"], ann)
    transfer(admin, waiting["id"])
    assert_error(ann.post("/api/chatbot/transfers/pick"), 403, "agent_absent")  # away: no picking

    clock.advance(days=2)  # over: she is given work again
    assert data(ann.get("/api/me"))["user"]["state"] == "available"
    assert transfer(admin, team["id"])["agent_id"] == ann.id
    assert data(ann.get(f"/api/users/{ann.id}/absences"))["absences"] == []  # only those not over


def test_removing_an_absence_and_who_may(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin), api.new_user(admin)
    manager = api.new_user(admin, role="manager")
    now = absence(admin, ann, NOW - timedelta(hours=1), NOW + timedelta(hours=8))  # admins may
    assert [a["id"] for a in data(manager.get(f"/api/users/{ann.id}/absences"))["absences"]] == [now["id"]]
    assert_error(bob.get(f"/api/users/{ann.id}/absences"), 403, "not_your_absence")
    body = {"starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat()}
    assert_error(bob.post(f"/api/users/{ann.id}/absences", json=body), 403, "not_your_absence")
    assert_error(manager.post(f"/api/users/{ann.id}/absences", json=body), 403, "not_your_absence")
    assert_error(bob.delete(f"/api/users/{ann.id}/absences/{now['id']}"), 403, "not_your_absence")
    assert data(ann.get("/api/me"))["user"]["state"] == "away"
    assert data(ann.delete(f"/api/users/{ann.id}/absences/{now['id']}")) == {"id": now["id"], "deleted": True}
    assert data(ann.get("/api/me"))["user"]["state"] == "available"
    assert_error(ann.delete(f"/api/users/{ann.id}/absences/{now['id']}"), 404, "absence_not_found")
    # another organization's user is not found
    stranger = api.new_org()
    assert_error(stranger.post(f"/api/users/{ann.id}/absences", json=body), 404, "user_not_found")


def test_bad_absences_are_refused(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    url = f"/api/users/{ann.id}/absences"
    for body in (
        {"starts_at": "2026-03-02T10:00:00Z", "ends_at": "2026-03-02T09:00:00Z"},  # backwards
        {"starts_at": "2026-03-02T10:00:00Z", "ends_at": "2026-03-02T10:00:00Z"},  # empty
        {"starts_at": "2026-03-02T10:00:00", "ends_at": "2026-03-03T10:00:00"},  # no zone
        {"starts_at": "2026-01-01T00:00:00Z", "ends_at": "2027-06-01T00:00:00Z"},  # over a year
        {"starts_at": "2026-03-02T10:00:00Z"},
        {"starts_at": "2026-03-02T10:00:00Z", "ends_at": "2026-03-03T10:00:00Z", "reason": "x" * 201},
    ):
        assert_error(ann.post(url, json=body), 422, "validation_error")


def test_the_directory_names_everyone_with_their_state(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin, full_name="Ann Absent"), api.new_user(admin, full_name="Bob Busy")
    gone = api.new_user(admin, full_name="Gone Person")
    data(admin.patch(f"/api/users/{gone.id}", json={"is_active": False}))
    data(bob.put("/api/me/availability", json={"state": "busy"}))
    absence(admin, ann, NOW, NOW + timedelta(days=1))
    api.new_org()  # another organization's people are never listed
    people = data(bob.get("/api/directory", params={"limit": 100}))
    assert people["total"] == 3  # the admin, Ann and Bob (active people only)
    shown = {p["full_name"]: p for p in people["people"]}
    assert set(shown["Ann Absent"]) == {"id", "full_name", "role", "state", "is_available"}
    assert (shown["Ann Absent"]["state"], shown["Bob Busy"]["state"]) == ("away", "busy")
    assert [p["full_name"] for p in data(bob.get("/api/directory", params={"search": "ann"}))["people"]] == [
        "Ann Absent"
    ]
    away = data(bob.get("/api/directory", params={"state": "away"}))["people"]
    assert [p["full_name"] for p in away] == ["Ann Absent"]  # away by her absence
    available = data(admin.get("/api/users", params={"state": "available", "is_active": True}))["users"]
    assert [u["full_name"] for u in available] == ["Ada Admin"]  # Ann shows away, Bob busy
    assert_error(bob.get("/api/directory", params={"state": "sleeping"}), 422)
    assert_error(bob.get("/api/users"), 403)  # the full user list stays the admins'
