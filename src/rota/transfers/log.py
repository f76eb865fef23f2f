"""A transfer's history: every change appends one numbered event in the same transaction."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota.transfers.models import Transfer, TransferEvent

EVENT_TYPES = ("created", "queued", "assigned", "picked", "unassigned", "moved", "resumed",
               "closed", "expired", "overflowed", "sla_breached")


def record(
    session: AsyncSession,
    transfer: Transfer,
    type: str,
    *,
    actor_id: uuid.UUID | None,
    details: dict[str, Any] | None = None,
) -> None:
    transfer.event_count += 1
    session.add(TransferEvent(
        organization_id=transfer.organization_id,
        transfer_id=transfer.id,
        seq=transfer.event_count,
        type=type,
        actor_id=actor_id,
        team_id=transfer.team_id,
        agent_id=transfer.agent_id,
        details=details or {},
    ))
