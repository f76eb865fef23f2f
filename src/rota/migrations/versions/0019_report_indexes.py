"""report indexes: transfers by organization and when they were created, first assigned, ended
and breached; the history lines of assignments and of handovers

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# as rota.transfers.models has them (written out: a migration stays as it was)
ASSIGNMENTS = "type IN ('assigned', 'picked', 'accepted')"
HANDOVERS = (
    "type IN ('unassigned', 'moved', 'offer_declined', 'offer_lapsed') "
    "OR (type = 'assigned' AND ({previous}) IS NOT NULL)"
)
BREACHED = "first_assignment_breached_at IS NOT NULL"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    previous = "json_extract(details, '$.previous_agent_id')" if sqlite else "details ->> 'previous_agent_id'"

    def where(predicate: str) -> dict[str, Any]:
        return {"sqlite_where" if sqlite else "postgresql_where": sa.text(predicate)}

    op.create_index("ix_transfers_org_transferred", "transfers", ["organization_id", "transferred_at"])
    op.create_index("ix_transfers_org_first_assigned", "transfers", ["organization_id", "first_assigned_at"])
    op.create_index("ix_transfers_org_ended", "transfers", ["organization_id", "ended_at"])
    op.create_index(
        "ix_transfers_org_breached",
        "transfers",
        ["organization_id", "first_assignment_breached_at"],
        **where(BREACHED),
    )
    op.create_index(
        "ix_transfer_events_assignments",
        "transfer_events",
        ["organization_id", "created_at"],
        **where(ASSIGNMENTS),
    )
    op.create_index(
        "ix_transfer_events_handovers",
        "transfer_events",
        ["organization_id", "created_at"],
        **where(HANDOVERS.format(previous=previous)),
    )


def downgrade() -> None:
    for name, table in (
        ("ix_transfer_events_handovers", "transfer_events"),
        ("ix_transfer_events_assignments", "transfer_events"),
        ("ix_transfers_org_breached", "transfers"),
        ("ix_transfers_org_ended", "transfers"),
        ("ix_transfers_org_first_assigned", "transfers"),
        ("ix_transfers_org_transferred", "transfers"),
    ):
        op.drop_index(name, table_name=table)
