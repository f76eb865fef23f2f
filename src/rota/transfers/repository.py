import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from rota.teams.models import Team, TeamMember
from rota.transfers.models import IdempotencyKey, Transfer, TransferEvent

WAITING = and_(Transfer.status == "active", Transfer.agent_id.is_(None))
QUEUE_ORDER = (Transfer.priority.desc(), Transfer.transferred_at, Transfer.id)


async def get(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer | None:
    return (await session.execute(
        select(Transfer).where(Transfer.organization_id == org_id, Transfer.id == transfer_id)
    )).scalar_one_or_none()


async def active_for_contact(session: AsyncSession, contact_id: uuid.UUID) -> Transfer | None:
    return (await session.execute(
        select(Transfer).where(Transfer.contact_id == contact_id, Transfer.status == "active")
    )).scalar_one_or_none()


async def team_roles(session: AsyncSession, user_id: uuid.UUID) -> dict[uuid.UUID, str]:
    rows = await session.execute(
        select(TeamMember.team_id, TeamMember.role).where(TeamMember.user_id == user_id)
    )
    return {team_id: role for team_id, role in rows.all()}


def visible_to(user_id: uuid.UUID | None, roles: dict[uuid.UUID, str]) -> ColumnElement[bool]:
    """Admins (user_id None) see everything; managers all transfers of the teams they manage;
    everyone their own transfers and the waiting ones of their teams and the general queue."""
    if user_id is None:
        return true()
    managed = [t for t, r in roles.items() if r == "manager"]
    return or_(
        Transfer.agent_id == user_id,
        Transfer.team_id.in_(managed) if managed else false(),
        and_(WAITING, or_(Transfer.team_id.is_(None), Transfer.team_id.in_(list(roles)))),
    )


async def search(
    session: AsyncSession,
    org_id: uuid.UUID,
    visibility: ColumnElement[bool],
    filters: list[ColumnElement[bool]],
    *,
    queue_order: bool,
    offset: int,
    limit: int,
) -> tuple[list[Transfer], int]:
    q: Select[Any] = select(Transfer).where(Transfer.organization_id == org_id, visibility, *filters)
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    order = QUEUE_ORDER if queue_order else (Transfer.transferred_at.desc(), Transfer.id)
    rows = await session.execute(q.order_by(*order).offset(offset).limit(limit))
    return list(rows.scalars()), total


async def queue_counts(
    session: AsyncSession, org_id: uuid.UUID, team_ids: list[uuid.UUID] | None
) -> tuple[int, dict[uuid.UUID, int]]:
    """Waiting transfers in the general queue and in each team queue (all teams when team_ids
    is None), zeros included."""
    teams_q = select(Team.id).where(Team.organization_id == org_id)
    if team_ids is not None:
        teams_q = teams_q.where(Team.id.in_(team_ids))
    counts: dict[uuid.UUID | None, int] = {t: 0 for t in (await session.execute(teams_q)).scalars()}
    rows = await session.execute(
        select(Transfer.team_id, func.count()).where(Transfer.organization_id == org_id, WAITING)
        .group_by(Transfer.team_id)
    )
    general = 0
    for team_id, count in rows.all():
        if team_id is None:
            general = count
        elif team_id in counts:
            counts[team_id] = count
    return general, {t: c for t, c in counts.items() if t is not None}


async def queue_position(session: AsyncSession, transfer: Transfer) -> int:
    same_queue = (Transfer.team_id.is_(None) if transfer.team_id is None
                  else Transfer.team_id == transfer.team_id)
    ahead = or_(
        Transfer.priority > transfer.priority,
        and_(Transfer.priority == transfer.priority, or_(
            Transfer.transferred_at < transfer.transferred_at,
            and_(Transfer.transferred_at == transfer.transferred_at, Transfer.id < transfer.id),
        )),
    )
    return 1 + (await session.execute(
        select(func.count()).select_from(Transfer)
        .where(Transfer.organization_id == transfer.organization_id, WAITING, same_queue, ahead)
    )).scalar_one()


async def events(session: AsyncSession, transfer_id: uuid.UUID) -> list[TransferEvent]:
    rows = await session.execute(
        select(TransferEvent).where(TransferEvent.transfer_id == transfer_id).order_by(TransferEvent.seq)
    )
    return list(rows.scalars())


async def idempotency_key(session: AsyncSession, org_id: uuid.UUID, key: str) -> IdempotencyKey | None:
    return await session.get(IdempotencyKey, (org_id, key))
