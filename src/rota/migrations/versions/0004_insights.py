"""insights

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import rota.db.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insight_rules",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("match", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", rota.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", rota.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_insight_rules_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_insight_rules_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_rules")),
        sa.UniqueConstraint(
            "organization_id", "name_key", name=op.f("uq_insight_rules_organization_id_name_key")
        ),
    )
    with op.batch_alter_table("insight_rules", schema=None) as batch_op:
        batch_op.create_index(
            "ix_insight_rules_order", ["organization_id", "position", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_insight_rules_team_id"), ["team_id"], unique=False)

    op.create_table(
        "insights",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_key", sa.String(length=600), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("occurrence_count", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("assigned_rule_id", sa.Uuid(), nullable=True),
        sa.Column("assigned_by", sa.String(length=10), nullable=True),
        sa.Column("resolved_at", rota.db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", rota.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", rota.db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_rule_id"],
            ["insight_rules.id"],
            name=op.f("fk_insights_assigned_rule_id_insight_rules"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_insights_contact_id_contacts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_insights_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_insights_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_insights_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insights")),
    )
    with op.batch_alter_table("insights", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insights_assigned_rule_id"), ["assigned_rule_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insights_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_insights_list", ["organization_id", "team_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_insights_resolved_by_id"), ["resolved_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insights_team_id"), ["team_id"], unique=False)
        batch_op.create_index(
            "uq_insights_open_title",
            ["organization_id", "type", "title_key"],
            unique=True,
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("insights", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_insights_open_title",
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        )
        batch_op.drop_index(batch_op.f("ix_insights_team_id"))
        batch_op.drop_index(batch_op.f("ix_insights_resolved_by_id"))
        batch_op.drop_index("ix_insights_list")
        batch_op.drop_index(batch_op.f("ix_insights_contact_id"))
        batch_op.drop_index(batch_op.f("ix_insights_assigned_rule_id"))

    op.drop_table("insights")
    with op.batch_alter_table("insight_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insight_rules_team_id"))
        batch_op.drop_index("ix_insight_rules_order")

    op.drop_table("insight_rules")
