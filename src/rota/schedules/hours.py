"""Opening hours: weekly ranges in a time zone, with dated exceptions. Pure, no I/O.

A weekly range belongs to the day it starts on; `end` at or before `start` runs past midnight
into the next day ("22:00"-"06:00"), and "24:00" is the end of the day. An exception replaces the
weekly ranges of its date: `closed` (a holiday) or its own `ranges` (special hours). Local times
become instants through the time zone's rules (zoneinfo), so daylight-saving changes need no
special handling.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HORIZON = timedelta(days=400)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Hours:
    timezone: str
    weekly: list[dict] = field(default_factory=list)  # {"day": "monday", "start": "09:00", "end": "17:00"}
    exceptions: list[dict] = field(
        default_factory=list
    )  # {"date": "2026-12-25", "closed": true, "ranges": []}


def _clock(text: str) -> timedelta:
    hours, minutes = text.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes))


def _ranges_of(hours: Hours, day: date) -> list[dict]:
    for exception in hours.exceptions:
        if exception["date"] == day.isoformat():
            return [] if exception.get("closed") else list(exception.get("ranges", []))
    return [r for r in hours.weekly if r["day"] == DAYS[day.weekday()]]


def _local(day: date, offset: timedelta, zone: ZoneInfo) -> datetime:
    moment = datetime.combine(day, time()) + offset
    return moment.replace(tzinfo=zone).astimezone(UTC)


def _walk(hours: Hours, start: datetime, end: datetime) -> Iterator[Interval]:
    """The open intervals (UTC, merged, in order) that overlap [start, end), found day by day,
    so a caller that has its answer stops early. A day's ranges start within that day, so
    sorting each day's keeps the whole walk in order."""
    zone = ZoneInfo(hours.timezone)
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    current: Interval | None = None
    while day <= last:
        found = []
        for r in _ranges_of(hours, day):
            opens, closes = _clock(r["start"]), _clock(r["end"])
            if closes <= opens:
                closes += timedelta(days=1)
            a, b = _local(day, opens, zone), _local(day, closes, zone)
            if b > start and a < end:
                found.append((a, b))
        for a, b in sorted(found):
            if current is not None and a <= current[1]:
                current = (current[0], max(current[1], b))
            else:
                if current is not None:
                    yield current
                current = (a, b)
        day += timedelta(days=1)
    if current is not None:
        yield current


def intervals(hours: Hours, start: datetime, end: datetime) -> list[Interval]:
    """The open intervals (UTC, merged, sorted) that overlap [start, end)."""
    return list(_walk(hours, start, end))


def is_open(hours: Hours, at: datetime) -> bool:
    return any(a <= at < b for a, b in intervals(hours, at, at + timedelta(seconds=1)))


def next_change(hours: Hours, at: datetime) -> datetime | None:
    """When the schedule next opens (while closed) or closes (while open); None: never."""
    limit = at + HORIZON
    for a, b in _walk(hours, at, limit):
        if a <= at < b:
            return None if b >= limit else b
        if a > at:
            return a
    return None


def state(hours: Hours | None, at: datetime) -> tuple[bool, datetime | None]:
    """(open, next change) at that instant; no hours means always open."""
    if hours is None:
        return True, None
    return is_open(hours, at), next_change(hours, at)


def add_open_time(hours: Hours, start: datetime, duration: timedelta) -> datetime | None:
    """The instant when `duration` of open time has passed since `start`; None: not within
    the horizon (a schedule that never opens)."""
    left = duration
    for a, b in _walk(hours, start, start + HORIZON):
        a = max(a, start)
        if left <= b - a:
            return a + left
        left -= b - a
    return None


def open_time_between(hours: Hours, start: datetime, end: datetime) -> timedelta:
    return sum((min(b, end) - max(a, start) for a, b in intervals(hours, start, end)), timedelta())
