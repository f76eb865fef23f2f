from enum import StrEnum


class WebhookUpdateEventTypesType0Item(StrEnum):
    AGENT_AVAILABILITY_CHANGED = "agent.availability_changed"
    TEAM_UPDATED = "team.updated"
    TRANSFER_ACCEPTED = "transfer.accepted"
    TRANSFER_ASSIGNED = "transfer.assigned"
    TRANSFER_CLOSED = "transfer.closed"
    TRANSFER_CREATED = "transfer.created"
    TRANSFER_MOVED = "transfer.moved"
    TRANSFER_OFFERED = "transfer.offered"
    TRANSFER_OFFER_DECLINED = "transfer.offer_declined"
    TRANSFER_OFFER_LAPSED = "transfer.offer_lapsed"
    TRANSFER_OVERFLOWED = "transfer.overflowed"
    TRANSFER_RESUMED = "transfer.resumed"
    TRANSFER_SLA_BREACHED = "transfer.sla_breached"
    TRANSFER_UNASSIGNED = "transfer.unassigned"

    def __str__(self) -> str:
        return str(self.value)
