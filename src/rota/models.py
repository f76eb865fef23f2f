"""The model registry: imports every model so the metadata (and Alembic) sees all tables. It
sits above the domains (it imports them all) and is imported by the migrations only."""

from rota.audit.models import AuditEntry
from rota.auth.models import ApiKey, AuthSession, InstanceSecret, LoginFailure
from rota.contacts.models import Contact
from rota.db.base import Base
from rota.db.leases import leases
from rota.events.models import Event
from rota.insights.models import Insight, InsightRule
from rota.schedules.models import Schedule
from rota.teams.models import Team, TeamMember
from rota.transfers.models import idempotency_keys, transfer_events, transfers
from rota.users.models import Absence, Organization, User
from rota.webhooks.models import Webhook, WebhookDelivery

__all__ = [
    "Absence",
    "ApiKey",
    "AuditEntry",
    "AuthSession",
    "Base",
    "Contact",
    "Event",
    "Insight",
    "InsightRule",
    "InstanceSecret",
    "LoginFailure",
    "Organization",
    "Schedule",
    "Team",
    "TeamMember",
    "User",
    "Webhook",
    "WebhookDelivery",
    "idempotency_keys",
    "leases",
    "transfer_events",
    "transfers",
]
