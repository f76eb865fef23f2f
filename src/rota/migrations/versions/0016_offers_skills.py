"""offers and skills: teams' accept timeout and skill relaxation, agents' skills, transfers'
offers, required skills and who passed them by

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rota.db.base

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OFFERS = sa.text("offer_expires_at IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("accept_timeout_seconds", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("missed_offer_sets_away", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("skills_relax_after_seconds", sa.Integer(), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("skills", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("transfers") as batch:
        batch.add_column(sa.Column("offer_expires_at", rota.db.base.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("required_skills", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("skills_relaxed_at", rota.db.base.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("passed_by", sa.JSON(), nullable=True))
    op.create_index(
        "ix_transfers_offers",
        "transfers",
        ["offer_expires_at"],
        postgresql_where=OFFERS,
        sqlite_where=OFFERS,
    )


def downgrade() -> None:
    op.drop_index("ix_transfers_offers", table_name="transfers")
    with op.batch_alter_table("transfers") as batch:
        for column in ("passed_by", "skills_relaxed_at", "required_skills", "offer_expires_at"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("skills")
    with op.batch_alter_table("teams") as batch:
        for column in ("skills_relax_after_seconds", "missed_offer_sets_away", "accept_timeout_seconds"):
            batch.drop_column(column)
