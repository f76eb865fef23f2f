import uuid
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.teams.models import Team, TeamMember
from rota.users.models import User

member_count = (
    select(func.count(TeamMember.id)).where(TeamMember.team_id == Team.id).correlate(Team).scalar_subquery()
)


def readable_by(q: Select[Any], org_id: uuid.UUID, user_id: uuid.UUID | None) -> Select[Any]:
    """Teams of the organization; with user_id, only those the user belongs to."""
    q = q.where(Team.organization_id == org_id)
    if user_id is not None:
        q = q.where(exists().where(TeamMember.team_id == Team.id, TeamMember.user_id == user_id))
    return q


async def search(
    session: AsyncSession,
    org_id: uuid.UUID,
    member_id: uuid.UUID | None,
    text: str | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[Team, int]], int]:
    q = readable_by(select(Team), org_id, member_id)
    if text:
        q = q.where(Team.name_key.contains(text.casefold(), autoescape=True))
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.add_columns(member_count).order_by(Team.name_key, Team.id).offset(offset).limit(limit)
    )
    return [(team, count) for team, count in rows.all()], total


async def get(session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID) -> Team | None:
    return (
        await session.execute(select(Team).where(Team.organization_id == org_id, Team.id == team_id))
    ).scalar_one_or_none()


async def by_name(session: AsyncSession, org_id: uuid.UUID, name_key: str) -> Team | None:
    return (
        await session.execute(select(Team).where(Team.organization_id == org_id, Team.name_key == name_key))
    ).scalar_one_or_none()


async def count_members(session: AsyncSession, team_id: uuid.UUID) -> int:
    return (
        await session.execute(
            select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team_id)
        )
    ).scalar_one()


async def membership(session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID) -> TeamMember | None:
    return (
        await session.execute(
            select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
        )
    ).scalar_one_or_none()


async def members(session: AsyncSession, team_id: uuid.UUID) -> list[tuple[TeamMember, User]]:
    rows = await session.execute(
        select(TeamMember, User)
        .join(User, User.id == TeamMember.user_id)
        .where(TeamMember.team_id == team_id)
        .order_by(TeamMember.role.desc(), User.full_name, User.id)  # managers first
    )
    return [(m, u) for m, u in rows.all()]


async def ids(session: AsyncSession, org_id: uuid.UUID) -> list[uuid.UUID]:
    return list((await session.execute(select(Team.id).where(Team.organization_id == org_id))).scalars())
