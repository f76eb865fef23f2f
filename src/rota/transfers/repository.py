"""Reading transfers: who may see which (one rule, as a query), lists, queue counts and
positions, history, idempotency keys."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.principal import Principal
from rota.contacts.models import CONTACT_COLUMNS, Contact, ContactRow
from rota.db import query, writes
from rota.db.query import AnyOf, prepared
from rota.teams.models import Team, TeamMember
from rota.transfers.access import ACCESS
from rota.transfers.models import (
    ASSIGNED_SINCE,
    COLUMNS,
    SELECT_TRANSFER,
    WAITING,
    Transfer,
    idempotency_keys,
    queue_order,
    transfer_events,
    transfers,
)

T = transfers.c
_members = TeamMember.__table__.c
_contacts = Contact.__table__


def access_params(principal: Principal) -> dict[str, Any]:
    return {"me": principal.user_id, "admin": principal.is_admin}


_GET = prepared(
    SELECT_TRANSFER.add_columns(ACCESS, *CONTACT_COLUMNS)
    .join_from(transfers, _contacts, _contacts.c.id == T.contact_id)
    .where(T.organization_id == bindparam("org"), T.id == bindparam("id"))
)
_WIDTH = len(COLUMNS)


async def get_with_access(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> tuple[Transfer, str | None, ContactRow] | None:
    """The organization's transfer, the caller's access to it, and its contact; or None."""
    await writes.flush(session)
    row = await query.first(
        session, _GET, {"org": principal.organization_id, "id": transfer_id, **access_params(principal)}
    )
    if row is None:
        return None
    return Transfer(*row[:_WIDTH]), row[_WIDTH], ContactRow(*row[_WIDTH + 1 :])


# the orders a search may ask for (columns of `c`); the last key makes every order total
ORDERS = {
    "queue": queue_order,
    "newest": lambda c: (c.transferred_at.desc(), c.id),
    "oldest": lambda c: (c.transferred_at, c.id),
    "priority": lambda c: (c.priority.desc(), c.transferred_at.desc(), c.id),
    "updated": lambda c: (c.updated_at.desc(), c.id),
}

_BREACHED = T.first_assignment_breached_at.is_not(None) | T.resolution_breached_at.is_not(None)
_OFFERED = T.offer_expires_at.is_not(None)
_TEXT: Any = bindparam("text")  # a LIKE pattern, lower-cased
_MATCHES = or_(
    func.lower(T.notes).like(_TEXT, escape="\\"),
    T.contact_id.in_(
        select(_contacts.c.id).where(
            _contacts.c.organization_id == bindparam("org"),
            or_(
                *(
                    func.lower(column).like(_TEXT, escape="\\")
                    for column in (
                        _contacts.c.name,
                        _contacts.c.email,
                        _contacts.c.phone_number,
                        _contacts.c.external_id,
                    )
                )
            ),
        )
    ),
)
# the filters of a transfer search: a value to compare (bound), or a yes/no choosing the condition
_VALUED = {
    "status": T.status == bindparam("status"),
    "team_id": T.team_id == bindparam("team_id"),
    "agent_id": T.agent_id == bindparam("agent_id"),
    "contact_id": T.contact_id == bindparam("contact_id"),
    "min_priority": T.priority >= bindparam("min_priority"),
    "text": _MATCHES,
}
_CHOICES = {
    "general": (T.team_id.is_(None), T.team_id.is_not(None)),
    "assigned": (T.agent_id.is_not(None), T.agent_id.is_(None)),
    "offered": (_OFFERED, ~_OFFERED),
    "sla_breached": (_BREACHED, ~_BREACHED),
    "mine": (T.agent_id == bindparam("me"), None),
}


_searches: dict[tuple[Any, ...], tuple[Any, Any]] = {}


def _search(shape: tuple[Any, ...]) -> tuple[Any, Any]:
    """(count, page) statements of one shape of search, built once."""
    found = _searches.get(shape)
    if found is None:
        names, choices, admin, sort = shape
        where: list[Any] = [T.organization_id == bindparam("org"), *(_VALUED[n] for n in names)]
        where += [
            _CHOICES[n][0 if yes else 1] for n, yes in choices if _CHOICES[n][0 if yes else 1] is not None
        ]
        if not admin:
            where.append(ACCESS.is_not(None))
        order = ORDERS[sort]
        # the page first (an index walk that stops at the limit), then its contacts joined to it
        page = (
            SELECT_TRANSFER.where(*where)
            .order_by(*order(T))
            .offset(bindparam("offset"))
            .limit(bindparam("limit"))
            .subquery()
        )
        found = _searches[shape] = (
            prepared(select(func.count()).select_from(transfers).where(*where)),
            prepared(
                select(page, *CONTACT_COLUMNS)
                .join_from(page, _contacts, _contacts.c.id == page.c.contact_id)
                .order_by(*order(page.c))
            ),
        )
    return found


async def search(
    session: AsyncSession,
    principal: Principal,
    criteria: dict[str, Any],
    *,
    sort: str,
    offset: int,
    limit: int,
) -> tuple[list[Transfer], dict[uuid.UUID, ContactRow], int]:
    """A page of the transfers the caller may see, in the order `sort` names (ORDERS), their
    contacts, and how many match. `criteria`: status, team_id, agent_id, min_priority, text
    (values; text: in the notes or the contact's name, email, phone or external id); general,
    assigned, offered, sla_breached, mine (yes or no); None: not filtered. Each shape of search
    is a statement built once."""
    given = {k: v for k, v in criteria.items() if v is not None}
    if "text" in given:
        escaped = given["text"].lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        given["text"] = f"%{escaped}%"
    names = tuple(sorted(k for k in given if k in _VALUED))
    choices = tuple(sorted((k, bool(v)) for k, v in given.items() if k in _CHOICES))
    count, page = _search((names, choices, principal.is_admin, sort))
    params = {
        "org": principal.organization_id,
        "offset": offset,
        "limit": limit,
        **access_params(principal),
        **{n: given[n] for n in names},
    }
    total = await query.scalar(session, count, params)
    if not total:
        return [], {}, 0
    rows = await query.rows(session, page, params)
    found = [Transfer(*r[:_WIDTH]) for r in rows]
    return found, {t.contact_id: ContactRow(*r[_WIDTH:]) for t, r in zip(found, rows, strict=True)}, total


_TEAMS = Team.__table__.c
_WAITING_IN_TEAM = (
    select(func.count())
    .select_from(transfers)
    .where(T.organization_id == bindparam("org"), WAITING, T.team_id == _TEAMS.id)
    .scalar_subquery()
)
_WAITING_IN_GENERAL = select(literal(None).label("team"), func.count()).where(
    T.organization_id == bindparam("org"), WAITING, T.team_id.is_(None)
)
_COUNTS = {
    member: prepared(
        select(_TEAMS.id, _WAITING_IN_TEAM)
        .where(
            _TEAMS.organization_id == bindparam("org"),
            *(
                [_TEAMS.id.in_(select(_members.team_id).where(_members.user_id == bindparam("me")))]
                if member
                else []
            ),
        )
        .union_all(_WAITING_IN_GENERAL)
    )
    for member in (False, True)
}


async def queue_counts(
    session: AsyncSession, org_id: uuid.UUID, member_id: uuid.UUID | None
) -> tuple[int, dict[uuid.UUID, int]]:
    """Waiting transfers in the general queue and in each team queue of the organization (with
    member_id, of that member's teams only), zeros included; one statement."""
    rows = await query.rows(session, _COUNTS[member_id is not None], {"org": org_id, "me": member_id})
    general = next(count for team_id, count in rows if team_id is None)
    return general, {team_id: count for team_id, count in rows if team_id is not None}


async def waiting_by_queue(session: AsyncSession) -> dict[uuid.UUID | None, int]:
    """Waiting transfers of every organization by team (None: the general queues)."""
    rows = await query.rows(session, select(T.team_id, func.count()).where(WAITING).group_by(T.team_id))
    return {row[0]: row[1] for row in rows}


def _ahead(same_queue: Any) -> Any:
    """How many wait before the transfer (given by its fields) in its queue."""
    ahead = or_(
        T.priority > bindparam("priority"),
        and_(
            T.priority == bindparam("priority"),
            or_(
                T.transferred_at < bindparam("at"),
                and_(T.transferred_at == bindparam("at"), T.id < bindparam("id")),
            ),
        ),
    )
    return (
        select(func.count())
        .select_from(transfers)
        .where(T.organization_id == bindparam("org"), WAITING, same_queue, ahead)
        .scalar_subquery()
    )


_IN_GENERAL_QUEUE = prepared(select(_ahead(T.team_id.is_(None)), literal(0)))
_IN_TEAM_QUEUE = prepared(select(_ahead(T.team_id == bindparam("team")), ASSIGNED_SINCE))


async def queue_place(session: AsyncSession, transfer: Transfer, since: datetime) -> tuple[int, int]:
    """(place in its queue, 1 for the next to be taken; assignments its team made since)."""
    q = _IN_GENERAL_QUEUE if transfer.team_id is None else _IN_TEAM_QUEUE
    ahead, rate = await query.first(
        session,
        q,
        {
            "org": transfer.organization_id,
            "team": transfer.team_id,
            "priority": transfer.priority,
            "at": transfer.transferred_at,
            "id": transfer.id,
            "since": since,
        },
    )
    return 1 + ahead, rate


async def team_roles(session: AsyncSession, user_id: uuid.UUID) -> dict[uuid.UUID, str]:
    rows = await session.execute(select(_members.team_id, _members.role).where(_members.user_id == user_id))
    return dict(rows.tuples().all())


async def events(session: AsyncSession, transfer_id: uuid.UUID) -> list[Any]:
    rows = await session.execute(
        select(transfer_events)
        .where(transfer_events.c.transfer_id == transfer_id)
        .order_by(transfer_events.c.seq)
    )
    return list(rows)


_CONTACTS = prepared(select(*CONTACT_COLUMNS).where(AnyOf(CONTACT_COLUMNS[0], "ids")))


async def contacts(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, ContactRow]:
    if not ids:
        return {}
    return {r[0]: ContactRow(*r) for r in await query.rows(session, _CONTACTS, {"ids": list(ids)})}


_IDEMPOTENCY = prepared(
    select(
        idempotency_keys.c.request_hash, idempotency_keys.c.status_code, idempotency_keys.c.response
    ).where(
        idempotency_keys.c.organization_id == bindparam("org"), idempotency_keys.c.key == bindparam("key")
    )
)


async def idempotency_key(session: AsyncSession, org_id: uuid.UUID, key: str) -> tuple[str, int, Any] | None:
    """(request hash, status code, answer) of the first request sent with this key."""
    row = await query.first(session, _IDEMPOTENCY, {"org": org_id, "key": key})
    return (row[0], row[1], row[2]) if row else None
