"""Transfers and their history. Tables are written and read with SQLAlchemy Core (they are the
hot path); a transfer in memory is a plain `Transfer` record, written back by the routing
engine through `rota.db.writes`."""

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    and_,
    bindparam,
    func,
    or_,
    select,
    text,
)

from rota.db.base import Base, UTCDateTime


class Status(StrEnum):
    """Active (waiting, or with an agent), then ended: closed by people, resumed by the bot, or
    expired."""

    ACTIVE = "active"
    RESUMED = "resumed"
    CLOSED = "closed"
    EXPIRED = "expired"


transfers = Table(
    "transfers",
    Base.metadata,
    Column("organization_id", Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("contact_id", Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
    Column("team_id", Uuid, ForeignKey("teams.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("agent_id", Uuid, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("status", String(20), nullable=False),
    Column("notes", Text, nullable=True),
    Column("source", String(50), nullable=True),
    Column("priority", Integer, nullable=False),
    Column("created_by_id", Uuid, nullable=True),
    Column("transferred_at", UTCDateTime, nullable=False),
    Column("assigned_at", UTCDateTime, nullable=True),
    Column("ended_at", UTCDateTime, nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("event_count", Integer, nullable=False),
    # when it entered its current queue (overflow is measured from here)
    Column("queued_at", UTCDateTime, nullable=True),
    Column("first_assigned_at", UTCDateTime, nullable=True),
    Column("overflowed_at", UTCDateTime, nullable=True),
    # SLA deadlines, in the team's open hours, and when each was breached (marked once)
    Column("first_assignment_due_at", UTCDateTime, nullable=True),
    Column("resolution_due_at", UTCDateTime, nullable=True),
    Column("first_assignment_breached_at", UTCDateTime, nullable=True),
    Column("resolution_breached_at", UTCDateTime, nullable=True),
    # an automatic assignment in a team with an accept timeout is an offer until accepted
    Column("offer_expires_at", UTCDateTime, nullable=True),
    # skill -> minimum level its agent must have, until relaxed (the team's wait, or never)
    Column("required_skills", JSON(none_as_null=True), nullable=True),
    Column("skills_relaxed_at", UTCDateTime, nullable=True),
    # the agents who declined it or let its offer lapse (id -> declined | offer_lapsed): it is
    # never offered to them again
    Column("passed_by", JSON(none_as_null=True), nullable=True),
    Column("id", Uuid, primary_key=True),
    # a contact has at most one active transfer; the 409 comes from this index
    Index(
        "uq_transfers_active_contact",
        "contact_id",
        unique=True,
        postgresql_where=text("status = 'active'"),
        sqlite_where=text("status = 'active'"),
    ),
    Index("ix_transfers_queue", "organization_id", "status", "team_id", "agent_id"),
    Index("ix_transfers_agent_status", "agent_id", "status"),
    Index("ix_transfers_contact_agent", "contact_id", "agent_id"),  # a contact's previous agent
    Index(
        "ix_transfers_offers",
        "offer_expires_at",
        postgresql_where=text("offer_expires_at IS NOT NULL"),
        sqlite_where=text("offer_expires_at IS NOT NULL"),
    ),
    # reports (rota.reports): a period's transfers by when they were created, first assigned,
    # ended and breached their first-assignment SLA
    Index("ix_transfers_org_transferred", "organization_id", "transferred_at"),
    Index("ix_transfers_org_first_assigned", "organization_id", "first_assigned_at"),
    Index("ix_transfers_org_ended", "organization_id", "ended_at"),
    Index(
        "ix_transfers_org_breached",
        "organization_id",
        "first_assignment_breached_at",
        postgresql_where=text("first_assignment_breached_at IS NOT NULL"),
        sqlite_where=text("first_assignment_breached_at IS NOT NULL"),
    ),
)

# the history lines two partial indexes hold for the reports (rota.reports.repository)
REPORT_ASSIGNMENTS = "type IN ('assigned', 'picked', 'accepted')"
REPORT_HANDOVERS = (
    "type IN ('unassigned', 'moved', 'offer_declined', 'offer_lapsed') "
    "OR (type = 'assigned' AND ({previous}) IS NOT NULL)"
)

# one line of a transfer's history; `assigned` lines carry the routing decision
transfer_events = Table(
    "transfer_events",
    Base.metadata,
    Column("organization_id", Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("transfer_id", Uuid, ForeignKey("transfers.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("type", String(20), nullable=False),
    Column("actor_id", Uuid, nullable=True),
    Column("team_id", Uuid, nullable=True),
    Column("agent_id", Uuid, nullable=True),
    Column("details", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("id", Uuid, primary_key=True),
    UniqueConstraint("transfer_id", "seq"),
    Index("ix_transfer_events_team_created", "team_id", "created_at"),  # a team's recent assignments
    # reports (rota.reports): assignments to agents, and the lines that take a transfer from its
    # agent (released, or given to someone else by people)
    Index(
        "ix_transfer_events_assignments",
        "organization_id",
        "created_at",
        postgresql_where=text(REPORT_ASSIGNMENTS),
        sqlite_where=text(REPORT_ASSIGNMENTS),
    ),
    Index(
        "ix_transfer_events_handovers",
        "organization_id",
        "created_at",
        postgresql_where=text(REPORT_HANDOVERS.format(previous="details ->> 'previous_agent_id'")),
        sqlite_where=text(REPORT_HANDOVERS.format(previous="json_extract(details, '$.previous_agent_id')")),
    ),
)

# the first answer to a create sent with an Idempotency-Key, replayed for retries
idempotency_keys = Table(
    "idempotency_keys",
    Base.metadata,
    Column("organization_id", Uuid, ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("response", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


@dataclass(slots=True)
class Transfer:
    """A contact handed over by the bot: waiting in a queue, or assigned to an agent."""

    id: uuid.UUID
    organization_id: uuid.UUID
    contact_id: uuid.UUID
    team_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    status: str
    notes: str | None
    source: str | None
    priority: int
    created_by_id: uuid.UUID | None
    transferred_at: datetime
    assigned_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    event_count: int
    queued_at: datetime | None
    first_assigned_at: datetime | None
    overflowed_at: datetime | None
    first_assignment_due_at: datetime | None
    resolution_due_at: datetime | None
    first_assignment_breached_at: datetime | None
    resolution_breached_at: datetime | None
    offer_expires_at: datetime | None = None
    required_skills: dict[str, int] | None = None
    skills_relaxed_at: datetime | None = None
    passed_by: dict[str, str] | None = None

    @classmethod
    def from_row(cls, row: Any) -> "Transfer":
        return cls(**{name: row[name] for name in COLUMNS})

    def row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COLUMNS}

    @property
    def waiting(self) -> bool:
        return self.status == Status.ACTIVE and self.agent_id is None

    @property
    def offered(self) -> bool:
        """With an agent who has not accepted it yet."""
        return self.agent_id is not None and self.offer_expires_at is not None

    @property
    def requires(self) -> dict[str, int] | None:
        """The skills its agent must have now (none once relaxed)."""
        return None if self.skills_relaxed_at else self.required_skills

    @property
    def sla_breached(self) -> bool:
        return bool(self.first_assignment_breached_at or self.resolution_breached_at)


COLUMNS = tuple(f.name for f in fields(Transfer))
assert set(COLUMNS) == set(transfers.c.keys()), "Transfer and the transfers table must agree"

T = transfers.c
# waiting in a queue: active, nobody has it
WAITING = and_(T.status == Status.ACTIVE, T.agent_id.is_(None))


def queue_order(c: Any) -> tuple[Any, ...]:
    """Who is served first: highest priority, then longest waiting (columns of `c`)."""
    return (c.priority.desc(), c.transferred_at, c.id)


QUEUE_ORDER = queue_order(T)
SELECT_TRANSFER: Select[Any] = select(*(transfers.c[n] for n in COLUMNS))
# assignments (automatic, offered or picked) a team (`:team`) has made since `:since`
ASSIGNED_SINCE = (
    select(func.count())
    .select_from(transfer_events)
    .where(
        transfer_events.c.team_id == bindparam("team"),
        or_(*(transfer_events.c.type == t for t in ("assigned", "picked", "offered"))),
        transfer_events.c.created_at >= bindparam("since"),
    )
    .scalar_subquery()
)
