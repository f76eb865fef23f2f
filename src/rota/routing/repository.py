"""The routing engine's queries, and the row locks that make its decisions safe.

Locks are always taken in the order team -> agent (user) -> transfer, each kind in id order,
so concurrent transactions never wait on each other in a circle. SQLite ignores FOR UPDATE: its
write transactions are serialized whole (BEGIN IMMEDIATE).
"""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from rota.routing.rules import Candidate
from rota.teams.models import Team, TeamMember
from rota.transfers.models import Transfer, TransferEvent
from rota.transfers.repository import QUEUE_ORDER, WAITING
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


async def lock_users(session: AsyncSession, user_ids: Iterable[uuid.UUID],
                     team_ids: Iterable[uuid.UUID] = ()) -> list[User]:
    """Locks these users and every member of these teams, in id order (one statement). The
    users named are returned, refreshed; members are only locked (nothing to load)."""
    ids, teams = set(user_ids), set(team_ids)
    if not ids and not teams:
        return []
    members = select(TeamMember.user_id).where(TeamMember.team_id.in_(teams))
    which = [User.id.in_(ids)] if ids else []
    which += [User.id.in_(members)] if teams else []
    q = select(User if ids else User.id).where(or_(*which))
    rows = (await session.execute(
        q.order_by(User.id).with_for_update(of=User).execution_options(populate_existing=True)
    )).scalars()
    return [u for u in rows if u.id in ids] if ids else []


async def lock_transfer(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer | None:
    return (await session.execute(
        select(Transfer).where(Transfer.organization_id == org_id, Transfer.id == transfer_id)
        .with_for_update().execution_options(populate_existing=True)
    )).scalar_one_or_none()


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


def _active_count(user_id: Any) -> Any:
    return (select(func.count()).select_from(Transfer)
            .where(Transfer.agent_id == user_id, Transfer.status == "active").scalar_subquery())


async def candidates(session: AsyncSession, team: Team, *, lock: bool = True) -> list[Candidate]:
    """The team's members as routing candidates, with their active transfers counted. With
    `lock`, the caller has already locked their user rows (`lock_users`), so the counts, read
    in a later statement, stay true until commit."""
    q = (select(TeamMember.role, TeamMember.last_turn, TeamMember.created_at, User.id, User.full_name,
                User.is_active, User.is_available, User.last_assigned_at,
                func.coalesce(User.max_active_transfers, Organization.default_max_active_transfers),
                _active_count(User.id))
         .join(User, User.id == TeamMember.user_id)
         .join(Organization, Organization.id == User.organization_id)
         .where(TeamMember.team_id == team.id).order_by(User.id))
    if lock:
        q = q.with_for_update(of=User)
    return [
        Candidate(
            user_id=user_id, full_name=name, member_role=role, is_active=active, is_available=available,
            active_transfers=count, capacity=capacity, last_turn=turn, joined_at=joined,
            last_assigned_at=last_assigned,
        )
        for role, turn, joined, user_id, name, active, available, last_assigned, capacity, count
        in (await session.execute(q)).all()
    ]


_turns = aliased(TeamMember)
_MEMBER = (TeamMember.team_id == bindparam("team")) & (TeamMember.user_id == bindparam("user"))
_SYNC = {"synchronize_session": "fetch"}  # loaded rows see the new values
# the team's next round-robin ticket: monotonic, because it is taken under the team lock
_TAKE_TURN = update(TeamMember).where(_MEMBER).values(
    last_assigned_at=bindparam("now"),
    last_turn=select(func.coalesce(func.max(_turns.last_turn), 0) + 1)
    .where(_turns.team_id == bindparam("team")).scalar_subquery()).execution_options(**_SYNC)
_LAST_ASSIGNED = (update(TeamMember).where(_MEMBER).values(last_assigned_at=bindparam("now"))
                  .execution_options(**_SYNC))
_USER_ASSIGNED = (update(User).where(User.id == bindparam("user"))
                  .values(last_assigned_at=bindparam("now")).execution_options(**_SYNC))


async def record_turn(session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID,
                      now: datetime, take_turn: bool) -> None:
    """The member's last assignment in the team, and with take_turn their round-robin turn.
    The statements are built once: this runs on every assignment, under the team's lock."""
    params = {"team": team_id, "user": user_id, "now": now}
    await session.execute(_TAKE_TURN if take_turn else _LAST_ASSIGNED, params)


async def record_assignment(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    await session.execute(_USER_ASSIGNED, {"user": user_id, "now": now})


async def next_waiting(session: AsyncSession, org_id: uuid.UUID, team_ids: list[uuid.UUID | None]) -> Transfer | None:
    """Claims the highest-priority, oldest waiting transfer of these queues (None: the
    general queue); rows another transaction is claiming are skipped."""
    queues = [Transfer.team_id.is_(None) if t is None else Transfer.team_id == t for t in team_ids]
    if not queues:
        return None

    return (await session.execute(
        select(Transfer)
        .where(Transfer.organization_id == org_id, WAITING, or_(*queues))
        .order_by(*QUEUE_ORDER)
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
        .where(Transfer.team_id == team_id, WAITING)
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
