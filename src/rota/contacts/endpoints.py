import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from rota.auth.dependencies import CurrentPrincipal, Session
from rota.contacts import service
from rota.contacts.schemas import (
    ContactCreate,
    ContactData,
    ContactList,
    ContactOut,
    ContactUpdate,
)
from rota.http import TransactionalRoute
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok

router = APIRouter(route_class=TransactionalRoute, tags=["contacts"])


@router.post(
    "/api/contacts",
    status_code=201,
    response_model=Envelope[ContactData],
    responses=errors(401, 409, 422),
    summary="Create a contact (the customer to hand over)",
)
async def create_contact(body: ContactCreate, principal: CurrentPrincipal, session: Session) -> dict:
    contact = await service.create_contact(session, principal, body)
    return ok({"contact": ContactOut.model_validate(contact)})


@router.get(
    "/api/contacts",
    response_model=Envelope[ContactList],
    responses=errors(401, 422),
    summary="List contacts, newest first",
)
async def list_contacts(
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    search: Annotated[
        str | None, Query(max_length=200, description="Part of name, email, phone or external id")
    ] = None,
    external_id: Annotated[str | None, Query(max_length=200)] = None,
) -> dict:
    contacts, total = await service.list_contacts(
        session,
        principal,
        text=search,
        external_id=external_id,
        offset=paging.offset,
        limit=paging.limit,
    )
    return paging.listing("contacts", [ContactOut.model_validate(c) for c in contacts], total)


@router.get(
    "/api/contacts/{contact_id}",
    response_model=Envelope[ContactData],
    responses=errors(401, 404, 422),
    summary="Get a contact",
)
async def get_contact(contact_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    contact = await service.get_contact(session, principal, contact_id)
    return ok({"contact": ContactOut.model_validate(contact)})


@router.patch(
    "/api/contacts/{contact_id}",
    response_model=Envelope[ContactData],
    responses=errors(401, 404, 409, 422),
    summary="Change a contact; omitted fields stay, custom_attributes are merged",
)
async def update_contact(
    contact_id: uuid.UUID, body: ContactUpdate, principal: CurrentPrincipal, session: Session
) -> dict:
    contact = await service.update_contact(session, principal, contact_id, body)
    return ok({"contact": ContactOut.model_validate(contact)})


@router.delete(
    "/api/contacts/{contact_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 409, 422),
    summary="Delete a contact (admins and managers)",
)
async def delete_contact(contact_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    await service.delete_contact(session, principal, contact_id)
    return ok({"id": str(contact_id), "deleted": True})
