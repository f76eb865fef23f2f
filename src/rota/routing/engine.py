"""The transactional side of routing: applies the rules under the locks that make them true.

Callers lock first (`lock_scope`): the teams involved, then the agents, then the transfer.
Everything here runs inside the caller's transaction and never commits; changes to transfers
are written at the next flush of `rota.db.writes` (at the latest, before commit).
"""

import statistics
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.routing import history, repository, rules
from rota.routing.rules import RoutingTeam
from rota.schedules import hours as schedule_hours
from rota.teams.models import Strategy
from rota.transfers.models import T, Transfer


@dataclass
class Scope:
    """What a change locked: teams by id; of those, the ones with waiting transfers (when asked
    for, see `lock_scope`); and the contact read with them (if asked for)."""

    teams: dict[uuid.UUID, RoutingTeam] = field(default_factory=dict)
    waiting: set[uuid.UUID] = field(default_factory=set)
    contact: Any = None
    contact_transfer_id: uuid.UUID | None = None  # the contact's active transfer, if any
    previous: repository.Previous | None = None  # the contact's previous agent (None: not read)


async def lock_scope(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_ids: Iterable[uuid.UUID | None] = (),
    user_ids: Iterable[uuid.UUID | None] = (),
    *,
    fallbacks: bool = False,
    contact_id: uuid.UUID | None = None,
    agent_teams: uuid.UUID | None = None,
    waiting_only: bool = False,
    members: bool = True,
) -> Scope:
    """Locks these teams (with `fallbacks`, also the teams their fallbacks lead to), then these
    users together with every member of the teams, in the one order every transaction uses
    (teams, then users, each by id). Routing decisions made afterwards only read rows this
    transaction already holds.

    `agent_teams`: an agent a change concerns; their teams are locked too. With `waiting_only`
    (a change that only frees the agent's capacity), those of the agent's teams that have
    waiting transfers (read under the locks, so it stays true) are named in `waiting`, and of
    the agent's teams only their members are locked, ready for `drain_waiting`.

    Without `members`, no user is locked here: for a change that locks no transfer and routes in
    one team, reading the team's candidates locks its members (one statement less)."""
    wanted = {t for t in team_ids if t}
    teams, contact, contact_transfer, previous = await repository.read_teams(
        session, org_id, wanted, lock=True, fallbacks=fallbacks, agent_id=agent_teams, contact_id=contact_id
    )
    waiting: set[uuid.UUID] = set()
    member_teams = [t.id for t in teams]
    if waiting_only:
        extra = [t.id for t in teams if t.is_active and t.assignment_strategy in rules.AUTO_ASSIGNING]
        waiting = await repository.with_waiting(session, extra)
        member_teams = [t.id for t in teams if t.id in wanted or t.id in waiting]
    if members:
        await repository.lock_users(session, [u for u in user_ids if u], member_teams)
    return Scope({t.id: t for t in teams}, waiting, contact, contact_transfer, previous)


async def lock_organization(session: AsyncSession, org_id: uuid.UUID) -> Scope:
    """Locks every team of the organization (a change that concerns all of them)."""
    return await lock_scope(session, org_id, await repository.team_ids(session, org_id))


async def lock_members(session: AsyncSession, scope: Scope) -> None:
    """Locks the members of every team of the scope (before routing in more than one)."""
    await repository.lock_users(session, (), list(scope.teams))


async def teams_of_agent(session: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    return await repository.team_ids_of(session, user_id)


async def fallback_chain(session: AsyncSession, team_id: uuid.UUID) -> list[uuid.UUID]:
    return await repository.fallback_chain(session, team_id)


async def teams(session: AsyncSession, org_id: uuid.UUID, team_ids: Iterable[uuid.UUID]) -> list[RoutingTeam]:
    """These teams of the organization as routing sees them now (read without a lock)."""
    return (await repository.read_teams(session, org_id, team_ids))[0]


async def team(session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID) -> RoutingTeam | None:
    found = await teams(session, org_id, [team_id])
    return found[0] if found else None


def opening(team: RoutingTeam, now: datetime) -> tuple[bool, datetime | None]:
    """(open now, next change) of the team's schedule; no schedule: always open."""
    return schedule_hours.state(team.hours, now)


async def exclusion(
    session: AsyncSession, org_id: uuid.UUID, team: RoutingTeam | None, agent_id: uuid.UUID
) -> str | None:
    """Why this (locked) agent may not be given a transfer of the team (or of no team) now."""
    if team is not None:
        found = [c for c in await repository.candidates(session, team.id) if c.user_id == agent_id]
        return rules.exclusion(found[0]) if found else "not_a_team_member"
    candidate = await repository.agent(session, org_id, agent_id)
    return "unknown_agent" if candidate is None else rules.exclusion(candidate)


async def who_may_take(
    session: AsyncSession, org_id: uuid.UUID, team: RoutingTeam | None
) -> list[tuple[rules.Candidate, str | None]]:
    """Who could be given a transfer of this team (of no team: anyone active) now, and why the
    others may not: the rule an explicit assignment is checked by (read without a lock)."""
    found = (
        await repository.candidates(session, team.id, lock=False)
        if team is not None
        else await repository.agents_of(session, org_id)
    )
    return [(c, rules.exclusion(c)) for c in found]


@dataclass(frozen=True)
class Room:
    """A user's load, read as they are locked, and what decides whether they may pick work."""

    capacity: int | None
    active: int
    busy_may_pick: bool  # their organization lets busy agents pick
    absent: bool  # in an absence now

    @property
    def left(self) -> bool:
        return self.capacity is None or self.active < self.capacity


async def room(session: AsyncSession, user_id: uuid.UUID) -> Room:
    """Locks the user: their room under their capacity (one statement)."""
    return Room(*await repository.room(session, user_id))


async def claim_next(
    session: AsyncSession, principal: Any, team_id: uuid.UUID | None
) -> tuple[Transfer, Scope] | None:
    """Claims the next transfer the caller may take: of that team (admins: any team; others:
    one of theirs), or of any of their teams and the general queue; with its team and contact."""
    found = await repository.claim_for(
        session, principal.organization_id, principal.user_id, team_id, any_team=principal.is_admin
    )
    if found is None:
        return None
    transfer, contact, team = found
    return transfer, Scope({team.id: team} if team else {}, contact=contact)


async def lock_transfer(session: AsyncSession, org_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer | None:
    return await repository.lock_transfer(session, org_id, transfer_id)


def assign(
    session: AsyncSession,
    transfer: Transfer,
    agent_id: uuid.UUID,
    *,
    actor_id: uuid.UUID | None,
    event: str = "assigned",
    turn: int | None = None,
    details: dict[str, Any] | None = None,
    offer_seconds: int | None = None,
) -> None:
    """Gives the transfer to the agent; the caller has checked that they may have it. `turn`:
    the round-robin ticket the team's strategy gave the agent with it. With `offer_seconds`,
    it is an offer the agent accepts within that time (it counts against their capacity, but
    is their first assignment only once accepted)."""
    now = clock.now()
    transfer.agent_id = agent_id
    transfer.assigned_at = now
    transfer.offer_expires_at = now + timedelta(seconds=offer_seconds) if offer_seconds else None
    if transfer.first_assigned_at is None and not offer_seconds:
        transfer.first_assigned_at = now
    if transfer.team_id is not None:
        repository.write_assignment(session, transfer.team_id, agent_id, now, turn)
    history.record(session, transfer, event, actor_id=actor_id, details=details)


def create(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam | None,
    *,
    actor_id: uuid.UUID | None,
    details: dict[str, Any],
) -> None:
    """A new transfer joins its queue (it is written once, with whatever routing decides)."""
    enter_queue(transfer, team)
    repository.write_transfer(session, transfer, new=True)
    history.record(session, transfer, "created", actor_id=actor_id, details=details)


def enter_queue(transfer: Transfer, team: RoutingTeam | None) -> None:
    """The transfer joins a queue: its wait and the team's SLA deadlines start now."""
    now = clock.now()
    transfer.queued_at = now
    transfer.overflowed_at = None
    if team is None:
        transfer.first_assignment_due_at = transfer.resolution_due_at = None
        return
    hours = team.hours

    def due(seconds: int | None) -> datetime | None:
        if seconds is None:
            return None
        span = timedelta(seconds=seconds)
        return now + span if hours is None else schedule_hours.add_open_time(hours, now, span)

    if transfer.first_assigned_at is None:
        transfer.first_assignment_due_at = due(team.sla_first_assignment_seconds)
    transfer.resolution_due_at = due(team.sla_resolution_seconds)


def move(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam | None,
    *,
    actor_id: uuid.UUID | None,
    reason: str,
    previous_agent_id: uuid.UUID | None = None,
) -> None:
    details = {
        "from_team_id": str(transfer.team_id) if transfer.team_id else None,
        "to_team_id": str(team.id) if team else None,
        "reason": reason,
    }
    if previous_agent_id is not None:
        details["previous_agent_id"] = str(previous_agent_id)
    transfer.team_id = team.id if team else None
    transfer.agent_id = transfer.assigned_at = transfer.offer_expires_at = None
    enter_queue(transfer, team)
    history.record(session, transfer, "moved", actor_id=actor_id, details=details)


def unassign(session: AsyncSession, transfer: Transfer, *, actor_id: uuid.UUID | None, reason: str) -> None:
    """Back to its queue, waiting from now."""
    previous = transfer.agent_id
    transfer.agent_id = transfer.assigned_at = transfer.offer_expires_at = None
    transfer.queued_at = clock.now()
    history.record(
        session,
        transfer,
        "unassigned",
        actor_id=actor_id,
        details={"reason": reason, "previous_agent_id": str(previous)},
    )


def end(session: AsyncSession, transfer: Transfer, status: str, *, actor_id: uuid.UUID | None) -> None:
    transfer.status = status
    transfer.ended_at = clock.now()
    transfer.offer_expires_at = None
    history.record(session, transfer, status, actor_id=actor_id)


def accept(session: AsyncSession, transfer: Transfer, *, actor_id: uuid.UUID | None) -> None:
    """The agent accepts the transfer offered to them (the caller checked it is, in time)."""
    now = clock.now()
    transfer.offer_expires_at = None
    if transfer.first_assigned_at is None:
        transfer.first_assigned_at = now
    offered_at = transfer.assigned_at or now
    history.record(
        session,
        transfer,
        "accepted",
        actor_id=actor_id,
        details={
            "offered_at": offered_at.isoformat(),
            "seconds": round((now - offered_at).total_seconds(), 1),
        },
    )


def pass_over(session: AsyncSession, transfer: Transfer, why: str, *, actor_id: uuid.UUID | None) -> None:
    """The agent it is offered to declines it (`why`: declined) or let the offer lapse
    (offer_lapsed): back to its queue, its wait going on, never offered to them again."""
    agent = str(transfer.agent_id)
    offered_at = transfer.assigned_at
    transfer.passed_by = {**(transfer.passed_by or {}), agent: why}
    transfer.agent_id = transfer.assigned_at = transfer.offer_expires_at = None
    history.record(
        session,
        transfer,
        "offer_declined" if why == "declined" else why,
        actor_id=actor_id,
        details={"previous_agent_id": agent, "offered_at": offered_at.isoformat() if offered_at else None},
    )


def mark_breached(session: AsyncSession, transfer: Transfer, target: str, now: datetime) -> None:
    """An SLA target was missed (marked once: the caller selected it unmarked, locked)."""
    due = getattr(transfer, f"{target}_due_at")
    setattr(transfer, f"{target}_breached_at", now)
    history.record(
        session,
        transfer,
        "sla_breached",
        actor_id=None,
        details={"target": target, "due_at": due.isoformat()},
    )


async def overflow(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam,
    fallback: RoutingTeam | None,
    now: datetime,
    *,
    teams: dict[uuid.UUID, RoutingTeam],
) -> None:
    """A transfer waited longer than the team allows: marked once, and with the fallback
    policy moved on to the fallback team, whose strategy runs."""
    transfer.overflowed_at = now
    waited = (now - (transfer.queued_at or transfer.transferred_at)).total_seconds()
    history.record(
        session,
        transfer,
        "overflowed",
        actor_id=None,
        details={"waited_seconds": round(waited, 1), "policy": team.overflow_policy},
    )
    if team.overflow_policy == "fallback" and fallback is not None:
        move(session, transfer, fallback, actor_id=None, reason="waited too long")
        await route(session, transfer, fallback, actor_id=None, teams=teams)


async def _previous_agent(
    session: AsyncSession, transfer: Transfer, team: RoutingTeam, known: repository.Previous | None
) -> uuid.UUID | None:
    """The contact's agent the team prefers (its sticky_agent_hours), if any; `known`: the
    contact's previous agent as the change already read it (a new transfer's, see `lock_scope`)."""
    if team.sticky_agent_hours is None:
        return None
    since = clock.now() - timedelta(hours=team.sticky_agent_hours)
    if known is None:
        return await repository.previous_agent(session, transfer, since)
    agent, handled = known
    return agent if handled is not None and handled >= since else None


def _ticket(candidates: Iterable[rules.Candidate]) -> int:
    """The team's next round-robin ticket: monotonic, as it is taken under the team's lock."""
    return 1 + max((c.last_turn or 0 for c in candidates), default=0)


async def _decide(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam,
    candidates: list[rules.Candidate],
    exclude: dict[uuid.UUID, str] | None = None,
    previous: repository.Previous | None = None,
) -> rules.Decision:
    """The team's decision for this transfer: without the agents who passed it over, among
    those with the skills it requires, preferring the contact's previous agent (sticky)."""
    passed = {uuid.UUID(agent): why for agent, why in (transfer.passed_by or {}).items()}
    preferred = await _previous_agent(session, transfer, team, previous)
    return rules.choose(
        team.assignment_strategy, candidates, {**passed, **(exclude or {})}, preferred, transfer.requires
    )


def _give(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam,
    chosen: rules.Candidate,
    ticket: int,
    *,
    actor_id: uuid.UUID | None,
    details: dict[str, Any],
) -> None:
    """The strategy's choice gets the transfer: offered, when the team wants it accepted."""
    offer = team.accept_timeout_seconds
    if offer:
        details = {**details, "accept_within_seconds": offer}
    assign(
        session,
        transfer,
        chosen.user_id,
        actor_id=actor_id,
        event="offered" if offer else "assigned",
        turn=ticket,
        details=details,
        offer_seconds=offer,
    )


async def route(
    session: AsyncSession,
    transfer: Transfer,
    team: RoutingTeam | None,
    *,
    actor_id: uuid.UUID | None,
    exclude: dict[uuid.UUID, str] | None = None,
    reason: str | None = None,
    teams: dict[uuid.UUID, RoutingTeam] | None = None,
    previous: repository.Previous | None = None,
    fresh: bool = True,
) -> bool:
    """Applies the team's strategy to a waiting transfer (the team, and its fallbacks in
    `teams`, are locked by the caller). Assigns it, moves it to the fallback team when the team
    is closed and says so, or records why it waits. True when assigned. `previous`: the
    contact's previous agent, where the caller read it (see `lock_scope`). Without `fresh`, the
    candidates are read before pending writes (see `repository.candidates`)."""
    seen: set[uuid.UUID] = set()
    while team is not None:
        seen.add(team.id)
        is_open, opens_at = opening(team, clock.now())
        if is_open:
            break
        fallback = (teams or {}).get(team.fallback_team_id) if team.fallback_team_id else None
        if team.overflow_policy == "fallback" and fallback is not None and fallback.id not in seen:
            move(session, transfer, fallback, actor_id=actor_id, reason="out of hours")
            team = fallback
            continue
        history.record(
            session,
            transfer,
            "queued",
            actor_id=actor_id,
            details={
                "queue": "team",
                "reason": "out of hours",
                "opens_at": opens_at.isoformat() if opens_at else None,
            },
        )
        return False
    if team is None:
        history.record(
            session,
            transfer,
            "queued",
            actor_id=actor_id,
            details={"queue": "general", "reason": reason or "no team"},
        )
        return False
    if not team.is_active:
        history.record(
            session,
            transfer,
            "queued",
            actor_id=actor_id,
            details={"queue": "team", "reason": "team is inactive"},
        )
        return False
    candidates = await repository.candidates(session, team.id, fresh=fresh)
    decision = await _decide(session, transfer, team, candidates, exclude, previous)
    explained = decision.explain()
    if decision.chosen is None:
        explained["reason"] = (
            "manual strategy: waits to be picked"
            if team.assignment_strategy == Strategy.MANUAL
            else "no eligible agent"
        )
        history.record(session, transfer, "queued", actor_id=actor_id, details={"queue": "team", **explained})
        return False
    _give(session, transfer, team, decision.chosen, _ticket(candidates), actor_id=actor_id, details=explained)
    return True


async def drain(session: AsyncSession, team: RoutingTeam, *, actor_id: uuid.UUID | None, trigger: str) -> int:
    """Assigns the team's waiting transfers, highest priority and oldest first, while the team
    is open and someone is eligible (the team and its members are locked by the caller).
    Returns how many."""
    if not team.is_active or team.assignment_strategy not in rules.AUTO_ASSIGNING:
        return 0
    if not opening(team, clock.now())[0]:
        return 0
    candidates = await repository.candidates(session, team.id)
    assigned = 0
    unmatched: list[uuid.UUID] = []  # waiting for agents other than those eligible now
    while True:
        decision = rules.choose(team.assignment_strategy, candidates)
        if decision.chosen is None:
            return assigned  # nobody eligible is left
        transfer = await repository.next_waiting(session, team.organization_id, [team.id], unmatched)
        if transfer is None:
            return assigned
        if transfer.requires or transfer.passed_by or team.sticky_agent_hours:
            decision = await _decide(session, transfer, team, candidates)
            if decision.chosen is None:  # it needs someone else; the next one may not
                unmatched.append(transfer.id)
                continue
        assert decision.chosen is not None
        chosen, ticket, now = decision.chosen, _ticket(candidates), clock.now()
        _give(
            session,
            transfer,
            team,
            chosen,
            ticket,
            actor_id=actor_id,
            details={**decision.explain(), "trigger": trigger},
        )
        # the members are locked: what changed is known without reading it again
        candidates = [
            replace(c, active_transfers=c.active_transfers + 1, last_turn=ticket, last_assigned_at=now)
            if c is chosen
            else c
            for c in candidates
        ]
        assigned += 1


async def drain_all(
    session: AsyncSession, teams: Iterable[RoutingTeam], *, actor_id: uuid.UUID | None, trigger: str
) -> int:
    return sum([await drain(session, t, actor_id=actor_id, trigger=trigger) for t in teams])


async def drain_waiting(
    session: AsyncSession, scope: Scope, *, actor_id: uuid.UUID | None, trigger: str
) -> int:
    """Drains the teams `lock_scope` found waiting transfers in (an agent's capacity was freed)."""
    return await drain_all(
        session, [scope.teams[t] for t in sorted(scope.waiting)], actor_id=actor_id, trigger=trigger
    )


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
    where = [T.agent_id == agent_id] + ([T.team_id == team_id] if team_id is not None else [])
    transfers = await repository.locked_transfers(session, *where)
    for transfer in transfers:
        unassign(session, transfer, actor_id=actor_id, reason=reason)
    return transfers


async def agent_changed(
    session: AsyncSession,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    actor_id: uuid.UUID | None,
    keep_transfers: bool = False,
) -> tuple[int, set[uuid.UUID]]:
    """Applies changes to a user that can affect routing (availability, active, capacity), then
    keeps the queues moving: an agent who can no longer take transfers gives theirs back (and
    every team of theirs moves on without them) unless they keep them (`keep_transfers`: a busy
    agent, or one away who keeps theirs), one who can take more gets the waiting ones. Returns
    how many transfers went back to the queue, and the agent's teams."""
    leaving = changes.get("is_active") is False or (
        changes.get("is_available") is False and not keep_transfers
    )
    scope = await lock_scope(session, org_id, (), [user_id], agent_teams=user_id, waiting_only=not leaving)
    return await _agent_changed(session, scope, user_id, changes, actor_id=actor_id, leaving=leaving)


async def agent_changed_unless(
    session: AsyncSession,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    only_from: Iterable[str],
    keep_transfers: bool,
    still: Callable[[], Awaitable[bool]] | None = None,
) -> tuple[int, set[uuid.UUID], rules.Candidate] | None:
    """`agent_changed` for a change nobody asked for (an offer let lapse, a connection gone):
    applied only if, once locked, the agent is active and in one of the states `only_from` (and
    `still()`, the caller's own condition read after the lock, holds), so that whichever process
    notices first makes it, once. With the agent as they were."""
    leaving = not keep_transfers
    scope = await lock_scope(session, org_id, (), [user_id], agent_teams=user_id, waiting_only=not leaving)
    before = await repository.agent(session, org_id, user_id)
    if before is None or not before.is_active or before.state not in set(only_from):
        return None
    if still is not None and not await still():
        return None
    returned, teams = await _agent_changed(session, scope, user_id, changes, actor_id=None, leaving=leaving)
    return returned, teams, before


async def _agent_changed(
    session: AsyncSession,
    scope: Scope,
    user_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    actor_id: uuid.UUID | None,
    leaving: bool,
) -> tuple[int, set[uuid.UUID]]:
    is_active, is_available = await repository.update_agent(session, user_id, changes)
    if leaving:
        reason = "agent deactivated" if not is_active else f"agent went {changes.get('state', 'away')}"
        returned = len(await release(session, user_id, actor_id=actor_id, reason=reason))
        await drain_all(session, scope.teams.values(), actor_id=actor_id, trigger="agent_changed")
        return returned, set(scope.teams)
    if is_active and is_available:  # back, or with more room: the queues move to them
        await drain_waiting(session, scope, actor_id=actor_id, trigger="agent_changed")
    return 0, set(scope.teams)


async def team_deleted(session: AsyncSession, team: RoutingTeam, *, actor_id: uuid.UUID | None) -> int:
    """Before a team is deleted (it is locked): its transfers move to the general queue."""
    moved = await repository.locked_transfers(session, T.team_id == team.id)
    for transfer in moved:
        move(
            session,
            transfer,
            None,
            actor_id=actor_id,
            reason="team deleted",
            previous_agent_id=transfer.agent_id,
        )
    return len(moved)


async def team_stats(session: AsyncSession, team: RoutingTeam) -> dict[str, Any]:
    """Queue figures of a team, read without taking any lock."""
    now = clock.now()
    waiting = await repository.waiting_since(session, team.id)
    candidates = await repository.candidates(session, team.id, lock=False)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    waits = [(a - t).total_seconds() for t, a in await repository.first_assignments(session, team.id, day)]
    return {
        "queue_length": len(waiting),
        "oldest_wait_seconds": (now - min(waiting)).total_seconds() if waiting else None,
        "available_agents": sum(1 for c in candidates if rules.exclusion(c) is None),
        "assignments_last_hour": await assignments_since(session, team.id, now - timedelta(hours=1)),
        "median_time_to_assignment_seconds": statistics.median(waits) if waits else None,
        "is_open": opening(team, now)[0],
    }


async def assignments_since(session: AsyncSession, team_id: uuid.UUID, since: datetime) -> int:
    return await repository.assignments_since(session, team_id, since)


# timer work (rota.timers runs it, each call in a transaction of its own)


async def mark_breaches(session: AsyncSession, now: datetime) -> int:
    """Marks every SLA deadline passed and not yet marked (rows another round is marking are
    skipped); how many were marked."""
    targets = (
        (
            "first_assignment",
            T.first_assignment_due_at,
            T.first_assignment_breached_at,
            (T.first_assigned_at.is_(None),),
        ),
        ("resolution", T.resolution_due_at, T.resolution_breached_at, ()),
    )
    marked = 0
    for target, due, breached, extra in targets:
        for transfer in await repository.locked_transfers(
            session, due <= now, breached.is_(None), *extra, skip_locked=True
        ):
            mark_breached(session, transfer, target, now)
            marked += 1
    return marked


async def teams_waiting(session: AsyncSession, *, overflowing: bool) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(organization, team) of the teams with transfers waiting that may overflow (with
    `overflowing`), or else that assign by themselves and are active."""
    return await repository.teams_waiting(session, overflowing=overflowing, assigning=rules.AUTO_ASSIGNING)


async def overflow_team(session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID, now: datetime) -> int:
    """Moves the team's transfers that waited past its overflow time to its fallback (or the
    general queue); how many moved."""
    scope = await lock_scope(session, org_id, [team_id], fallbacks=True)
    team = scope.teams.get(team_id)  # None: deleted since it was listed
    if team is None or team.overflow_after_seconds is None:
        return 0
    since = now - timedelta(seconds=team.overflow_after_seconds)
    waiting = await repository.overflowing(session, team.id, since)
    fallback = scope.teams.get(team.fallback_team_id) if team.fallback_team_id else None
    for transfer in waiting:
        await overflow(session, transfer, team, fallback, now, teams=scope.teams)
    return len(waiting)


async def drain_team(session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID) -> int:
    """Assigns what waits in the team's queue while eligible agents have room; how many."""
    scope = await lock_scope(session, org_id, [team_id])
    if team_id not in scope.teams:  # deleted since it was listed
        return 0
    return await drain(session, scope.teams[team_id], actor_id=None, trigger="timer")


async def lapsed_offers(session: AsyncSession, now: datetime) -> list[tuple[Any, ...]]:
    """(organization, team, transfer, agent) of the offers not accepted in time (read without
    a lock: `lapse_offer` checks each again under its locks)."""
    return await repository.lapsed_offers(session, now)


async def lapse_offer(
    session: AsyncSession,
    org_id: uuid.UUID,
    team_id: uuid.UUID | None,
    transfer_id: uuid.UUID,
    agent_id: uuid.UUID,
    now: datetime,
) -> RoutingTeam | None:
    """The offer of this transfer to this agent lapsed: it goes to the next eligible agent of
    its team (never to them again) and their capacity is free for other work. Made once:
    whoever gets the locks second finds the offer gone. The team, when it was lapsed here."""
    scope = await lock_scope(
        session, org_id, [team_id], [agent_id], fallbacks=True, agent_teams=agent_id, waiting_only=True
    )
    transfer = await repository.lock_transfer(session, org_id, transfer_id)
    if (
        transfer is None
        or transfer.agent_id != agent_id
        or transfer.team_id != team_id
        or transfer.offer_expires_at is None
        or transfer.offer_expires_at > now
    ):
        return None  # accepted, declined, moved or ended meanwhile, or lapsed by another round
    team = scope.teams.get(team_id) if team_id else None
    pass_over(session, transfer, "offer_lapsed", actor_id=None)
    await route(session, transfer, team, actor_id=None, teams=scope.teams)
    await drain_waiting(session, scope, actor_id=None, trigger="capacity_freed")
    return team


async def skills_to_relax(
    session: AsyncSession, now: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]]:
    """(organization, team, transfer) of the waiting transfers whose team's wait for the skills
    they require has passed (read without a lock: `relax_skills` checks each again)."""
    return [
        (org, team, transfer)
        for org, team, transfer, since, seconds in await repository.requiring_skills(session)
        if since + timedelta(seconds=seconds) <= now
    ]


async def relax_skills(
    session: AsyncSession, org_id: uuid.UUID, team_id: uuid.UUID, transfer_id: uuid.UUID, now: datetime
) -> bool:
    """The transfer waited as long as its team waits for skills: any eligible agent may have it
    now (logged, once), and the team's strategy runs."""
    scope = await lock_scope(session, org_id, [team_id], fallbacks=True)
    team = scope.teams.get(team_id)
    transfer = await repository.lock_transfer(session, org_id, transfer_id)
    if team is None or team.skills_relax_after_seconds is None or transfer is None:
        return False
    waited = (now - (transfer.queued_at or transfer.transferred_at)).total_seconds()
    if (
        not transfer.waiting
        or transfer.team_id != team_id
        or not transfer.requires
        or waited < team.skills_relax_after_seconds
    ):
        return False
    transfer.skills_relaxed_at = now
    history.record(
        session,
        transfer,
        "skills_relaxed",
        actor_id=None,
        details={"required_skills": transfer.required_skills, "waited_seconds": round(waited, 1)},
    )
    await route(session, transfer, team, actor_id=None, teams=scope.teams)
    return True
