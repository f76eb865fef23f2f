"""Unit tests of opening hours (rota.schedules.hours): pure functions, no database, no clock.

The documented rules under test:

- A weekly range belongs to the day it starts on; `end` at or before `start` runs past midnight
  into the next day ("22:00"-"06:00", "09:00"-"09:00" is 24 hours), and "24:00" is the end of
  the day.
- An exception replaces the weekly ranges of its date: `closed` (a holiday) or its own `ranges`
  (special hours). A range that started the day before still runs into that date.
- Local times become instants through zoneinfo, so daylight-saving changes need no special
  handling: a range over the spring gap is an hour shorter in UTC, the autumn one an hour longer.
- intervals(): open intervals in UTC, merged and sorted, that overlap [start, end).
- next_change(): when the schedule next opens (while closed) or closes (while open); None: never.
- add_open_time(): the instant when `duration` of open time has passed since `start`; None when
  not within the horizon (a schedule that never opens).

Every instant below is an explicit UTC datetime; the local wall-clock time is in the comment.
2026 calendar: Mon 1 June - Sun 7 June is the plain week used for UTC schedules.
"""

from datetime import UTC, datetime, timedelta

import pytest

from rota.schedules.hours import (
    DAYS,
    Hours,
    add_open_time,
    intervals,
    is_open,
    next_change,
    open_time_between,
)

WEEKDAYS = DAYS[:5]


def utc(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


def ranges(days, start: str, end: str) -> list[dict]:
    return [{"day": d, "start": start, "end": end} for d in days]


def office(timezone: str = "UTC", exceptions: list[dict] | None = None) -> Hours:
    """Monday to Friday, 09:00-17:00 local."""
    return Hours(timezone, ranges(WEEKDAYS, "09:00", "17:00"), exceptions or [])


NEVER = Hours("UTC")
ALWAYS = Hours("UTC", ranges(DAYS, "00:00", "24:00"))
ALWAYS_BERLIN = Hours("Europe/Berlin", ranges(DAYS, "00:00", "24:00"))

# ---------------------------------------------------------------------------------------------
# several ranges per day


SPLIT = Hours(
    "UTC",
    [
        {"day": "monday", "start": "13:00", "end": "17:00"},  # listed out of order on purpose
        {"day": "monday", "start": "09:00", "end": "12:00"},
        {"day": "monday", "start": "19:00", "end": "20:00"},
        {"day": "wednesday", "start": "08:00", "end": "10:00"},
    ],
)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 1, 8, 59), False),
        (utc(6, 1, 9), True),
        (utc(6, 1, 11, 59), True),
        (utc(6, 1, 12), False),  # end is exclusive
        (utc(6, 1, 12, 30), False),  # lunch
        (utc(6, 1, 13), True),
        (utc(6, 1, 16, 59), True),
        (utc(6, 1, 17), False),
        (utc(6, 1, 19, 30), True),
        (utc(6, 1, 20), False),
        (utc(6, 2, 10), False),  # tuesday: no ranges
        (utc(6, 3, 8), True),
        (utc(6, 3, 10), False),
    ],
)
def test_several_ranges_per_day_is_open(at, expected):
    assert is_open(SPLIT, at) is expected


def test_several_ranges_per_day_intervals_sorted():
    assert intervals(SPLIT, utc(6, 1), utc(6, 8)) == [
        (utc(6, 1, 9), utc(6, 1, 12)),
        (utc(6, 1, 13), utc(6, 1, 17)),
        (utc(6, 1, 19), utc(6, 1, 20)),
        (utc(6, 3, 8), utc(6, 3, 10)),
    ]


def test_intervals_only_those_overlapping_the_window():
    # [12:00, 13:00) touches the end of the first and the start of the second range: neither
    assert intervals(SPLIT, utc(6, 1, 12), utc(6, 1, 13)) == []
    # intervals are reported whole, not clipped to the window
    assert intervals(SPLIT, utc(6, 1, 10), utc(6, 1, 14)) == [
        (utc(6, 1, 9), utc(6, 1, 12)),
        (utc(6, 1, 13), utc(6, 1, 17)),
    ]


@pytest.mark.parametrize(
    "weekly",
    [
        # adjacent
        [
            {"day": "monday", "start": "09:00", "end": "12:00"},
            {"day": "monday", "start": "12:00", "end": "17:00"},
        ],
        # overlapping
        [
            {"day": "monday", "start": "09:00", "end": "15:00"},
            {"day": "monday", "start": "11:00", "end": "17:00"},
        ],
        # nested
        [
            {"day": "monday", "start": "09:00", "end": "17:00"},
            {"day": "monday", "start": "10:00", "end": "11:00"},
        ],
    ],
)
def test_touching_or_overlapping_ranges_merge(weekly):
    hours = Hours("UTC", weekly)
    assert intervals(hours, utc(6, 1), utc(6, 2)) == [(utc(6, 1, 9), utc(6, 1, 17))]
    assert next_change(hours, utc(6, 1, 10)) == utc(6, 1, 17)
    assert open_time_between(hours, utc(6, 1), utc(6, 2)) == h(8)


# ---------------------------------------------------------------------------------------------
# ranges past midnight, full days


NIGHTS = Hours("UTC", ranges(["friday", "sunday"], "22:00", "06:00"))


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 5, 21, 59), False),  # friday
        (utc(6, 5, 22), True),
        (utc(6, 5, 23), True),
        (utc(6, 6, 0), True),  # saturday, carried over from friday
        (utc(6, 6, 5, 59), True),
        (utc(6, 6, 6), False),
        (utc(6, 6, 23), False),  # saturday has no range of its own
        (utc(6, 7, 5), False),  # sunday morning: nothing from saturday
        (utc(6, 7, 23), True),  # sunday night ...
        (utc(6, 8, 0), True),  # ... into monday
        (utc(6, 8, 5, 59), True),
        (utc(6, 8, 6), False),
        (utc(6, 1, 3), True),  # the previous sunday's night, seen from monday morning
    ],
)
def test_range_past_midnight(at, expected):
    assert is_open(NIGHTS, at) is expected


def test_range_past_midnight_is_one_interval():
    assert intervals(NIGHTS, utc(6, 5), utc(6, 9)) == [
        (utc(6, 5, 22), utc(6, 6, 6)),
        (utc(6, 7, 22), utc(6, 8, 6)),
    ]
    # seen from a window that starts after midnight, the range of the day before is found
    assert intervals(NIGHTS, utc(6, 6, 3), utc(6, 6, 4)) == [(utc(6, 5, 22), utc(6, 6, 6))]
    assert intervals(NIGHTS, utc(6, 8, 3), utc(6, 8, 4)) == [(utc(6, 7, 22), utc(6, 8, 6))]


@pytest.mark.parametrize(
    ("start", "end", "opens", "closes"),
    [
        ("00:00", "24:00", utc(6, 2, 0), utc(6, 3, 0)),  # full day
        ("09:00", "09:00", utc(6, 2, 9), utc(6, 3, 9)),  # end == start: 24 hours
        ("00:00", "00:00", utc(6, 2, 0), utc(6, 3, 0)),  # end == start at midnight: 24 hours
        ("10:00", "08:00", utc(6, 2, 10), utc(6, 3, 8)),  # end before start: 22 hours
        ("18:00", "24:00", utc(6, 2, 18), utc(6, 3, 0)),  # "24:00" is the end of the same day
        ("23:59", "00:01", utc(6, 2, 23, 59), utc(6, 3, 0, 1)),
    ],
)
def test_range_lengths(start, end, opens, closes):
    hours = Hours("UTC", [{"day": "tuesday", "start": start, "end": end}])
    assert intervals(hours, utc(6, 1), utc(6, 8)) == [(opens, closes)]
    assert is_open(hours, opens)
    assert is_open(hours, closes - timedelta(minutes=1))
    assert not is_open(hours, opens - timedelta(minutes=1))
    assert not is_open(hours, closes)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 1, 23, 59), False),  # monday
        (utc(6, 2, 0), True),
        (utc(6, 2, 12), True),
        (utc(6, 2, 23, 59), True),
        (utc(6, 3, 0), False),  # wednesday
    ],
)
def test_full_day(at, expected):
    assert is_open(Hours("UTC", ranges(["tuesday"], "00:00", "24:00")), at) is expected


@pytest.mark.parametrize(
    "hours",
    [
        ALWAYS,
        Hours("UTC", ranges(DAYS, "09:00", "09:00")),
        Hours("UTC", ranges(DAYS, "00:00", "00:00")),
    ],
    ids=["00-24", "09-09", "00-00"],
)
def test_every_day_all_day_is_one_interval(hours):
    window = (utc(6, 1, 12), utc(6, 8, 12))
    (only,) = intervals(hours, *window)
    assert only[0] <= window[0] and only[1] >= window[1]
    assert open_time_between(hours, *window) == h(7 * 24)


# ---------------------------------------------------------------------------------------------
# exceptions: holidays and special hours


HOLIDAY = "2026-06-03"  # a wednesday


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 2, 12), True),  # tuesday
        (utc(6, 3, 9), False),  # the holiday
        (utc(6, 3, 12), False),
        (utc(6, 3, 16, 59), False),
        (utc(6, 4, 9), True),  # thursday
        (utc(6, 10, 12), True),  # the next wednesday: only that date is a holiday
    ],
)
def test_holiday_closes_a_weekday(at, expected):
    hours = office(exceptions=[{"date": HOLIDAY, "closed": True}])
    assert is_open(hours, at) is expected


def test_holiday_removes_the_day_from_intervals():
    hours = office(exceptions=[{"date": HOLIDAY, "closed": True, "ranges": []}])
    assert intervals(hours, utc(6, 1), utc(6, 6)) == [(utc(6, d, 9), utc(6, d, 17)) for d in (1, 2, 4, 5)]


def test_holiday_on_a_closed_day_changes_nothing():
    plain = office()
    saturday_holiday = office(exceptions=[{"date": "2026-06-06", "closed": True}])
    window = (utc(6, 1), utc(6, 15))
    assert intervals(saturday_holiday, *window) == intervals(plain, *window)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 2, 23), True),  # tuesday night
        (utc(6, 3, 0), True),  # into the holiday: the range belongs to tuesday
        (utc(6, 3, 5, 59), True),
        (utc(6, 3, 6), False),
        (utc(6, 3, 23), False),  # the holiday's own night range is gone
        (utc(6, 4, 3), False),  # ... so nothing runs into thursday
        (utc(6, 4, 23), True),  # thursday night as usual
    ],
)
def test_overnight_range_from_the_day_before_runs_into_a_holiday(at, expected):
    hours = Hours("UTC", ranges(WEEKDAYS, "22:00", "06:00"), [{"date": HOLIDAY, "closed": True}])
    assert is_open(hours, at) is expected


def test_holiday_after_an_overnight_range_intervals():
    hours = Hours("UTC", ranges(WEEKDAYS, "22:00", "06:00"), [{"date": HOLIDAY, "closed": True}])
    assert intervals(hours, utc(6, 2, 12), utc(6, 5)) == [
        (utc(6, 2, 22), utc(6, 3, 6)),
        (utc(6, 4, 22), utc(6, 5, 6)),
    ]


SPECIAL = office(
    exceptions=[
        {"date": HOLIDAY, "ranges": [{"start": "10:00", "end": "12:00"}, {"start": "13:00", "end": "14:00"}]},
        {"date": "2026-06-06", "ranges": [{"start": "20:00", "end": "02:00"}]},  # a saturday
    ]
)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (utc(6, 3, 9, 30), False),  # weekly 09:00 is replaced ...
        (utc(6, 3, 10), True),  # ... by the special hours
        (utc(6, 3, 12, 30), False),
        (utc(6, 3, 13, 30), True),
        (utc(6, 3, 15), False),  # weekly until 17:00 is replaced
        (utc(6, 2, 9, 30), True),  # other days keep their weekly ranges
        (utc(6, 4, 15), True),
        (utc(6, 6, 12), False),  # a saturday opened by special hours
        (utc(6, 6, 21), True),
        (utc(6, 7, 1, 59), True),  # past midnight, as weekly ranges do
        (utc(6, 7, 2), False),
    ],
)
def test_special_hours_replace_the_weekly_ranges(at, expected):
    assert is_open(SPECIAL, at) is expected


def test_special_hours_intervals():
    assert intervals(SPECIAL, utc(6, 3), utc(6, 8)) == [
        (utc(6, 3, 10), utc(6, 3, 12)),
        (utc(6, 3, 13), utc(6, 3, 14)),
        (utc(6, 4, 9), utc(6, 4, 17)),
        (utc(6, 5, 9), utc(6, 5, 17)),
        (utc(6, 6, 20), utc(6, 7, 2)),
    ]


# ---------------------------------------------------------------------------------------------
# next_change


HOLIDAYS = office(
    exceptions=[
        {"date": HOLIDAY, "closed": True},  # wednesday 3 June
        {"date": "2026-06-08", "closed": True},  # monday 8 June
    ]
)


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        (office(), utc(6, 1, 10), utc(6, 1, 17)),  # open: closes
        (office(), utc(6, 1, 9), utc(6, 1, 17)),  # at the opening instant: open
        (office(), utc(6, 1, 8), utc(6, 1, 9)),  # closed: opens
        (office(), utc(6, 1, 17), utc(6, 2, 9)),  # at the closing instant: closed
        (office(), utc(6, 1, 23), utc(6, 2, 9)),  # overnight
        (office(), utc(6, 5, 16), utc(6, 5, 17)),  # friday afternoon
        (office(), utc(6, 5, 17, 30), utc(6, 8, 9)),  # over the weekend
        (office(), utc(6, 6, 12), utc(6, 8, 9)),  # saturday
        (office(), utc(6, 7, 23, 59), utc(6, 8, 9)),  # sunday night
        (HOLIDAYS, utc(6, 2, 17), utc(6, 4, 9)),  # over a wednesday holiday
        (HOLIDAYS, utc(6, 3, 12), utc(6, 4, 9)),  # on the holiday
        (HOLIDAYS, utc(6, 5, 18), utc(6, 9, 9)),  # weekend and a monday holiday
        (NIGHTS, utc(6, 5, 23), utc(6, 6, 6)),  # open past midnight: closes the next morning
        (NIGHTS, utc(6, 6, 6), utc(6, 7, 22)),
        (NIGHTS, utc(6, 8, 1), utc(6, 8, 6)),  # sunday's night, seen on monday
        (SPLIT, utc(6, 1, 12), utc(6, 1, 13)),  # lunch
        (SPLIT, utc(6, 1, 13), utc(6, 1, 17)),
        (SPLIT, utc(6, 1, 20), utc(6, 3, 8)),
        (SPECIAL, utc(6, 3, 9), utc(6, 3, 10)),
        (SPECIAL, utc(6, 3, 14), utc(6, 4, 9)),
        (SPECIAL, utc(6, 6, 21), utc(6, 7, 2)),
    ],
)
def test_next_change(hours, at, expected):
    assert next_change(hours, at) == expected
    # the state flips there, and not before
    assert is_open(hours, expected) is not is_open(hours, at)
    assert is_open(hours, expected - timedelta(seconds=1)) is is_open(hours, at)


@pytest.mark.parametrize(
    "hours",
    [
        NEVER,
        Hours("Europe/Berlin"),
        Hours("UTC", [], [{"date": HOLIDAY, "closed": True}]),
    ],
    ids=["empty", "empty-berlin", "only-holidays"],
)
def test_next_change_never_opens(hours):
    for at in (utc(6, 1), utc(6, 3, 12), utc(12, 31, 23, 59)):
        assert not is_open(hours, at)
        assert next_change(hours, at) is None


@pytest.mark.parametrize(
    "hours",
    [
        ALWAYS,
        Hours("UTC", ranges(DAYS, "09:00", "09:00")),
        ALWAYS_BERLIN,
        Hours("America/New_York", ranges(DAYS, "00:00", "24:00")),
    ],
    ids=["utc-00-24", "utc-09-09", "berlin-00-24", "new-york-00-24"],
)
@pytest.mark.parametrize(
    "at",
    [
        utc(6, 1, 12),
        utc(3, 29, 1),
        utc(10, 25, 1),
        utc(3, 8, 7),
        utc(11, 1, 6),
    ],
)
def test_next_change_always_open(hours, at):
    assert is_open(hours, at)
    assert next_change(hours, at) is None


def test_next_change_far_ahead_within_the_horizon():
    # a single special day half a year away
    hours = Hours("UTC", [], [{"date": "2026-12-24", "ranges": [{"start": "10:00", "end": "12:00"}]}])
    assert next_change(hours, utc(6, 1)) == utc(12, 24, 10)
    assert next_change(hours, utc(12, 24, 11)) == utc(12, 24, 12)
    assert next_change(hours, utc(12, 24, 12)) is None


# ---------------------------------------------------------------------------------------------
# daylight saving
#
# Europe/Berlin: CET (+01:00) -> CEST (+02:00) on Sun 29 March 2026 at 02:00 (gap 02:00-03:00);
#                CEST -> CET on Sun 25 October 2026 at 03:00 (02:00-03:00 twice).
# America/New_York: EST (-05:00) -> EDT (-04:00) on Sun 8 March 2026 at 02:00;
#                   EDT -> EST on Sun 1 November 2026 at 02:00 (01:00-02:00 twice).
# Australia/Sydney: AEDT (+11:00) -> AEST (+10:00) on Sun 5 April 2026 at 03:00;
#                   AEST -> AEDT on Sun 4 October 2026 at 02:00.

DAILY_9_17 = {
    tz: Hours(tz, ranges(DAYS, "09:00", "17:00"))
    for tz in ("Europe/Berlin", "America/New_York", "Australia/Sydney")
}


@pytest.mark.parametrize(
    ("timezone", "day", "opens", "closes"),
    [
        # Berlin, spring: saturday in CET, sunday (switch day) and monday in CEST
        ("Europe/Berlin", utc(3, 28), utc(3, 28, 8), utc(3, 28, 16)),
        ("Europe/Berlin", utc(3, 29), utc(3, 29, 7), utc(3, 29, 15)),
        ("Europe/Berlin", utc(3, 30), utc(3, 30, 7), utc(3, 30, 15)),
        # Berlin, autumn
        ("Europe/Berlin", utc(10, 24), utc(10, 24, 7), utc(10, 24, 15)),
        ("Europe/Berlin", utc(10, 25), utc(10, 25, 8), utc(10, 25, 16)),
        # New York, spring
        ("America/New_York", utc(3, 7), utc(3, 7, 14), utc(3, 7, 22)),
        ("America/New_York", utc(3, 8), utc(3, 8, 13), utc(3, 8, 21)),
        # New York, autumn
        ("America/New_York", utc(10, 31), utc(10, 31, 13), utc(10, 31, 21)),
        ("America/New_York", utc(11, 1), utc(11, 1, 14), utc(11, 1, 22)),
        # Sydney: local 09:00 is the previous UTC evening
        ("Australia/Sydney", utc(4, 4), utc(4, 3, 22), utc(4, 4, 6)),  # AEDT
        ("Australia/Sydney", utc(4, 5), utc(4, 4, 23), utc(4, 5, 7)),  # AEST
        ("Australia/Sydney", utc(10, 3), utc(10, 2, 23), utc(10, 3, 7)),  # AEST
        ("Australia/Sydney", utc(10, 4), utc(10, 3, 22), utc(10, 4, 6)),  # AEDT
    ],
)
def test_dst_opening_at_nine_local_moves_in_utc(timezone, day, opens, closes):
    hours = DAILY_9_17[timezone]
    found = intervals(hours, opens, closes)
    assert found == [(opens, closes)], day
    assert is_open(hours, opens)
    assert not is_open(hours, opens - timedelta(minutes=1))
    assert not is_open(hours, closes)


def _sunday(timezone: str, start: str, end: str) -> Hours:
    return Hours(timezone, ranges(["sunday"], start, end))


@pytest.mark.parametrize(
    ("hours", "window", "span", "interval"),
    [
        # "01:00"-"04:00" on a sunday: 3 hours of wall clock
        (
            _sunday("Europe/Berlin", "01:00", "04:00"),
            (utc(3, 21), utc(3, 23)),
            h(3),
            (utc(3, 22, 0), utc(3, 22, 3)),
        ),  # plain sunday in CET
        (
            _sunday("Europe/Berlin", "01:00", "04:00"),
            (utc(3, 28), utc(3, 30)),
            h(2),
            (utc(3, 29, 0), utc(3, 29, 2)),
        ),  # spring gap: one hour less
        (
            _sunday("Europe/Berlin", "01:00", "04:00"),
            (utc(10, 24), utc(10, 26)),
            h(4),
            (utc(10, 24, 23), utc(10, 25, 3)),
        ),  # autumn: one hour more
        (
            _sunday("America/New_York", "01:00", "04:00"),
            (utc(3, 1), utc(3, 2)),
            h(3),
            (utc(3, 1, 6), utc(3, 1, 9)),
        ),  # plain sunday in EST
        (
            _sunday("America/New_York", "01:00", "04:00"),
            (utc(3, 8), utc(3, 9)),
            h(2),
            (utc(3, 8, 6), utc(3, 8, 8)),
        ),
        (
            _sunday("America/New_York", "01:00", "04:00"),
            (utc(11, 1), utc(11, 2)),
            h(4),
            (utc(11, 1, 5), utc(11, 1, 9)),
        ),  # 01:00 is ambiguous: the first (EDT) one
        (
            _sunday("Australia/Sydney", "01:00", "04:00"),
            (utc(4, 4), utc(4, 5)),
            h(4),
            (utc(4, 4, 14), utc(4, 4, 18)),
        ),  # autumn in the south
        (
            _sunday("Australia/Sydney", "01:00", "04:00"),
            (utc(10, 3), utc(10, 4)),
            h(2),
            (utc(10, 3, 15), utc(10, 3, 17)),
        ),  # spring in the south
        # full days on the switch: 23 and 25 hours
        (
            _sunday("Europe/Berlin", "00:00", "24:00"),
            (utc(3, 28), utc(3, 30)),
            h(23),
            (utc(3, 28, 23), utc(3, 29, 22)),
        ),
        (
            _sunday("Europe/Berlin", "00:00", "24:00"),
            (utc(10, 24), utc(10, 26)),
            h(25),
            (utc(10, 24, 22), utc(10, 25, 23)),
        ),
        (
            _sunday("America/New_York", "00:00", "24:00"),
            (utc(3, 8), utc(3, 10)),
            h(23),
            (utc(3, 8, 5), utc(3, 9, 4)),
        ),
        (
            _sunday("America/New_York", "00:00", "24:00"),
            (utc(11, 1), utc(11, 3)),
            h(25),
            (utc(11, 1, 4), utc(11, 2, 5)),
        ),
    ],
)
def test_dst_range_over_the_switch(hours, window, span, interval):
    assert intervals(hours, *window) == [interval]
    assert open_time_between(hours, *window) == span


@pytest.mark.parametrize(
    ("timezone", "window", "span", "interval"),
    [
        # saturday "22:00"-"06:00" crossing the night of the switch: 8 hours of wall clock
        ("Europe/Berlin", (utc(3, 28), utc(3, 30)), h(7), (utc(3, 28, 21), utc(3, 29, 4))),
        ("Europe/Berlin", (utc(10, 24), utc(10, 26)), h(9), (utc(10, 24, 20), utc(10, 25, 5))),
        ("America/New_York", (utc(3, 7), utc(3, 9)), h(7), (utc(3, 8, 3), utc(3, 8, 10))),
        ("America/New_York", (utc(10, 31), utc(11, 2)), h(9), (utc(11, 1, 2), utc(11, 1, 11))),
    ],
)
def test_dst_overnight_range_over_the_switch(timezone, window, span, interval):
    hours = Hours(timezone, ranges(["saturday"], "22:00", "06:00"))
    assert intervals(hours, *window) == [interval]
    assert open_time_between(hours, *window) == span


@pytest.mark.parametrize(
    ("hours", "at", "expected"),
    [
        # Berlin office: friday 17:00 CET -> monday 09:00 CEST
        (office("Europe/Berlin"), utc(3, 27, 16), utc(3, 30, 7)),
        (office("Europe/Berlin"), utc(3, 28, 12), utc(3, 30, 7)),
        (office("Europe/Berlin"), utc(3, 30, 7), utc(3, 30, 15)),  # open: closes 17:00 CEST
        # friday 17:00 CEST -> monday 09:00 CET
        (office("Europe/Berlin"), utc(10, 23, 15), utc(10, 26, 8)),
        (office("Europe/Berlin"), utc(10, 26, 8), utc(10, 26, 16)),
        # New York office
        (office("America/New_York"), utc(3, 6, 22), utc(3, 9, 13)),
        (office("America/New_York"), utc(10, 30, 21), utc(11, 2, 14)),
        # Sydney office: friday 17:00 AEDT (06:00 UTC) -> monday 09:00 AEST (sunday 23:00 UTC)
        (office("Australia/Sydney"), utc(4, 3, 6), utc(4, 5, 23)),
        # a range inside the night of the switch: opens and closes at the shifted instants
        (_sunday("Europe/Berlin", "01:00", "04:00"), utc(3, 28, 12), utc(3, 29, 0)),
        (_sunday("Europe/Berlin", "01:00", "04:00"), utc(3, 29, 0), utc(3, 29, 2)),
        (_sunday("Europe/Berlin", "01:00", "04:00"), utc(10, 25, 0), utc(10, 25, 3)),
    ],
)
def test_dst_next_change_over_the_switch(hours, at, expected):
    assert next_change(hours, at) == expected


# ---------------------------------------------------------------------------------------------
# add_open_time


BERLIN = office("Europe/Berlin")  # in June: CEST, 09:00-17:00 local is 07:00-15:00 UTC
BERLIN_HOLIDAY = office("Europe/Berlin", [{"date": HOLIDAY, "closed": True}])


@pytest.mark.parametrize(
    ("hours", "start", "duration", "expected"),
    [
        # friday 16:30 local + 2 h: 30 min on friday, 90 min on monday -> monday 10:30 local
        (BERLIN, utc(6, 5, 14, 30), h(2), utc(6, 8, 8, 30)),
        (BERLIN, utc(6, 1, 8), h(1), utc(6, 1, 9)),  # monday 10:00 -> 11:00, same day
        (BERLIN, utc(6, 1, 14), h(1), utc(6, 1, 15)),  # ends exactly at closing, not next morning
        (BERLIN, utc(6, 1, 16), h(1), utc(6, 2, 8)),  # closed evening: tuesday 10:00
        (BERLIN, utc(6, 1, 4), h(1), utc(6, 1, 8)),  # before opening: 10:00
        (BERLIN, utc(6, 1, 8), h(8), utc(6, 2, 8)),  # a full day of open time: 10:00 next day
        (BERLIN, utc(6, 1, 7), h(40), utc(6, 5, 15)),  # a whole week: friday 17:00
        (BERLIN, utc(6, 1, 7), h(41), utc(6, 8, 8)),  # ... plus an hour: monday 10:00
        (BERLIN, utc(6, 6, 10), timedelta(minutes=30), utc(6, 8, 7, 30)),  # from saturday
        (BERLIN_HOLIDAY, utc(6, 2, 14), h(2), utc(6, 4, 8)),  # tuesday 16:00 over the holiday
        (BERLIN_HOLIDAY, utc(6, 3, 8), h(1), utc(6, 4, 8)),  # on the holiday
        # over the daylight-saving weekends: still 10:30 local on monday
        (BERLIN, utc(3, 27, 15, 30), h(2), utc(3, 30, 8, 30)),  # CET -> CEST
        (BERLIN, utc(10, 23, 14, 30), h(2), utc(10, 26, 9, 30)),  # CEST -> CET
        (office("America/New_York"), utc(3, 6, 21, 30), h(2), utc(3, 9, 14, 30)),
        (office("America/New_York"), utc(10, 30, 20, 30), h(2), utc(11, 2, 15, 30)),
        # inside the spring gap: 01:00 CET + 90 min is 03:30 CEST
        (_sunday("Europe/Berlin", "01:00", "04:00"), utc(3, 29, 0), timedelta(minutes=90), utc(3, 29, 1, 30)),
        # past midnight and into the next range
        (NIGHTS, utc(6, 5, 23), h(7), utc(6, 6, 6)),
        (NIGHTS, utc(6, 5, 23), h(8), utc(6, 7, 23)),
        (SPLIT, utc(6, 1, 11), h(2), utc(6, 1, 14)),  # over lunch
    ],
)
def test_add_open_time(hours, start, duration, expected):
    assert add_open_time(hours, start, duration) == expected
    assert open_time_between(hours, start, expected) == duration


@pytest.mark.parametrize(
    ("hours", "start", "expected"),
    [
        (BERLIN, utc(6, 1, 8), utc(6, 1, 8)),  # open: no time passes
        (BERLIN, utc(6, 1, 7), utc(6, 1, 7)),  # at the opening instant
        (ALWAYS, utc(6, 6, 12), utc(6, 6, 12)),
        # closed: the next opening (behaviour as implemented; the docstring does not say)
        (BERLIN, utc(6, 5, 16), utc(6, 8, 7)),
        (BERLIN, utc(6, 1, 15), utc(6, 2, 7)),  # at the closing instant
    ],
)
def test_add_open_time_zero_duration(hours, start, expected):
    assert add_open_time(hours, start, timedelta()) == expected


@pytest.mark.parametrize("duration", [timedelta(), timedelta(seconds=1), h(2), h(1000)])
def test_add_open_time_never_open(duration):
    assert add_open_time(NEVER, utc(6, 1, 12), duration) is None
    assert (
        add_open_time(Hours("UTC", [], [{"date": HOLIDAY, "closed": True}]), utc(6, 1, 12), duration) is None
    )


def test_add_open_time_beyond_the_horizon():
    # about 57 weeks of 40 h fit in the 400-day horizon; 10,000 hours do not
    assert add_open_time(office(), utc(6, 1), h(10_000)) is None
    assert add_open_time(office(), utc(6, 1), h(2_000)) is not None


def test_add_open_time_always_open_is_plain_addition():
    for start in (utc(6, 1, 3), utc(3, 29, 0, 30), utc(10, 25, 0, 30)):
        for duration in (timedelta(minutes=1), h(5), h(100)):
            assert add_open_time(ALWAYS, start, duration) == start + duration
            assert add_open_time(ALWAYS_BERLIN, start, duration) == start + duration


# ---------------------------------------------------------------------------------------------
# open_time_between


@pytest.mark.parametrize(
    ("hours", "start", "end", "expected"),
    [
        (office(), utc(6, 1), utc(6, 8), h(40)),  # a week
        (office(), utc(6, 1), utc(6, 15), h(80)),  # two weeks
        (HOLIDAYS, utc(6, 1), utc(6, 8), h(32)),  # a week with a holiday
        (office(), utc(6, 1, 10), utc(6, 1, 11), h(1)),  # inside one range
        (office(), utc(6, 1, 16), utc(6, 2, 10), h(2)),  # clipped at both ends
        (office(), utc(6, 1, 12), utc(6, 1, 12), timedelta()),  # empty window
        (office(), utc(6, 1, 17), utc(6, 2, 9), timedelta()),  # closed night
        (office(), utc(6, 6), utc(6, 8), timedelta()),  # weekend
        (office(), utc(6, 5, 16), utc(6, 8, 10), h(2)),  # friday afternoon to monday morning
        (SPLIT, utc(6, 1), utc(6, 2), h(8)),  # 3 + 4 + 1
        (SPLIT, utc(6, 1, 11), utc(6, 1, 14), h(2)),  # lunch does not count
        (NIGHTS, utc(6, 6, 3), utc(6, 6, 12), h(3)),  # the end of friday's night
        (NIGHTS, utc(6, 1), utc(6, 8), h(16)),  # last sunday's tail 6 h + friday 8 h + sunday 2 h
        (SPECIAL, utc(6, 3), utc(6, 4), h(3)),
        (ALWAYS, utc(6, 1, 12), utc(6, 3, 12), h(48)),
        (NEVER, utc(6, 1), utc(12, 31), timedelta()),
        # Berlin office: the daylight-saving weekends do not change the working week
        (office("Europe/Berlin"), utc(3, 23), utc(4, 4), h(80)),
        (office("Europe/Berlin"), utc(10, 19), utc(10, 31), h(80)),
        (DAILY_9_17["America/New_York"], utc(3, 7), utc(3, 10), h(24)),
    ],
)
def test_open_time_between(hours, start, end, expected):
    assert open_time_between(hours, start, end) == expected
