"""The floor: the creation of an auto-assigned transfer written as the best raw SQL we can,
over asyncpg. Rota is compared with it directly (`raw-SQL floor`) and behind the thinnest HTTP
server we can write (`http_floor.py`), so every ratio in the report is taken side by side.

The transaction: lock the team, lock its available agents with their active-transfer counts,
choose (round robin: oldest turn; load balanced: fewest active), insert the transfer and its two
history rows, take the turn, note the agent's last assignment.
"""

import uuid
from typing import Any

import asyncpg

CAPACITY = 10_000

LOCK_TEAM = "SELECT assignment_strategy FROM teams WHERE id = $1 FOR UPDATE"
MEMBERS = (
    "SELECT u.id, m.last_turn, u.last_assigned_at, "
    "(SELECT count(*) FROM transfers t WHERE t.agent_id = u.id AND t.status = 'active') AS active "
    "FROM team_members m JOIN users u ON u.id = m.user_id "
    "WHERE m.team_id = $1 AND m.role = 'agent' AND u.is_active AND u.is_available "
    "ORDER BY u.id FOR UPDATE OF u"
)
INSERT_TRANSFER = (
    "INSERT INTO transfers (id, organization_id, contact_id, team_id, agent_id, status, priority, "
    "transferred_at, assigned_at, first_assigned_at, queued_at, updated_at, event_count) "
    "VALUES ($1, $2, $3, $4, $5, 'active', 0, now(), now(), now(), now(), now(), 2)"
)
INSERT_EVENT = (
    "INSERT INTO transfer_events (id, organization_id, transfer_id, seq, type, team_id, agent_id, "
    "details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', now())"
)
TAKE_TURN = (
    "UPDATE team_members SET last_assigned_at = now(), last_turn = "
    "(SELECT coalesce(max(last_turn), 0) + 1 FROM team_members WHERE team_id = $1) "
    "WHERE team_id = $1 AND user_id = $2"
)
USER_ASSIGNED = "UPDATE users SET last_assigned_at = now() WHERE id = $1"


async def create(
    conn: asyncpg.Connection, org_id: uuid.UUID, team_id: uuid.UUID, contact_id: uuid.UUID
) -> dict[str, Any]:
    async with conn.transaction():
        strategy = await conn.fetchval(LOCK_TEAM, team_id)
        members = await conn.fetch(MEMBERS, team_id)
        free = [m for m in members if m["active"] < CAPACITY]
        if strategy == "round_robin":
            chosen = min(free, key=lambda m: (m["last_turn"] is not None, m["last_turn"] or 0, str(m["id"])))
        else:
            chosen = min(free, key=lambda m: (m["active"], str(m["id"])))
        transfer_id = uuid.uuid4()
        await conn.execute(INSERT_TRANSFER, transfer_id, org_id, contact_id, team_id, chosen["id"])
        await conn.executemany(
            INSERT_EVENT,
            [
                (uuid.uuid4(), org_id, transfer_id, 1, "created", team_id, None),
                (uuid.uuid4(), org_id, transfer_id, 2, "assigned", team_id, chosen["id"]),
            ],
        )
        await conn.execute(TAKE_TURN, team_id, chosen["id"])
        await conn.execute(USER_ASSIGNED, chosen["id"])
    return {
        "id": str(transfer_id),
        "contact_id": str(contact_id),
        "team_id": str(team_id),
        "agent_id": str(chosen["id"]),
        "status": "active",
    }
