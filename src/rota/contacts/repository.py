import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.contacts.models import Contact
from rota.db import query
from rota.transfers.models import Status, transfers


async def get(session: AsyncSession, org_id: uuid.UUID, contact_id: uuid.UUID) -> Contact | None:
    return (
        await session.execute(
            select(Contact).where(Contact.organization_id == org_id, Contact.id == contact_id)
        )
    ).scalar_one_or_none()


async def by_ids(session: AsyncSession, ids: set[uuid.UUID]) -> list[Contact]:
    if not ids:
        return []
    return list((await session.execute(select(Contact).where(Contact.id.in_(ids)))).scalars())


async def by_external_id(session: AsyncSession, org_id: uuid.UUID, external_id: str) -> Contact | None:
    return (
        await session.execute(
            select(Contact).where(Contact.organization_id == org_id, Contact.external_id == external_id)
        )
    ).scalar_one_or_none()


async def search(
    session: AsyncSession,
    org_id: uuid.UUID,
    *,
    text: str | None,
    external_id: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Contact], int]:
    q: Select[Any] = select(Contact).where(Contact.organization_id == org_id)
    if text:
        needle = text.lower()
        q = q.where(
            or_(
                *(
                    func.lower(column).contains(needle, autoescape=True)
                    for column in (Contact.name, Contact.email, Contact.phone_number, Contact.external_id)
                )
            )
        )
    if external_id is not None:
        q = q.where(Contact.external_id == external_id)
    return await query.page(session, q, Contact.created_at.desc(), Contact.id, offset=offset, limit=limit)


async def active_transfer(session: AsyncSession, contact_id: uuid.UUID) -> uuid.UUID | None:
    """The id of the contact's active transfer, if it has one."""
    t = transfers.c
    return (
        await session.execute(select(t.id).where(t.contact_id == contact_id, t.status == Status.ACTIVE))
    ).scalar_one_or_none()
