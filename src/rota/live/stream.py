"""The live stream: every server process reads committed events and hands each subscriber what
it may see. On PostgreSQL a trigger on `events` sends a NOTIFY, delivered at commit, that wakes
every process at once; otherwise (and as a safety net) each process looks for new events every
`poll_seconds`."""

import asyncio
import contextlib
import json
import logging
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import asyncpg
from sqlalchemy import event as sa_event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from rota.auth import service as auth
from rota.db.base import utcnow
from rota.events import service as events
from rota.events.models import Event
from rota.transfers import service as transfers
from rota.transfers.access import access

log = logging.getLogger("rota.events")
CHANNEL = "rota_events"
WINDOW = timedelta(seconds=15)  # a transaction commits well within this after writing its event
OVERLAP = 500  # event ids looked back at on every poll
_broadcasters: "weakref.WeakSet[Broadcaster]" = weakref.WeakSet()


@sa_event.listens_for(Session, "after_commit")
def _wake(session: Session) -> None:
    if session.info.pop(events.PENDING, None):
        for broadcaster in list(_broadcasters):
            broadcaster.wake()


@sa_event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(events.PENDING, None)


@dataclass(eq=False)
class Subscriber:
    user_id: uuid.UUID
    organization_id: uuid.UUID
    is_admin: bool
    roles: dict[str, str]  # team id -> manager | agent
    token_version: int | None = None  # the access token's (None: an API key's subscriber)
    api_key_hash: str | None = None
    # what to send; None ends the stream (the account was deactivated, its password changed,
    # or its key revoked)
    queue: asyncio.Queue[dict[str, Any] | None] = field(default_factory=lambda: asyncio.Queue(maxsize=5000))

    def sees(self, e: Event) -> bool:
        """Events of transfers by the transfers' visibility rule (rota.transfers.access);
        others (`members`: every member of the teams named, or everyone) alike."""
        return (
            e.organization_id == self.organization_id
            and access(self.is_admin, self.roles, self.user_id, e.agent_id, e.team_ids, e.members) is not None
        )

    def end(self) -> None:
        while True:
            try:
                self.queue.put_nowait(None)
                return
            except asyncio.QueueFull:  # a stuck client loses its backlog: the stream ends anyway
                self.queue.get_nowait()

    def put(self, message: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:  # a client that stopped reading; it can reconnect and replay
            log.warning("dropping events for a slow subscriber")


def message(e: Event) -> dict[str, Any]:
    body = {"id": str(e.uid), "type": e.type, "created_at": e.created_at.isoformat(), "data": e.data}
    return {"id": str(e.id), "event": e.type, "data": json.dumps(body)}


async def team_roles(session: AsyncSession, user_id: uuid.UUID) -> dict[str, str]:
    return {str(t): r for t, r in (await transfers.team_roles(session, user_id)).items()}


class Broadcaster:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], database_url: str, poll_seconds: float = 1.0
    ) -> None:
        self.sessionmaker = sessionmaker
        self.database_url = database_url
        self.poll_seconds = poll_seconds
        self.subscribers: set[Subscriber] = set()
        self._wake = asyncio.Event()
        self._seen: dict[int, Any] = {}
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None
        self._dsn: str | None = None
        self._roles_refreshed = utcnow()

    def wake(self) -> None:
        self._wake.set()

    async def subscribe(self, subscriber: Subscriber, session: AsyncSession) -> None:
        if not self.subscribers:  # idle until now: take what exists as seen, without sending it
            self._seen = await events.positions(session, WINDOW)
        self.subscribers.add(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)

    async def start(self) -> None:
        _broadcasters.add(self)
        url = make_url(self.database_url)
        if url.get_backend_name() in ("postgresql", "postgres"):
            self._dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
            await self._listen()
        self._task = asyncio.create_task(self._run())

    async def _listen(self) -> None:
        """(Re)opens the LISTEN connection; while it is down, polling alone finds new events."""
        try:
            self._listener = await asyncpg.connect(self._dsn, timeout=5)
            await self._listener.add_listener(CHANNEL, lambda *_: self._wake.set())
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            log.warning("cannot listen for events (polling meanwhile): %s", exc)
            self._listener = None

    async def stop(self) -> None:
        _broadcasters.discard(self)
        if self._task is not None:
            self._task.cancel()
        if self._listener is not None:
            await self._listener.close()

    async def _recent(self, session: AsyncSession) -> list[Event]:
        """Events after the newest seen, reaching back OVERLAP ids for transactions that
        committed after a later one (their ids are older than their commit)."""
        return await events.recent(session, max(self._seen, default=0) - OVERLAP, WINDOW)

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)
            self._wake.clear()
            if self._dsn is not None and (self._listener is None or self._listener.is_closed()):
                await self._listen()  # the database restarted, or was not there at start
            try:
                await self._poll()
            except Exception:
                log.exception("event poll failed")

    async def _poll(self) -> None:
        if not self.subscribers:  # nobody listens here; subscribe() catches up first
            return
        async with self.sessionmaker() as session:
            fresh = [e for e in await self._recent(session) if e.id not in self._seen]
            for e in fresh:
                self._seen[e.id] = e.created_at
            horizon = utcnow() - 2 * WINDOW
            newest = max(self._seen, default=0)
            self._seen = {i: at for i, at in self._seen.items() if at >= horizon or i == newest}
            if fresh:  # nothing reaches a subscriber whose access ended
                await self._check_access(session)
            if utcnow() - self._roles_refreshed > timedelta(seconds=10):
                self._roles_refreshed = utcnow()
                await self._check_access(session)
                for sub in list(self.subscribers):
                    sub.roles = await team_roles(session, sub.user_id)
            for e in fresh:
                msg = message(e)
                for sub in list(self.subscribers):
                    if sub.sees(e):
                        sub.put(msg)
            moved = {e.organization_id for e in fresh if e.type.startswith("transfer.")}
            counts: dict[Any, dict[str, Any]] = {}  # subscribers who see the same share one answer
            for sub in list(self.subscribers):
                if sub.organization_id in moved:
                    view = (sub.organization_id, None if sub.is_admin else frozenset(sub.roles))
                    if view not in counts:
                        newest = max(e.id for e in fresh if e.organization_id == sub.organization_id)
                        counts[view] = await queue_counts(session, sub, newest)
                    sub.put(counts[view])

    async def _check_access(self, session: AsyncSession) -> None:
        """Ends the streams of accounts deactivated (or whose password changed, or whose key was
        revoked) since they subscribed; an admin made agent (or back) sees accordingly."""
        subs = list(self.subscribers)
        valid, keys = await auth.still_valid(
            session,
            {s.user_id: s.token_version for s in subs},
            {s.api_key_hash for s in subs if s.api_key_hash},
        )
        for sub in subs:
            if sub.user_id not in valid or (sub.api_key_hash is not None and sub.api_key_hash not in keys):
                self.unsubscribe(sub)
                sub.end()
            else:
                sub.is_admin = valid[sub.user_id]


async def queue_counts(session: AsyncSession, sub: Subscriber, newest: int) -> dict[str, Any]:
    """The seed's counts, as this subscriber may see them, as of the newest event (its id is
    the stream position, so a client that reconnects with it misses nothing)."""
    general, per_team = await transfers.queue_counts(
        session, sub.organization_id, None if sub.is_admin else sub.user_id
    )
    body = {"general_queue_count": general, "team_queue_counts": {str(t): c for t, c in per_team.items()}}
    return {"id": str(newest), "event": "queue.counts", "data": json.dumps(body)}
