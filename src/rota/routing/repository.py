"""The routing engine's queries, and the row locks that make its decisions safe.

Locks are always taken in the order team -> agent (user) -> transfer, each kind in id order,
so concurrent transactions never wait on each other in a circle. SQLite ignores FOR UPDATE: its
write transactions are serialized whole (BEGIN IMMEDIATE).
"""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.ext.asyncio import AsyncSession

from rota.routing.rules import Candidate
from rota.teams.models import Team, TeamMember
from rota.transfers.models import Transfer, TransferEvent
from rota.users.models import Organization, User


async def lock_teams(session: AsyncSession, org_id: uuid.UUID, team_ids: Iterable[uuid.UUID]) -> list[Team]:
    ids = set(team_ids)
    if not ids:
        return []
    rows = await session.execute(
        select(Team).where(Team.organization_id == org_id, Team.id.in_(ids))
        .order_by(Team.id).with_for_update().execution_options(populate_existing=True)
    )
    return list(rows.scalars())


async def lock_users(session: AsyncSession, user_ids: Iterable[uuid.UUID]) -> list[User]:
    ids = set(user_ids)
    if not ids:
        return []
    rows = await session.execute(
        select(User).where(User.id.in_(ids)).order_by(User.id)
        .with_for_update().execution_options(populate_existing=True)
    )
    return list(rows.scalars())


async def lock_transfer(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer | None:
    return (await session.execute(
        select(Transfer).where(Transfer.organization_id == org_id, Transfer.id == transfer_id)
        .with_for_update().execution_options(populate_existing=True)
    )).scalar_one_or_none()


async def member_ids(session: AsyncSession, team_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not team_ids:
        return set()
    rows = await session.execute(select(TeamMember.user_id).where(TeamMember.team_id.in_(team_ids)))
    return set(rows.scalars())


async def team_ids_of(session: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    """The teams the user belongs to, and those of the transfers they hold."""
    member = select(TeamMember.team_id).where(TeamMember.user_id == user_id)
    holding = select(Transfer.team_id).where(
        Transfer.agent_id == user_id, Transfer.status == "active", Transfer.team_id.is_not(None)
    )
    rows = await session.execute(member.union(holding))
    return set(rows.scalars())


async def active_counts(session: AsyncSession, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    ids = set(user_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(Transfer.agent_id, func.count())
        .where(Transfer.status == "active", Transfer.agent_id.in_(ids))
        .group_by(Transfer.agent_id)
    )
    return {agent_id: count for agent_id, count in rows.all()}


async def default_capacity(session: AsyncSession, org_id: uuid.UUID) -> int | None:
    return (await session.execute(
        select(Organization.default_max_active_transfers).where(Organization.id == org_id)
    )).scalar_one()


async def candidates(session: AsyncSession, team: Team, *, lock: bool = True) -> list[Candidate]:
    """The team's members as routing candidates. Their user rows are locked (in id order)
    before their active transfers are counted, so the counts stay true until commit."""
    q = (select(TeamMember, User, Organization.default_max_active_transfers)
         .join(User, User.id == TeamMember.user_id)
         .join(Organization, Organization.id == User.organization_id)
         .where(TeamMember.team_id == team.id).order_by(User.id))
    if lock:
        q = q.with_for_update(of=User).execution_options(populate_existing=True)
    rows = (await session.execute(q)).all()
    counts = await active_counts(session, (u.id for _, u, _ in rows))
    return [
        Candidate(
            user_id=u.id, full_name=u.full_name, member_role=m.role, is_active=u.is_active,
            is_available=u.is_available, active_transfers=counts.get(u.id, 0),
            capacity=u.max_active_transfers if u.max_active_transfers is not None else fallback,
            last_turn=m.last_turn, joined_at=m.created_at, last_assigned_at=u.last_assigned_at,
        )
        for m, u, fallback in rows
    ]


async def record_turn(session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID,
                      now: datetime, take_turn: bool) -> None:
    """The member's last assignment in the team, and with take_turn the team's next
    round-robin ticket (monotonic because it is taken under the team lock)."""
    values: dict[str, Any] = {"last_assigned_at": now}
    if take_turn:
        turns = aliased(TeamMember)
        values["last_turn"] = (select(func.coalesce(func.max(turns.last_turn), 0) + 1)
                               .where(turns.team_id == team_id).scalar_subquery())
    await session.execute(
        update(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
        .values(**values).execution_options(synchronize_session="fetch")
    )


async def record_assignment(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(User).where(User.id == user_id).values(last_assigned_at=now)
        .execution_options(synchronize_session="fetch")
    )


async def next_waiting(session: AsyncSession, org_id: uuid.UUID, team_ids: list[uuid.UUID | None]) -> Transfer | None:
    """Claims the highest-priority, oldest waiting transfer of these queues (None: the
    general queue); rows another transaction is claiming are skipped."""
    queues = [Transfer.team_id.is_(None) if t is None else Transfer.team_id == t for t in team_ids]
    if not queues:
        return None

    return (await session.execute(
        select(Transfer)
        .where(Transfer.organization_id == org_id, Transfer.status == "active",
               Transfer.agent_id.is_(None), or_(*queues))
        .order_by(Transfer.priority.desc(), Transfer.transferred_at, Transfer.id)
        .limit(1).with_for_update(skip_locked=True).execution_options(populate_existing=True)
    )).scalar_one_or_none()


async def active_transfers_of(
    session: AsyncSession, agent_id: uuid.UUID, team_id: uuid.UUID | None = None
) -> list[Transfer]:
    q = select(Transfer).where(Transfer.agent_id == agent_id, Transfer.status == "active")
    if team_id is not None:
        q = q.where(Transfer.team_id == team_id)
    rows = await session.execute(
        q.order_by(Transfer.id).with_for_update().execution_options(populate_existing=True)
    )
    return list(rows.scalars())


async def active_in_team(session: AsyncSession, team_id: uuid.UUID) -> list[Transfer]:
    rows = await session.execute(
        select(Transfer).where(Transfer.team_id == team_id, Transfer.status == "active")
        .order_by(Transfer.id).with_for_update().execution_options(populate_existing=True)
    )
    return list(rows.scalars())


async def fallback_chain(session: AsyncSession, team_id: uuid.UUID) -> list[uuid.UUID]:
    """The fallback teams that follow this one, in order (stops at a repeat)."""
    chain: list[uuid.UUID] = []
    current: uuid.UUID | None = team_id
    while current is not None:
        current = (await session.execute(
            select(Team.fallback_team_id).where(Team.id == current))).scalar_one_or_none()
        if current is None or current in chain or current == team_id:
            break
        chain.append(current)
    return chain


async def waiting_since(session: AsyncSession, team_id: uuid.UUID) -> list[datetime]:
    rows = await session.execute(
        select(func.coalesce(Transfer.queued_at, Transfer.transferred_at))
        .where(Transfer.team_id == team_id, Transfer.status == "active", Transfer.agent_id.is_(None))
    )
    return list(rows.scalars())


async def first_assignments(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> list[tuple[datetime, datetime]]:
    rows = await session.execute(
        select(Transfer.transferred_at, Transfer.first_assigned_at)
        .where(Transfer.team_id == team_id, Transfer.first_assigned_at >= since)
    )
    return [(t, a) for t, a in rows.all()]


async def assignments_since(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> int:
    return (await session.execute(
        select(func.count()).select_from(TransferEvent)
        .where(TransferEvent.team_id == team_id, TransferEvent.type.in_(("assigned", "picked")),
               TransferEvent.created_at >= since)
    )).scalar_one()
