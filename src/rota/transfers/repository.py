"""Reading transfers: who may see which (one rule, as a query), lists, queue counts and
positions, history, idempotency keys."""

import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.principal import Principal
from rota.db import query, writes
from rota.db.query import AnyOf, prepared
from rota.routing.repository import CONTACT_COLUMNS, QUEUE_ORDER, SELECT_TRANSFER, WAITING, ContactRow
from rota.teams.models import Team, TeamMember
from rota.transfers.models import Transfer, idempotency_keys, transfer_events, transfers

T = transfers.c
_members = TeamMember.__table__.c


def _role_in_team(role: str | None = None) -> Any:
    """The caller (`:me`) belongs to the transfer's team (with that role)."""
    q = exists().where(_members.team_id == T.team_id, _members.user_id == bindparam("me"))
    return q.where(_members.role == role) if role else q


# What the caller may do with a transfer: manage (admins, the team's managers), own (its
# agent), queue (it waits in a queue the caller serves: their team's, or the general queue),
# or nothing (NULL). Visibility everywhere (get, list, pick, changes) is this one expression.
ACCESS = case(
    (bindparam("admin", type_=Boolean), literal("manage")),
    (and_(T.team_id.is_not(None), _role_in_team("manager")), literal("manage")),
    (T.agent_id == bindparam("me"), literal("own")),
    (and_(WAITING, or_(T.team_id.is_(None), _role_in_team())), literal("queue")),
    else_=None,
)


def access_params(principal: Principal) -> dict[str, Any]:
    return {"me": principal.user_id, "admin": principal.is_admin}


_GET = prepared(SELECT_TRANSFER.add_columns(ACCESS).where(T.organization_id == bindparam("org"),
                                                         T.id == bindparam("id")))


async def get_with_access(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> tuple[Transfer, str | None] | None:
    """The organization's transfer and the caller's access to it, or None."""
    await writes.flush(session)
    row = await query.first(session, _GET, {"org": principal.organization_id, "id": transfer_id,
                                            **access_params(principal)})
    return (Transfer(*row[:-1]), row[-1]) if row else None


async def search(
    session: AsyncSession,
    principal: Principal,
    filters: list[ColumnElement[bool]],
    *,
    queue_order: bool,
    offset: int,
    limit: int,
) -> tuple[list[Transfer], int]:
    where = [T.organization_id == principal.organization_id, *filters]
    if not principal.is_admin:
        where.append(ACCESS.is_not(None))
    params = access_params(principal)
    total = (await session.execute(select(func.count()).select_from(transfers).where(*where), params)).scalar_one()
    order = QUEUE_ORDER if queue_order else (T.transferred_at.desc(), T.id)
    rows = await session.execute(SELECT_TRANSFER.where(*where).order_by(*order).offset(offset).limit(limit), params)
    return [Transfer(*r) for r in rows], total


_TEAMS = Team.__table__.c


async def queue_counts(session: AsyncSession, org_id: uuid.UUID, member_id: uuid.UUID | None) -> tuple[int, dict[uuid.UUID, int]]:
    """Waiting transfers in the general queue and in each team queue of the organization (with
    member_id, of that member's teams only), zeros included."""
    teams_q = select(_TEAMS.id).where(_TEAMS.organization_id == org_id)
    if member_id is not None:
        teams_q = teams_q.where(_TEAMS.id.in_(select(_members.team_id).where(_members.user_id == member_id)))
    counts: dict[uuid.UUID | None, int] = {t: 0 for t in (await session.execute(teams_q)).scalars()}
    rows = await session.execute(
        select(T.team_id, func.count()).where(T.organization_id == org_id, WAITING).group_by(T.team_id))
    general = 0
    for team_id, count in rows.all():
        if team_id is None:
            general = count
        elif team_id in counts:
            counts[team_id] = count
    return general, {t: c for t, c in counts.items() if t is not None}


def _position(same_queue: Any) -> Any:
    ahead = or_(
        T.priority > bindparam("priority"),
        and_(T.priority == bindparam("priority"), or_(
            T.transferred_at < bindparam("at"),
            and_(T.transferred_at == bindparam("at"), T.id < bindparam("id")),
        )),
    )
    return prepared(select(func.count()).select_from(transfers)
                    .where(T.organization_id == bindparam("org"), WAITING, same_queue, ahead))


_POSITION_IN_GENERAL = _position(T.team_id.is_(None))
_POSITION_IN_TEAM = _position(T.team_id == bindparam("team"))


async def queue_position(session: AsyncSession, transfer: Transfer) -> int:
    """1 for the next to be taken from its queue."""
    q = _POSITION_IN_GENERAL if transfer.team_id is None else _POSITION_IN_TEAM
    return 1 + await query.scalar(session, q, {
        "org": transfer.organization_id, "team": transfer.team_id, "priority": transfer.priority,
        "at": transfer.transferred_at, "id": transfer.id})


async def active_for_contact(session: AsyncSession, contact_id: uuid.UUID) -> uuid.UUID | None:
    """The id of the contact's active transfer, if it has one."""
    return (await session.execute(select(T.id).where(T.contact_id == contact_id, T.status == "active"))
            ).scalar_one_or_none()


async def team_roles(session: AsyncSession, user_id: uuid.UUID) -> dict[uuid.UUID, str]:
    rows = await session.execute(select(_members.team_id, _members.role).where(_members.user_id == user_id))
    return {team_id: role for team_id, role in rows.all()}


async def events(session: AsyncSession, transfer_id: uuid.UUID) -> list[Any]:
    rows = await session.execute(select(transfer_events).where(transfer_events.c.transfer_id == transfer_id)
                                 .order_by(transfer_events.c.seq))
    return list(rows)


_CONTACTS = prepared(select(*CONTACT_COLUMNS).where(AnyOf(CONTACT_COLUMNS[0], "ids")))


async def contacts(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, ContactRow]:
    if not ids:
        return {}
    return {r[0]: ContactRow(*r) for r in await query.rows(session, _CONTACTS, {"ids": list(ids)})}


_IDEMPOTENCY = prepared(select(idempotency_keys.c.request_hash, idempotency_keys.c.status_code,
                               idempotency_keys.c.response).where(
    idempotency_keys.c.organization_id == bindparam("org"), idempotency_keys.c.key == bindparam("key")))


async def idempotency_key(session: AsyncSession, org_id: uuid.UUID, key: str) -> tuple[str, int, Any] | None:
    """(request hash, status code, answer) of the first request sent with this key."""
    row = await query.first(session, _IDEMPOTENCY, {"org": org_id, "key": key})
    return (row[0], row[1], row[2]) if row else None

