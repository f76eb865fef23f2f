import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
    bindparam,
    exists,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


class Role(StrEnum):
    """A user's role in the organization."""

    ADMIN = "admin"
    MANAGER = "manager"
    AGENT = "agent"
    # an integration acting as itself: signs in only with API keys, whose scopes limit it;
    # otherwise it may do what an admin may; never given transfers
    SERVICE = "service"


class AgentState(StrEnum):
    """Whether an agent takes work now. Only `available` agents are given transfers; `busy`
    keeps what they have (and may pick, if the organization allows it); `away` and `offline`
    get nothing, and what they have goes back to the queues unless the organization (or the
    change itself) says to keep it."""

    AVAILABLE = "available"
    BUSY = "busy"
    AWAY = "away"
    OFFLINE = "offline"


class Organization(IdMixin, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    # Organization-wide cap of concurrent active transfers per agent (None: unlimited).
    default_max_active_transfers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # webhooks may target loopback, private, link-local... addresses (off: only public ones)
    allow_private_webhook_targets: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # an agent who goes away (or offline) keeps their transfers (off: they go back to the queues)
    away_keeps_transfers: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # a busy agent may still pick work from the queues
    busy_may_pick: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # automatic presence: an available or busy agent whose last event stream has been gone this
    # many seconds goes offline (None: off); see rota.users.service.offline_cutoff
    offline_after_disconnect_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("organization_id", "email"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)  # stored lower-cased
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the agent's state; is_available (the seed's field) is kept equal to state == available, so
    # that every query of who may be given work reads one indexed boolean
    state: Mapped[str] = mapped_column(String(20), default=AgentState.AVAILABLE, server_default="available")
    is_available: Mapped[bool] = mapped_column(Boolean, default=True)
    max_active_transfers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # skill -> level (1-10): transfers that require skills go to agents who have them
    skills: Mapped[dict[str, int]] = mapped_column(JSON, default=dict, server_default="{}")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # access tokens carry it; a new password moves it on, which ends every earlier token
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # derived from transfers by database triggers (migration 0009), never written by the code
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active_transfers: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # the last moment the user was known connected to the event stream (GET /api/events): written
    # when a stream opens and ends, and by every process's heartbeat meanwhile; None: never
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Absence(IdMixin, Base):
    """A time an agent is away (a holiday, a training): never auto-assigned during it, and shown
    as away. Their state and their transfers are left as they are."""

    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_user_ends", "user_id", "ends_at"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# the user is in an absence at `:now`: one rule for routing (candidates) and for what users show
ABSENT_NOW = exists().where(
    Absence.user_id == User.id, Absence.starts_at <= bindparam("now"), Absence.ends_at > bindparam("now")
)
