"""What the reports count, defined once: pure functions, no I/O.

PostgreSQL computes the same figures in SQL (rota.reports.repository); on SQLite, the small
embedded database, the rows are read and counted here. The tests hold both to the same numbers.

A period is `[from, to)`. Its buckets are the local hours or local days (from midnight) of a
time zone, cut at the period's ends: the first bucket starts at `from`, every later one at a
local whole hour or midnight, the last ends at `to`. A day can last 23 or 25 hours and an hour
can repeat when clocks change; each bucket is a real interval, none is merged or skipped.

A transfer belongs to the team it is in now (or ended in): one moved to another team counts,
with all its history, in its last team (as the transfer lists' `team_id` filter has it).
"""

import uuid
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from math import ceil, floor
from typing import Literal
from zoneinfo import ZoneInfo

Bucket = Literal["hour", "day"]
MAX_BUCKETS = 2000
# the instants a report may name: any period of Rota's life, none that overflows a date
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
_LENGTH = {"hour": timedelta(hours=1), "day": timedelta(days=1)}
# every time zone's offset is a multiple of 15 minutes (since 1972): local whole hours fall on them
_QUARTER = timedelta(minutes=15)

# history lines that give the transfer to its agent for good (an offer counts once accepted)
ASSIGNING = ("assigned", "picked", "accepted")
# history lines (and statuses) that end a transfer
ENDING = ("closed", "resumed", "expired")
CLOSED, RESUMED = "closed", "resumed"
P50, P90 = 0.5, 0.9


def bucket_starts(start: datetime, end: datetime, bucket: Bucket, zone: ZoneInfo) -> list[datetime] | None:
    """The instants (UTC) that begin the buckets of [start, end): `start`, then every local
    whole hour or local midnight of the zone after it and before `end`. None: more than
    MAX_BUCKETS."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end - start > _LENGTH[bucket] * (MAX_BUCKETS + 1):
        return None
    starts = [start]
    if bucket == "hour":
        epoch = datetime(2000, 1, 1, tzinfo=UTC)
        t = epoch + _QUARTER * ceil((start - epoch) / _QUARTER)
        while t < end:
            local = t.astimezone(zone)
            if t > start and local.minute == 0 and local.second == 0:
                starts.append(t)
            t += _QUARTER
    else:
        day = start.astimezone(zone).date() + timedelta(days=1)
        while len(starts) <= MAX_BUCKETS:
            # a midnight the clocks skip: the day starts when they jump (fold=0 reads it so)
            midnight = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
            if midnight >= end:
                break
            if midnight > start:
                starts.append(midnight)
            day += timedelta(days=1)
    return starts if len(starts) <= MAX_BUCKETS else None


def bucket_of(starts: Sequence[datetime], end: datetime, at: datetime | None) -> int | None:
    """The index of the bucket `at` falls in, or None outside the period."""
    if at is None or not starts[0] <= at < end:
        return None
    return bisect_right(starts, at) - 1


def percentile(ordered: Sequence[float], p: float) -> float | None:
    """PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of the
    sorted values (None without values)."""
    if not ordered:
        return None
    position = p * (len(ordered) - 1)
    low, high = floor(position), ceil(position)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def seconds(value: float | None) -> float | None:
    """Seconds as reported: to the millisecond."""
    return None if value is None else round(value, 3)


def compliance(met: int, breached: int) -> float | None:
    decided = met + breached
    return round(met / decided, 4) if decided else None


# ---- transfers --------------------------------------------------------------------------------


@dataclass(slots=True)
class TransferRow:
    transferred_at: datetime
    first_assigned_at: datetime | None
    ended_at: datetime | None
    status: str
    first_assignment_due_at: datetime | None
    first_assignment_breached_at: datetime | None


@dataclass
class TransferTally:
    """Per bucket (lists as long as the buckets), and over the whole period.

    - created: transfers whose `transferred_at` falls in the bucket;
    - assigned: first assignments (`first_assigned_at`; an offer counts when accepted), with
      p50/p90 of their wait, first_assigned_at - transferred_at;
    - closed / resumed: transfers that ended so (`ended_at`);
    - left: transfers that stopped waiting for a first assignment: first assigned or ended,
      whichever came first;
    - sla_met: first assignments of transfers with a first-assignment deadline, never marked
      breached; sla_breached: first-assignment breaches as Rota marked them (the `sla_breached`
      history line, `first_assignment_breached_at`);
    - waiting_at_start: created before the period and neither first assigned nor ended before it.
    """

    created: list[int]
    assigned: list[int]
    closed: list[int]
    resumed: list[int]
    left: list[int]
    sla_met: list[int]
    sla_breached: list[int]
    p50: list[float | None]
    p90: list[float | None]
    total_p50: float | None = None
    total_p90: float | None = None
    waiting_at_start: int = 0

    @classmethod
    def empty(cls, buckets: int) -> "TransferTally":
        def counts() -> list[int]:
            return [0] * buckets

        return cls(
            counts(),
            counts(),
            counts(),
            counts(),
            counts(),
            counts(),
            counts(),
            [None] * buckets,
            [None] * buckets,
        )

    def queue_lengths(self, starts: Sequence[datetime], now: datetime) -> list[int | None]:
        """Transfers waiting for a first assignment at each bucket's end: created before it, and
        neither first assigned nor ended before it. At the bucket in progress, the queue now;
        None for buckets that have not begun."""
        waiting, lengths = self.waiting_at_start, []
        for k, begins in enumerate(starts):
            waiting += self.created[k] - self.left[k]
            lengths.append(waiting if begins <= now else None)
        return lengths


def tally_transfers(rows: Iterable[TransferRow], starts: Sequence[datetime], end: datetime) -> TransferTally:
    """The figures of the period from its transfers' rows (every row that may count)."""
    tally = TransferTally.empty(len(starts))
    waits: list[list[float]] = [[] for _ in starts]
    start = starts[0]
    for r in rows:
        first, ended = r.first_assigned_at, r.ended_at
        if (k := bucket_of(starts, end, r.transferred_at)) is not None:
            tally.created[k] += 1
        if first is not None and (k := bucket_of(starts, end, first)) is not None:
            tally.assigned[k] += 1
            waits[k].append((first - r.transferred_at).total_seconds())
            if r.first_assignment_due_at is not None and r.first_assignment_breached_at is None:
                tally.sla_met[k] += 1
        if ended is not None and (k := bucket_of(starts, end, ended)) is not None:
            if r.status == CLOSED:
                tally.closed[k] += 1
            elif r.status == RESUMED:
                tally.resumed[k] += 1
        left = min((t for t in (first, ended) if t is not None), default=None)
        if (k := bucket_of(starts, end, left)) is not None:
            tally.left[k] += 1
        if (k := bucket_of(starts, end, r.first_assignment_breached_at)) is not None:
            tally.sla_breached[k] += 1
        if r.transferred_at < start and (left is None or left >= start):
            tally.waiting_at_start += 1
    for k, bucket in enumerate(waits):
        bucket.sort()
        tally.p50[k], tally.p90[k] = percentile(bucket, P50), percentile(bucket, P90)
    every = sorted(w for bucket in waits for w in bucket)
    tally.total_p50, tally.total_p90 = percentile(every, P50), percentile(every, P90)
    return tally


# ---- agents -----------------------------------------------------------------------------------


@dataclass(slots=True)
class HistoryLine:
    """A line of a transfer's history (`agent_id`: who had the transfer after it), with when
    the transfer ended."""

    transfer_id: uuid.UUID
    seq: int
    type: str
    agent_id: uuid.UUID | None
    created_at: datetime
    transfer_ended_at: datetime | None


@dataclass(slots=True)
class EndedRow:
    """A transfer that ended, with the agent who had it then."""

    agent_id: uuid.UUID
    status: str
    assigned_at: datetime | None
    ended_at: datetime


@dataclass
class AgentTally:
    """One agent's figures over the period.

    - assigned: transfers given to them (assigned by routing or people, picked, or offered and
      accepted), whether it was the transfer's first assignment or a later one;
    - closed / resumed: transfers that ended so while they had them; median_handle_seconds:
      their median of ended_at - assigned_at (since the transfer was given to them);
    - held_seconds: the time they had transfers during the period, summed over the transfers
      (two at once for an hour: 7200), offers not yet accepted included.
    """

    assigned: int = 0
    closed: int = 0
    resumed: int = 0
    median_handle_seconds: float | None = None
    held_seconds: float = 0.0
    handles: list[float] = field(default_factory=list)


def held_overlap(begins: datetime, ends: datetime, start: datetime, end: datetime, now: datetime) -> float:
    """Seconds of [begins, ends) within the period, up to now."""
    span = (min(ends, end, now) - max(begins, start)).total_seconds()
    return span if span > 0 else 0.0


def tally_agents(
    lines: Iterable[HistoryLine],
    ended: Iterable[EndedRow],
    start: datetime,
    end: datetime,
    now: datetime,
) -> dict[uuid.UUID, AgentTally]:
    """The agents' figures from the history of the transfers that may count (each transfer's
    lines in order) and the transfers that ended in the period.

    An agent holds a transfer from a line that names them (and does not end it) until the
    transfer's next line, or until it ended, or now."""
    agents: dict[uuid.UUID, AgentTally] = defaultdict(AgentTally)
    previous: HistoryLine | None = None
    for line in [*lines, None]:
        if previous is not None and previous.agent_id is not None and previous.type not in ENDING:
            stop = previous.transfer_ended_at or now
            if line is not None and line.transfer_id == previous.transfer_id:
                stop = min(stop, line.created_at)
            agents[previous.agent_id].held_seconds += held_overlap(previous.created_at, stop, start, end, now)
        if (
            line is not None
            and line.agent_id is not None
            and line.type in ASSIGNING
            and start <= line.created_at < end
        ):
            agents[line.agent_id].assigned += 1
        previous = line
    for row in ended:
        if not start <= row.ended_at < end:
            continue
        agent = agents[row.agent_id]
        if row.status == CLOSED:
            agent.closed += 1
        elif row.status == RESUMED:
            agent.resumed += 1
        else:
            continue
        if row.assigned_at is not None:
            agent.handles.append((row.ended_at - row.assigned_at).total_seconds())
    for agent in agents.values():
        agent.median_handle_seconds = percentile(sorted(agent.handles), P50)
    return agents
