import uuid
from typing import Any

from sqlalchemy import Select, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.db.base import utcnow
from rota.insights.models import Insight, InsightRule
from rota.teams.models import TeamMember


def readable_by(q: Select[Any], org_id: uuid.UUID, user_id: uuid.UUID | None) -> Select[Any]:
    """Insights of the organization; with user_id, only those of the user's teams (so never
    unassigned ones)."""
    q = q.where(Insight.organization_id == org_id)
    if user_id is not None:
        q = q.where(exists().where(TeamMember.team_id == Insight.team_id, TeamMember.user_id == user_id))
    return q


async def get(
    session: AsyncSession, org_id: uuid.UUID, insight_id: uuid.UUID, *, lock: bool = False
) -> Insight | None:
    q = select(Insight).where(Insight.organization_id == org_id, Insight.id == insight_id)
    if lock:  # a change reads the current row and keeps others waiting until it commits
        q = q.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(q)).scalar_one_or_none()


async def open_duplicate(session: AsyncSession, org_id: uuid.UUID, type_: str, key: str) -> Insight | None:
    return (
        await session.execute(
            select(Insight).where(
                Insight.organization_id == org_id,
                Insight.type == type_,
                Insight.title_key == key,
                Insight.status == "open",
            )
        )
    ).scalar_one_or_none()


async def count_occurrence(session: AsyncSession, org_id: uuid.UUID, type_: str, key: str) -> Insight | None:
    """Adds one occurrence to the open insight with this type and title, in one statement
    (concurrent reports never lose a count); that insight, or None if there is none."""
    found = (
        await session.execute(
            update(Insight)
            .where(
                Insight.organization_id == org_id,
                Insight.type == type_,
                Insight.title_key == key,
                Insight.status == "open",
            )
            .values(occurrence_count=Insight.occurrence_count + 1, updated_at=utcnow())
            .returning(Insight.id)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one_or_none()
    if found is None:
        return None
    return (
        await session.execute(
            select(Insight).where(Insight.id == found).execution_options(populate_existing=True)
        )
    ).scalar_one()


async def search(
    session: AsyncSession,
    org_id: uuid.UUID,
    member_id: uuid.UUID | None,
    *,
    type_: str | None,
    status: str | None,
    team_id: uuid.UUID | None,
    unassigned: bool | None,
    text: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Insight], int]:
    q = readable_by(select(Insight), org_id, member_id)
    if type_ is not None:
        q = q.where(Insight.type == type_)
    if status is not None:
        q = q.where(Insight.status == status)
    if team_id is not None:
        q = q.where(Insight.team_id == team_id)
    if unassigned is not None:
        q = q.where(Insight.team_id.is_(None) if unassigned else Insight.team_id.is_not(None))
    if text:
        needle = text.lower()
        q = q.where(
            or_(
                *(
                    func.lower(column).contains(needle, autoescape=True)
                    for column in (Insight.title, Insight.body)
                )
            )
        )
    return await query.page(session, q, Insight.created_at.desc(), Insight.id, offset=offset, limit=limit)


async def team_role(session: AsyncSession, team_id: uuid.UUID, user_id: uuid.UUID) -> str | None:
    return (
        await session.execute(
            select(TeamMember.role).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
        )
    ).scalar_one_or_none()


async def get_rule(session: AsyncSession, org_id: uuid.UUID, rule_id: uuid.UUID) -> InsightRule | None:
    return (
        await session.execute(
            select(InsightRule).where(InsightRule.organization_id == org_id, InsightRule.id == rule_id)
        )
    ).scalar_one_or_none()


async def rule_by_name(session: AsyncSession, org_id: uuid.UUID, name_key: str) -> InsightRule | None:
    return (
        await session.execute(
            select(InsightRule).where(InsightRule.organization_id == org_id, InsightRule.name_key == name_key)
        )
    ).scalar_one_or_none()


async def active_rules(session: AsyncSession, org_id: uuid.UUID) -> list[InsightRule]:
    """In no particular order: rules.first_match orders them."""
    rows = await session.execute(
        select(InsightRule).where(InsightRule.organization_id == org_id, InsightRule.is_active)
    )
    return list(rows.scalars())


async def last_position(session: AsyncSession, org_id: uuid.UUID) -> int | None:
    return (
        await session.execute(
            select(func.max(InsightRule.position)).where(InsightRule.organization_id == org_id)
        )
    ).scalar_one()


async def search_rules(
    session: AsyncSession,
    org_id: uuid.UUID,
    *,
    team_id: uuid.UUID | None,
    is_active: bool | None,
    offset: int,
    limit: int,
) -> tuple[list[InsightRule], int]:
    q: Select[Any] = select(InsightRule).where(InsightRule.organization_id == org_id)
    if team_id is not None:
        q = q.where(InsightRule.team_id == team_id)
    if is_active is not None:
        q = q.where(InsightRule.is_active == is_active)
    return await query.page(
        session, q, InsightRule.position, InsightRule.created_at, InsightRule.id, offset=offset, limit=limit
    )
