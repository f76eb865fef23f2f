"""absences: times an agent is away (never auto-assigned, shown as away)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rota.db.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "absences",
        sa.Column(
            "organization_id",
            sa.Uuid(),
            sa.ForeignKey("organizations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("starts_at", rota.db.base.UTCDateTime(), nullable=False),
        sa.Column("ends_at", rota.db.base.UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", rota.db.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), primary_key=True),
    )
    op.create_index("ix_absences_user_ends", "absences", ["user_id", "ends_at"])


def downgrade() -> None:
    op.drop_index("ix_absences_user_ends", table_name="absences")
    op.drop_table("absences")
