"""events: on PostgreSQL a statement trigger sends the NOTIFY that wakes every server's stream

It replaces a NOTIFY statement the application sent before each commit (one round trip less per
write); PostgreSQL still delivers the notification only when the transaction commits.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 21:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE FUNCTION rota_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('rota_events', '');
            RETURN NULL;
        END $$
    """)
    op.execute(
        "CREATE TRIGGER events_notify AFTER INSERT ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION rota_notify_events()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER events_notify ON events")
    op.execute("DROP FUNCTION rota_notify_events()")
