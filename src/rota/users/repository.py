import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.db import query
from rota.teams.models import TeamMember
from rota.users.models import ABSENT_NOW, Absence, AgentState, Organization, Role, User


async def organization_by_name(session: AsyncSession, name: str) -> Organization | None:
    return (
        await session.execute(select(Organization).where(Organization.name_key == name.strip().casefold()))
    ).scalar_one_or_none()


async def get_organization(session: AsyncSession, org_id: uuid.UUID) -> Organization:
    return (await session.execute(select(Organization).where(Organization.id == org_id))).scalar_one()


async def lock_organization(session: AsyncSession, org_id: uuid.UUID) -> None:
    """Serializes organization-wide invariants (such as "one admin remains")."""
    await session.execute(select(Organization.id).where(Organization.id == org_id).with_for_update())


async def get(session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
    return (
        await session.execute(select(User).where(User.organization_id == org_id, User.id == user_id))
    ).scalar_one_or_none()


async def by_email(session: AsyncSession, org_id: uuid.UUID, email: str) -> User | None:
    return (
        await session.execute(select(User).where(User.organization_id == org_id, User.email == email))
    ).scalar_one_or_none()


async def count_active_admins(session: AsyncSession, org_id: uuid.UUID) -> int:
    return (
        await session.execute(
            select(func.count())
            .select_from(User)
            .where(User.organization_id == org_id, User.role == Role.ADMIN, User.is_active)
        )
    ).scalar_one()


async def search(
    session: AsyncSession,
    org_id: uuid.UUID,
    *,
    text: str | None,
    role: str | None,
    is_active: bool | None,
    offset: int,
    limit: int,
    not_in_team: uuid.UUID | None = None,
    state: str | None = None,
) -> tuple[list[User], int]:
    """A page of the organization's users by name; `state` as they show (in an absence: away)."""
    q: Select[Any] = select(User).where(User.organization_id == org_id)
    if state is not None:
        absent = ABSENT_NOW.params(now=clock.now())
        q = q.where(
            or_(User.state == state, absent)
            if state == AgentState.AWAY
            else and_(User.state == state, ~absent)
        )
    if not_in_team is not None:
        q = q.where(User.id.not_in(select(TeamMember.user_id).where(TeamMember.team_id == not_in_team)))
    if text:
        q = q.where(
            or_(
                User.email.contains(text.lower(), autoescape=True),
                func.lower(User.full_name).contains(text.lower(), autoescape=True),
            )
        )
    if role is not None:
        q = q.where(User.role == role)
    if is_active is not None:
        q = q.where(User.is_active == is_active)
    return await query.page(session, q, User.full_name, User.id, offset=offset, limit=limit)


async def absent(session: AsyncSession, user_ids: list[uuid.UUID], now: datetime) -> set[uuid.UUID]:
    """Those of these users in an absence now."""
    if not user_ids:
        return set()
    rows = await session.execute(select(User.id).where(User.id.in_(user_ids), ABSENT_NOW), {"now": now})
    return set(rows.scalars())


async def absences(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> list[Absence]:
    """The user's absences not yet over, soonest first."""
    rows = await session.execute(
        select(Absence)
        .where(Absence.user_id == user_id, Absence.ends_at > now)
        .order_by(Absence.starts_at, Absence.id)
    )
    return list(rows.scalars())


async def absence(session: AsyncSession, user_id: uuid.UUID, absence_id: uuid.UUID) -> Absence | None:
    return (
        await session.execute(select(Absence).where(Absence.user_id == user_id, Absence.id == absence_id))
    ).scalar_one_or_none()


# presence

# One statement for all the users a process holds streams for. Their rows are locked in id order
# first (the order every routing transaction locks users in), so that a heartbeat never deadlocks
# with a transaction that holds some of them and waits for others. A heartbeat is no change of the
# user: updated_at stays as it is (it would otherwise take its `onupdate`).
_LOCKED_IN_ORDER = select(User.id).where(query.AnyOf(User.id, "users")).order_by(User.id).with_for_update()
_SEEN = (
    update(User)
    .where(User.id.in_(_LOCKED_IN_ORDER))
    .values(last_seen_at=bindparam("now"), updated_at=User.updated_at)
)


async def mark_seen(session: AsyncSession, user_ids: list[uuid.UUID], now: datetime) -> None:
    """These users were connected to the event stream at `now`."""
    if user_ids:
        await session.execute(_SEEN, {"users": user_ids, "now": now})


async def disconnected(
    session: AsyncSession, seen_before: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, datetime, int]]:
    """Active users, available or busy, last seen connected at or before `seen_before`, of the
    organizations with automatic presence: (organization, user, last seen, the organization's
    offline_after_disconnect_seconds). Read without a lock."""
    seconds = Organization.offline_after_disconnect_seconds
    rows = await session.execute(
        select(User.organization_id, User.id, User.last_seen_at, seconds)
        .join(Organization, Organization.id == User.organization_id)
        .where(
            seconds.is_not(None),
            User.is_active,
            User.state.in_((AgentState.AVAILABLE, AgentState.BUSY)),
            User.last_seen_at <= seen_before,
        )
        .order_by(User.organization_id, User.id)
    )
    # (neither is None here; the test tells the types so)
    return [(o, u, at, n) for o, u, at, n in rows.tuples() if at is not None and n is not None]


async def presence(session: AsyncSession, user_id: uuid.UUID) -> tuple[datetime | None, int | None]:
    """The user's last_seen_at and their organization's offline_after_disconnect_seconds, as
    committed now. Read after the caller locked the user, last_seen_at stays so until commit: a
    heartbeat or a stream that opens waits for the lock."""
    row = (
        await session.execute(
            select(User.last_seen_at, Organization.offline_after_disconnect_seconds)
            .join(Organization, Organization.id == User.organization_id)
            .where(User.id == user_id)
        )
    ).one_or_none()
    return (None, None) if row is None else (row[0], row[1])
