"""sticky agent: a team may prefer the contact's previous agent

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("sticky_agent_hours", sa.Integer(), nullable=True))
    # the contact's previous agent is found from the contact's transfers
    op.create_index("ix_transfers_contact_agent", "transfers", ["contact_id", "agent_id"])


def downgrade() -> None:
    op.drop_index("ix_transfers_contact_agent", table_name="transfers")
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("sticky_agent_hours")
