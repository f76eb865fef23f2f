import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field

from rota.audit import service
from rota.auth.dependencies import AdminPrincipal, Session
from rota.http import TransactionalRoute
from rota.schemas import Envelope, OrmModel, PageInfo, PagingQuery, errors

router = APIRouter(route_class=TransactionalRoute, tags=["audit"])


class AuditEntryOut(OrmModel):
    id: uuid.UUID
    actor_id: uuid.UUID | None
    actor_email: str | None = Field(examples=["admin@example.com"])
    action: str = Field(examples=["team.updated"])
    entity_type: str = Field(examples=["team"])
    entity_id: uuid.UUID
    changes: dict[str, Any] = Field(
        examples=[{"assignment_strategy": {"from": "round_robin", "to": "manual"}}]
    )
    created_at: datetime


class AuditList(PageInfo):
    entries: list[AuditEntryOut]


@router.get(
    "/api/audit-log",
    response_model=Envelope[AuditList],
    responses=errors(401, 403, 422),
    summary="Read the organization's audit log (admins), newest first",
)
async def audit_log(
    principal: AdminPrincipal,
    session: Session,
    paging: PagingQuery,
    entity_type: Annotated[str | None, Query(max_length=30)] = None,
    entity_id: uuid.UUID | None = None,
    action: Annotated[str | None, Query(max_length=50)] = None,
    actor_id: uuid.UUID | None = None,
) -> dict:
    entries, total = await service.list_entries(
        session,
        principal.organization_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        offset=paging.offset,
        limit=paging.limit,
    )
    return paging.listing("entries", [AuditEntryOut.model_validate(e) for e in entries], total)
