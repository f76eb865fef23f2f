"""A transfer's history: every change appends one numbered line in the same transaction, and
the changes others are told about become events (the live stream and webhooks). Recording a
change also writes the transfer as it stands (at the next flush)."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock, observability
from rota.events.service import emit
from rota.routing import repository
from rota.transfers.models import Transfer

# what the live stream and webhooks call them ("queued" is told by the queue counts)
PUBLISHED = {
    "created": "transfer.created",
    "assigned": "transfer.assigned",
    "picked": "transfer.assigned",
    "offered": "transfer.offered",
    "accepted": "transfer.accepted",
    "offer_declined": "transfer.offer_declined",
    "offer_lapsed": "transfer.offer_lapsed",
    "unassigned": "transfer.unassigned",
    "moved": "transfer.moved",
    "resumed": "transfer.resumed",
    "closed": "transfer.closed",
    "sla_breached": "transfer.sla_breached",
    "overflowed": "transfer.overflowed",
}


def record(
    session: AsyncSession,
    transfer: Transfer,
    type: str,
    *,
    actor_id: uuid.UUID | None,
    details: dict[str, Any] | None = None,
) -> None:
    now = clock.now()
    transfer.event_count += 1
    transfer.updated_at = now
    repository.write_history(
        session,
        {
            "id": uuid.uuid4(),
            "organization_id": transfer.organization_id,
            "transfer_id": transfer.id,
            "seq": transfer.event_count,
            "type": type,
            "actor_id": actor_id,
            "team_id": transfer.team_id,
            "agent_id": transfer.agent_id,
            "details": details or {},
            "created_at": now,
        },
    )
    repository.write_transfer(session, transfer)
    if type in ("assigned", "offered", "picked", "accepted"):
        observability.on_commit(session, observability.ASSIGNMENTS.labels(type))
    elif type == "offer_lapsed":
        observability.on_commit(session, observability.OFFERS_LAPSED)
    elif type == "sla_breached":
        observability.on_commit(session, observability.SLA_BREACHES.labels((details or {})["target"]))
    if type in PUBLISHED:
        _publish(session, transfer, type, actor_id, details or {})


def _publish(
    session: AsyncSession, transfer: Transfer, type: str, actor_id: uuid.UUID | None, details: dict[str, Any]
) -> None:
    """Seen by its agent (and the one it was taken from), the managers of its teams, and while
    it waits by the members of its queue (everyone, for the general queue). The routing
    decision travels in brief (strategy, choice): every candidate is in the transfer's history."""
    previous = details.get("previous_agent_id")
    details = {k: v for k, v in details.items() if k != "candidates"}
    teams = {transfer.team_id, *(uuid.UUID(t) for t in (details.get("from_team_id"),) if t)}
    emit(
        session,
        transfer.organization_id,
        PUBLISHED[type],
        {
            "transfer": {
                "id": transfer.id,
                "contact_id": transfer.contact_id,
                "team_id": transfer.team_id,
                "agent_id": transfer.agent_id,
                "status": transfer.status,
                "priority": transfer.priority,
                "transferred_at": transfer.transferred_at,
            },
            "change": type,
            "actor_id": actor_id,
            "details": details,
        },
        agent_id=transfer.agent_id or (uuid.UUID(previous) if previous else None),
        team_ids=teams,
        members=transfer.waiting,
    )
