import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.teams.models import TeamMember
from rota.users.models import ABSENT_NOW, Absence, Organization, Role, User


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
) -> tuple[list[User], int]:
    q: Select[Any] = select(User).where(User.organization_id == org_id)
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
