"""Support hours through the API: schedules, teams that open and close, out-of-hours routing,
fallbacks, waiting-time figures. The clock is held by the `clock` fixture."""

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support import Actor, Api, Clock, assert_error, data, tick, transfer, transfer_events, unique

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
OFFICE = [{"day": d, "start": "09:00", "end": "17:00"} for d in WEEKDAYS]
SUNDAY_NOON = datetime(2026, 3, 1, 11, 0, tzinfo=UTC)  # 12:00 in Berlin
MONDAY_9_BERLIN = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def schedule(admin: Actor, **fields: Any) -> dict[str, Any]:
    body = {"name": unique("Hours"), "timezone": "Europe/Berlin", "weekly": OFFICE, **fields}
    return data(admin.post("/api/schedules", json=body), 201)["schedule"]


def test_schedule_crud_and_state(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(SUNDAY_NOON)
    created = schedule(
        admin, exceptions=[{"date": "2026-03-02", "ranges": [{"start": "12:00", "end": "14:00"}]}]
    )
    assert created["is_open"] is False
    # Monday has special hours: it opens at 12:00 Berlin, not 09:00
    assert created["next_change_at"] == "2026-03-02T11:00:00Z"
    got = data(admin.get(f"/api/schedules/{created['id']}"))["schedule"]
    assert got["weekly"] == created["weekly"] and got["exceptions"][0]["date"] == "2026-03-02"
    changed = data(admin.patch(f"/api/schedules/{created['id']}", json={"exceptions": []}))["schedule"]
    assert changed["next_change_at"] == "2026-03-02T08:00:00Z" and changed["weekly"] == created["weekly"]
    listed = data(admin.get("/api/schedules"))
    assert listed["total"] == 1
    agent = api.new_user(admin)
    data(agent.get(f"/api/schedules/{created['id']}"))  # everyone may read
    assert_error(agent.post("/api/schedules", json={"name": "x", "timezone": "UTC"}), 403)
    assert_error(agent.patch(f"/api/schedules/{created['id']}", json={"name": "y"}), 403)
    assert_error(
        admin.post("/api/schedules", json={"name": created["name"].upper(), "timezone": "UTC"}),
        409,
        "schedule_name_taken",
    )
    data(admin.delete(f"/api/schedules/{created['id']}"))
    assert_error(admin.get(f"/api/schedules/{created['id']}"), 404, "schedule_not_found")
    other = api.new_org()
    kept = schedule(admin)
    assert_error(other.get(f"/api/schedules/{kept['id']}"), 404)


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    "body, field",
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "localtime"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"weekly": [{"day": "funday", "start": "09:00", "end": "17:00"}]}, "weekly.0.day"),
        ({"weekly": [{"day": "monday", "start": "9:00", "end": "17:00"}]}, "weekly.0.start"),
        ({"weekly": [{"day": "monday", "start": "09:00", "end": "24:01"}]}, "weekly.0.end"),
        ({"exceptions": [{"date": "2026-13-01", "closed": True}]}, "exceptions.0.date"),
        ({"exceptions": [{"date": "2026-12-25"}]}, "exceptions.0"),
        (
            {
                "exceptions": [
                    {"date": "2026-12-25", "closed": True, "ranges": [{"start": "09:00", "end": "10:00"}]}
                ]
            },
            "exceptions.0",
        ),
        (
            {"exceptions": [{"date": "2026-12-25", "closed": True}, {"date": "2026-12-25", "closed": True}]},
            "exceptions",
        ),
    ],
)
def test_bad_schedules_are_refused(api: Api, body: dict, field: str) -> None:
    admin = api.new_org()
    full = {"name": "Hours", "timezone": "Europe/Berlin", **body}
    err = assert_error(admin.post("/api/schedules", json=full), 422, "validation_error")
    assert any(e["field"].startswith(field) for e in err["errors"]), err
    assert data(admin.get("/api/schedules"))["total"] == 0


def test_team_shows_whether_it_is_open(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(SUNDAY_NOON)
    hours = schedule(admin)
    team = api.new_team(admin, schedule_id=hours["id"])
    assert (team["is_open"], team["next_change_at"]) == (False, "2026-03-02T08:00:00Z")
    clock.set(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    got = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert (got["is_open"], got["next_change_at"]) == (True, "2026-03-02T16:00:00Z")
    plain = api.new_team(admin)
    assert (plain["is_open"], plain["next_change_at"], plain["schedule_id"]) == (True, None, None)
    assert_error(
        admin.put(f"/api/teams/{plain['id']}", json={"schedule_id": str(team["id"])}),
        404,
        "schedule_not_found",
    )
    assert_error(admin.delete(f"/api/schedules/{hours['id']}"), 409, "schedule_in_use")


def test_closed_team_keeps_transfers_waiting_and_says_when_it_opens(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(SUNDAY_NOON)
    team = api.new_team(admin, schedule_id=schedule(admin)["id"])
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    waiting = transfer(admin, team["id"])
    assert (waiting["agent_id"], waiting["out_of_hours"], waiting["opens_at"]) == (
        None,
        True,
        "2026-03-02T08:00:00Z",
    )
    assert transfer_events(admin, waiting)[-1]["details"]["reason"] == "out of hours"
    # the team opens: the next round of timer work assigns what waited
    clock.set(MONDAY_9_BERLIN)
    tick(api)
    got = data(admin.get(f"/api/chatbot/transfers/{waiting['id']}"))["transfer"]
    assert (got["agent_id"], got["out_of_hours"]) == (agent.id, False)


def test_closed_team_sends_transfers_along_its_fallbacks(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    clock.set(SUNDAY_NOON)
    hours = schedule(admin)
    night = api.new_team(admin, name=unique("Night"))
    agent = api.new_user(admin)
    api.add_member(admin, night["id"], agent)
    evening = api.new_team(
        admin, schedule_id=hours["id"], overflow_policy="fallback", fallback_team_id=night["id"]
    )
    day = api.new_team(
        admin, schedule_id=hours["id"], overflow_policy="fallback", fallback_team_id=evening["id"]
    )
    moved = transfer(admin, day["id"])
    assert (moved["team_id"], moved["agent_id"], moved["out_of_hours"]) == (night["id"], agent.id, False)
    kinds = [(e["type"], e["details"].get("reason")) for e in transfer_events(admin, moved)]
    assert kinds == [
        ("created", None),
        ("moved", "out of hours"),
        ("moved", "out of hours"),
        ("assigned", None),
    ]


def test_fallback_loops_are_refused(api: Api) -> None:
    admin = api.new_org()
    a, b, c = (api.new_team(admin) for _ in range(3))
    data(admin.put(f"/api/teams/{a['id']}", json={"fallback_team_id": b["id"]}))
    data(admin.put(f"/api/teams/{b['id']}", json={"fallback_team_id": c["id"]}))
    for team, target in ((c, a), (a, a), (b, a)):
        assert_error(
            admin.put(f"/api/teams/{team['id']}", json={"fallback_team_id": target["id"]}),
            422,
            "fallback_loop",
        )
    assert data(admin.get(f"/api/teams/{c['id']}"))["team"]["fallback_team_id"] is None
    assert_error(
        admin.put(f"/api/teams/{c['id']}", json={"overflow_policy": "fallback"}),
        422,
        "fallback_team_required",
    )
    assert_error(
        admin.post("/api/teams", json={"name": unique("T"), "fallback_team_id": str(admin.id)}),
        404,
        "team_not_found",
    )
    other = api.new_org()
    assert_error(other.post("/api/teams", json={"name": "X", "fallback_team_id": a["id"]}), 404)


def test_stats_and_estimated_wait(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="load_balanced")
    agents = [api.new_user(admin, max_active_transfers=1) for _ in range(2)]
    for agent in agents:
        api.add_member(admin, team["id"], agent)
    clock.set(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    for _ in range(2):
        transfer(admin, team["id"])
        clock.advance(seconds=1)
    clock.advance(seconds=28)
    first_waiting = transfer(admin, team["id"])
    clock.advance(seconds=1)
    second_waiting = transfer(admin, team["id"])
    clock.advance(seconds=59)
    stats = data(admin.get(f"/api/teams/{team['id']}/stats"))["stats"]
    assert stats == {
        "queue_length": 2,
        "oldest_wait_seconds": 60.0,
        "available_agents": 0,
        "assignments_last_hour": 2,
        "median_time_to_assignment_seconds": 0.0,
        "is_open": True,
    }
    got = data(admin.get(f"/api/chatbot/transfers/{second_waiting['id']}"))["transfer"]
    assert got["queue_position"] == 2
    assert got["estimated_wait_seconds"] == 2 * 3600 / 2  # two assignments in the last hour
    # an agent frees up: the first waiting one is assigned, 60 s after it arrived
    held = data(admin.get("/api/chatbot/transfers", params={"agent_id": agents[0].id}))["transfers"][0]
    data(agents[0].put(f"/api/chatbot/transfers/{held['id']}/close"))
    stats = data(admin.get(f"/api/teams/{team['id']}/stats"))["stats"]
    assert stats["queue_length"] == 1 and stats["median_time_to_assignment_seconds"] == 0.0  # of 0, 0, 60
    assert data(admin.get(f"/api/chatbot/transfers/{first_waiting['id']}"))["transfer"]["agent_id"]
    outsider = api.new_user(admin)
    assert_error(outsider.get(f"/api/teams/{team['id']}/stats"), 403)
