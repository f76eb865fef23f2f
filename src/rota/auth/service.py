import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit import service as audit
from rota.auth import repository
from rota.auth.models import ApiKey, LoginFailure
from rota.auth.passwords import verify_password
from rota.auth.principal import Principal
from rota.auth.tokens import hash_api_key, new_api_key
from rota.config import Settings
from rota.errors import BadRequest, Forbidden, RateLimited, found
from rota.users.models import User


async def authenticate(
    session: AsyncSession, settings: Settings, email: str, password: str, org_id: uuid.UUID | None
) -> User | None:
    """The user these credentials belong to, or None after recording the failure in the
    session (the caller commits it, then refuses). Failures are throttled per email address."""
    email = email.strip().lower()
    await repository.lock_email(session, email)
    now = datetime.now(UTC)
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


async def create_api_key(session: AsyncSession, principal: Principal, name: str) -> tuple[ApiKey, str]:
    secret = new_api_key()
    key = ApiKey(
        organization_id=principal.organization_id,
        user_id=principal.user_id,
        name=name.strip(),
        prefix=secret[:13],
        key_hash=hash_api_key(secret),
    )
    session.add(key)
    await session.flush()
    await audit.record(session, principal, "api_key.created", "api_key", key.id, {"name": key.name})
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
