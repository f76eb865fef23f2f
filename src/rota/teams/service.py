import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit import service as audit
from rota.auth.principal import Principal
from rota.db.engine import flush_or
from rota.errors import (
    Conflict,
    Forbidden,
    PreconditionFailed,
    ValidationFailed,
    found,
)
from rota.events.service import emit
from rota.routing import engine
from rota.routing.rules import RoutingTeam
from rota.schedules import service as schedules
from rota.schedules.models import Schedule
from rota.teams import repository
from rota.teams.models import MemberRole, Team, TeamMember
from rota.teams.schemas import (
    MemberCreate,
    MemberOut,
    MemberUpdate,
    TeamCreate,
    TeamDetail,
    TeamOut,
    TeamStats,
    TeamUpdate,
)
from rota.users import service as users
from rota.users.models import AgentState, Role, User

ROUTING_SETTINGS = (
    "schedule_id",
    "overflow_policy",
    "fallback_team_id",
    "overflow_after_seconds",
    "sticky_agent_hours",
    "sla_first_assignment_seconds",
    "sla_resolution_seconds",
    "accept_timeout_seconds",
    "missed_offer_sets_away",
    "skills_relax_after_seconds",
)


def team_out(team: Team, member_count: int, schedule: Schedule | None) -> TeamOut:
    is_open, next_change_at = schedules.state(schedule)
    return TeamOut(
        id=team.id,
        name=team.name,
        description=team.description,
        assignment_strategy=team.assignment_strategy,  # type: ignore[arg-type]
        is_active=team.is_active,
        member_count=member_count,
        is_open=is_open,
        next_change_at=next_change_at,
        created_at=team.created_at,
        updated_at=team.updated_at,
        **{f: getattr(team, f) for f in ROUTING_SETTINGS},
    )


async def _schedule_of(session: AsyncSession, team: Team) -> Schedule | None:
    return (await schedules.schedules_by_id(session, [team.schedule_id])).get(team.schedule_id)  # type: ignore[arg-type]


async def _check_settings(
    session: AsyncSession, principal: Principal, team: Team | None, values: dict[str, Any]
) -> None:
    """The schedule and fallback must be the organization's; fallbacks may chain, not loop."""
    if values.get("schedule_id") is not None:
        await schedules.get_schedule(session, principal, values["schedule_id"])
    fallback = values.get("fallback_team_id", team.fallback_team_id if team else None)
    policy = values.get("overflow_policy", team.overflow_policy if team else "wait")
    if "fallback_team_id" in values and fallback is not None:
        await get_in_org(session, principal, fallback)
        if team is not None and team.id in [fallback, *await engine.fallback_chain(session, fallback)]:
            raise ValidationFailed(
                "That fallback would send transfers round in a loop.",
                code="fallback_loop",
                errors=[{"field": "fallback_team_id", "message": "loop"}],
            )
    if policy == "fallback" and fallback is None:
        raise ValidationFailed(
            "The fallback policy needs a fallback_team_id.",
            code="fallback_team_required",
            errors=[{"field": "fallback_team_id", "message": "required"}],
        )


def member_out(member: TeamMember, user: User, absent: bool = False) -> MemberOut:
    """A member's answer; one in an absence now shows as away (as everywhere users are shown)."""
    return MemberOut(
        id=member.id,
        user_id=user.id,
        full_name=user.full_name,
        email=user.email,
        role=member.role,  # type: ignore[arg-type]
        is_available=user.is_available and user.is_active and not absent,
        state=AgentState.AWAY if absent else AgentState(user.state),
        last_assigned_at=member.last_assigned_at,
        created_at=member.created_at,
    )


async def _members_out(session: AsyncSession, team_id: uuid.UUID) -> list[MemberOut]:
    members = await repository.members(session, team_id)
    absent = await users.absent(session, [u.id for _, u in members])
    return [member_out(m, u, u.id in absent) for m, u in members]


def etag(team: Team) -> str:
    return f'"{team.version}"'


def _check_if_match(team: Team, if_match: str | None) -> None:
    if if_match is None:
        return
    tags = {t.strip().removeprefix("W/") for t in if_match.split(",")}
    if "*" not in tags and etag(team) not in tags:
        raise PreconditionFailed()


def _name_taken() -> Conflict:
    return Conflict("A team with this name already exists.", code="team_name_taken")


async def _load(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> tuple[Team, str | None]:
    """The team (404 outside the caller's organization) and the caller's role in it."""
    team = await get_in_org(session, principal, team_id)
    member = await repository.membership(session, team.id, principal.user_id)
    return team, member.role if member else None


async def get_in_org(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> Team:
    """A team of the caller's organization (404 otherwise), whatever the caller's role in it."""
    return found(
        await repository.get(session, principal.organization_id, team_id), "No such team.", "team_not_found"
    )


async def _lock(session: AsyncSession, team: Team, user_ids: Sequence[uuid.UUID] = ()) -> RoutingTeam:
    """Takes the routing locks of the team (and of these users) before a change to them; the
    team as routing sees it."""
    scope = await engine.lock_scope(session, team.organization_id, [team.id], user_ids)
    return scope.teams[team.id]


async def _drain(session: AsyncSession, principal: Principal, team: Team, trigger: str) -> None:
    """The team's queue moves after a change to it (the team is locked)."""
    routing = await engine.team(session, team.organization_id, team.id)
    if routing is not None:
        await engine.drain(session, routing, actor_id=principal.user_id, trigger=trigger)


async def _visible(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID
) -> tuple[Team, str | None]:
    team, role = await _load(session, principal, team_id)
    if role is None and not principal.is_admin:
        raise Forbidden("You are not a member of this team.", code="not_team_member")
    return team, role


async def _managed(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> Team:
    team, role = await _visible(session, principal, team_id)
    if role != "manager" and not principal.is_admin:
        raise Forbidden("Only admins and this team's managers may do this.", code="team_manager_required")
    return team


async def list_teams(
    session: AsyncSession, principal: Principal, *, search: str | None, offset: int, limit: int
) -> tuple[list[TeamOut], int]:
    rows, total = await repository.search(
        session,
        principal.organization_id,
        None if principal.is_admin else principal.user_id,
        search,
        offset,
        limit,
    )
    linked = await schedules.schedules_by_id(session, [team.schedule_id for team, _ in rows])
    return [team_out(team, count, linked.get(team.schedule_id)) for team, count in rows], total  # type: ignore[arg-type]


async def get_team(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> tuple[TeamDetail, str]:
    team, _ = await _visible(session, principal, team_id)
    members = await _members_out(session, team.id)
    out = team_out(team, len(members), await _schedule_of(session, team))
    detail = TeamDetail(**out.model_dump(), members=members)
    return detail, etag(team)


async def create_team(session: AsyncSession, principal: Principal, data: TeamCreate) -> TeamOut:
    key = data.name.casefold()
    if await repository.by_name(session, principal.organization_id, key) is not None:
        raise _name_taken()
    await _check_settings(session, principal, None, data.model_dump(exclude_unset=True))
    team = Team(organization_id=principal.organization_id, name_key=key, **data.model_dump())
    session.add(team)
    await flush_or(session, _name_taken())
    await audit.record(session, principal, "team.created", "team", team.id, data.model_dump(mode="json"))
    return team_out(team, 0, await _schedule_of(session, team))


async def update_team(
    session: AsyncSession,
    principal: Principal,
    team_id: uuid.UUID,
    data: TeamUpdate,
    if_match: str | None,
) -> tuple[TeamOut, str]:
    team = await _managed(session, principal, team_id)
    changes = data.model_dump(exclude_unset=True)
    if "fallback_team_id" in changes:  # a loop check is only true with every team held
        await engine.lock_scope(
            session, team.organization_id, await repository.ids(session, team.organization_id)
        )
    else:
        await _lock(session, team)
    _check_if_match(team, if_match)
    await _check_settings(session, principal, team, changes)
    if "name" in changes:
        other = await repository.by_name(session, team.organization_id, changes["name"].casefold())
        if other is not None and other.id != team.id:
            raise _name_taken()
    diff: dict[str, Any] = {}
    for field, value in changes.items():
        if getattr(team, field) != value:
            diff[field] = {"from": getattr(team, field), "to": value}
            setattr(team, field, value)
    if "name" in diff:
        team.name_key = team.name.casefold()
    if diff:
        await flush_or(session, _name_taken())
        await audit.record(session, principal, "team.updated", "team", team.id, diff)
        if {"assignment_strategy", "is_active", "schedule_id"} & diff.keys():
            await _drain(session, principal, team, "team_updated")
    count = await repository.count_members(session, team.id)
    out = team_out(team, count, await _schedule_of(session, team))
    if diff:
        emit(
            session,
            team.organization_id,
            "team.updated",
            {"team": out.model_dump(), "changes": diff},
            team_ids=[team.id],
            members=True,
        )
    return out, etag(team)


async def delete_team(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, if_match: str | None
) -> None:
    team = await get_in_org(session, principal, team_id)
    routing = await _lock(session, team)
    _check_if_match(team, if_match)
    moved = await engine.team_deleted(session, routing, actor_id=principal.user_id)
    await audit.record(
        session,
        principal,
        "team.deleted",
        "team",
        team.id,
        {"name": team.name, "transfers_moved_to_general_queue": moved},
    )
    await session.delete(team)
    await session.flush()


async def list_members(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> list[MemberOut]:
    team = await _managed(session, principal, team_id)
    return await _members_out(session, team.id)


async def add_member(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, data: MemberCreate
) -> MemberOut:
    team = await _managed(session, principal, team_id)
    if data.role == MemberRole.MANAGER and not principal.is_admin:
        raise Forbidden("Only admins may add managers to a team.", code="admin_required")
    user = await users.get_user(session, principal, data.user_id)
    if user.role == Role.SERVICE:
        raise ValidationFailed(
            "A service account cannot join a team: it is never given transfers.",
            code="service_account",
            errors=[{"field": "user_id", "message": "a service account"}],
        )
    if not user.is_active:
        raise ValidationFailed(
            "A deactivated user cannot join a team.",
            code="user_inactive",
            errors=[{"field": "user_id", "message": "user is deactivated"}],
        )
    already = Conflict("The user is already a member of this team.", code="already_member")
    await _lock(session, team, [user.id])
    if await repository.membership(session, team.id, user.id) is not None:
        raise already
    member = TeamMember(team_id=team.id, user_id=user.id, role=data.role)
    session.add(member)
    await flush_or(session, already)
    await audit.record(
        session,
        principal,
        "team.member_added",
        "team",
        team.id,
        {"user_id": str(user.id), "email": user.email, "role": data.role},
    )
    await _drain(session, principal, team, "member_joined")
    return member_out(member, user)


async def change_member_role(
    session: AsyncSession,
    principal: Principal,
    team_id: uuid.UUID,
    user_id: uuid.UUID,
    data: MemberUpdate,
) -> MemberOut:
    """A new role in the team, keeping the membership and the transfers held (admins: the
    change makes or unmakes a manager). A new agent is given waiting work at once."""
    team = await _managed(session, principal, team_id)
    if not principal.is_admin:
        raise Forbidden("Only admins may change a member's role.", code="admin_required")
    await _lock(session, team, [user_id])
    member = found(
        await repository.membership(session, team.id, user_id),
        "The user is not a member of this team.",
        "member_not_found",
    )
    if member.role != data.role:
        await audit.record(
            session,
            principal,
            "team.member_role_changed",
            "team",
            team.id,
            {"user_id": str(user_id), "from": member.role, "to": data.role},
        )
        member.role = data.role
        await session.flush()
        await _drain(session, principal, team, "member_role_changed")
    return member_out(member, await users.get_user(session, principal, user_id))


async def addable_users(
    session: AsyncSession,
    principal: Principal,
    team_id: uuid.UUID,
    *,
    search: str | None,
    offset: int,
    limit: int,
) -> tuple[list[User], int]:
    """Active users of the organization who are not in the team (admins and its managers)."""
    team = await _managed(session, principal, team_id)
    return await users.list_users(
        session,
        principal,
        text=search,
        role=None,
        is_active=True,
        not_in_team=team.id,
        offset=offset,
        limit=limit,
    )


async def remove_member(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    team = await _managed(session, principal, team_id)
    member = found(
        await repository.membership(session, team.id, user_id),
        "The user is not a member of this team.",
        "member_not_found",
    )
    if member.role == MemberRole.MANAGER and not principal.is_admin:
        raise Forbidden("Only admins may remove a team's managers.", code="admin_required")
    await _lock(session, team, [user_id])
    returned = await engine.release(
        session, user_id, actor_id=principal.user_id, reason="agent removed from the team", team_id=team.id
    )
    await session.delete(member)
    await session.flush()
    await _drain(session, principal, team, "member_removed")
    await audit.record(
        session,
        principal,
        "team.member_removed",
        "team",
        team.id,
        {"user_id": str(user_id), "role": member.role, "transfers_returned": len(returned)},
    )


async def team_stats(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> TeamStats:
    team, _ = await _visible(session, principal, team_id)
    routing = await engine.team(session, team.organization_id, team.id)
    assert routing is not None
    return TeamStats(**await engine.team_stats(session, routing))
