"""The reports' queries. On PostgreSQL the figures are aggregated in the database: counts per
bucket by `width_bucket` over the buckets' first instants, each measure one range of an index of
migration 0019 (or one scan of the table, for long periods); percentiles by `percentile_cont`
over each bucket's (or agent's) values gathered with `array_agg`, so that only they are sorted;
the time agents held transfers from the transfers (their last agent) and from the handover lines
of the history (the agents before). Elsewhere (SQLite, the small embedded database) the rows
that may count are read and counted by rota.reports.measures, which defines every figure; the
tests hold both to the same numbers, and the SQL to the Python count on the same data."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    Integer,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import NullType

from rota.db import query
from rota.db.base import UTCDateTime, table
from rota.reports.measures import (
    ASSIGNING,
    CLOSED,
    P50,
    P90,
    RESUMED,
    AgentTally,
    EndedRow,
    HistoryLine,
    TransferRow,
    TransferTally,
)
from rota.teams.models import TeamMember
from rota.transfers.models import Status, T, transfer_events, transfers
from rota.users.models import Organization, Role, User

# the databases whose figures are aggregated in SQL (the tests empty it to hold the SQL to the
# figures rota.reports.measures counts from the rows, on the same database)
IN_DATABASE = {"postgresql"}

E = transfer_events.c
_users = table(User).c
_orgs = table(Organization).c
_members = table(TeamMember).c

START = bindparam("start", type_=UTCDateTime)
END = bindparam("end", type_=UTCDateTime)
NOW = bindparam("now", type_=UTCDateTime)
UPTO = bindparam("upto", type_=UTCDateTime)  # the earlier of the period's end and now
STARTS = bindparam("starts", type_=ARRAY(DateTime(timezone=True)))


def in_database(session: AsyncSession) -> bool:
    return query.dialect(session).name in IN_DATABASE


async def _plan_each_time(session: AsyncSession) -> None:
    """PostgreSQL plans the report's statements for their values every time (for the rest of
    the transaction): a generic plan, which it would settle on after five runs, cannot know
    whether a period holds a thousand rows or a million. Planning costs a millisecond."""
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _scope(org_id: uuid.UUID, team_id: uuid.UUID | None) -> list[Any]:
    """The organization's transfers, or those of its team (the team they are in now)."""
    where = [T.organization_id == org_id]
    if team_id is not None:
        where.append(T.team_id == team_id)
    return where


def _within(column: Any) -> Any:
    return and_(column >= START, column < END)


def _params(start: datetime, end: datetime, **more: Any) -> dict[str, Any]:
    return {"start": start, "end": end, **more}


async def team_role(session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID) -> str | None:
    return await query.scalar(
        session, select(_members.role).where(_members.team_id == team_id, _members.user_id == user_id)
    )


# ---- transfers --------------------------------------------------------------------------------


def _epoch(interval: Any) -> Any:
    return func.date_part("epoch", interval, type_=Float)


_WAIT = _epoch(T.first_assigned_at - T.transferred_at)
_LEFT_BY_ASSIGNMENT = or_(T.ended_at.is_(None), T.ended_at >= T.first_assigned_at)
_LEFT_BY_ENDING = or_(T.first_assigned_at.is_(None), T.first_assigned_at > T.ended_at)
_NO_INT = cast(null(), Integer)
_PERCENTILES: Any = literal_column(f"ARRAY[{P50}, {P90}]::float8[]")


def _percentiles(value: Any) -> Any:
    """[p50, p90] of the value (PostgreSQL's percentile_cont), null without rows."""
    return type_coerce(func.percentile_cont(_PERCENTILES).within_group(value), NullType())  # a list


def _bucket(column: Any) -> Any:
    """The bucket's number, from 1 (`starts` holds the buckets' first instants in order)."""
    return func.width_bucket(column, STARTS)


def _measure(kind: int, column: Any, *values: Any, where: Sequence[Any]) -> Any:
    """(kind, bucket, a, b, c) per bucket of `column` within the period."""
    k = _bucket(column).label("k")
    filled = [*values, *[_NO_INT] * (3 - len(values))]
    return (
        select(literal_column(str(kind)).label("kind"), k, *filled).where(*where, _within(column)).group_by(k)
    )


def _transfer_counts(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """Created, ended and breached per bucket, and how many waited at the start: one pass over
    an index range (or the table) each."""
    scope = _scope(org_id, team_id)
    count = func.count()
    return union_all(
        _measure(0, T.transferred_at, count, where=scope),
        _measure(
            2,
            T.ended_at,
            count.filter(T.status == CLOSED),
            count.filter(T.status == RESUMED),
            count.filter(_LEFT_BY_ENDING),
            where=scope,
        ),
        _measure(3, T.first_assignment_breached_at, count, where=scope),
        # waiting at the period's start: created before it, neither first assigned nor ended
        # before it (the first `or_` says the same in a form indexes serve: by the period's
        # start, by what happened after it, or by what still waits)
        select(literal_column("4"), _NO_INT, count, _NO_INT, _NO_INT).where(
            *scope,
            T.transferred_at < START,
            or_(
                T.first_assigned_at >= START,
                T.ended_at >= START,
                and_(T.status == Status.ACTIVE, T.first_assigned_at.is_(None)),
            ),
            or_(T.first_assigned_at.is_(None), T.first_assigned_at >= START),
            or_(T.ended_at.is_(None), T.ended_at >= START),
        ),
    )


def _first_assignments(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """Per bucket: first assignments, SLA met, left the wait, and [p50, p90] of the waits; then
    (a null bucket) [p50, p90] over the whole period. One pass: each bucket's waits are gathered
    by a hash or sort of the buckets, and only they are sorted for its percentiles."""
    k = _bucket(T.first_assigned_at).label("k")
    count = func.count()
    buckets = (
        select(
            k,
            count.label("n"),
            count.filter(
                T.first_assignment_due_at.is_not(None), T.first_assignment_breached_at.is_(None)
            ).label("met"),
            count.filter(_LEFT_BY_ASSIGNMENT).label("left"),
            func.array_agg(_WAIT).label("waits"),
        )
        .where(*_scope(org_id, team_id), _within(T.first_assigned_at))
        .group_by(k)
        .cte("buckets")
    )
    bucket_waits = func.unnest(buckets.c.waits).column_valued("wait")
    all_waits = func.unnest(buckets.c.waits).table_valued("wait").render_derived(name="all_waits")
    return union_all(
        select(
            buckets.c.k,
            buckets.c.n,
            buckets.c.met,
            buckets.c.left,
            select(_percentiles(bucket_waits)).scalar_subquery(),
        ),
        select(
            _NO_INT,
            _NO_INT,
            _NO_INT,
            _NO_INT,
            select(_percentiles(all_waits.c.wait))
            .select_from(buckets.join(all_waits, true()))
            .scalar_subquery(),
        ),
    )


async def transfer_counts(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_id: uuid.UUID | None,
    starts: list[datetime],
    end: datetime,
) -> TransferTally:
    """The period's figures, aggregated by PostgreSQL."""
    await _plan_each_time(session)
    tally = TransferTally.empty(len(starts))
    params = _params(starts[0], end, starts=starts)
    for kind, k, a, b, c in await query.rows(session, _transfer_counts(org_id, team_id), params):
        if kind == 4:
            tally.waiting_at_start = a
        elif kind == 0:
            tally.created[k - 1] = a
        elif kind == 2:
            tally.closed[k - 1], tally.resumed[k - 1] = a, b
            tally.left[k - 1] += c
        else:
            tally.sla_breached[k - 1] = a
    for k, n, met, left, p in await query.rows(session, _first_assignments(org_id, team_id), params):
        p50, p90 = p or (None, None)
        if k is None:
            tally.total_p50, tally.total_p90 = p50, p90
            continue
        i = k - 1
        tally.assigned[i], tally.sla_met[i] = n, met
        tally.left[i] += left
        tally.p50[i], tally.p90[i] = p50, p90
    return tally


async def transfer_rows(
    session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID | None, start: datetime, end: datetime
) -> list[TransferRow]:
    """Every transfer that may count in the period (for rota.reports.measures to count)."""
    q = select(
        T.transferred_at,
        T.first_assigned_at,
        T.ended_at,
        T.status,
        T.first_assignment_due_at,
        T.first_assignment_breached_at,
    ).where(
        *_scope(org_id, team_id),
        T.transferred_at < END,
        or_(
            T.ended_at.is_(None),
            T.ended_at >= START,
            T.first_assigned_at >= START,
            T.first_assignment_breached_at >= START,
        ),
    )
    return [TransferRow(*r) for r in await query.rows(session, q, _params(start, end))]


# ---- agents -----------------------------------------------------------------------------------


def _overlapping(org_id: uuid.UUID, team_id: uuid.UUID | None) -> list[Any]:
    """Transfers of the scope that existed during the period (created before its end, not
    ended before its start)."""
    return [*_scope(org_id, team_id), T.transferred_at < END, or_(T.ended_at.is_(None), T.ended_at >= START)]


def _types(*names: str) -> Any:
    """The history line is of one of these types (written out, as the partial indexes are)."""
    return E.type.in_([literal_column(f"'{name}'") for name in names])


def _in_team(lines: Any, org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """History lines of transfers that are in the team now. (The lines are from the period on,
    so their transfers existed during it: saying so lets the indexes find them without reading
    the team's whole past.)"""
    if team_id is None:
        return lines
    return lines.join(transfers, T.id == E.transfer_id).where(*_overlapping(org_id, team_id))


def _assignments(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    q = select(E.agent_id, func.count()).where(
        E.organization_id == org_id, _types(*ASSIGNING), E.agent_id.is_not(None), _within(E.created_at)
    )
    return _in_team(q, org_id, team_id).group_by(E.agent_id)


def _handled(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """Per agent: closed, resumed and the median handle time (each agent's handle times are
    gathered by hashing, and only they are sorted)."""
    count = func.count()
    agents = (
        select(
            T.agent_id,
            count.filter(T.status == CLOSED).label("closed"),
            count.filter(T.status == RESUMED).label("resumed"),
            func.array_agg(_epoch(T.ended_at - T.assigned_at)).label("handles"),
        )
        .where(
            *_scope(org_id, team_id),
            T.agent_id.is_not(None),
            T.status.in_((CLOSED, RESUMED)),
            _within(T.ended_at),
        )
        .group_by(T.agent_id)
        .subquery("handled")
    )
    handles = func.unnest(agents.c.handles).column_valued("handle")
    median = select(func.percentile_cont(P50).within_group(handles)).scalar_subquery()
    return select(agents.c.agent_id, agents.c.closed, agents.c.resumed, median)


def _overlap(begins: Any, ends: Any) -> tuple[Any, Any]:
    """[begins, ends) cut to the period up to now: (from, until); empty unless until > from."""
    return func.greatest(begins, START), func.least(ends, UPTO)


def _held_last(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """The time each transfer's last agent has had it (since assigned_at, until it ended or
    now), within the period."""
    since, until = _overlap(T.assigned_at, func.coalesce(T.ended_at, NOW))
    return (
        select(T.agent_id, func.sum(_epoch(until - since)))
        .where(
            *_scope(org_id, team_id),
            T.agent_id.is_not(None),
            T.assigned_at < UPTO,
            or_(T.status == Status.ACTIVE, T.ended_at > START),
            until > since,
        )
        .group_by(T.agent_id)
    )


# a history line that takes a transfer from its agent (who is in its `details`): released
# (unassigned, moved, declined, lapsed) or given to someone else by people; the partial index
# ix_transfer_events_handovers holds exactly these
RELEASING = ("unassigned", "moved", "offer_declined", "offer_lapsed")
GIVING = ("assigned", "picked", "offered")
HANDOVER = or_(
    _types(*RELEASING),
    literal_column(
        "transfer_events.type = 'assigned' AND (transfer_events.details ->> 'previous_agent_id') IS NOT NULL"
    ),
)


def _held_before(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    """The time earlier agents had transfers, within the period: each handover line ends the
    holding that the transfer's previous giving line began (when the line before it that gave
    or released the transfer gave it)."""
    previous = transfer_events.alias("previous")
    p = previous.c
    before = (
        select(p.type, p.agent_id, p.created_at)
        .where(
            p.transfer_id == E.transfer_id,
            p.seq < E.seq,
            p.type.in_([literal_column(f"'{name}'") for name in (*GIVING, *RELEASING)]),
        )
        .order_by(p.seq.desc())
        .limit(1)
        .lateral("before")
    )
    since, until = _overlap(before.c.created_at, E.created_at)
    q = (
        select(before.c.agent_id, func.sum(_epoch(until - since)))
        .select_from(transfer_events.join(before, true()))
        .where(
            E.organization_id == org_id,
            HANDOVER,
            E.created_at > START,
            before.c.type.in_(GIVING),
            before.c.agent_id.is_not(None),
            until > since,
        )
    )
    return _in_team(q, org_id, team_id).group_by(before.c.agent_id)


async def agent_counts(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_id: uuid.UUID | None,
    start: datetime,
    end: datetime,
    now: datetime,
) -> dict[uuid.UUID, AgentTally]:
    """The agents' figures, aggregated by PostgreSQL. The time held is the last agent's (from
    the transfers) plus the earlier agents' (from the handover lines of the history), which is
    what rota.reports.measures counts line by line."""
    await _plan_each_time(session)
    params = _params(start, end, now=now, upto=min(end, now))
    agents: dict[uuid.UUID, AgentTally] = defaultdict(AgentTally)
    for agent_id, n in await query.rows(session, _assignments(org_id, team_id), params):
        agents[agent_id].assigned = n
    for agent_id, closed, resumed, median in await query.rows(session, _handled(org_id, team_id), params):
        agent = agents[agent_id]
        agent.closed, agent.resumed, agent.median_handle_seconds = closed, resumed, median
    for statement in (_held_last(org_id, team_id), _held_before(org_id, team_id)):
        for agent_id, held in await query.rows(session, statement, params):
            agents[agent_id].held_seconds += held
    return agents


async def history_lines(
    session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID | None, start: datetime, end: datetime
) -> list[HistoryLine]:
    """The history of every transfer that existed during the period, each in order."""
    q = (
        select(E.transfer_id, E.seq, E.type, E.agent_id, E.created_at, T.ended_at)
        .join(transfers, T.id == E.transfer_id)
        .where(E.organization_id == org_id, *_overlapping(org_id, team_id))
        .order_by(E.transfer_id, E.seq)
    )
    return [HistoryLine(*r) for r in await query.rows(session, q, _params(start, end))]


async def ended_rows(
    session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID | None, start: datetime, end: datetime
) -> list[EndedRow]:
    q = select(T.agent_id, T.status, T.assigned_at, T.ended_at).where(
        *_scope(org_id, team_id), T.agent_id.is_not(None), _within(T.ended_at)
    )
    return [EndedRow(*r) for r in await query.rows(session, q, _params(start, end))]


async def agents(
    session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID | None, also: list[uuid.UUID]
) -> list[tuple[uuid.UUID, str, str, int | None]]:
    """(id, full name, email, capacity) of the team's agents (of the organization's active
    agents, without a team), and of the users `also` names, by name."""
    listed: Any
    if team_id is not None:
        listed = _users.id.in_(
            select(_members.user_id).where(_members.team_id == team_id, _members.role == Role.AGENT)
        )
    else:
        listed = and_(_users.role == Role.AGENT, _users.is_active)
    capacity = func.coalesce(_users.max_active_transfers, _orgs.default_max_active_transfers)
    q = (
        select(_users.id, _users.full_name, _users.email, capacity)
        .join(table(Organization), _orgs.id == _users.organization_id)
        .where(_users.organization_id == org_id, or_(listed, _users.id.in_(also)))
        .order_by(_users.full_name, _users.id)
    )
    return [(r[0], r[1], r[2], r[3]) for r in await query.rows(session, q)]
