"""agent load: users.active_transfers kept by the database; an index for assignments by team

A user's active transfers and last assignment are derived from `transfers` by triggers, in the
transaction that changes a transfer (whatever code path changes it). Routing then reads an
agent's load from the agent's own row, which it locks: `SELECT ... FOR UPDATE` returns the row's
newest version, so the count is true even when the lock had to wait (a count of `transfers` read
in the same statement would come from the statement's older snapshot).

SQLite drops a table's triggers when a batch migration recreates the table, and cannot rename
`users` while a trigger refers to it: later migrations change these tables with plain ALTER
statements, or drop and create the triggers around a recreation.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# an active transfer with an agent counts for that agent
_GAINS = "{n}.status = 'active' AND {n}.agent_id IS NOT NULL"
_SAME = "OLD.agent_id IS NEW.agent_id AND OLD.status = NEW.status"

SQLITE = [
    f"""CREATE TRIGGER transfers_load_insert AFTER INSERT ON transfers
        WHEN {_GAINS.format(n="NEW")} BEGIN
        UPDATE users SET active_transfers = active_transfers + 1, last_assigned_at = NEW.assigned_at
        WHERE id = NEW.agent_id; END""",
    f"""CREATE TRIGGER transfers_load_update AFTER UPDATE OF agent_id, status ON transfers
        WHEN NOT ({_SAME}) BEGIN
        UPDATE users SET active_transfers = active_transfers - 1
        WHERE id = OLD.agent_id AND OLD.status = 'active';
        UPDATE users SET active_transfers = active_transfers + 1, last_assigned_at = NEW.assigned_at
        WHERE id = NEW.agent_id AND NEW.status = 'active'; END""",
    f"""CREATE TRIGGER transfers_load_delete AFTER DELETE ON transfers
        WHEN {_GAINS.format(n="OLD")} BEGIN
        UPDATE users SET active_transfers = active_transfers - 1 WHERE id = OLD.agent_id; END""",
]

POSTGRESQL = [
    """CREATE FUNCTION rota_agent_load() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.agent_id IS NOT DISTINCT FROM NEW.agent_id
                AND OLD.status = NEW.status THEN
            RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.status = 'active' AND OLD.agent_id IS NOT NULL THEN
            UPDATE users SET active_transfers = active_transfers - 1 WHERE id = OLD.agent_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'active' AND NEW.agent_id IS NOT NULL THEN
            UPDATE users SET active_transfers = active_transfers + 1,
                             last_assigned_at = NEW.assigned_at
            WHERE id = NEW.agent_id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER transfers_agent_load AFTER INSERT OR UPDATE OF agent_id, status OR DELETE
       ON transfers FOR EACH ROW EXECUTE FUNCTION rota_agent_load()""",
]


def upgrade() -> None:
    op.add_column(
        "users", sa.Column("active_transfers", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )
    op.execute(
        "UPDATE users SET active_transfers = (SELECT count(*) FROM transfers "
        "WHERE transfers.agent_id = users.id AND transfers.status = 'active')"
    )
    for statement in POSTGRESQL if op.get_bind().dialect.name == "postgresql" else SQLITE:
        op.execute(statement)
    with op.batch_alter_table("transfer_events", schema=None) as batch_op:
        batch_op.create_index("ix_transfer_events_team_created", ["team_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("transfer_events", schema=None) as batch_op:
        batch_op.drop_index("ix_transfer_events_team_created")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER transfers_agent_load ON transfers")
        op.execute("DROP FUNCTION rota_agent_load()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER transfers_load_{name}")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("active_transfers")
