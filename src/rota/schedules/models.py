import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, IdMixin, TimestampMixin
from rota.schedules.hours import Hours


class Schedule(IdMixin, TimestampMixin, Base):
    """Support hours: weekly opening ranges in an IANA time zone, with dated exceptions."""

    __tablename__ = "schedules"
    __table_args__ = (UniqueConstraint("organization_id", "name_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    weekly: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    exceptions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    @property
    def hours(self) -> Hours:
        return Hours(self.timezone, self.weekly, self.exceptions)
