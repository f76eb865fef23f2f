import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, IdMixin, TimestampMixin, UTCDateTime, utcnow


class Strategy(StrEnum):
    """How a team's transfers find an agent (rota.routing.rules)."""

    ROUND_ROBIN = "round_robin"
    LOAD_BALANCED = "load_balanced"
    MANUAL = "manual"


class OverflowPolicy(StrEnum):
    """What happens to a transfer that waited too long, or came out of hours."""

    WAIT = "wait"
    FALLBACK = "fallback"


class MemberRole(StrEnum):
    """A member's role in a team."""

    MANAGER = "manager"
    AGENT = "agent"


class Team(IdMixin, TimestampMixin, Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("organization_id", "name_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    # casefolded name: team names are unique per organization regardless of case
    name_key: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    assignment_strategy: Mapped[str] = mapped_column(String(20), default=Strategy.ROUND_ROBIN)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # support hours (None: always open) and what happens out of hours or after a long wait
    schedule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schedules.id", ondelete="SET NULL"), nullable=True
    )
    overflow_policy: Mapped[str] = mapped_column(String(20), default="wait", server_default="wait")
    fallback_team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), nullable=True
    )
    overflow_after_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # a transfer goes to the contact's agent of the last this many hours, if they may take it now
    sticky_agent_hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sla_first_assignment_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sla_resolution_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # automatic assignments are offers the agent accepts within this time, or it moves on
    accept_timeout_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # an agent who lets an offer lapse is made away
    missed_offer_sets_away: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # a transfer's required skills are dropped after it waited this long in the team's queue
    skills_relax_after_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # optimistic concurrency: the ETag; an UPDATE carries WHERE version = <read version>
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)


class TeamMember(IdMixin, Base):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # round-robin ticket: increases with every assignment the team's strategy makes
    last_turn: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
