import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit.models import AuditEntry
from rota.db import query


async def entries(
    session: AsyncSession,
    org_id: uuid.UUID,
    *,
    entity_type: str | None,
    entity_id: uuid.UUID | None,
    action: str | None,
    actor_id: uuid.UUID | None,
    offset: int,
    limit: int,
) -> tuple[list[AuditEntry], int]:
    q: Select[Any] = select(AuditEntry).where(AuditEntry.organization_id == org_id)
    for column, value in (
        (AuditEntry.entity_type, entity_type),
        (AuditEntry.entity_id, entity_id),
        (AuditEntry.action, action),
        (AuditEntry.actor_id, actor_id),
    ):
        if value is not None:
            q = q.where(column == value)
    return await query.page(
        session, q, AuditEntry.created_at.desc(), AuditEntry.id, offset=offset, limit=limit
    )
