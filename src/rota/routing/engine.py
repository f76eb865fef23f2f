"""The transactional side of routing: applies the rules under the locks that make them true.

Callers lock first (`lock_scope`): the teams involved, then the agents, then the transfer.
Everything here runs inside the caller's transaction and never commits.
"""

import statistics
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota.db.base import utcnow
from rota.routing import repository, rules
from rota.schedules import hours as schedule_hours
from rota.schedules.hours import Hours
from rota.schedules.models import Schedule
from rota.teams.models import Team
from rota.transfers import log
from rota.transfers.models import Transfer
from rota.users.models import User


async def lock_scope(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_ids: Iterable[uuid.UUID | None] = (),
    user_ids: Iterable[uuid.UUID | None] = (),
) -> list[Team]:
    """Locks these teams, then these users together with every member of the teams, in the
    one order every transaction uses (teams, then users, each by id). Routing decisions made
    afterwards only read rows this transaction already holds."""
    teams = await repository.lock_teams(session, org_id, {t for t in team_ids if t})
    await repository.lock_users(session, {u for u in user_ids if u}, [t.id for t in teams])
    return teams


async def teams_of_agent(session: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    return await repository.team_ids_of(session, user_id)


async def decide(session: AsyncSession, team: Team, exclude: dict[uuid.UUID, str] | None = None) -> rules.Decision:
    return rules.choose(team.assignment_strategy, await repository.candidates(session, team), exclude)


async def exclusion(session: AsyncSession, org_id: uuid.UUID, team: Team | None, agent_id: uuid.UUID) -> str | None:
    """Why this agent may not be given a transfer of the team (or of no team) now, or None."""
    if team is not None:
        found = [c for c in await repository.candidates(session, team) if c.user_id == agent_id]
        return rules.exclusion(found[0]) if found else "not_a_team_member"
    users = await repository.lock_users(session, [agent_id])
    if not users or users[0].organization_id != org_id:
        return "unknown_agent"
    user = users[0]
    return rules.exclusion(rules.Candidate(
        user_id=user.id, full_name=user.full_name, member_role="agent", is_active=user.is_active,
        is_available=user.is_available, active_transfers=await active_count(session, user.id),
        capacity=await capacity(session, user), last_turn=None, joined_at=user.created_at,
        last_assigned_at=user.last_assigned_at,
    ))


async def active_count(session: AsyncSession, user_id: uuid.UUID) -> int:
    return (await repository.active_counts(session, [user_id])).get(user_id, 0)


async def capacity(session: AsyncSession, user: User) -> int | None:
    if user.max_active_transfers is not None:
        return user.max_active_transfers
    return await repository.default_capacity(session, user.organization_id)


async def claim_next(session: AsyncSession, org_id: uuid.UUID, queues: list[uuid.UUID | None]) -> Transfer | None:
    return await repository.next_waiting(session, org_id, queues)


async def lock_transfer(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> None:
    await repository.lock_transfer(session, org_id, transfer_id)


async def assign(
    session: AsyncSession,
    transfer: Transfer,
    agent_id: uuid.UUID,
    *,
    actor_id: uuid.UUID | None,
    event: str = "assigned",
    by_strategy: bool = False,
    details: dict[str, Any] | None = None,
) -> None:
    """Gives the transfer to the agent; the caller has checked that they may have it."""
    now = utcnow()
    transfer.agent_id = agent_id
    transfer.assigned_at = now
    if transfer.first_assigned_at is None:
        transfer.first_assigned_at = now
    if transfer.team_id is not None:
        await repository.record_turn(session, transfer.team_id, agent_id, now, by_strategy)
    await repository.record_assignment(session, agent_id, now)
    log.record(session, transfer, event, actor_id=actor_id, details=details)
    await session.flush()


async def hours_of(session: AsyncSession, team: Team) -> Hours | None:
    if team.schedule_id is None:
        return None
    schedule = await session.get(Schedule, team.schedule_id)
    return schedule.hours if schedule is not None else None


async def opening(session: AsyncSession, team: Team, now: datetime) -> tuple[bool, datetime | None]:
    """(open now, next change) of the team's schedule; no schedule: always open."""
    return schedule_hours.state(await hours_of(session, team), now)


async def fallback_chain(session: AsyncSession, team_id: uuid.UUID) -> list[uuid.UUID]:
    return await repository.fallback_chain(session, team_id)


async def enter_queue(session: AsyncSession, transfer: Transfer, team: Team | None) -> None:
    """The transfer joins a queue: its wait and the team's SLA deadlines start now."""
    now = utcnow()
    transfer.queued_at = now
    transfer.overflowed_at = None
    if team is None:
        transfer.first_assignment_due_at = transfer.resolution_due_at = None
        return
    hours = await hours_of(session, team)

    def due(seconds: int | None) -> datetime | None:
        if seconds is None:
            return None
        span = timedelta(seconds=seconds)
        return now + span if hours is None else schedule_hours.add_open_time(hours, now, span)

    if transfer.first_assigned_at is None:
        transfer.first_assignment_due_at = due(team.sla_first_assignment_seconds)
    transfer.resolution_due_at = due(team.sla_resolution_seconds)


async def move(
    session: AsyncSession, transfer: Transfer, team: Team | None, *, actor_id: uuid.UUID | None,
    reason: str, previous_agent_id: uuid.UUID | None = None,
) -> None:
    details = {"from_team_id": str(transfer.team_id) if transfer.team_id else None,
               "to_team_id": str(team.id) if team else None, "reason": reason}
    if previous_agent_id is not None:
        details["previous_agent_id"] = str(previous_agent_id)
    transfer.team_id = team.id if team else None
    transfer.agent_id = transfer.assigned_at = None
    await enter_queue(session, transfer, team)
    log.record(session, transfer, "moved", actor_id=actor_id, details=details)


async def route(
    session: AsyncSession,
    transfer: Transfer,
    team: Team | None,
    *,
    actor_id: uuid.UUID | None,
    exclude: dict[uuid.UUID, str] | None = None,
    reason: str | None = None,
    teams: dict[uuid.UUID, Team] | None = None,
) -> bool:
    """Applies the team's strategy to a waiting transfer (the team, and its fallbacks in
    `teams`, are locked by the caller). Assigns it, moves it to the fallback team when the team
    is closed and says so, or records why it waits. True when assigned."""
    seen: set[uuid.UUID] = set()
    while team is not None:
        seen.add(team.id)
        is_open, opens_at = await opening(session, team, utcnow())
        if is_open:
            break
        fallback = (teams or {}).get(team.fallback_team_id) if team.fallback_team_id else None
        if team.overflow_policy == "fallback" and fallback is not None and fallback.id not in seen:
            await move(session, transfer, fallback, actor_id=actor_id, reason="out of hours")
            team = fallback
            continue
        log.record(session, transfer, "queued", actor_id=actor_id, details={
            "queue": "team", "reason": "out of hours",
            "opens_at": opens_at.isoformat() if opens_at else None})
        return False
    if team is None:
        log.record(session, transfer, "queued", actor_id=actor_id,
                   details={"queue": "general", "reason": reason or "no team"})
        return False
    if not team.is_active:
        log.record(session, transfer, "queued", actor_id=actor_id,
                   details={"queue": "team", "reason": "team is inactive"})
        return False
    decision = await decide(session, team, exclude)
    explained = decision.explain()
    if decision.chosen is None:
        explained["reason"] = ("manual strategy: waits to be picked"
                               if team.assignment_strategy == "manual" else "no eligible agent")
        log.record(session, transfer, "queued", actor_id=actor_id, details={"queue": "team", **explained})
        return False
    await assign(session, transfer, decision.chosen.user_id, actor_id=actor_id, by_strategy=True,
                 details=explained)
    return True


async def drain(session: AsyncSession, team: Team, *, actor_id: uuid.UUID | None, trigger: str) -> int:
    """Assigns the team's waiting transfers, highest priority and oldest first, while the team
    is open and someone is eligible (the team is locked by the caller). Returns how many."""
    if not team.is_active or team.assignment_strategy not in rules.AUTO_ASSIGNING:
        return 0
    if not (await opening(session, team, utcnow()))[0]:
        return 0
    assigned = 0
    while True:
        decision = await decide(session, team)
        if decision.chosen is None:
            return assigned
        transfer = await repository.next_waiting(session, team.organization_id, [team.id])
        if transfer is None:
            return assigned
        await assign(session, transfer, decision.chosen.user_id, actor_id=actor_id,
                     by_strategy=True, details={**decision.explain(), "trigger": trigger})
        assigned += 1


async def drain_all(session: AsyncSession, teams: Iterable[Team], *, actor_id: uuid.UUID | None, trigger: str) -> int:
    return sum([await drain(session, t, actor_id=actor_id, trigger=trigger) for t in teams])


async def release(
    session: AsyncSession,
    agent_id: uuid.UUID,
    *,
    actor_id: uuid.UUID | None,
    reason: str,
    team_id: uuid.UUID | None = None,
) -> list[Transfer]:
    """Puts the agent's active transfers (in one team, or all) back in their queues. The caller
    has locked their teams and the agent, and re-routes them (`drain`) once the agent's change
    is written."""
    transfers = await repository.active_transfers_of(session, agent_id, team_id)
    for transfer in transfers:
        transfer.agent_id = None
        transfer.assigned_at = None
        transfer.queued_at = utcnow()
        log.record(session, transfer, "unassigned", actor_id=actor_id,
                   details={"reason": reason, "previous_agent_id": str(agent_id)})
    await session.flush()
    return transfers


async def agent_changed(
    session: AsyncSession,
    user: User,
    changes: dict[str, Any],
    *,
    actor_id: uuid.UUID | None,
) -> int:
    """Applies changes to a user that can affect routing (availability, active, capacity), then
    keeps the queues moving: an agent who can no longer take transfers gives theirs back, and
    every team of the agent is drained. Returns how many transfers went back to the queue."""
    team_ids = await teams_of_agent(session, user.id)
    teams = await lock_scope(session, user.organization_id, team_ids, [user.id])
    for field, value in changes.items():
        setattr(user, field, value)
    await session.flush()
    returned = 0
    if not (user.is_active and user.is_available):
        reason = "agent deactivated" if not user.is_active else "agent went away"
        returned = len(await release(session, user.id, actor_id=actor_id, reason=reason))
    await drain_all(session, teams, actor_id=actor_id, trigger="agent_changed")
    return returned


async def team_deleted(session: AsyncSession, team: Team, *, actor_id: uuid.UUID | None) -> int:
    """Before a team is deleted (it is locked): its transfers move to the general queue."""
    moved = await repository.active_in_team(session, team.id)
    for transfer in moved:
        await move(session, transfer, None, actor_id=actor_id, reason="team deleted",
                   previous_agent_id=transfer.agent_id)
    await session.flush()
    return len(moved)


async def team_stats(session: AsyncSession, team: Team) -> dict[str, Any]:
    """Queue figures of a team, read without taking any lock."""
    now = utcnow()
    waiting = await repository.waiting_since(session, team.id)
    candidates = await repository.candidates(session, team, lock=False)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    waits = [(a - t).total_seconds() for t, a in await repository.first_assignments(session, team.id, day)]
    return {
        "queue_length": len(waiting),
        "oldest_wait_seconds": (now - min(waiting)).total_seconds() if waiting else None,
        "available_agents": sum(1 for c in candidates if rules.exclusion(c) is None),
        "assignments_last_hour": await assignments_since(session, team.id, now - timedelta(hours=1)),
        "median_time_to_assignment_seconds": statistics.median(waits) if waits else None,
        "is_open": (await opening(session, team, now))[0],
    }


async def assignments_since(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> int:
    return await repository.assignments_since(session, team_id, since)
