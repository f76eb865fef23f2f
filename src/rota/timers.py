"""Timer work: SLA breaches, overflow of transfers that waited too long, queues of teams that
have just opened, and webhook deliveries (rota.webhooks.delivery). Every server process runs the
loop; a PostgreSQL advisory lock lets one of them do each round, and every change is guarded
(`... IS NULL`, or a lease for webhook deliveries) so it happens exactly once even where no lock
exists (SQLite serializes writers anyway)."""

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rota.db.base import utcnow
from rota.events import service as events
from rota.routing import engine, rules
from rota.teams.models import Team
from rota.transfers import log
from rota.transfers.models import Transfer
from rota.transfers.repository import WAITING
from rota.webhooks import delivery as webhooks

TIMER_LOCK = 7_270_002
logger = logging.getLogger("rota.timers")



async def _breaches(session: AsyncSession, now: datetime) -> int:
    targets = (
        ("first_assignment", Transfer.first_assignment_due_at, Transfer.first_assignment_breached_at,
         (Transfer.first_assigned_at.is_(None),)),
        ("resolution", Transfer.resolution_due_at, Transfer.resolution_breached_at, ()),
    )
    marked = 0
    for target, due, breached, extra in targets:
        rows = await session.execute(
            select(Transfer).where(Transfer.status == "active", due <= now, breached.is_(None), *extra)
            .order_by(Transfer.id).with_for_update(skip_locked=True)
        )
        for transfer in rows.scalars():
            setattr(transfer, breached.key, now)
            log.record(session, transfer, "sla_breached", actor_id=None, details={
                "target": target, "due_at": getattr(transfer, due.key).isoformat()})
            marked += 1
    return marked


async def _overflow(session: AsyncSession, team: Team, now: datetime) -> int:
    chain = await engine.fallback_chain(session, team.id)
    locked = {t.id: t for t in await engine.lock_scope(session, team.organization_id, [team.id, *chain])}
    team = locked.get(team.id)  # None: deleted since the round listed it
    if team is None or team.overflow_after_seconds is None:
        return 0
    since = now - timedelta(seconds=team.overflow_after_seconds)
    rows = await session.execute(
        select(Transfer).where(Transfer.team_id == team.id, WAITING, Transfer.overflowed_at.is_(None),
                               func.coalesce(Transfer.queued_at, Transfer.transferred_at) <= since)
        .order_by(Transfer.id).with_for_update(skip_locked=True)
    )
    fallback = locked.get(team.fallback_team_id) if team.fallback_team_id else None
    moved = 0
    for transfer in rows.scalars():
        transfer.overflowed_at = now
        waited = (now - (transfer.queued_at or transfer.transferred_at)).total_seconds()
        log.record(session, transfer, "overflowed", actor_id=None, details={
            "waited_seconds": round(waited, 1), "policy": team.overflow_policy})
        if team.overflow_policy == "fallback" and fallback is not None:
            await engine.move(session, transfer, fallback, actor_id=None, reason="waited too long")
            await engine.route(session, transfer, fallback, actor_id=None, teams=locked)
        moved += 1
    return moved


async def _drain(session: AsyncSession, team: Team) -> int:
    locked = await engine.lock_scope(session, team.organization_id, [team.id])
    if not locked:  # deleted since the round listed it
        return 0
    return await engine.drain(session, locked[0], actor_id=None, trigger="timer")


async def _teams_with_waiting(session: AsyncSession, *where: Any) -> list[Team]:
    rows = await session.execute(
        select(Team).where(*where, Team.id.in_(select(Transfer.team_id).where(WAITING)))
        .order_by(Team.id)
    )
    return list(rows.scalars())


async def run_once(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, int] | None:
    """One round of timer work; None when another process is doing this round."""
    async with sessionmaker() as guard:
        postgres = guard.get_bind().dialect.name == "postgresql"
        if postgres and not (await guard.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": TIMER_LOCK})).scalar():
            return None
        try:
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
            # the outbox: deliveries from new events (their own transactions), then sending
            # them with no transaction open (claimed with a lease, so a dead process loses none)
            done["webhooks_dispatched"] = await webhooks.dispatch(sessionmaker)
            done["webhooks_sent"] = await webhooks.send_due(sessionmaker)
            async with sessionmaker.begin() as session:
                done["events_pruned"] = await events.prune(session, utcnow() - events.RETENTION)
            return done
        finally:
            if postgres:
                await guard.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": TIMER_LOCK})
                await guard.commit()


async def loop(sessionmaker: async_sessionmaker[AsyncSession], interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await run_once(sessionmaker)
        except Exception:  # the next round tries again
            logger.exception("timer round failed")
