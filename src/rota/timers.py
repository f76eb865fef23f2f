"""Timer work: SLA breaches, offers not accepted in time, required skills relaxed, overflow of
transfers that waited too long, queues of teams that have just opened, agents whose event stream
is gone (automatic presence), and webhook deliveries (rota.webhooks.delivery). Every server
process runs the loop; a lease row lets one of them do the rounds (rota.db.leases), and every
change is guarded (`... IS NULL`, a re-check under the row's lock, or a lease for webhook
deliveries) so it happens exactly once even if two processes ever ran a round at the same time."""

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rota.config import get_settings
from rota.db import leases
from rota.db.base import utcnow
from rota.events import service as events
from rota.routing import engine
from rota.users import service as users
from rota.users.models import AgentState
from rota.webhooks import delivery as webhooks

logger = logging.getLogger("rota.timers")


async def run_once(
    sessionmaker: async_sessionmaker[AsyncSession],
    lease: timedelta = timedelta(seconds=30),
    heartbeat: float | None = None,
) -> dict[str, int] | None:
    """One round of timer work; None when another process holds the rounds' lease (it renews
    it every round; if it dies, the lease lapses and another process takes over). `heartbeat`:
    the live streams' presence heartbeat in seconds (ROTA_PRESENCE_HEARTBEAT_SECONDS)."""
    async with sessionmaker.begin() as session:
        if not await leases.claim(session, "timer_rounds", lease):
            return None
    done = {
        "breaches": 0,
        "offers_lapsed": 0,
        "made_away": 0,
        "skills_relaxed": 0,
        "overflows": 0,
        "assigned": 0,
        "went_offline": 0,
        "webhooks_dispatched": 0,
        "webhooks_sent": 0,
        "events_pruned": 0,
    }
    async with sessionmaker.begin() as session:
        done["breaches"] = await engine.mark_breaches(session, utcnow())
    await _offers_and_skills(sessionmaker, done)
    async with sessionmaker() as session:
        overflowing = await engine.teams_waiting(session, overflowing=True)
        draining = await engine.teams_waiting(session, overflowing=False)
    for org_id, team_id in overflowing:  # each team in a transaction of its own
        async with sessionmaker.begin() as session:
            done["overflows"] += await engine.overflow_team(session, org_id, team_id, utcnow())
    for org_id, team_id in draining:
        async with sessionmaker.begin() as session:
            done["assigned"] += await engine.drain_team(session, org_id, team_id)
    beat = timedelta(seconds=get_settings().presence_heartbeat_seconds if heartbeat is None else heartbeat)
    now = utcnow()
    async with sessionmaker() as session:
        gone = await users.disconnected(session, now, beat)
    for org_id, user_id in gone:  # each agent in a transaction of its own, re-checked under its lock
        async with sessionmaker.begin() as session:
            if await users.go_offline_if_disconnected(session, org_id, user_id, now, beat):
                done["went_offline"] += 1
    # the outbox: deliveries from new events (their own transactions), then sending them with
    # no transaction open (claimed with a lease, so a dead process loses none)
    done["webhooks_dispatched"] = await webhooks.dispatch(sessionmaker)
    done["webhooks_sent"] = await webhooks.send_due(sessionmaker)
    async with sessionmaker.begin() as session:
        done["events_pruned"] = await events.prune(session, utcnow() - events.RETENTION)
    return done


async def _offers_and_skills(sessionmaker: async_sessionmaker[AsyncSession], done: dict[str, int]) -> None:
    """Offers not accepted in time go to the next agent (and, by the team's setting, their agent
    is made away, in a transaction of its own, as the lock order wants); transfers that waited
    long enough for skills may go to anyone. Each in a transaction of its own."""
    now = utcnow()
    async with sessionmaker() as session:
        lapsed = await engine.lapsed_offers(session, now)
        relaxing = await engine.skills_to_relax(session, now)
    for org_id, team_id, transfer_id, agent_id in lapsed:
        async with sessionmaker.begin() as session:
            team = await engine.lapse_offer(session, org_id, team_id, transfer_id, agent_id, now)
        if team is None:
            continue
        done["offers_lapsed"] += 1
        if team.missed_offer_sets_away:
            async with sessionmaker.begin() as session:
                done["made_away"] += await users.change_state_automatically(
                    session,
                    org_id,
                    agent_id,
                    AgentState.AWAY,
                    only_from=(AgentState.AVAILABLE,),
                    cause="missed_offer",
                )
    for org_id, team_id, transfer_id in relaxing:
        async with sessionmaker.begin() as session:
            done["skills_relaxed"] += await engine.relax_skills(session, org_id, team_id, transfer_id, now)


async def loop(
    sessionmaker: async_sessionmaker[AsyncSession], interval: float, heartbeat: float | None = None
) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await run_once(sessionmaker, heartbeat=heartbeat)
        except Exception:  # the next round tries again
            logger.exception("timer round failed")
