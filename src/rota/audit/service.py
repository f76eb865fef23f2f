"""Who changed what, when: written in the same transaction as the change itself."""

import uuid
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.audit import repository
from rota.audit.models import AuditEntry
from rota.auth.principal import Principal
from rota.db import writes
from rota.db.base import table

# written with the change's other rows (nothing reads them in the same transaction)
ENTRIES = writes.Kind(
    table(AuditEntry),
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
    actor: Principal | None,
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
    """A page of the organization's audit log, newest first, and how many entries match."""
    return await repository.entries(
        session,
        org_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        offset=offset,
        limit=limit,
    )
