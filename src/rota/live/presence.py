"""Automatic presence, the live side: who is connected to the event stream is written to
`users.last_seen_at` when a stream opens, when it ends, and every `heartbeat` seconds for all the
streams a process holds (one statement). The timer rounds (rota.timers) take agents whose last
stream has been gone long enough offline; a process that dies stops beating for its streams, so
its agents are noticed by the others."""

import asyncio
import logging
import uuid

import anyio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rota.live.stream import Broadcaster
from rota.users import service as users

log = logging.getLogger("rota.presence")
WRITE_LIMIT = 10.0  # seconds a presence write may take before it is given up (the next one follows)


async def seen(sessionmaker: async_sessionmaker[AsyncSession], user_ids: list[uuid.UUID]) -> None:
    """These users are connected now, written in a short transaction of its own. It never raises
    (the database may be down, the caller a stream's cleanup): a failure is logged, and the next
    heartbeat writes again. Not cancelled with its caller, so that a stream's end is written."""
    if not user_ids:
        return
    with anyio.move_on_after(WRITE_LIMIT, shield=True) as scope:
        try:
            async with sessionmaker.begin() as session:
                await users.seen(session, user_ids)
        except Exception as exc:
            log.warning("cannot write presence of %d user(s): %s", len(user_ids), exc)
    if scope.cancelled_caught:
        log.warning("presence write of %d user(s) gave up after %s s", len(user_ids), WRITE_LIMIT)


async def beat(sessionmaker: async_sessionmaker[AsyncSession], broadcaster: Broadcaster) -> None:
    """One heartbeat: everyone with a stream open on this process is connected now."""
    await seen(sessionmaker, sorted({s.user_id for s in broadcaster.subscribers}))


async def heartbeat(
    sessionmaker: async_sessionmaker[AsyncSession], broadcaster: Broadcaster, interval: float
) -> None:
    """Beats every `interval` seconds until cancelled."""
    while True:
        await asyncio.sleep(interval)
        await beat(sessionmaker, broadcaster)
