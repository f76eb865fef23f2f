import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit import service as audit
from rota.auth.principal import Principal
from rota.contacts import repository
from rota.contacts.models import Contact
from rota.contacts.schemas import ContactCreate, ContactUpdate
from rota.db.engine import flush_or
from rota.errors import Conflict, Forbidden, found
from rota.users.models import Role


def _external_id_taken() -> Conflict:
    return Conflict("Another contact already has this external_id.", code="external_id_taken")


async def _ensure_external_id_free(
    session: AsyncSession, org_id: uuid.UUID, external_id: str | None, contact_id: uuid.UUID | None
) -> None:
    if external_id is None:
        return
    other = await repository.by_external_id(session, org_id, external_id)
    if other is not None and other.id != contact_id:
        raise _external_id_taken()


async def create_contact(session: AsyncSession, principal: Principal, data: ContactCreate) -> Contact:
    await _ensure_external_id_free(session, principal.organization_id, data.external_id, None)
    contact = Contact(
        organization_id=principal.organization_id,
        **data.model_dump(mode="json"),
    )
    session.add(contact)
    await flush_or(session, _external_id_taken())
    return contact


async def get_contact(session: AsyncSession, principal: Principal, contact_id: uuid.UUID) -> Contact:
    return found(
        await repository.get(session, principal.organization_id, contact_id),
        "No such contact.",
        "contact_not_found",
    )


async def list_contacts(
    session: AsyncSession, principal: Principal, **filters: Any
) -> tuple[list[Contact], int]:
    return await repository.search(session, principal.organization_id, **filters)


async def update_contact(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID, data: ContactUpdate
) -> Contact:
    contact = await get_contact(session, principal, contact_id)
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "external_id" in changes:
        await _ensure_external_id_free(session, contact.organization_id, changes["external_id"], contact.id)
    if "custom_attributes" in changes:
        merged = {**contact.custom_attributes, **changes["custom_attributes"]}
        changes["custom_attributes"] = {k: v for k, v in merged.items() if v is not None}
    for field, value in changes.items():
        setattr(contact, field, value)
    await flush_or(session, _external_id_taken())
    return contact


async def delete_contact(session: AsyncSession, principal: Principal, contact_id: uuid.UUID) -> None:
    if not principal.is_admin and principal.role != Role.MANAGER:
        raise Forbidden("Only admins and managers may delete contacts.", code="manager_required")
    contact = await get_contact(session, principal, contact_id)
    if await repository.active_transfer(session, contact.id) is not None:
        raise Conflict(
            "The contact has an active transfer; end it first.", code="contact_has_active_transfer"
        )
    await audit.record(
        session,
        principal,
        "contact.deleted",
        "contact",
        contact.id,
        {"name": contact.name, "external_id": contact.external_id},
    )
    await session.delete(contact)
    await session.flush()
