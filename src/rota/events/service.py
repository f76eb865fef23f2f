"""Raising events: one row per event in the caller's transaction, sent only once it commits."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from pydantic_core import to_jsonable_python
from sqlalchemy import CursorResult, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.db import writes
from rota.db.base import table
from rota.events.models import Event

PENDING = "rota_events_pending"  # session.info key: this transaction raised events
RETENTION = timedelta(hours=24)  # how long a reconnecting client can catch up
OUTBOX = writes.Kind(
    table(Event),
    ("uid", "organization_id", "type", "data", "agent_id", "team_ids", "members", "created_at"),
    lazy=True,
)


def emit(
    session: AsyncSession,
    organization_id: uuid.UUID,
    type: str,
    data: dict[str, Any],
    *,
    agent_id: uuid.UUID | None = None,
    team_ids: Iterable[uuid.UUID | None] = (),
    members: bool = False,
) -> None:
    uid = uuid.uuid4()
    writes.add(
        session,
        OUTBOX,
        uid,
        {
            "uid": uid,
            "organization_id": organization_id,
            "type": type,
            "data": to_jsonable_python(data),
            "agent_id": agent_id,
            "team_ids": [str(t) for t in team_ids if t],
            "members": members,
            "created_at": clock.now(),
        },
    )
    session.info[PENDING] = True


async def prune(session: AsyncSession, older_than: datetime) -> int:
    """Forgets events past the replay window once webhooks no longer need them."""
    result = await session.execute(
        delete(Event).where(Event.created_at < older_than, Event.dispatched_at.is_not(None))
    )
    return cast(CursorResult[Any], result).rowcount or 0


async def replay(session: AsyncSession, org_id: uuid.UUID, after: int, limit: int = 5000) -> list[Event]:
    """The organization's events after this stream position, within the replay window."""
    return list(
        (
            await session.execute(
                select(Event)
                .where(
                    Event.organization_id == org_id,
                    Event.id > after,
                    Event.created_at >= clock.now() - RETENTION,
                )
                .order_by(Event.id)
                .limit(limit)
            )
        ).scalars()
    )


async def recent(session: AsyncSession, after: int, window: timedelta) -> list[Event]:
    """Every organization's events after this position, created within the window."""
    return list(
        (
            await session.execute(
                select(Event)
                .where(Event.id > after, Event.created_at >= clock.now() - window)
                .order_by(Event.id)
            )
        ).scalars()
    )


async def positions(session: AsyncSession, window: timedelta) -> dict[int, datetime]:
    """The position and time of every event created within the window."""
    rows = await session.execute(
        select(Event.id, Event.created_at).where(Event.created_at >= clock.now() - window)
    )
    return dict(rows.tuples().all())
