import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.models import ApiKey, AuthSession, InstanceSecret, LoginFailure
from rota.db import query
from rota.users.models import Role, User


async def instance_secret(session: AsyncSession, name: str) -> str:
    return (
        await session.execute(select(InstanceSecret.value).where(InstanceSecret.name == name))
    ).scalar_one()


_u = User.__table__.c
_ACTIVE_USER = select(
    _u.id,
    _u.organization_id,
    _u.email,
    _u.full_name,
    _u.role,
    _u.is_active,
    _u.is_available,
    _u.state,
    _u.max_active_transfers,
    _u.created_at,
    _u.updated_at,
    _u.last_login_at,
    _u.token_version,
    _u.skills,
).where(_u.id == bindparam("id"), _u.organization_id == bindparam("org"), _u.is_active)
# every request reads its principal: built once, run by asyncpg (see rota.db.query)
_ACTIVE_USER_OF_KEY = query.prepared(_ACTIVE_USER)
_ACTIVE_USER_OF_TOKEN = query.prepared(_ACTIVE_USER.where(_u.token_version == bindparam("version")))


async def active_user(
    session: AsyncSession, user_id: uuid.UUID, org_id: uuid.UUID, version: int | None = None
) -> Any:
    """The principal's columns of an active user (a Core row, no ORM object), or None; with
    `version`, only while the user's tokens are of that version."""
    if version is None:
        return await query.first(session, _ACTIVE_USER_OF_KEY, {"id": user_id, "org": org_id})
    params = {"id": user_id, "org": org_id, "version": version}
    return await query.first(session, _ACTIVE_USER_OF_TOKEN, params)


async def users_by_email(session: AsyncSession, email: str, org_id: uuid.UUID | None) -> list[User]:
    q = select(User).where(User.email == email)
    if org_id is not None:
        q = q.where(User.organization_id == org_id)
    return list((await session.execute(q)).scalars())


async def use_api_key(session: AsyncSession, key_hash: str, now: datetime) -> ApiKey | None:
    """The key with this hash; its last use is written at most once a minute."""
    key = (await session.execute(select(ApiKey).where(ApiKey.key_hash == key_hash))).scalar_one_or_none()
    if key is not None and (key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1)):
        await session.execute(
            update(ApiKey)
            .where(
                ApiKey.id == key.id,
                or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - timedelta(minutes=1)),
            )
            .values(last_used_at=now)
        )
    return key


async def api_keys(session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> list[ApiKey]:
    q = (
        select(ApiKey)
        .where(ApiKey.organization_id == org_id, ApiKey.user_id == user_id)
        .order_by(ApiKey.created_at)
    )
    return list((await session.execute(q)).scalars())


async def api_key(session: AsyncSession, org_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey | None:
    return (
        await session.execute(select(ApiKey).where(ApiKey.organization_id == org_id, ApiKey.id == key_id))
    ).scalar_one_or_none()


async def still_valid(
    session: AsyncSession, users: dict[uuid.UUID, int | None], key_hashes: set[str]
) -> tuple[dict[uuid.UUID, bool], set[str]]:
    """Of these users (with the token version each was authenticated with; None: by an API
    key), which are still active with that version, and whether each is an admin now; and
    which of these API keys still exist."""
    rows = (
        (
            await session.execute(
                select(_u.id, _u.is_active, _u.token_version, _u.role).where(_u.id.in_(list(users)))
            )
        ).all()
        if users
        else []
    )
    valid = {
        uid: role in (Role.ADMIN, Role.SERVICE)
        for uid, active, version, role in rows
        if active and users[uid] in (None, version)
    }
    keys = (
        set(
            (
                await session.execute(select(ApiKey.key_hash).where(ApiKey.key_hash.in_(list(key_hashes))))
            ).scalars()
        )
        if key_hashes
        else set()
    )
    return valid, keys


async def lock_email(session: AsyncSession, email: str) -> None:
    """Serializes logins for one email address (until commit), so the failures counted before
    a password is checked are all the failures there are. SQLite serializes all writers."""
    if query.dialect(session).name == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(email, LOGIN_LOCK))))


LOGIN_LOCK = 7_270_003


async def recent_failures(session: AsyncSession, email: str, since: datetime) -> tuple[int, datetime | None]:
    count, oldest = (
        await session.execute(
            select(func.count(), func.min(LoginFailure.created_at)).where(
                LoginFailure.email == email, LoginFailure.created_at > since
            )
        )
    ).one()
    return count, oldest


async def clear_failures(session: AsyncSession, email: str) -> None:
    await session.execute(delete(LoginFailure).where(LoginFailure.email == email))


async def session_of_token(session: AsyncSession, token_hash: str) -> AuthSession | None:
    """The sign-in session whose current (or previous) refresh token has this hash, locked."""
    q = (
        select(AuthSession)
        .where(or_(AuthSession.refresh_hash == token_hash, AuthSession.previous_hash == token_hash))
        .with_for_update()
    )
    return (await session.execute(q)).scalars().first()


async def open_sessions(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> list[AuthSession]:
    q = (
        select(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None), AuthSession.expires_at > now)
        .order_by(AuthSession.last_used_at.desc())
    )
    return list((await session.execute(q)).scalars())


async def auth_session(session: AsyncSession, org_id: uuid.UUID, session_id: uuid.UUID) -> AuthSession | None:
    q = select(AuthSession).where(AuthSession.id == session_id, AuthSession.organization_id == org_id)
    return (await session.execute(q)).scalar_one_or_none()


async def user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)
