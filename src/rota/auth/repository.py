import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.models import ApiKey, InstanceSecret, LoginFailure
from rota.users.models import User


async def instance_secret(session: AsyncSession, name: str) -> str:
    return (await session.execute(select(InstanceSecret.value).where(InstanceSecret.name == name))
            ).scalar_one()


_u = User.__table__.c
_ACTIVE_USER = select(
    _u.id, _u.organization_id, _u.email, _u.full_name, _u.role, _u.is_active, _u.is_available,
    _u.max_active_transfers, _u.created_at, _u.updated_at, _u.last_login_at,
).where(_u.id == bindparam("id"), _u.organization_id == bindparam("org"), _u.is_active)


async def active_user(session: AsyncSession, user_id: uuid.UUID, org_id: uuid.UUID) -> Any:
    """The principal's columns of an active user (a Core row, no ORM object), or None."""
    return (await session.execute(_ACTIVE_USER, {"id": user_id, "org": org_id})).first()


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
            update(ApiKey).where(ApiKey.id == key.id,
                                 or_(ApiKey.last_used_at.is_(None),
                                     ApiKey.last_used_at < now - timedelta(minutes=1)))
            .values(last_used_at=now)
        )
    return key


async def api_keys(session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID) -> list[ApiKey]:
    q = (select(ApiKey).where(ApiKey.organization_id == org_id, ApiKey.user_id == user_id)
         .order_by(ApiKey.created_at))
    return list((await session.execute(q)).scalars())


async def api_key(session: AsyncSession, org_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey | None:
    return (await session.execute(
        select(ApiKey).where(ApiKey.organization_id == org_id, ApiKey.id == key_id)
    )).scalar_one_or_none()


async def recent_failures(session: AsyncSession, email: str, since: datetime) -> tuple[int, datetime | None]:
    count, oldest = (await session.execute(
        select(func.count(), func.min(LoginFailure.created_at))
        .where(LoginFailure.email == email, LoginFailure.created_at > since)
    )).one()
    return count, oldest


async def clear_failures(session: AsyncSession, email: str) -> None:
    await session.execute(delete(LoginFailure).where(LoginFailure.email == email))
