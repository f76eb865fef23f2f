"""agent states: available, busy, away, offline; what going away does to an agent's transfers,
and whether busy agents may pick, per organization

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("state", sa.String(20), nullable=False, server_default="available"))
    op.execute("UPDATE users SET state = 'away' WHERE NOT is_available")
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(
            sa.Column("away_keeps_transfers", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("busy_may_pick", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("busy_may_pick")
        batch.drop_column("away_keeps_transfers")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("state")
