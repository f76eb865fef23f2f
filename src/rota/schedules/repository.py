import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.schedules.models import Schedule
from rota.teams.models import Team


async def get(session: AsyncSession, org_id: uuid.UUID, schedule_id: uuid.UUID) -> Schedule | None:
    return (
        await session.execute(
            select(Schedule).where(Schedule.organization_id == org_id, Schedule.id == schedule_id)
        )
    ).scalar_one_or_none()


async def by_ids(session: AsyncSession, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, Schedule]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = await session.execute(select(Schedule).where(Schedule.id.in_(wanted)))
    return {s.id: s for s in rows.scalars()}


async def by_name(session: AsyncSession, org_id: uuid.UUID, name_key: str) -> Schedule | None:
    return (
        await session.execute(
            select(Schedule).where(Schedule.organization_id == org_id, Schedule.name_key == name_key)
        )
    ).scalar_one_or_none()


async def page(
    session: AsyncSession, org_id: uuid.UUID, offset: int, limit: int
) -> tuple[list[Schedule], int]:
    q = select(Schedule).where(Schedule.organization_id == org_id)
    return await query.page(session, q, Schedule.name_key, Schedule.id, offset=offset, limit=limit)


async def teams_using(session: AsyncSession, schedule_id: uuid.UUID) -> list[str]:
    """The names of the teams that keep this schedule's hours."""
    return list((await session.execute(select(Team.name).where(Team.schedule_id == schedule_id))).scalars())
