import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, UTCDateTime, utcnow

# what events there are (the live stream sends them all; webhooks subscribe to some)
EVENT_TYPES = (
    "transfer.created",
    "transfer.assigned",
    "transfer.offered",
    "transfer.accepted",
    "transfer.offer_declined",
    "transfer.offer_lapsed",
    "transfer.unassigned",
    "transfer.moved",
    "transfer.resumed",
    "transfer.closed",
    "transfer.sla_breached",
    "transfer.overflowed",
    "agent.availability_changed",
    "team.updated",
)


class Event(Base):
    """Something that happened, written in the transaction that made it happen: the live stream
    reads it after commit, and it is the outbox webhook deliveries are made from."""

    __tablename__ = "events"

    # the stream position (SSE id, Last-Event-ID)
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    uid: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)  # the public event id
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(50))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # who may see it besides admins: the agent it is about, the managers of these teams, and
    # with `members` every member of them (with no teams: everyone in the organization)
    agent_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    team_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    members: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # set when webhook deliveries have been made from it
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
