"""Who changed what, when: written in the same transaction as the change itself."""

import uuid
from typing import TYPE_CHECKING, Any

from pydantic_core import to_jsonable_python
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.audit.models import AuditEntry
from rota.db import writes

if TYPE_CHECKING:
    from rota.auth.principal import Principal


# written with the change's other rows (nothing reads them in the same transaction)
ENTRIES = writes.Kind(
    AuditEntry.__table__,
    (
        "id",
        "organization_id",
        "actor_id",
        "actor_email",
        "action",
        "entity_type",
        "entity_id",
        "changes",
        "created_at",
    ),
    lazy=True,
)


async def record(
    session: AsyncSession,
    actor: "Principal | None",
    action: str,
    entity_type: str,
    entity_id: uuid.UUID,
    changes: dict[str, Any] | None = None,
    *,
    organization_id: uuid.UUID | None = None,
) -> None:
    entry_id = uuid.uuid4()
    writes.add(
        session,
        ENTRIES,
        entry_id,
        {
            "id": entry_id,
            "organization_id": organization_id or actor.organization_id,  # type: ignore[union-attr]
            "actor_id": actor.user_id if actor else None,
            "actor_email": actor.email if actor else None,
            "action": action,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "changes": to_jsonable_python(changes or {}),  # ids and times as JSON strings
            "created_at": clock.now(),
        },
    )


async def list_entries(
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
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(
        q.order_by(AuditEntry.created_at.desc(), AuditEntry.id).offset(offset).limit(limit)
    )
    return list(rows.scalars()), total
