import uuid
from typing import Any, cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit import service as audit
from rota.auth.principal import Principal
from rota.contacts import service as contacts
from rota.db.base import utcnow
from rota.db.engine import flush_or
from rota.errors import Conflict, Forbidden, ValidationFailed, found
from rota.insights import repository, rules
from rota.insights.models import Insight, InsightRule, title_key
from rota.insights.schemas import InsightCreate, InsightUpdate, RuleCreate, RuleUpdate
from rota.teams import service as teams

# How often a create retries after a concurrent identical report won the race to insert.
CREATE_ATTEMPTS = 3


def _duplicate() -> Conflict:
    return Conflict("An open insight with this type and title already exists.", code="insight_duplicate")


def _rule_name_taken() -> Conflict:
    return Conflict("An insight rule with this name already exists.", code="insight_rule_name_taken")


# ---- access ---------------------------------------------------------------------------------


async def _access(session: AsyncSession, principal: Principal, insight: Insight) -> str | None:
    """manage (admins, managers of its team), read (other members of its team), or None."""
    if principal.is_admin:
        return "manage"
    if insight.team_id is None:
        return None
    role = await repository.team_role(session, insight.team_id, principal.user_id)
    return {"manager": "manage", "agent": "read"}.get(role or "")


async def _load(
    session: AsyncSession, principal: Principal, insight_id: uuid.UUID, *, manage: bool
) -> Insight:
    """The insight (404 outside the organization), if the caller may read it or, with manage,
    change it (403 otherwise)."""
    insight = found(
        await repository.get(session, principal.organization_id, insight_id, lock=manage),
        "No such insight.",
        "insight_not_found",
    )
    access = await _access(session, principal, insight)
    if access is None:
        raise Forbidden("This insight belongs to none of your teams.", code="insight_not_visible")
    if manage and access != "manage":
        raise Forbidden(
            "Only admins and the managers of the insight's team may do this.", code="team_manager_required"
        )
    return insight


async def _assign(
    session: AsyncSession,
    principal: Principal,
    insight: Insight,
    team_id: uuid.UUID,
    rule: InsightRule | None,
) -> None:
    before = insight.team_id
    insight.team_id = team_id
    insight.assigned_rule_id = rule.id if rule else None
    insight.assigned_by = "rule" if rule else "manual"
    await session.flush()
    changes: dict[str, Any] = {
        "team_id": {"from": str(before) if before else None, "to": str(team_id)},
        "assigned_by": insight.assigned_by,
    }
    if rule is not None:
        changes["rule"] = {"id": str(rule.id), "name": rule.name}
    await audit.record(session, principal, "insight.assigned", "insight", insight.id, changes)


# ---- insights -------------------------------------------------------------------------------


async def create_insight(
    session: AsyncSession, principal: Principal, data: InsightCreate
) -> tuple[Insight, bool]:
    """The new insight and False, or the open insight with the same type and title, counted
    once more, and True (its team and contents stay as they are)."""
    org_id = principal.organization_id
    attributes = None
    if data.contact_id is not None:
        contact = await contacts.get_contact(session, principal, data.contact_id)
        attributes = contact.custom_attributes
    if data.team_id is not None:
        await teams.get_in_org(session, principal, data.team_id)
    key = title_key(data.title)
    for _ in range(CREATE_ATTEMPTS):
        existing = await repository.count_occurrence(session, org_id, data.type, key)
        if existing is not None:
            return existing, True
        insight = Insight(
            organization_id=org_id,
            type=data.type,
            title=data.title,
            title_key=key,
            body=data.body,
            contact_id=data.contact_id,
            status="open",
            occurrence_count=1,
        )
        try:
            async with session.begin_nested():
                session.add(insight)
                await session.flush()
        except IntegrityError:
            # a concurrent identical report inserted first: count this one on it
            continue
        break
    else:
        raise _duplicate()
    if data.team_id is not None:
        await _assign(session, principal, insight, data.team_id, None)
    else:
        fields = {"type": insight.type, "title": insight.title, "body": insight.body}
        rule = rules.first_match(await repository.active_rules(session, org_id), fields, attributes)
        if rule is not None:
            chosen = cast(InsightRule, rule)
            await _assign(session, principal, insight, chosen.team_id, chosen)
    return insight, False


async def list_insights(
    session: AsyncSession,
    principal: Principal,
    *,
    team_id: uuid.UUID | None,
    unassigned: bool | None,
    **filters: Any,
) -> tuple[list[Insight], int]:
    if team_id is not None and unassigned:
        raise ValidationFailed(
            "Filter by team_id or by unassigned=true, not both.",
            errors=[{"field": "unassigned", "message": "cannot be combined with team_id"}],
        )
    member = None if principal.is_admin else principal.user_id
    return await repository.search(
        session, principal.organization_id, member, team_id=team_id, unassigned=unassigned, **filters
    )


async def get_insight(session: AsyncSession, principal: Principal, insight_id: uuid.UUID) -> Insight:
    return await _load(session, principal, insight_id, manage=False)


async def update_insight(
    session: AsyncSession, principal: Principal, insight_id: uuid.UUID, data: InsightUpdate
) -> Insight:
    insight = await _load(session, principal, insight_id, manage=True)
    changes = data.model_dump(exclude_unset=True)
    if "title" in changes:
        changes["title_key"] = title_key(changes["title"])
    for field, value in changes.items():
        setattr(insight, field, value)
    if insight.status == "open" and {"type", "title"} & changes.keys():
        other = await repository.open_duplicate(
            session, insight.organization_id, insight.type, insight.title_key
        )
        if other is not None and other.id != insight.id:
            raise _duplicate()
    await flush_or(session, _duplicate())
    return insight


async def delete_insight(session: AsyncSession, principal: Principal, insight_id: uuid.UUID) -> None:
    if not principal.is_admin:
        raise Forbidden("Only organization admins may delete insights.", code="admin_required")
    insight = await _load(session, principal, insight_id, manage=True)
    await audit.record(
        session,
        principal,
        "insight.deleted",
        "insight",
        insight.id,
        {"type": insight.type, "title": insight.title},
    )
    await session.delete(insight)
    await session.flush()


async def assign_insight(
    session: AsyncSession, principal: Principal, insight_id: uuid.UUID, team_id: uuid.UUID
) -> Insight:
    """Admins assign any insight; a team's managers move their team's insights to any team."""
    insight = await _load(session, principal, insight_id, manage=True)
    await teams.get_in_org(session, principal, team_id)
    await _assign(session, principal, insight, team_id, None)
    return insight


async def resolve_insight(session: AsyncSession, principal: Principal, insight_id: uuid.UUID) -> Insight:
    insight = await _load(session, principal, insight_id, manage=True)
    if insight.status == "resolved":
        raise Conflict("The insight is already resolved.", code="insight_already_resolved")
    insight.status, insight.resolved_at, insight.resolved_by_id = "resolved", utcnow(), principal.user_id
    await session.flush()
    await audit.record(
        session,
        principal,
        "insight.resolved",
        "insight",
        insight.id,
        {"occurrence_count": insight.occurrence_count},
    )
    return insight


async def reopen_insight(session: AsyncSession, principal: Principal, insight_id: uuid.UUID) -> Insight:
    """Open again; refused (409) while another open insight has the same type and title."""
    insight = await _load(session, principal, insight_id, manage=True)
    if insight.status == "open":
        raise Conflict("The insight is not resolved.", code="insight_not_resolved")
    if (
        await repository.open_duplicate(session, insight.organization_id, insight.type, insight.title_key)
        is not None
    ):
        raise _duplicate()
    resolved_at = insight.resolved_at
    insight.status, insight.resolved_at, insight.resolved_by_id = "open", None, None
    await flush_or(session, _duplicate())
    await audit.record(
        session,
        principal,
        "insight.reopened",
        "insight",
        insight.id,
        {"resolved_at": resolved_at.isoformat() if resolved_at else None},
    )
    return insight


# ---- rules ----------------------------------------------------------------------------------


async def get_rule(session: AsyncSession, principal: Principal, rule_id: uuid.UUID) -> InsightRule:
    return found(
        await repository.get_rule(session, principal.organization_id, rule_id),
        "No such insight rule.",
        "insight_rule_not_found",
    )


async def _ensure_name_free(
    session: AsyncSession, org_id: uuid.UUID, key: str, rule_id: uuid.UUID | None
) -> None:
    other = await repository.rule_by_name(session, org_id, key)
    if other is not None and other.id != rule_id:
        raise _rule_name_taken()


async def list_rules(
    session: AsyncSession, principal: Principal, **filters: Any
) -> tuple[list[InsightRule], int]:
    return await repository.search_rules(session, principal.organization_id, **filters)


async def create_rule(session: AsyncSession, principal: Principal, data: RuleCreate) -> InsightRule:
    org_id = principal.organization_id
    key = data.name.casefold()
    await _ensure_name_free(session, org_id, key, None)
    await teams.get_in_org(session, principal, data.team_id)
    position = data.position
    if position is None:  # after every existing rule
        last = await repository.last_position(session, org_id)
        position = 0 if last is None else last + 1
    rule = InsightRule(
        organization_id=org_id,
        name=data.name,
        name_key=key,
        position=position,
        is_active=data.is_active,
        team_id=data.team_id,
        match=data.match.model_dump(mode="json"),
    )
    session.add(rule)
    await flush_or(session, _rule_name_taken())
    await audit.record(
        session,
        principal,
        "insight_rule.created",
        "insight_rule",
        rule.id,
        {**data.model_dump(mode="json"), "position": position},
    )
    return rule


async def update_rule(
    session: AsyncSession, principal: Principal, rule_id: uuid.UUID, data: RuleUpdate
) -> InsightRule:
    rule = await get_rule(session, principal, rule_id)
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "name" in changes:
        await _ensure_name_free(session, rule.organization_id, changes["name"].casefold(), rule.id)
    if data.team_id is not None:
        await teams.get_in_org(session, principal, data.team_id)
        changes["team_id"] = data.team_id
    diff: dict[str, Any] = {}
    for field, value in changes.items():
        if getattr(rule, field) != value:
            before = getattr(rule, field)
            diff[field] = {
                "from": str(before) if isinstance(before, uuid.UUID) else before,
                "to": str(value) if isinstance(value, uuid.UUID) else value,
            }
            setattr(rule, field, value)
    if "name" in diff:
        rule.name_key = rule.name.casefold()
    if diff:
        await flush_or(session, _rule_name_taken())
        await audit.record(session, principal, "insight_rule.updated", "insight_rule", rule.id, diff)
    return rule


async def delete_rule(session: AsyncSession, principal: Principal, rule_id: uuid.UUID) -> None:
    rule = await get_rule(session, principal, rule_id)
    await audit.record(
        session,
        principal,
        "insight_rule.deleted",
        "insight_rule",
        rule.id,
        {"name": rule.name, "team_id": str(rule.team_id)},
    )
    await session.delete(rule)
    await session.flush()
