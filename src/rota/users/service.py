import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from rota import clock
from rota.audit import service as audit
from rota.auth.passwords import hash_password
from rota.auth.principal import Principal
from rota.db.engine import flush_or
from rota.errors import Conflict, Forbidden, ValidationFailed, found
from rota.events.service import emit
from rota.routing import engine
from rota.users import repository
from rota.users.models import Absence, AgentState, Organization, Role, User
from rota.users.schemas import AbsenceIn, UserCreate, UserUpdate

PUBLIC_FIELDS = (
    "email",
    "full_name",
    "role",
    "is_active",
    "is_available",
    "max_active_transfers",
    "skills",
)
# changes that decide whether the user can be given transfers
ROUTING_FIELDS = ("is_active", "is_available", "state", "max_active_transfers", "skills")


def _org_name_taken() -> Conflict:
    return Conflict("An organization with this name already exists.", code="organization_name_taken")


def _email_taken() -> Conflict:
    return Conflict("A user with this email already exists in the organization.", code="email_taken")


async def bootstrap_admin(
    session: AsyncSession,
    org_name: str,
    email: str,
    password: str,
    full_name: str,
    *,
    exists_ok: bool = False,
) -> tuple[Organization, User]:
    """`rota create-admin`: the organization (created when missing) and an admin in it."""
    org = await repository.organization_by_name(session, org_name)
    if org is None:
        org = Organization(name=org_name.strip(), name_key=org_name.strip().casefold())
        session.add(org)
        await session.flush()
    email = email.strip().lower()
    existing = await repository.by_email(session, org.id, email)
    if existing is not None and exists_ok and existing.role == Role.ADMIN:
        return org, existing
    if existing is not None:
        raise _email_taken()
    user = User(
        organization_id=org.id,
        email=email,
        full_name=full_name.strip(),
        password_hash=await hash_password(password),
        role=Role.ADMIN,
        is_active=True,
        is_available=True,
    )
    session.add(user)
    await flush_or(session, _email_taken())
    await audit.record(
        session,
        None,
        "user.created",
        "user",
        user.id,
        {"email": email, "role": "admin", "via": "create-admin"},
        organization_id=org.id,
    )
    return org, user


async def create_user(session: AsyncSession, principal: Principal, data: UserCreate) -> User:
    email = str(data.email).lower()
    if await repository.by_email(session, principal.organization_id, email) is not None:
        raise _email_taken()
    user = User(
        organization_id=principal.organization_id,
        email=email,
        full_name=data.full_name,
        password_hash=await hash_password(data.password),
        role=data.role,
        is_active=data.is_active,
        is_available=data.is_available,
        state=AgentState.AVAILABLE if data.is_available else AgentState.AWAY,
        max_active_transfers=data.max_active_transfers,
        skills=data.skills,
    )
    session.add(user)
    await flush_or(session, _email_taken())
    await audit.record(
        session, principal, "user.created", "user", user.id, {f: getattr(user, f) for f in PUBLIC_FIELDS}
    )
    return user


async def get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> User:
    return found(
        await repository.get(session, principal.organization_id, user_id), "No such user.", "user_not_found"
    )


async def list_users(session: AsyncSession, principal: Principal, **filters: Any) -> tuple[list[User], int]:
    return await repository.search(session, principal.organization_id, **filters)


async def _ensure_admin_remains(session: AsyncSession, user: User) -> None:
    await repository.lock_organization(session, user.organization_id)
    if await repository.count_active_admins(session, user.organization_id) <= 1:
        raise Conflict("The organization must keep at least one active admin.", code="last_admin")


async def update_user(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, data: UserUpdate
) -> User:
    user = await get_user(session, principal, user_id)
    changes = data.model_dump(exclude_unset=True)
    if {"is_available", "state"} & changes.keys():
        changes.update(_state_fields(changes.get("state"), changes.get("is_available")))
    if "email" in changes:
        changes["email"] = changes["email"].lower()
        other = await repository.by_email(session, user.organization_id, changes["email"])
        if other is not None and other.id != user.id:
            raise _email_taken()
    losing_admin = (
        user.role == Role.ADMIN
        and user.is_active
        and (changes.get("role", "admin") != "admin" or changes.get("is_active", True) is False)
    )
    if losing_admin:
        await _ensure_admin_remains(session, user)
    diff: dict[str, Any] = {}
    password = changes.pop("password", None)
    for field, value in changes.items():
        if getattr(user, field) != value:
            diff[field] = {"from": getattr(user, field), "to": value}
    routing = {f: diff[f]["to"] for f in ROUTING_FIELDS if f in diff}
    if routing:  # first: it locks the agent's teams, then the user, and writes these fields
        keep = await _keeps_transfers(session, user.organization_id, routing.get("state"), None)
        returned, team_ids = await engine.agent_changed(
            session, user.organization_id, user.id, routing, actor_id=principal.user_id, keep_transfers=keep
        )
        diff["transfers_returned"] = returned
        for field, value in routing.items():
            set_committed_value(user, field, value)
        if {"is_active", "state"} & routing.keys():
            announce_availability(
                session,
                user.organization_id,
                user.id,
                user.full_name,
                user.is_available and user.is_active,
                user.state,
                team_ids,
            )
    for field in diff.keys() - set(routing) - {"transfers_returned"}:
        setattr(user, field, diff[field]["to"])
    if password is not None:
        user.password_hash = await hash_password(password)
        user.token_version += 1  # every access token issued before ends
        diff["password"] = "changed"
    if diff:
        await flush_or(session, _email_taken())
        await audit.record(session, principal, "user.updated", "user", user.id, diff)
    return user


def _state_fields(state: str | None, available: bool | None) -> dict[str, Any]:
    """`state` and the seed's `is_available` (true: available, false: away) are one thing."""
    if state is None:
        state = AgentState.AVAILABLE if available else AgentState.AWAY
    elif available is not None and available != (state == AgentState.AVAILABLE):
        raise ValidationFailed(
            "is_available and state disagree.",
            errors=[{"field": "is_available", "message": f"is {available} but state is {state}"}],
        )
    return {"state": AgentState(state), "is_available": state == AgentState.AVAILABLE}


async def _keeps_transfers(
    session: AsyncSession, org_id: uuid.UUID, state: str | None, keep: bool | None
) -> bool:
    """Whether an agent going to `state` keeps their transfers: busy does; away and offline do
    as the change says, else as the organization says."""
    if state not in (AgentState.AWAY, AgentState.OFFLINE):
        return True
    if keep is not None:
        return keep
    return (await repository.get_organization(session, org_id)).away_keeps_transfers


async def set_availability(
    session: AsyncSession,
    principal: Principal,
    state: AgentState | None,
    available: bool | None,
    keep_transfers: bool | None = None,
) -> tuple[bool, int]:
    """The caller's state changes (to `state`, or by the seed's `available`). Going away or
    offline gives their transfers back to their queues unless they keep them; going available
    drains the queues of their teams; busy keeps everything and takes nothing new. Returns
    whether they are available now, and how many transfers went back."""
    fields = _state_fields(state, available)
    state = fields["state"]
    if principal.state == state:
        return fields["is_available"], 0
    keep = await _keeps_transfers(session, principal.organization_id, state, keep_transfers)
    returned, team_ids = await engine.agent_changed(
        session,
        principal.organization_id,
        principal.user_id,
        fields,
        actor_id=principal.user_id,
        keep_transfers=keep,
    )
    await audit.record(
        session,
        principal,
        "user.availability_changed",
        "user",
        principal.user_id,
        {
            "state": {"from": principal.state, "to": state},
            "is_available": {"from": principal.is_available, "to": state == AgentState.AVAILABLE},
            "transfers_returned": returned,
        },
    )
    announce_availability(
        session,
        principal.organization_id,
        principal.user_id,
        principal.full_name,
        fields["is_available"],
        state,
        team_ids,
    )
    return fields["is_available"], returned


async def change_state_automatically(
    session: AsyncSession,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    state: AgentState,
    *,
    only_from: tuple[AgentState, ...],
    cause: str,
    still: Callable[[], Awaitable[bool]] | None = None,
) -> bool:
    """A state change nobody asked for (`cause`: an offer let lapse, a connection gone), made
    only if the agent is still active and in one of `only_from` once locked (and `still()`, read
    then, holds): exactly once, whichever process notices. Transfers go back as for the agent's
    own change (by the organization's setting). Audited and announced like any other; True when
    made."""
    fields = _state_fields(state, None)
    keep = await _keeps_transfers(session, org_id, state, None)
    changed = await engine.agent_changed_unless(
        session, org_id, user_id, fields, only_from=only_from, keep_transfers=keep, still=still
    )
    if changed is None:
        return False
    returned, team_ids, before = changed
    await audit.record(
        session,
        None,
        "user.availability_changed",
        "user",
        user_id,
        {
            "state": {"from": before.state, "to": state},
            "is_available": {"from": before.is_available, "to": fields["is_available"]},
            "transfers_returned": returned,
            "cause": cause,
        },
        organization_id=org_id,
    )
    announce_availability(session, org_id, user_id, before.full_name, fields["is_available"], state, team_ids)
    return True


# automatic presence


async def seen(session: AsyncSession, user_ids: list[uuid.UUID]) -> None:
    """These users are connected to the event stream now (a stream opened or ended, or a
    process's heartbeat for the streams it holds)."""
    await repository.mark_seen(session, user_ids, clock.now())


def offline_cutoff(now: datetime, seconds: int, heartbeat: timedelta) -> datetime:
    """Last seen at or before this, a user has been gone long enough to go offline: the
    organization's `seconds`, but never less than two heartbeats, so that an agent still
    connected (whose last_seen_at is at most one heartbeat old, and a write may be late) is never
    taken for gone between two beats."""
    return now - max(timedelta(seconds=seconds), 2 * heartbeat)


async def disconnected(
    session: AsyncSession, now: datetime, heartbeat: timedelta
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(organization, user) of the available or busy agents whose last event stream has been
    gone longer than their organization's offline_after_disconnect_seconds (read without a lock;
    `go_offline_if_disconnected` makes sure). A user never connected is left alone."""
    found = await repository.disconnected(session, now - 2 * heartbeat)
    return [(org_id, user_id) for org_id, user_id, at, n in found if at <= offline_cutoff(now, n, heartbeat)]


async def go_offline_if_disconnected(
    session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID, now: datetime, heartbeat: timedelta
) -> bool:
    """The agent goes offline, by the organization's keep-transfers rule, if once locked they are
    still available or busy and still gone (a stream opened meanwhile writes last_seen_at, and the
    organization may have turned the setting off). True for the one transaction that did it.
    Coming back does not make them available: they switch back themselves."""

    async def still_gone() -> bool:
        last_seen, seconds = await repository.presence(session, user_id)
        if last_seen is None or seconds is None:  # reset, or the organization turned it off
            return False
        return last_seen <= offline_cutoff(now, seconds, heartbeat)

    return await change_state_automatically(
        session,
        org_id,
        user_id,
        AgentState.OFFLINE,
        only_from=(AgentState.AVAILABLE, AgentState.BUSY),
        cause="connection_lost",
        still=still_gone,
    )


def announce_availability(
    session: AsyncSession,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    full_name: str,
    available: bool,
    state: str,
    team_ids: set[uuid.UUID],
) -> None:
    """The agent, admins and the managers of the agent's teams are told."""
    emit(
        session,
        org_id,
        "agent.availability_changed",
        {"user_id": user_id, "full_name": full_name, "is_available": available, "state": state},
        agent_id=user_id,
        team_ids=team_ids,
    )


async def delete_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> None:
    user = await get_user(session, principal, user_id)
    if user.id == principal.user_id:
        raise Conflict("You cannot delete your own account.", code="cannot_delete_self")
    if user.role == Role.ADMIN and user.is_active:
        await _ensure_admin_remains(session, user)
    # their transfers go back to the queues, and the queues move on without them
    returned, _ = await engine.agent_changed(
        session, user.organization_id, user.id, {"is_active": False}, actor_id=principal.user_id
    )
    await audit.record(
        session,
        principal,
        "user.deleted",
        "user",
        user.id,
        {"email": user.email, "full_name": user.full_name, "role": user.role, "transfers_returned": returned},
    )
    await session.delete(user)
    await session.flush()


def pick_refusal(principal: Principal, *, busy_may_pick: bool, absent: bool) -> str | None:
    """Why the caller may not pick work from the queues now (None: they may): away and offline
    agents may not, nor those in an absence; busy ones as their organization says."""
    if principal.state in (AgentState.AWAY, AgentState.OFFLINE):
        return "agent_unavailable"
    if principal.state == AgentState.BUSY and not busy_may_pick:
        return "agent_busy"
    if absent:
        return "agent_absent"  # shown as away: the same rule
    return None


async def update_organization(
    session: AsyncSession, principal: Principal, changes: dict[str, Any]
) -> Organization:
    await repository.lock_organization(session, principal.organization_id)  # first: org, teams, users
    org = await repository.get_organization(session, principal.organization_id)
    diff = {f: {"from": getattr(org, f), "to": v} for f, v in changes.items() if getattr(org, f) != v}
    if "name" in diff:
        other = await repository.organization_by_name(session, changes["name"])
        if other is not None and other.id != org.id:
            raise _org_name_taken()
        org.name_key = changes["name"].casefold()
    if not diff:
        return org
    scope = await engine.lock_organization(session, org.id)
    for field, change in diff.items():
        setattr(org, field, change["to"])
    await flush_or(session, _org_name_taken())
    await audit.record(session, principal, "organization.updated", "organization", org.id, diff)
    if "default_max_active_transfers" in diff:  # more room: the queues move
        await engine.drain_all(
            session, scope.teams.values(), actor_id=principal.user_id, trigger="capacity_changed"
        )
    return org


# absences


def _may_manage_absences(principal: Principal, user_id: uuid.UUID) -> None:
    if principal.user_id != user_id and not principal.is_admin:
        raise Forbidden(
            "Only the agent themselves or an admin may manage their absences.", code="not_your_absence"
        )


async def add_absence(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, data: AbsenceIn
) -> Absence:
    """The agent is away from `starts_at` to `ends_at`: never auto-assigned then, shown away."""
    _may_manage_absences(principal, user_id)
    user = await get_user(session, principal, user_id)
    absence = Absence(
        organization_id=user.organization_id,
        user_id=user.id,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        reason=data.reason,
        created_by_id=principal.user_id,
    )
    session.add(absence)
    await session.flush()
    await audit.record(
        session,
        principal,
        "absence.created",
        "user",
        user.id,
        data.model_dump(mode="json") | {"id": absence.id},
    )
    return absence


async def list_absences(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> list[Absence]:
    """The user's absences not yet over (the user, admins and managers may read them)."""
    if principal.role == Role.AGENT:
        _may_manage_absences(principal, user_id)
    user = await get_user(session, principal, user_id)
    return await repository.absences(session, user.id, clock.now())


async def remove_absence(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, absence_id: uuid.UUID
) -> None:
    _may_manage_absences(principal, user_id)
    user = await get_user(session, principal, user_id)
    absence = found(
        await repository.absence(session, user.id, absence_id), "No such absence.", "absence_not_found"
    )
    await audit.record(session, principal, "absence.deleted", "user", user.id, {"id": absence.id})
    await session.delete(absence)
    await session.flush()


async def absent(session: AsyncSession, user_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Those of these users in an absence now (they show as away)."""
    return await repository.absent(session, user_ids, clock.now())
