"""The routing engine's queries, the row locks that make its decisions safe, and its writes.

Locks are always taken in the order team -> agent (user) -> transfer, each kind in id order,
so concurrent transactions never wait on each other in a circle. SQLite ignores FOR UPDATE: its
write transactions are serialized whole (BEGIN IMMEDIATE).

Everything is SQLAlchemy Core with statements built once; writes go through `rota.db.writes`
(one statement at flush on PostgreSQL). A read that must see pending writes flushes them first.
"""

import itertools
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.contacts.models import CONTACT_COLUMNS, Contact, ContactRow
from rota.db import query, writes
from rota.db.base import UTCDateTime, table
from rota.db.query import AnyOf, prepared
from rota.routing.rules import Candidate, RoutingTeam
from rota.schedules.hours import Hours
from rota.schedules.models import Schedule
from rota.teams.models import MemberRole, Team, TeamMember
from rota.transfers.models import (
    ASSIGNED_SINCE,
    COLUMNS,
    QUEUE_ORDER,
    SELECT_TRANSFER,
    WAITING,
    Status,
    Transfer,
    transfer_events,
    transfers,
)
from rota.users.models import ABSENT_NOW, Organization, Role, User

T = transfers.c

_teams, _members, _users = table(Team), table(TeamMember), table(User)
_orgs, _schedules, _contacts = table(Organization), table(Schedule), table(Contact)

# writes
NEW_TRANSFER = writes.Kind(transfers, COLUMNS, lazy=True)
CHANGED_TRANSFER = writes.Kind(
    transfers,
    tuple(
        c
        for c in COLUMNS
        if c
        not in (
            "id",
            "organization_id",
            "contact_id",
            "notes",
            "source",
            "priority",
            "created_by_id",
            "transferred_at",
            "required_skills",
        )
    ),
    keys=("id",),
)
HISTORY = writes.Kind(
    transfer_events,
    (
        "id",
        "organization_id",
        "transfer_id",
        "seq",
        "type",
        "actor_id",
        "team_id",
        "agent_id",
        "details",
        "created_at",
    ),
    lazy=True,
)
TURN = writes.Kind(
    _members, ("last_assigned_at", "last_turn"), keys=("team_id", "user_id"), keep=frozenset({"last_turn"})
)


_TEAM_COLUMNS = (
    _teams.c.id,
    _teams.c.organization_id,
    _teams.c.name,
    _teams.c.assignment_strategy,
    _teams.c.is_active,
    _teams.c.overflow_policy,
    _teams.c.fallback_team_id,
    _teams.c.overflow_after_seconds,
    _teams.c.sticky_agent_hours,
    _teams.c.sla_first_assignment_seconds,
    _teams.c.sla_resolution_seconds,
    _teams.c.accept_timeout_seconds,
    _teams.c.missed_offer_sets_away,
    _teams.c.skills_relax_after_seconds,
    _schedules.c.timezone,
    _schedules.c.weekly,
    _schedules.c.exceptions,
)


_TEAM_WIDTH = len(_TEAM_COLUMNS)


def _team(row: Any) -> RoutingTeam:
    *fields, timezone, weekly, exceptions = row[:_TEAM_WIDTH]
    hours = Hours(timezone, weekly, exceptions) if timezone else None
    return RoutingTeam(*fields, hours=hours)  # type: ignore[misc]  # the row holds exactly the other fields


async def _read(
    session: AsyncSession, statement: Any, params: dict[str, Any] | None = None, *, fresh: bool = True
) -> Sequence[Any]:
    """The statement's rows. With `fresh` (a read that pending changes could alter), what is
    pending is written first (but not new rows no read looks for)."""
    if fresh:
        await writes.flush(session, everything=False)
    return await query.rows(session, statement, params)


async def _first(
    session: AsyncSession, statement: Any, params: dict[str, Any] | None = None, *, fresh: bool = True
) -> Any:
    found = await _read(session, statement, params, fresh=fresh)
    return found[0] if found else None


# the contact's active transfer, if it has one (the partial unique index finds it)
_ACTIVE_OF_CONTACT = (
    select(T.id).where(T.contact_id == _contacts.c.id, T.status == Status.ACTIVE).limit(1).scalar_subquery()
)
_LAST_HANDLED = func.coalesce(T.ended_at, T.assigned_at)


def _last_handled_of_contact(column: Any) -> Any:
    """Of the contact's transfer handled most recently, this column; read only on the rows of
    teams that prefer a contact's previous agent (sticky_agent_hours)."""
    latest = (
        select(column)
        .where(T.contact_id == _contacts.c.id, T.agent_id.is_not(None))
        .order_by(_LAST_HANDLED.desc())
        .limit(1)
        .scalar_subquery()
    )
    return case((_teams.c.sticky_agent_hours.is_not(None), latest), else_=None)


_PREVIOUS_OF_CONTACT = (
    _last_handled_of_contact(T.agent_id),
    type_coerce(_last_handled_of_contact(_LAST_HANDLED), UTCDateTime),
)


def _reading_teams(fallbacks: bool, agent: bool, contact: bool, lock: bool) -> Select[Any]:
    """The organization's teams with these ids (with `agent`, also those the agent belongs to or
    holds transfers of; with `fallbacks`, also the teams their fallbacks lead to), with their
    schedules, in id order, locked with `lock`; with `contact`, that contact is joined to every
    row (by its id alone, so the primary key finds it; the caller checks its organization)."""
    wanted: Any = AnyOf(_teams.c.id, "teams")
    if agent:
        wanted = or_(
            wanted,
            _teams.c.id.in_(
                select(_members.c.team_id)
                .where(_members.c.user_id == bindparam("agent"))
                .union(select(T.team_id).where(T.agent_id == bindparam("agent"), T.status == Status.ACTIVE))
            ),
        )
    wanted = and_(wanted, _teams.c.organization_id == bindparam("org"))
    source: Any = _teams
    if fallbacks:  # fallbacks are teams of the same organization (checked when they are set)
        chain = (
            select(_teams.c.id, _teams.c.fallback_team_id.label("next"))
            .where(wanted)
            .cte("chain", recursive=True)
        )
        chain = chain.union(
            select(_teams.c.id, _teams.c.fallback_team_id).join(chain, _teams.c.id == chain.c.next)
        )
        source, wanted = chain.join(_teams, _teams.c.id == chain.c.id), None
    source = source.outerjoin(_schedules, _schedules.c.id == _teams.c.schedule_id)
    columns: tuple[Any, ...] = _TEAM_COLUMNS
    if contact:
        source = source.join(_contacts, _contacts.c.id == bindparam("contact"))
        columns += (*CONTACT_COLUMNS, *_PREVIOUS_OF_CONTACT, _ACTIVE_OF_CONTACT, _contacts.c.organization_id)
    q = select(*columns).select_from(source).order_by(_teams.c.id)
    if wanted is not None:
        q = q.where(wanted)
    return q.with_for_update(of=_teams) if lock else q


_TEAMS = {flags: prepared(_reading_teams(*flags)) for flags in itertools.product((False, True), repeat=4)}
_CONTACT = prepared(
    select(*CONTACT_COLUMNS, _ACTIVE_OF_CONTACT).where(
        _contacts.c.id == bindparam("contact"), _contacts.c.organization_id == bindparam("org")
    )
)


async def _contact(session: AsyncSession, params: dict[str, Any]) -> tuple[ContactRow | None, Any]:
    row = await _first(session, _CONTACT, params, fresh=False)
    return (ContactRow(*row[:-1]), row[-1]) if row else (None, None)


# the agent of the contact's transfer handled most recently, and when (read, or None: not read)
Previous = tuple[uuid.UUID | None, datetime | None]


async def read_teams(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_ids: Iterable[uuid.UUID],
    *,
    lock: bool = False,
    fallbacks: bool = False,
    agent_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
) -> tuple[list[RoutingTeam], Any, Any, Previous | None]:
    """These teams of the organization (see `_reading_teams`). With `contact_id`, also that
    contact, its active transfer's id (if any) and, where one of the teams prefers a contact's
    previous agent, that agent, read in the same statement: `(teams, contact, active transfer,
    previous)`; when the join finds nothing, the teams and the contact are read again apart, so
    the caller can tell which is missing (and `previous` is left unread: None)."""
    ids = list(set(team_ids))
    params = {"teams": ids, "org": org_id, "contact": contact_id, "agent": agent_id}
    if not ids and agent_id is None:
        return [], *(await _contact(session, params) if contact_id else (None, None)), None
    with_contact = contact_id is not None
    rows = await _read(
        session, _TEAMS[fallbacks, agent_id is not None, with_contact, lock], params, fresh=False
    )
    if not with_contact:
        return [_team(r) for r in rows], None, None, None
    if rows and rows[0][-1] == org_id:
        found = [r for r in rows if r[-4] is not None]  # the rows of teams that prefer one
        previous: Previous = (found[0][-4], found[0][-3]) if found else (None, None)
        return [_team(r) for r in rows], ContactRow(*rows[0][_TEAM_WIDTH:-4]), rows[0][-2], previous
    contact, active = await _contact(session, params)
    rows = await _read(session, _TEAMS[fallbacks, agent_id is not None, False, lock], params, fresh=False)
    return [_team(r) for r in rows], contact, active, None


_WAITING_IN = prepared(select(T.team_id).where(AnyOf(T.team_id, "teams"), WAITING).distinct())


async def team_ids(session: AsyncSession, org_id: uuid.UUID) -> list[uuid.UUID]:
    """The organization's teams."""
    return [
        r[0]
        for r in await _read(
            session, select(_teams.c.id).where(_teams.c.organization_id == org_id), fresh=False
        )
    ]


async def with_waiting(session: AsyncSession, team_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Those of these teams that have transfers waiting."""
    ids = list(team_ids)
    return {r[0] for r in await _read(session, _WAITING_IN, {"teams": ids})} if ids else set()


_LOCK_USERS = prepared(
    select(_users.c.id)
    .where(
        or_(
            AnyOf(_users.c.id, "users"),
            _users.c.id.in_(select(_members.c.user_id).where(AnyOf(_members.c.team_id, "teams"))),
        )
    )
    .order_by(_users.c.id)
    .with_for_update()
)


async def lock_users(
    session: AsyncSession, user_ids: Iterable[uuid.UUID], team_ids: Iterable[uuid.UUID] = ()
) -> None:
    """Locks these users and every member of these teams, in id order (one statement)."""
    users, teams = list(set(user_ids)), list(set(team_ids))
    if users or teams:
        await _read(session, _LOCK_USERS, {"users": users, "teams": teams})


_ABSENT = ABSENT_NOW.label("absent")
_CAPACITY = func.coalesce(_users.c.max_active_transfers, _orgs.c.default_max_active_transfers)
_MEMBERS = (
    select(
        _members.c.role,
        _members.c.last_turn,
        _members.c.created_at,
        _users.c.id,
        _users.c.full_name,
        _users.c.is_active,
        _users.c.is_available,
        _users.c.last_assigned_at,
        _CAPACITY,
        _users.c.active_transfers,
        _users.c.state,
        _ABSENT,
        _users.c.skills,
    )
    .join(_users, _users.c.id == _members.c.user_id)
    .join(_orgs, _orgs.c.id == _users.c.organization_id)
    .where(_members.c.team_id == bindparam("team"))
    .order_by(_users.c.id)
)
_CANDIDATES = {False: prepared(_MEMBERS), True: prepared(_MEMBERS.with_for_update(of=_users))}


async def candidates(
    session: AsyncSession, team_id: uuid.UUID, *, lock: bool = True, fresh: bool = True
) -> list[Candidate]:
    """The team's members as routing candidates. With `lock` their user rows are locked (in id
    order), and a locked row is read as it is now: its load (active transfers, kept by the
    database) stays true until commit. Without `fresh`, pending writes are not written first
    (for a caller whose pending writes change no candidate it may choose)."""
    rows = await _read(session, _CANDIDATES[lock], {"team": team_id, "now": clock.now()}, fresh=fresh)
    return [
        Candidate(
            user_id=user_id,
            full_name=name,
            member_role=role,
            is_active=active,
            is_available=available,
            active_transfers=count,
            capacity=capacity,
            last_turn=turn,
            joined_at=joined,
            last_assigned_at=last_assigned,
            state=state,
            absent=absent,
            skills=skills,
        )
        for (
            role,
            turn,
            joined,
            user_id,
            name,
            active,
            available,
            last_assigned,
            capacity,
            count,
            state,
            absent,
            skills,
        ) in rows
    ]


_AGENT_COLUMNS = select(
    _users.c.id,
    _users.c.full_name,
    _users.c.is_active,
    _users.c.is_available,
    _users.c.created_at,
    _users.c.last_assigned_at,
    _CAPACITY,
    _users.c.active_transfers,
    _users.c.state,
    _users.c.skills,
).join(_orgs, _orgs.c.id == _users.c.organization_id)
_AGENT = prepared(
    _AGENT_COLUMNS.where(
        _users.c.id == bindparam("user"), _users.c.organization_id == bindparam("org")
    ).with_for_update(of=_users)
)


async def agent(session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> Candidate | None:
    """A user of the organization as a candidate of no team, locked."""
    row = await _first(session, _AGENT, {"user": user_id, "org": org_id})
    return None if row is None else _candidate(row)


def _candidate(row: Any) -> Candidate:
    uid, name, active, available, joined, last_assigned, capacity, count, state, skills = row
    return Candidate(
        user_id=uid,
        full_name=name,
        member_role=MemberRole.AGENT,
        is_active=active,
        is_available=available,
        active_transfers=count,
        capacity=capacity,
        last_turn=None,
        joined_at=joined,
        last_assigned_at=last_assigned,
        state=state,
        skills=skills,
    )


_AGENTS_OF_ORG = _AGENT_COLUMNS.where(
    _users.c.organization_id == bindparam("org"), _users.c.is_active, _users.c.role != Role.SERVICE
).order_by(_users.c.full_name, _users.c.id)


async def agents_of(session: AsyncSession, org_id: uuid.UUID) -> list[Candidate]:
    """The organization's active users as candidates of no team (not locked)."""
    rows = await _read(session, _AGENTS_OF_ORG, {"org": org_id}, fresh=False)
    return [_candidate(row) for row in rows]


_ROOM = prepared(
    select(_CAPACITY, _users.c.active_transfers, _orgs.c.busy_may_pick, _ABSENT)
    .join(_orgs, _orgs.c.id == _users.c.organization_id)
    .where(_users.c.id == bindparam("user"))
    .with_for_update(of=_users)
)


async def room(session: AsyncSession, user_id: uuid.UUID) -> tuple[int | None, int, bool, bool]:
    """Locks the user: (capacity, active transfers, whether their organization lets busy agents
    pick, whether they are in an absence now)."""
    capacity, count, busy_may_pick, absent = await _first(
        session, _ROOM, {"user": user_id, "now": clock.now()}
    )
    return capacity, count, busy_may_pick, absent


_TEAMS_OF = prepared(
    select(_members.c.team_id)
    .where(_members.c.user_id == bindparam("user"))
    .union(
        select(T.team_id).where(
            T.agent_id == bindparam("user"), T.status == Status.ACTIVE, T.team_id.is_not(None)
        )
    )
)


async def team_ids_of(session: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    """The teams the user belongs to, and those of the transfers they hold."""
    return {r[0] for r in await _read(session, _TEAMS_OF, {"user": user_id})}


_LOCK_TRANSFER = prepared(
    SELECT_TRANSFER.where(T.organization_id == bindparam("org"), T.id == bindparam("id")).with_for_update()
)


async def lock_transfer(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer | None:
    row = await _first(session, _LOCK_TRANSFER, {"org": org_id, "id": transfer_id})
    return Transfer(*row) if row else None


_MY_TEAMS = select(_members.c.team_id).where(_members.c.user_id == bindparam("me"))
_CLAIM = (
    select(*(transfers.c[n] for n in COLUMNS), *CONTACT_COLUMNS, *_TEAM_COLUMNS)
    .select_from(
        transfers.join(_contacts, _contacts.c.id == T.contact_id)
        .outerjoin(_teams, _teams.c.id == T.team_id)
        .outerjoin(_schedules, _schedules.c.id == _teams.c.schedule_id)
    )
    .where(T.organization_id == bindparam("org"), WAITING)
    .order_by(*QUEUE_ORDER)
    .limit(1)
)
_CLAIM_QUERIES = {
    "mine": _CLAIM.where(or_(T.team_id.is_(None), T.team_id.in_(_MY_TEAMS))),
    "team": _CLAIM.where(T.team_id == bindparam("team")),
    "my_team": _CLAIM.where(T.team_id == bindparam("team"), T.team_id.in_(_MY_TEAMS)),
}
_CLAIMS = {k: prepared(q.with_for_update(of=transfers, skip_locked=True)) for k, q in _CLAIM_QUERIES.items()}
_WIDTH = len(COLUMNS)


async def claim_for(
    session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID, team_id: uuid.UUID | None, *, any_team: bool
) -> tuple[Transfer, ContactRow, RoutingTeam | None] | None:
    """Claims the highest-priority, oldest waiting transfer the user may take: of that team
    (with `any_team`, whether or not they belong to it), or of their teams and the general
    queue. Rows another transaction is claiming are skipped. With its contact and team."""
    which = "mine" if team_id is None else "team" if any_team else "my_team"
    row = await _first(session, _CLAIMS[which], {"org": org_id, "me": user_id, "team": team_id})
    if row is None:
        return None
    transfer, contact = Transfer(*row[:_WIDTH]), ContactRow(*row[_WIDTH : _WIDTH + 5])
    return transfer, contact, _team(row[_WIDTH + 5 :]) if transfer.team_id else None


def _queues(team_ids: list[uuid.UUID | None]) -> Any:
    return or_(*(T.team_id.is_(None) if t is None else T.team_id == t for t in team_ids))


async def next_waiting(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_ids: list[uuid.UUID | None],
    skip: Sequence[uuid.UUID] = (),
) -> Transfer | None:
    """Claims the highest-priority, oldest waiting transfer of these queues (None: the
    general queue) but those in `skip`; rows another transaction is claiming are skipped."""
    if not team_ids:
        return None
    row = await _first(
        session,
        SELECT_TRANSFER.where(
            T.organization_id == org_id, WAITING, _queues(team_ids), *([T.id.not_in(skip)] if skip else [])
        )
        .order_by(*QUEUE_ORDER)
        .limit(1)
        .with_for_update(skip_locked=True),
    )
    return Transfer(*row) if row else None


async def locked_transfers(session: AsyncSession, *where: Any, skip_locked: bool = False) -> list[Transfer]:
    """Active transfers matching `where`, locked, in id order."""
    rows = await _read(
        session,
        SELECT_TRANSFER.where(T.status == Status.ACTIVE, *where)
        .order_by(T.id)
        .with_for_update(skip_locked=skip_locked),
    )
    return [Transfer(*r) for r in rows]


async def overflowing(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> list[Transfer]:
    """The team's waiting transfers that entered its queue before `since` and never overflowed,
    locked (rows another transaction holds are skipped)."""
    return await locked_transfers(
        session,
        T.team_id == team_id,
        T.agent_id.is_(None),
        T.overflowed_at.is_(None),
        func.coalesce(T.queued_at, T.transferred_at) <= since,
        skip_locked=True,
    )


async def lapsed_offers(session: AsyncSession, now: datetime) -> list[tuple[Any, ...]]:
    """(organization, team, transfer, agent) of the offers not accepted by `now`, oldest first."""
    rows = await _read(
        session,
        select(T.organization_id, T.team_id, T.id, T.agent_id)
        .where(T.offer_expires_at <= now, T.status == Status.ACTIVE)
        .order_by(T.offer_expires_at)
        .limit(1000),
    )
    return [tuple(r) for r in rows]


async def requiring_skills(session: AsyncSession) -> list[tuple[Any, ...]]:
    """(organization, team, transfer, entered the queue, the team's relax seconds) of the
    waiting transfers whose required skills their team relaxes after a while, not yet relaxed."""
    rows = await _read(
        session,
        select(
            T.organization_id,
            T.team_id,
            T.id,
            func.coalesce(T.queued_at, T.transferred_at),
            _teams.c.skills_relax_after_seconds,
        )
        .join(_teams, _teams.c.id == T.team_id)
        .where(
            WAITING,
            T.required_skills.is_not(None),
            T.skills_relaxed_at.is_(None),
            _teams.c.skills_relax_after_seconds.is_not(None),
        )
        .limit(1000),
    )
    return [tuple(r) for r in rows]


async def teams_waiting(
    session: AsyncSession, *, overflowing: bool, assigning: Iterable[str]
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(organization, team) of the teams with transfers waiting, in team id order: those that
    overflow (`overflowing`), or the active ones whose strategy is one of `assigning`."""
    which = (
        (_teams.c.overflow_after_seconds.is_not(None),)
        if overflowing
        else (_teams.c.is_active, _teams.c.assignment_strategy.in_(list(assigning)))
    )
    rows = await _read(
        session,
        select(_teams.c.organization_id, _teams.c.id)
        .where(*which, _teams.c.id.in_(select(T.team_id).where(WAITING)))
        .order_by(_teams.c.id),
    )
    return [(org, team) for org, team in rows]


_PREVIOUS_AGENT = prepared(
    select(T.agent_id)
    .where(
        T.contact_id == bindparam("contact"),
        T.id != bindparam("id"),
        T.agent_id.is_not(None),
        bindparam("since") <= _LAST_HANDLED,
    )
    .order_by(_LAST_HANDLED.desc())
    .limit(1)
)


async def previous_agent(session: AsyncSession, transfer: Transfer, since: datetime) -> uuid.UUID | None:
    """The agent of the contact's other transfer handled most recently since `since`, if any."""
    row = await _first(
        session,
        _PREVIOUS_AGENT,
        {"contact": transfer.contact_id, "id": transfer.id, "since": since},
        fresh=False,
    )
    return row[0] if row else None


async def fallback_chain(session: AsyncSession, team_id: uuid.UUID) -> list[uuid.UUID]:
    """The fallback teams that follow this one, in order (stops at a repeat)."""
    chain: list[uuid.UUID] = []
    current: uuid.UUID | None = team_id
    while current is not None:
        row = await _first(
            session, select(_teams.c.fallback_team_id).where(_teams.c.id == current), fresh=False
        )
        current = row[0] if row else None
        if current is None or current in chain or current == team_id:
            break
        chain.append(current)
    return chain


async def waiting_since(session: AsyncSession, team_id: uuid.UUID) -> list[datetime]:
    rows = await _read(
        session, select(func.coalesce(T.queued_at, T.transferred_at)).where(T.team_id == team_id, WAITING)
    )
    return [r[0] for r in rows]


async def first_assignments(
    session: AsyncSession, team_id: uuid.UUID, since: datetime
) -> list[tuple[datetime, datetime]]:
    rows = await _read(
        session,
        select(T.transferred_at, T.first_assigned_at).where(
            T.team_id == team_id, T.first_assigned_at >= since
        ),
    )
    return [(t, a) for t, a in rows]


_ASSIGNMENTS_SINCE = prepared(select(ASSIGNED_SINCE))


async def assignments_since(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> int:
    return (await _first(session, _ASSIGNMENTS_SINCE, {"team": team_id, "since": since}, fresh=False))[0]


_AGENT_FIELDS = ("is_active", "is_available", "state", "max_active_transfers", "skills")
_UPDATE_AGENT = {
    fields: prepared(
        update(_users)
        .where(_users.c.id == bindparam("user"))
        .values({**{f: bindparam(f) for f in fields}, "updated_at": bindparam("now")})
        .returning(_users.c.is_active, _users.c.is_available)
    )
    for fields in itertools.chain.from_iterable(
        itertools.combinations(_AGENT_FIELDS, n) for n in range(1, len(_AGENT_FIELDS) + 1)
    )
}


async def update_agent(
    session: AsyncSession, user_id: uuid.UUID, changes: dict[str, Any]
) -> tuple[bool, bool]:
    """Writes an agent's routing fields (the caller has locked the user); their (is_active,
    is_available) afterwards."""
    fields = tuple(f for f in _AGENT_FIELDS if f in changes)
    row = await _first(session, _UPDATE_AGENT[fields], {"user": user_id, "now": clock.now(), **changes})
    return row[0], row[1]


def write_transfer(session: AsyncSession, transfer: Transfer, *, new: bool = False) -> None:
    """The transfer is written as it stands at the next flush (once, however often it changes)."""
    pending = writes.pending(session)
    if new:
        pending.add(NEW_TRANSFER, transfer.id, transfer.row)
    elif not pending.has(NEW_TRANSFER, transfer.id):
        pending.add(CHANGED_TRANSFER, transfer.id, transfer.row)


def write_history(session: AsyncSession, row: dict[str, Any]) -> None:
    writes.add(session, HISTORY, row["id"], row)


def write_assignment(
    session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID, now: datetime, turn: int | None
) -> None:
    """The agent's last assignment in the team and, by strategy, their turn (their load and
    last assignment overall follow the transfer, kept by the database)."""
    writes.add(
        session,
        TURN,
        (team_id, user_id),
        {"team_id": team_id, "user_id": user_id, "last_assigned_at": now, "last_turn": turn},
    )
