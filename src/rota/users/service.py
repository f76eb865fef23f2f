import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from rota.audit import service as audit
from rota.auth.passwords import hash_password
from rota.auth.principal import Principal
from rota.db.engine import flush_or
from rota.errors import Conflict, found
from rota.events.service import emit
from rota.routing import engine
from rota.users import repository
from rota.users.models import Organization, Role, User
from rota.users.schemas import UserCreate, UserUpdate

PUBLIC_FIELDS = ("email", "full_name", "role", "is_active", "is_available", "max_active_transfers")
# changes that decide whether the user can be given transfers
ROUTING_FIELDS = ("is_active", "is_available", "max_active_transfers")


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
        max_active_transfers=data.max_active_transfers,
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
        returned, team_ids = await engine.agent_changed(
            session, user.organization_id, user.id, routing, actor_id=principal.user_id
        )
        diff["transfers_returned"] = returned
        for field, value in routing.items():
            set_committed_value(user, field, value)
        if {"is_active", "is_available"} & routing.keys():
            announce_availability(
                session,
                user.organization_id,
                user.id,
                user.full_name,
                user.is_available and user.is_active,
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


async def set_availability(session: AsyncSession, principal: Principal, available: bool) -> int:
    """Going away gives the caller's transfers back to their queues (how many is returned);
    coming back drains the queues of their teams."""
    if principal.is_available == available:
        return 0
    returned, team_ids = await engine.agent_changed(
        session,
        principal.organization_id,
        principal.user_id,
        {"is_available": available},
        actor_id=principal.user_id,
    )
    await audit.record(
        session,
        principal,
        "user.availability_changed",
        "user",
        principal.user_id,
        {"is_available": {"from": not available, "to": available}, "transfers_returned": returned},
    )
    announce_availability(
        session, principal.organization_id, principal.user_id, principal.full_name, available, team_ids
    )
    return returned


def announce_availability(
    session: AsyncSession,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    full_name: str,
    available: bool,
    team_ids: set[uuid.UUID],
) -> None:
    """The agent, admins and the managers of the agent's teams are told."""
    emit(
        session,
        org_id,
        "agent.availability_changed",
        {"user_id": user_id, "full_name": full_name, "is_available": available},
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
