"""Reports: transfers over a period by hour or day (in a time zone), and per agent; JSON and CSV;
who may see them. Every figure is checked against what the test made through the API with a held
clock, on SQLite (counted in Python) and PostgreSQL (aggregated in SQL); on PostgreSQL the SQL is
also held to the Python count on the same data."""

import csv
import io
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rota.reports import measures, repository
from tests.support import Actor, Api, Clock, assert_error, data, tick, transfer

DAY = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday


def at(hour: int, minute: int = 0) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute)


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def put(actor: Actor, t: dict[str, Any], action: str, **body: Any) -> dict[str, Any]:
    return data(actor.put(f"/api/chatbot/transfers/{t['id']}/{action}", json=body or None))["transfer"]


def report(actor: Actor, kind: str, start: datetime, end: datetime, **params: Any) -> dict[str, Any]:
    got = data(actor.get(f"/api/reports/{kind}", params={"from": iso(start), "to": iso(end), **params}))
    return got["report"]


# ---- a day of one team, hour by hour ------------------------------------------------------------


@dataclass
class Day:
    admin: Actor
    manager: Actor
    alice: Actor
    bob: Actor
    carol: Actor
    team: dict[str, Any]


def a_day(api: Api, clock: Clock) -> Day:
    """A manual team with a 10-minute first-assignment SLA, between 07:30 and 11:30 (UTC):

    07:30 t0 created               08:30 breaches marked: t0 (due 07:40), t2 (due 08:25)
    08:10 t1 created               08:40 t3 created
    08:15 t2 created               08:45 t3 -> bob (300 s)
    08:20 t1 -> alice (600 s)      09:05 t2 -> alice (3000 s, breached)
    09:10 t1 closed (alice)        09:20 t4 created, 09:25 closed while waiting
    09:30 t0 -> bob (7200 s)       10:00 t2 resumed (alice)
    10:15 t5 created               10:20 t5 -> alice (300 s)
    10:30 t3 bob -> alice          11:00 t6 created (still waiting)
    """
    clock.set(at(7))
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual", sla_first_assignment_seconds=600)
    manager = api.new_member(admin, team, "manager")
    alice, bob, carol = (api.new_member(admin, team) for _ in range(3))
    data(admin.patch(f"/api/users/{alice.id}", json={"max_active_transfers": 4}))
    made: dict[str, dict[str, Any]] = {}

    def create(name: str, when: datetime) -> None:
        clock.set(when)
        made[name] = transfer(admin, team["id"])

    def assign(name: str, agent: Actor, when: datetime) -> None:
        clock.set(when)
        put(admin, made[name], "assign", agent_id=agent.id)

    def end(name: str, actor: Actor, action: str, when: datetime) -> None:
        clock.set(when)
        put(actor, made[name], action)

    create("t0", at(7, 30))
    create("t1", at(8, 10))
    create("t2", at(8, 15))
    assign("t1", alice, at(8, 20))
    clock.set(at(8, 30))
    tick(api)
    create("t3", at(8, 40))
    assign("t3", bob, at(8, 45))
    assign("t2", alice, at(9, 5))
    end("t1", alice, "close", at(9, 10))
    create("t4", at(9, 20))
    end("t4", manager, "close", at(9, 25))
    assign("t0", bob, at(9, 30))
    end("t2", alice, "resume", at(10))
    create("t5", at(10, 15))
    assign("t5", alice, at(10, 20))
    assign("t3", alice, at(10, 30))
    create("t6", at(11))
    clock.set(at(11, 30))
    return Day(admin, manager, alice, bob, carol, team)


FIGURES = (
    "created",
    "assigned",
    "closed",
    "resumed",
    "queue_length",
    "first_assignment_p50_seconds",
    "first_assignment_p90_seconds",
    "sla_met",
    "sla_breached",
    "sla_compliance",
)


def figures(*values: Any) -> dict[str, Any]:
    return dict(zip(FIGURES, values, strict=True))


# created, assigned, closed, resumed, queue at the end, p50, p90, met, breached, compliance
EXPECTED_HOURS = [
    figures(3, 2, 0, 0, 2, 450.0, 570.0, 2, 2, 0.5),  # 08: t1 t2 t3; t1 600 s, t3 300 s; t0 t2 breached
    figures(1, 2, 2, 0, 0, 5100.0, 6780.0, 0, 0, None),  # 09: t4; t2 3000 s, t0 7200 s; t1 t4 closed
    figures(1, 1, 0, 1, 0, 300.0, 300.0, 1, 0, 1.0),  # 10: t5 300 s; t2 resumed
    figures(1, 0, 0, 0, 1, None, None, 0, 0, None),  # 11 (in progress at 11:30): t6 waits
    figures(0, 0, 0, 0, None, None, None, 0, 0, None),  # 12: not begun
]
# waits 300 300 600 3000 7200: p50 600, p90 3000 + 0.6 * 4200
EXPECTED_TOTALS = figures(6, 5, 2, 1, 1, 600.0, 5520.0, 3, 2, 0.6)


def test_transfers_by_hour(api: Api, clock: Clock) -> None:
    day = a_day(api, clock)
    for caller, params in (
        (day.admin, {}),  # the organization: only this team has transfers
        (day.admin, {"team_id": day.team["id"]}),
        (day.manager, {"team_id": day.team["id"]}),
    ):
        got = report(caller, "transfers", at(8), at(13), bucket="hour", **params)
        assert got["from"] == "2026-03-02T08:00:00Z" and got["to"] == "2026-03-02T13:00:00Z"
        assert (got["bucket"], got["timezone"], got["as_of"]) == ("hour", "UTC", "2026-03-02T11:30:00Z")
        assert got["team_id"] == params.get("team_id")
        assert [(b["start"], b["end"]) for b in got["buckets"]] == [
            (f"2026-03-02T{h:02}:00:00Z", f"2026-03-02T{h + 1:02}:00:00Z") for h in range(8, 13)
        ]
        assert [{f: b[f] for f in FIGURES} for b in got["buckets"]] == EXPECTED_HOURS
        assert got["totals"] == EXPECTED_TOTALS


def test_a_period_cut_inside_buckets(api: Api, clock: Clock) -> None:
    """The first bucket starts at `from`, the last ends at `to`: what happened outside is not
    counted, and the queue at 08:30 started with t0 and t2 waiting (t1 was assigned at 08:20)."""
    day = a_day(api, clock)
    got = report(day.admin, "transfers", at(8, 30), at(10, 10), bucket="hour")
    assert [(b["start"], b["end"]) for b in got["buckets"]] == [
        ("2026-03-02T08:30:00Z", "2026-03-02T09:00:00Z"),
        ("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
        ("2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z"),
    ]
    counted = [
        (b["created"], b["assigned"], b["closed"], b["resumed"], b["queue_length"]) for b in got["buckets"]
    ]
    assert counted == [(1, 1, 0, 0, 2), (1, 2, 2, 0, 0), (0, 0, 0, 1, 0)]
    assert (got["buckets"][0]["sla_met"], got["buckets"][0]["sla_breached"]) == (1, 2)  # t3; t0 t2 at 08:30
    assert got["totals"]["queue_length"] == 0


def test_agents(api: Api, clock: Clock) -> None:
    """alice: t1 08:20-09:10 closed, t2 09:05-10:00 resumed, t5 10:20-, t3 10:30- (to 11:30, now):
    4 assignments, 50+55+70+60 minutes held; bob: t3 08:45-10:30, t0 09:30-: 105+120 minutes.
    The period runs to 12:00 but has lasted 3.5 hours (12600 s) by now."""
    day = a_day(api, clock)
    expected = {
        day.alice.id: {
            "assigned": 4,
            "closed": 1,
            "resumed": 1,
            "median_handle_seconds": 3150.0,  # 3000 and 3300
            "held_seconds": 14100.0,
            "average_concurrent": round(14100 / 12600, 4),
            "capacity": 4,
            "occupancy": round(14100 / 12600 / 4, 4),
        },
        day.bob.id: {
            "assigned": 2,
            "closed": 0,
            "resumed": 0,
            "median_handle_seconds": None,
            "held_seconds": 13500.0,
            "average_concurrent": round(13500 / 12600, 4),
            "capacity": None,
            "occupancy": None,
        },
        day.carol.id: {
            "assigned": 0,
            "closed": 0,
            "resumed": 0,
            "median_handle_seconds": None,
            "held_seconds": 0.0,
            "average_concurrent": 0.0,
            "capacity": None,
            "occupancy": None,
        },
    }
    for caller, params in ((day.admin, {}), (day.manager, {"team_id": day.team["id"]})):
        got = report(caller, "agents", at(8), at(12), **params)
        assert (got["from"], got["to"], got["as_of"]) == (
            "2026-03-02T08:00:00Z",
            "2026-03-02T12:00:00Z",
            "2026-03-02T11:30:00Z",
        )
        rows = {a["agent_id"]: a for a in got["agents"]}
        assert rows.keys() == expected.keys()  # agents only: not the manager, not the admin
        for agent_id, want in expected.items():
            assert {k: rows[agent_id][k] for k in want} == want, agent_id
        assert [a["full_name"] for a in got["agents"]] == sorted(a["full_name"] for a in got["agents"])
    # a period within: 09:00-10:00 (alice: t1 09:00-09:10, t2 09:05-10:00; bob: t3 all, t0 09:30-)
    rows = {a["agent_id"]: a for a in report(day.admin, "agents", at(9), at(10))["agents"]}
    assert (rows[day.alice.id]["assigned"], rows[day.alice.id]["held_seconds"]) == (1, 600.0 + 3300.0)
    assert (rows[day.alice.id]["closed"], rows[day.alice.id]["resumed"]) == (1, 0)  # 10:00 is outside
    assert (rows[day.bob.id]["assigned"], rows[day.bob.id]["held_seconds"]) == (1, 3600.0 + 1800.0)
    assert rows[day.bob.id]["average_concurrent"] == 1.5


def test_csv(api: Api, clock: Clock) -> None:
    day = a_day(api, clock)
    params = {"from": iso(at(8)), "to": iso(at(13)), "bucket": "hour", "team_id": day.team["id"]}
    as_json = report(day.admin, "transfers", at(8), at(13), bucket="hour", team_id=day.team["id"])
    for kwargs in (
        {"params": {**params, "format": "csv"}},
        {"params": params, "headers": {"Accept": "text/csv"}},
    ):
        resp = day.manager.get("/api/reports/transfers", **kwargs)
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"].startswith("text/csv")
        assert resp.headers["content-disposition"] == (
            f'attachment; filename="transfers-team-{day.team["id"]}-20260302T0800-20260302T1300-hour.csv"'
        )
        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert len(rows) == len(as_json["buckets"]) == 5
        for row, bucket in zip(rows, as_json["buckets"], strict=True):
            assert row == {k: "" if v is None else str(v) for k, v in bucket.items()}
    # JSON when it is asked for, or preferred
    for accept in ("application/json", "application/json, text/csv", "text/csv;q=0.5, application/json"):
        resp = day.admin.get("/api/reports/transfers", params=params, headers={"Accept": accept})
        assert resp.headers["content-type"] == "application/json", accept
    resp = day.admin.get(
        "/api/reports/transfers", params={**params, "format": "json"}, headers={"Accept": "text/csv"}
    )
    assert resp.json()["data"]["report"] == as_json

    agents = report(day.admin, "agents", at(8), at(12))["agents"]
    resp = day.admin.get(
        "/api/reports/agents", params={"from": iso(at(8)), "to": iso(at(12)), "format": "csv"}
    )
    assert resp.headers["content-disposition"] == (
        'attachment; filename="agents-organization-20260302T0800-20260302T1200.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert rows == [{k: "" if v is None else str(v) for k, v in a.items()} for a in agents]


# ---- time zones ---------------------------------------------------------------------------------

NEW_YORK = ZoneInfo("America/New_York")


def test_days_in_a_time_zone_across_a_clock_change(api: Api, clock: Clock) -> None:
    """New York moves its clocks forward on Sunday 2026-03-08: that day lasts 23 hours. Four
    transfers fall on three local days, but on two UTC days."""
    clock.set(datetime(2026, 3, 7, tzinfo=UTC))
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="manual")
    for local in (
        datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK),  # 04:30Z on the 8th
        datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK),  # 05:30Z on the 8th
        datetime(2026, 3, 8, 23, 30, tzinfo=NEW_YORK),  # 03:30Z on the 9th (EDT)
        datetime(2026, 3, 9, 0, 30, tzinfo=NEW_YORK),  # 04:30Z on the 9th
    ):
        clock.set(local.astimezone(UTC))
        transfer(admin, team["id"])
    clock.set(datetime(2026, 3, 12, tzinfo=UTC))
    start, end = datetime(2026, 3, 7, tzinfo=NEW_YORK), datetime(2026, 3, 10, tzinfo=NEW_YORK)
    got = report(admin, "transfers", start, end, bucket="day", tz="America/New_York")
    assert (got["from"], got["to"], got["timezone"]) == (
        "2026-03-07T00:00:00-05:00",
        "2026-03-10T00:00:00-04:00",
        "America/New_York",
    )
    assert [(b["start"], b["end"], b["created"], b["queue_length"]) for b in got["buckets"]] == [
        ("2026-03-07T00:00:00-05:00", "2026-03-08T00:00:00-05:00", 1, 1),
        ("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 2, 3),
        ("2026-03-09T00:00:00-04:00", "2026-03-10T00:00:00-04:00", 1, 4),
    ]
    utc = report(admin, "transfers", datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 3, 10, tzinfo=UTC))
    assert [b["created"] for b in utc["buckets"]] == [0, 2, 2]
    hours = report(
        admin,
        "transfers",
        datetime(2026, 3, 8, tzinfo=NEW_YORK),
        datetime(2026, 3, 9, tzinfo=NEW_YORK),
        bucket="hour",
        tz="America/New_York",
    )
    assert len(hours["buckets"]) == 23
    assert [b["start"][11:] for b in hours["buckets"][:3]] == [
        "00:00:00-05:00",
        "01:00:00-05:00",
        "03:00:00-04:00",
    ]
    assert [b["created"] for b in hours["buckets"]] == [1] + [0] * 21 + [1]


def test_bucket_starts_follow_the_local_clock() -> None:
    """Pure: hours repeat when clocks go back, are skipped when they go forward; zones with
    half-hour offsets; a midnight the clocks skip; the count limit."""
    fall = measures.bucket_starts(
        datetime(2026, 11, 1, tzinfo=NEW_YORK), datetime(2026, 11, 2, tzinfo=NEW_YORK), "hour", NEW_YORK
    )
    assert fall is not None and len(fall) == 25
    assert [t.astimezone(NEW_YORK).strftime("%H:%M%z") for t in fall[:4]] == [
        "00:00-0400",
        "01:00-0400",
        "01:00-0500",
        "02:00-0500",
    ]
    kolkata = ZoneInfo("Asia/Kolkata")
    starts = measures.bucket_starts(
        datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 2, 3, tzinfo=UTC), "hour", kolkata
    )
    assert starts is not None
    assert [t.strftime("%H:%M") for t in starts] == ["00:00", "00:30", "01:30", "02:30"]
    # Santiago's clocks go from 24:00 to 01:00 on 2026-09-06: that day starts at the jump
    santiago = ZoneInfo("America/Santiago")
    days = measures.bucket_starts(
        datetime(2026, 9, 5, 12, tzinfo=santiago), datetime(2026, 9, 7, 12, tzinfo=santiago), "day", santiago
    )
    assert days is not None
    assert [t.astimezone(santiago).isoformat() for t in days] == [
        "2026-09-05T12:00:00-04:00",
        "2026-09-06T01:00:00-03:00",
        "2026-09-07T00:00:00-03:00",
    ]
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    assert len(measures.bucket_starts(t0, t0 + timedelta(hours=2000), "hour", ZoneInfo("UTC")) or []) == 2000
    assert measures.bucket_starts(t0, t0 + timedelta(hours=2000, seconds=1), "hour", ZoneInfo("UTC")) is None
    # New York's first day is the evening of 2025-12-31
    assert len(measures.bucket_starts(t0, t0 + timedelta(days=1999), "day", NEW_YORK) or []) == 2000
    assert measures.bucket_starts(t0, t0 + timedelta(days=2000), "day", NEW_YORK) is None


def test_percentile_is_postgresqls_percentile_cont() -> None:
    assert measures.percentile([], 0.5) is None
    assert measures.percentile([7.0], 0.9) == 7.0
    assert measures.percentile([1.0, 2.0], 0.5) == 1.5
    assert measures.percentile([300.0, 300.0, 600.0, 3000.0, 7200.0], 0.9) == 5520.0


# ---- SLA in another team, and the organization over teams ---------------------------------------


def test_a_team_report_counts_its_transfers_only(api: Api, clock: Clock) -> None:
    day = a_day(api, clock)
    clock.set(at(11, 40))
    other = api.new_team(day.admin, assignment_strategy="manual")
    transfer(day.admin, other["id"])
    transfer(day.admin, None)  # the general queue
    clock.set(at(11, 50))
    team = report(day.admin, "transfers", at(8), at(12), bucket="hour", team_id=day.team["id"])
    org = report(day.admin, "transfers", at(8), at(12), bucket="hour")
    assert team["buckets"][3]["created"] == 1 and team["buckets"][3]["queue_length"] == 1
    assert org["buckets"][3]["created"] == 3 and org["buckets"][3]["queue_length"] == 3
    assert (
        data(
            day.admin.get(
                "/api/reports/transfers",
                params={"from": iso(at(8)), "to": iso(at(12)), "team_id": other["id"]},
            )
        )["report"]["totals"]["created"]
        == 1
    )


# ---- validation and permissions -----------------------------------------------------------------


def test_invalid_periods(api: Api) -> None:
    admin = api.new_org()
    good = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"}
    for kind in ("transfers", "agents"):
        for params, field in (
            ({"from": "2026-03-02T00:00:00"}, "from"),  # no zone
            ({"to": "2026-03-03"}, "to"),
            ({"to": "2026-03-02T00:00:00Z"}, "to"),  # not after from
            ({"to": "2026-03-01T00:00:00Z"}, "to"),
            ({"from": "1999-12-31T23:00:00Z"}, "from"),
            ({"to": "3000-01-02T00:00:00Z"}, "to"),
            ({"from": "soon"}, "from"),
            ({"team_id": "nope"}, "team_id"),
            ({"format": "xml"}, "format"),
        ):
            body = assert_error(
                admin.get(f"/api/reports/{kind}", params={**good, **params}), 422, "validation_error"
            )
            assert body["errors"][0]["field"] == field, (kind, params, body)
        body = assert_error(admin.get(f"/api/reports/{kind}", params={"to": good["to"]}), 422)
        assert body["errors"][0]["field"] == "from"
    for params, field in (
        ({"bucket": "week"}, "bucket"),
        ({"tz": "Mars/Olympus_Mons"}, "tz"),
        ({"tz": "localtime"}, "tz"),
        ({"bucket": "hour", "to": "2026-06-01T00:00:00Z"}, "to"),  # 2184 hours
        ({"bucket": "day", "to": "2031-12-01T00:00:00Z"}, "to"),  # more than 2000 days
    ):
        body = assert_error(
            admin.get("/api/reports/transfers", params={**good, **params}), 422, "validation_error"
        )
        assert body["errors"][0]["field"] == field, (params, body)
    # the most buckets there may be
    got = data(
        admin.get("/api/reports/transfers", params={**good, "bucket": "hour", "to": "2026-05-24T08:00:00Z"})
    )
    assert len(got["report"]["buckets"]) == 2000


def test_who_may_see_reports(api: Api) -> None:
    admin = api.new_org()
    team, other_team = api.new_team(admin), api.new_team(admin)
    manager = api.new_member(admin, team, "manager")
    other_manager = api.new_member(admin, other_team, "manager")
    agent = api.new_member(admin, team)
    stranger = api.new_org()
    foreign = api.new_team(stranger)
    period = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"}
    for kind in ("transfers", "agents"):
        url = f"/api/reports/{kind}"
        data(admin.get(url, params=period))
        data(admin.get(url, params={**period, "team_id": team["id"]}))
        data(manager.get(url, params={**period, "team_id": team["id"]}))
        assert manager.get(url, params={**period, "team_id": team["id"], "format": "csv"}).status_code == 200
        assert_error(manager.get(url, params=period), 403, "admin_required")
        assert_error(
            other_manager.get(url, params={**period, "team_id": team["id"]}), 403, "team_manager_required"
        )
        assert_error(agent.get(url, params={**period, "team_id": team["id"]}), 403, "team_manager_required")
        assert_error(agent.get(url, params=period), 403, "admin_required")
        assert_error(agent.get(url, params={**period, "format": "csv"}), 403, "admin_required")
        for caller in (admin, manager, agent):
            assert_error(caller.get(url, params={**period, "team_id": foreign["id"]}), 404, "team_not_found")
        assert_error(stranger.get(url, params={**period, "team_id": team["id"]}), 404, "team_not_found")
        assert_error(api.client.get(url, params=period), 401)


# ---- the SQL against the Python count, on random days -------------------------------------------


def random_day(api: Api, clock: Clock, seed: int) -> tuple[Actor, list[str]]:
    """Two teams (one manual with an SLA, one that offers transfers), random creates, assigns,
    picks, accepts, declines, unassigns, moves, closes and resumes over a day."""
    rng = random.Random(seed)
    clock.set(at(0))
    admin = api.new_org()
    manual = api.new_team(admin, assignment_strategy="manual", sla_first_assignment_seconds=1800)
    offering = api.new_team(
        admin,
        assignment_strategy="load_balanced",
        accept_timeout_seconds=3600,
        sla_first_assignment_seconds=900,
    )
    agents = [api.new_member(admin, manual) for _ in range(3)]
    for agent in agents[:2]:
        api.add_member(admin, offering["id"], agent)
    teams = [manual["id"], offering["id"]]
    active: list[dict[str, Any]] = []
    now = at(0)
    for _ in range(60):
        now += timedelta(minutes=rng.choice([0, 1, 7, 13, 29, 61]))
        clock.set(now)
        step = rng.random()
        if step < 0.35 or not active:
            active.append(transfer(admin, rng.choice(teams)))
            continue
        t = rng.choice(active)
        current = data(admin.get(f"/api/chatbot/transfers/{t['id']}"))["transfer"]
        agent = rng.choice(agents)
        if step < 0.55:
            resp = admin.put(f"/api/chatbot/transfers/{t['id']}/assign", json={"agent_id": agent.id})
        elif step < 0.62:
            resp = admin.put(f"/api/chatbot/transfers/{t['id']}/assign", json={"agent_id": None})
        elif step < 0.67:
            resp = admin.put(f"/api/chatbot/transfers/{t['id']}/assign", json={"team_id": rng.choice(teams)})
        elif step < 0.75 and current["agent_id"]:
            holder = next(a for a in agents if a.id == current["agent_id"])
            resp = holder.put(f"/api/chatbot/transfers/{t['id']}/{rng.choice(['accept', 'decline'])}")
        elif step < 0.8:
            tick(api)
            continue
        else:
            resp = admin.put(f"/api/chatbot/transfers/{t['id']}/{rng.choice(['close', 'resume'])}")
            if resp.status_code == 200:
                active.remove(t)
        assert resp.status_code in (200, 409, 422), resp.text
    clock.set(now + timedelta(minutes=5))
    return admin, teams


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_and_python_agree(
    api: Api, clock: Clock, backend: str, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    admin, teams = random_day(api, clock, seed)
    now = clock.now()
    cases: list[tuple[str, dict[str, Any]]] = []
    for team_id in (None, *teams):
        scope = {"team_id": team_id} if team_id else {}
        cases += [
            (
                "transfers",
                {"from": iso(at(0)), "to": iso(now + timedelta(hours=2)), "bucket": "hour", **scope},
            ),
            (
                "transfers",
                {
                    "from": iso(at(3, 17)),
                    "to": iso(at(9, 41)),
                    "bucket": "hour",
                    "tz": "Asia/Kolkata",
                    **scope,
                },
            ),
            (
                "transfers",
                {"from": iso(at(-48)), "to": iso(at(72)), "bucket": "day", "tz": "America/New_York", **scope},
            ),
            ("agents", {"from": iso(at(0)), "to": iso(now), **scope}),
            ("agents", {"from": iso(at(2, 30)), "to": iso(at(6, 45)), **scope}),
            ("agents", {"from": iso(at(1)), "to": iso(now + timedelta(days=1)), **scope}),
        ]
    answers = [data(admin.get(f"/api/reports/{kind}", params=params)) for kind, params in cases]
    created = answers[0]["report"]["totals"]["created"]
    assert created > 10
    if backend != "postgres":
        return
    monkeypatch.setattr(repository, "IN_DATABASE", set())
    for (kind, params), in_sql in zip(cases, answers, strict=True):
        assert data(admin.get(f"/api/reports/{kind}", params=params)) == in_sql, (kind, params)
