import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, IdMixin, TimestampMixin, UTCDateTime


def title_key(title: str) -> str:
    """What makes two insights the same: the trimmed title, case-insensitively."""
    return title.strip().casefold()


class InsightRule(IdMixin, TimestampMixin, Base):
    """Assigns new insights to a team when they match; lower positions run first."""

    __tablename__ = "insight_rules"
    __table_args__ = (
        UniqueConstraint("organization_id", "name_key"),
        Index("ix_insight_rules_order", "organization_id", "position", "created_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # casefolded name: rule names are unique per organization regardless of case
    name_key: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # a rule without its team has nothing to do: it goes with the team
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    # {"types": [...], "keywords": [...], "contact_attributes": {...}}
    match: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Insight(IdMixin, TimestampMixin, Base):
    """Something customers said (feedback, a bug, a feature request, a quote), for a team to act on."""

    __tablename__ = "insights"
    __table_args__ = (
        # one open insight per (type, title): a duplicate counts as another occurrence
        Index(
            "uq_insights_open_title",
            "organization_id",
            "type",
            "title_key",
            unique=True,
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
        Index("ix_insights_list", "organization_id", "team_id", "status"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    title_key: Mapped[str] = mapped_column(String(600))  # casefolding may lengthen a title
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="open")
    occurrence_count: Mapped[int] = mapped_column(Integer, default=1)
    # a deleted team leaves its insights unassigned
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assigned_rule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("insight_rules.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assigned_by: Mapped[str | None] = mapped_column(String(10), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
