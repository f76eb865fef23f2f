"""automatic presence: when each user was last known connected to the event stream, and after how
many seconds without one an organization's available or busy agents go offline

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rota.db.base

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (SQLite can): recreating `users` would trip over the triggers of 0009
    op.add_column("users", sa.Column("last_seen_at", rota.db.base.UTCDateTime(), nullable=True))
    op.add_column("organizations", sa.Column("offline_after_disconnect_seconds", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("organizations", "offline_after_disconnect_seconds")
    op.drop_column("users", "last_seen_at")
