"""users.token_version: access tokens carry it, so changing a password ends the tokens issued before

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite can): recreating the table would trip over the triggers of 0009
    op.add_column(
        "users", sa.Column("token_version", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )


def downgrade() -> None:
    op.drop_column("users", "token_version")
