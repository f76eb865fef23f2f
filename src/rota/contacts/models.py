import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rota.db.base import Base, IdMixin, TimestampMixin


class Contact(IdMixin, TimestampMixin, Base):
    """A customer the chatbot may hand over to people."""

    __tablename__ = "contacts"
    # NULLs are distinct on both databases: external_id is unique only when given
    __table_args__ = (UniqueConstraint("organization_id", "external_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    phone_number: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True, index=True)
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    custom_attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """What a transfer's answer shows of its contact."""

    id: uuid.UUID
    name: str
    phone_number: str | None
    email: str | None
    external_id: str | None


_c = Contact.__table__.c
CONTACT_COLUMNS = (_c.id, _c.name, _c.phone_number, _c.email, _c.external_id)
