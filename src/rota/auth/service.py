import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.audit import service as audit
from rota.auth import repository
from rota.auth.models import ApiKey, AuthSession, LoginFailure
from rota.auth.passwords import verify_password
from rota.auth.principal import Principal
from rota.auth.tokens import hash_api_key, hash_secret, new_api_key, new_refresh_token
from rota.config import Settings
from rota.errors import BadRequest, Forbidden, NotFound, RateLimited, Unauthorized, found
from rota.users.models import AgentState, Role, User

log = logging.getLogger("rota.auth")
# a refresh token used again this soon after its rotation is a race (two tabs at once), not theft:
# it gets an access token, but no new refresh token
REUSE_GRACE = timedelta(seconds=60)


async def authenticate(
    session: AsyncSession, settings: Settings, email: str, password: str, org_id: uuid.UUID | None
) -> User | None:
    """The user these credentials belong to, or None after recording the failure in the
    session (the caller commits it, then refuses). Failures are throttled per email address."""
    email = email.strip().lower()
    await repository.lock_email(session, email)
    now = clock.now()
    window = timedelta(seconds=settings.login_failure_window_seconds)
    failures, oldest = await repository.recent_failures(session, email, now - window)
    if failures >= settings.login_max_failures and oldest is not None:
        retry = max(1, int((oldest + window - now).total_seconds()) + 1)
        raise RateLimited(
            "Too many failed logins for this email; try again later.",
            code="too_many_attempts",
            headers={"Retry-After": str(retry)},
        )
    candidates = await repository.users_by_email(session, email, org_id)
    if not candidates:
        await verify_password(None, password)  # same time as a wrong password
    active = [u for u in candidates if u.is_active and await verify_password(u.password_hash, password)]
    if not active:
        session.add(LoginFailure(email=email))
        return None
    if len(active) > 1:
        raise BadRequest(
            "This email belongs to several organizations; send organization_id too.",
            code="organization_required",
        )
    user = active[0]
    await repository.clear_failures(session, email)
    user.last_login_at = now
    return user


async def create_api_key(
    session: AsyncSession,
    principal: Principal,
    name: str,
    scopes: list[str] | None = None,
    *,
    owner_id: uuid.UUID | None = None,
) -> tuple[ApiKey, str]:
    """A new key of the caller's (or of `owner_id`, a service account the caller manages),
    limited to `scopes` (None: not limited). A key with scopes gives out no more than it holds."""
    if principal.scopes is not None and (scopes is None or not set(scopes) <= principal.scopes):
        raise Forbidden(
            "An API key with scopes makes keys with only (some of) its own scopes.", code="scope_escalation"
        )
    secret = new_api_key()
    key = ApiKey(
        organization_id=principal.organization_id,
        user_id=owner_id or principal.user_id,
        name=name.strip(),
        prefix=secret[:13],
        key_hash=hash_api_key(secret),
        scopes=sorted(set(scopes)) if scopes is not None else None,
    )
    session.add(key)
    await session.flush()
    await audit.record(
        session, principal, "api_key.created", "api_key", key.id, {"name": key.name, "scopes": key.scopes}
    )
    return key, secret


async def list_api_keys(session: AsyncSession, principal: Principal) -> list[ApiKey]:
    return await repository.api_keys(session, principal.organization_id, principal.user_id)


async def revoke_api_key(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> None:
    key = found(
        await repository.api_key(session, principal.organization_id, key_id),
        "No such API key.",
        "api_key_not_found",
    )
    if key.user_id != principal.user_id and not principal.is_admin:
        raise Forbidden("Only its owner or an admin may revoke an API key.")
    await session.delete(key)
    await audit.record(session, principal, "api_key.revoked", "api_key", key.id, {"name": key.name})


async def still_valid(
    session: AsyncSession, users: dict[uuid.UUID, int | None], key_hashes: set[str]
) -> tuple[dict[uuid.UUID, bool], set[str]]:
    """Of these users (with the token version each was authenticated with; None: by an API
    key), which may still call, and whether each is an admin now; and which of these API keys
    are still valid."""
    return await repository.still_valid(session, users, key_hashes)


@dataclass(frozen=True, slots=True)
class Refreshed:
    """A session's new tokens: the user, the new refresh token (None within the reuse grace),
    and when the session ends unless used."""

    user: User
    refresh_token: str | None
    expires_at: datetime


def _session_end(row: AuthSession, settings: Settings, now: datetime) -> datetime:
    return min(
        now + timedelta(hours=settings.session_idle_hours),
        row.created_at + timedelta(days=settings.session_max_days),
    )


async def start_session(
    session: AsyncSession, settings: Settings, user: User, user_agent: str | None
) -> Refreshed:
    """A new sign-in session for the user (after a login)."""
    now, token = clock.now(), new_refresh_token()
    row = AuthSession(
        organization_id=user.organization_id,
        user_id=user.id,
        token_version=user.token_version,
        refresh_hash=hash_secret(token),
        user_agent=(user_agent or "")[:200] or None,
        created_at=now,
        last_used_at=now,
        expires_at=now,
    )
    row.expires_at = _session_end(row, settings, now)
    session.add(row)
    return Refreshed(user, token, row.expires_at)


async def refresh(session: AsyncSession, settings: Settings, token: str) -> Refreshed | Unauthorized:
    """New tokens for a session's refresh token, which is rotated; or why not (the caller
    commits first: a session ended here stays ended). A token used again after its rotation
    (and the grace) ends the session: one of the two holders is not its owner."""
    now = clock.now()
    row = await repository.session_of_token(session, hash_secret(token))
    if row is None:
        return Unauthorized("The refresh token is not valid.", code="invalid_refresh_token")
    if row.ended_at is not None or row.expires_at <= now:
        return Unauthorized("The session has ended; sign in again.", code="session_ended")
    user = await repository.user(session, row.user_id)
    if user is None or not user.is_active or user.token_version != row.token_version:
        row.ended_at = now  # deactivated, or the password changed: every session ends
        return Unauthorized("The session has ended; sign in again.", code="session_ended")
    if row.refresh_hash != hash_secret(token):  # an earlier token of the session
        if now - row.last_used_at <= REUSE_GRACE:
            return Refreshed(user, None, row.expires_at)
        row.ended_at = now
        log.warning("refresh token reused: session %s of user %s ended", row.id, row.user_id)
        await audit.record(
            session,
            None,
            "auth.session_ended",
            "user",
            row.user_id,
            {"session_id": row.id, "reason": "refresh token reused"},
            organization_id=row.organization_id,
        )
        return Unauthorized("The refresh token was already used; sign in again.", code="refresh_token_reused")
    new = new_refresh_token()
    row.previous_hash, row.refresh_hash = row.refresh_hash, hash_secret(new)
    row.last_used_at = now
    row.expires_at = _session_end(row, settings, now)
    return Refreshed(user, new, row.expires_at)


async def end_session(session: AsyncSession, token: str) -> None:
    """Signs the session of this refresh token out (an unknown token: nothing to do)."""
    row = await repository.session_of_token(session, hash_secret(token))
    if row is not None and row.ended_at is None:
        row.ended_at = clock.now()


async def list_sessions(session: AsyncSession, principal: Principal) -> list[AuthSession]:
    """The caller's sessions still open."""
    return await repository.open_sessions(session, principal.user_id, clock.now())


async def revoke_session(session: AsyncSession, principal: Principal, session_id: uuid.UUID) -> None:
    """Ends one of the caller's sessions (admins: anyone's in their organization)."""
    row = found(
        await repository.auth_session(session, principal.organization_id, session_id),
        "No such session.",
        "session_not_found",
    )
    if row.user_id != principal.user_id and not principal.is_admin:
        raise Forbidden("Only its owner or an admin may end a session.", code="not_your_session")
    if row.ended_at is None:
        row.ended_at = clock.now()
        await audit.record(
            session, principal, "auth.session_ended", "user", row.user_id, {"session_id": row.id}
        )


async def create_service_account(
    session: AsyncSession, principal: Principal, name: str, scopes: list[str]
) -> tuple[User, ApiKey, str]:
    """An integration's own identity (it shows by its name in decision logs, audit entries and
    events), with its first API key, limited to `scopes`. It has no password and is never given
    transfers; deactivating it (PATCH /api/users/{id}) stops its keys."""
    account = User(
        organization_id=principal.organization_id,
        email=f"service-{secrets.token_hex(6)}@service-accounts.invalid",  # never signs in
        full_name=name.strip(),
        password_hash="!",  # matches no password
        role=Role.SERVICE,
        is_active=True,
        state=AgentState.OFFLINE,
        is_available=False,
    )
    session.add(account)
    await session.flush()
    await audit.record(
        session, principal, "service_account.created", "user", account.id, {"name": account.full_name}
    )
    key, secret = await create_api_key(session, principal, "first key", scopes, owner_id=account.id)
    return account, key, secret


async def create_service_key(
    session: AsyncSession, principal: Principal, account_id: uuid.UUID, name: str, scopes: list[str]
) -> tuple[ApiKey, str]:
    """Another key of a service account of the caller's organization."""
    account = await repository.user(session, account_id)
    if (
        account is None
        or account.organization_id != principal.organization_id
        or account.role != Role.SERVICE
    ):
        raise NotFound("No such service account.", code="service_account_not_found")
    return await create_api_key(session, principal, name, scopes, owner_id=account.id)
