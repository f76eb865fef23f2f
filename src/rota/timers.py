"""Timer work: SLA breaches, overflow of transfers that waited too long, queues of teams that
have just opened, and webhook deliveries (rota.webhooks.delivery). Every server process runs the
loop; a lease row lets one of them do the rounds (rota.db.leases), and every change is guarded
(`... IS NULL`, or a lease for webhook deliveries) so it happens exactly once even if two
processes ever ran a round at the same time."""

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rota.db import leases
from rota.db.base import utcnow
from rota.events import service as events
from rota.routing import engine, rules
from rota.routing import repository as routing
from rota.routing.repository import WAITING, T
from rota.teams.models import Team
from rota.webhooks import delivery as webhooks

logger = logging.getLogger("rota.timers")



async def _breaches(session: AsyncSession, now: datetime) -> int:
    targets = (
        ("first_assignment", T.first_assignment_due_at, T.first_assignment_breached_at,
         (T.first_assigned_at.is_(None),)),
        ("resolution", T.resolution_due_at, T.resolution_breached_at, ()),
    )
    marked = 0
    for target, due, breached, extra in targets:
        for transfer in await routing.locked_transfers(session, due <= now, breached.is_(None), *extra,
                                                       skip_locked=True):
            engine.mark_breached(session, transfer, target, now)
            marked += 1
    return marked


async def _overflow(session: AsyncSession, listed: Any, now: datetime) -> int:
    scope = await engine.lock_scope(session, listed.organization_id, [listed.id], fallbacks=True)
    team = scope.teams.get(listed.id)  # None: deleted since the round listed it
    if team is None or team.overflow_after_seconds is None:
        return 0
    since = now - timedelta(seconds=team.overflow_after_seconds)
    waiting = await routing.locked_transfers(
        session, T.team_id == team.id, T.agent_id.is_(None), T.overflowed_at.is_(None),
        func.coalesce(T.queued_at, T.transferred_at) <= since, skip_locked=True)
    fallback = scope.teams.get(team.fallback_team_id) if team.fallback_team_id else None
    for transfer in waiting:
        await engine.overflow(session, transfer, team, fallback, now, teams=scope.teams)
    return len(waiting)


async def _drain(session: AsyncSession, listed: Any) -> int:
    scope = await engine.lock_scope(session, listed.organization_id, [listed.id])
    if listed.id not in scope.teams:  # deleted since the round listed it
        return 0
    return await engine.drain(session, scope.teams[listed.id], actor_id=None, trigger="timer")


async def _teams_with_waiting(session: AsyncSession, *where: Any) -> list[Any]:
    """Teams (their id and organization) with transfers waiting."""
    rows = await session.execute(
        select(Team.id, Team.organization_id).where(*where, Team.id.in_(select(T.team_id).where(WAITING)))
        .order_by(Team.id)
    )
    return list(rows.all())


async def run_once(sessionmaker: async_sessionmaker[AsyncSession],
                   lease: timedelta = timedelta(seconds=30)) -> dict[str, int] | None:
    """One round of timer work; None when another process holds the rounds' lease (it renews
    it every round; if it dies, the lease lapses and another process takes over)."""
    async with sessionmaker.begin() as session:
        if not await leases.claim(session, "timer_rounds", lease):
            return None
    done = {"breaches": 0, "overflows": 0, "assigned": 0, "webhooks_dispatched": 0,
            "webhooks_sent": 0, "events_pruned": 0}
    async with sessionmaker.begin() as session:
        done["breaches"] = await _breaches(session, utcnow())
    async with sessionmaker() as session:
        overflowing = await _teams_with_waiting(session, Team.overflow_after_seconds.is_not(None))
        draining = await _teams_with_waiting(session, Team.is_active,
                                             Team.assignment_strategy.in_(rules.AUTO_ASSIGNING))
    for team in overflowing:  # each team in a transaction of its own
        async with sessionmaker.begin() as session:
            done["overflows"] += await _overflow(session, team, utcnow())
    for team in draining:
        async with sessionmaker.begin() as session:
            done["assigned"] += await _drain(session, team)
    # the outbox: deliveries from new events (their own transactions), then sending them with
    # no transaction open (claimed with a lease, so a dead process loses none)
    done["webhooks_dispatched"] = await webhooks.dispatch(sessionmaker)
    done["webhooks_sent"] = await webhooks.send_due(sessionmaker)
    async with sessionmaker.begin() as session:
        done["events_pruned"] = await events.prune(session, utcnow() - events.RETENTION)
    return done


async def loop(sessionmaker: async_sessionmaker[AsyncSession], interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await run_once(sessionmaker)
        except Exception:  # the next round tries again
            logger.exception("timer round failed")
