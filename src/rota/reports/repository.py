"""The reports' queries. On PostgreSQL the figures are aggregated in the database, in one pass
per measure (`width_bucket` over the buckets' first instants, `percentile_cont`, a window over
each transfer's history); elsewhere (SQLite) the rows that may count are read and counted by
rota.reports.measures, which defines every figure."""

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
    extract,
    func,
    literal_column,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.db.base import UTCDateTime, table
from rota.reports.measures import (
    ASSIGNING,
    CLOSED,
    ENDING,
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
from rota.transfers.models import T, transfer_events, transfers
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
    return cast(extract("epoch", interval), Float)


_WAIT = _epoch(T.first_assigned_at - T.transferred_at)
_LEFT_BY_ASSIGNMENT = or_(T.ended_at.is_(None), T.ended_at >= T.first_assigned_at)
_LEFT_BY_ENDING = or_(T.first_assigned_at.is_(None), T.first_assigned_at > T.ended_at)
_NO_INT = cast(null(), Integer)
_NO_FLOAT = cast(null(), Float)


def _bucket(column: Any) -> Any:
    """The bucket's number, from 1 (`starts` holds the buckets' first instants in order)."""
    return func.width_bucket(column, STARTS)


def _measure(kind: int, column: Any, *values: Any, where: Sequence[Any], totals: bool = False) -> Any:
    """(kind, bucket, a, b, c, p50, p90) per bucket of `column` within the period (with
    `totals`, one more row with a null bucket: the whole period)."""
    k = _bucket(column).label("k")
    filled = [*values, *[_NO_INT] * (5 - len(values))]
    q = select(literal_column(str(kind)).label("kind"), k, *filled).where(*where, _within(column))
    return q.group_by(func.grouping_sets(tuple_(k), tuple_()) if totals else k)


def _transfer_counts(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    scope = _scope(org_id, team_id)
    count = func.count()
    return union_all(
        _measure(0, T.transferred_at, count, where=scope),
        _measure(
            1,
            T.first_assigned_at,
            count,
            count.filter(T.first_assignment_due_at.is_not(None), T.first_assignment_breached_at.is_(None)),
            count.filter(_LEFT_BY_ASSIGNMENT),
            func.percentile_cont(P50).within_group(_WAIT),
            func.percentile_cont(P90).within_group(_WAIT),
            where=scope,
            totals=True,
        ),
        _measure(
            2,
            T.ended_at,
            count.filter(T.status == CLOSED),
            count.filter(T.status == RESUMED),
            count.filter(_LEFT_BY_ENDING),
            _NO_FLOAT,
            _NO_FLOAT,
            where=scope,
        ),
        _measure(3, T.first_assignment_breached_at, count, where=scope),
        # waiting at the period's start: created before it, neither first assigned nor ended before it
        select(literal_column("4"), _NO_INT, count, _NO_INT, _NO_INT, _NO_FLOAT, _NO_FLOAT).where(
            *scope,
            T.transferred_at < START,
            or_(T.first_assigned_at.is_(None), T.first_assigned_at >= START),
            or_(T.ended_at.is_(None), T.ended_at >= START),
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
    tally = TransferTally.empty(len(starts))
    rows = await query.rows(
        session, _transfer_counts(org_id, team_id), _params(starts[0], end, starts=starts)
    )
    for kind, k, a, b, c, p50, p90 in rows:
        if kind == 4:
            tally.waiting_at_start = a
            continue
        if kind == 1 and k is None:
            tally.total_p50, tally.total_p90 = p50, p90
            continue
        i = k - 1
        if kind == 0:
            tally.created[i] = a
        elif kind == 1:
            tally.assigned[i], tally.sla_met[i], tally.left[i] = a, b, c
            tally.p50[i], tally.p90[i] = p50, p90
        elif kind == 2:
            tally.closed[i], tally.resumed[i] = a, b
            tally.left[i] += c
        else:
            tally.sla_breached[i] = a
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


def _assignments(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    q = select(E.agent_id, func.count()).where(
        E.organization_id == org_id,
        E.type.in_(ASSIGNING),
        E.agent_id.is_not(None),
        _within(E.created_at),
    )
    if team_id is not None:
        q = q.join(transfers, T.id == E.transfer_id).where(T.team_id == team_id)
    return q.group_by(E.agent_id)


def _handled(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    count = func.count()
    return (
        select(
            T.agent_id,
            count.filter(T.status == CLOSED),
            count.filter(T.status == RESUMED),
            func.percentile_cont(P50).within_group(_epoch(T.ended_at - T.assigned_at)),
        )
        .where(
            *_scope(org_id, team_id),
            T.agent_id.is_not(None),
            T.status.in_((CLOSED, RESUMED)),
            _within(T.ended_at),
        )
        .group_by(T.agent_id)
    )


def _held(org_id: uuid.UUID, team_id: uuid.UUID | None) -> Any:
    stop = func.coalesce(T.ended_at, NOW)
    lines = (
        select(
            E.agent_id,
            E.type,
            E.created_at,
            func.lead(E.created_at).over(partition_by=E.transfer_id, order_by=E.seq).label("next_at"),
            stop.label("stop"),
        )
        .join(transfers, T.id == E.transfer_id)
        .where(E.organization_id == org_id, *_overlapping(org_id, team_id))
        .subquery()
    )
    h = lines.c
    until = func.least(func.coalesce(h.next_at, h.stop), h.stop, UPTO)
    since = func.greatest(h.created_at, START)
    return (
        select(h.agent_id, func.sum(_epoch(until - since)))
        .where(h.agent_id.is_not(None), h.type.not_in(ENDING), until > since)
        .group_by(h.agent_id)
    )


async def agent_counts(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_id: uuid.UUID | None,
    start: datetime,
    end: datetime,
    now: datetime,
) -> dict[uuid.UUID, AgentTally]:
    """The agents' figures, aggregated by PostgreSQL."""
    params = _params(start, end, now=now, upto=min(end, now))
    agents: dict[uuid.UUID, AgentTally] = defaultdict(AgentTally)
    for agent_id, n in await query.rows(session, _assignments(org_id, team_id), params):
        agents[agent_id].assigned = n
    for agent_id, closed, resumed, median in await query.rows(session, _handled(org_id, team_id), params):
        agent = agents[agent_id]
        agent.closed, agent.resumed, agent.median_handle_seconds = closed, resumed, median
    for agent_id, held in await query.rows(session, _held(org_id, team_id), params):
        agents[agent_id].held_seconds = float(held)
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
