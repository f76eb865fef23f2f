"""Transfers: the bot hands a contact over; Rota queues it and gives it to the right agent."""

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.auth.principal import Principal
from rota.db import writes
from rota.errors import Conflict, Forbidden, NotFound, RetryRequest, ValidationFailed, found
from rota.routing import engine
from rota.routing.engine import Scope
from rota.routing.rules import RoutingTeam
from rota.transfers import repository
from rota.transfers.models import Status, Transfer, idempotency_keys
from rota.transfers.schemas import (
    ContactBrief,
    TransferAssign,
    TransferCreate,
    TransferOut,
)
from rota.users import service as users


def _has_active(transfer_id: uuid.UUID) -> Conflict:
    return Conflict(
        f"This contact already has an active transfer ({transfer_id}).",
        code="contact_has_active_transfer",
        details={"transfer_id": str(transfer_id)},
    )


def _not_active() -> Conflict:
    return Conflict("The transfer has already ended.", code="transfer_not_active")


def _team_inactive() -> ValidationFailed:
    return ValidationFailed(
        "That team is inactive.",
        code="team_inactive",
        errors=[{"field": "team_id", "message": "team is inactive"}],
    )


def _team_not_found() -> NotFound:
    return NotFound("No such team.", code="team_not_found")


def _not_eligible(reason: str) -> ValidationFailed:
    return ValidationFailed(
        f"That agent cannot take this transfer: {reason.replace('_', ' ')}.",
        code="agent_not_eligible",
        errors=[{"field": "agent_id", "message": reason}],
    )


async def out_many(
    session: AsyncSession,
    transfers: Sequence[Transfer],
    *,
    position: bool = False,
    teams: dict[uuid.UUID, RoutingTeam] | None = None,
    contacts: dict[uuid.UUID, Any] | None = None,
) -> list[TransferOut]:
    """The answers for these transfers: their contact in brief, whether their team is closed,
    and for a waiting one (when `position`) its place in the queue and an estimated wait.
    `teams` and `contacts`: ones at hand (the others are read, each kind in one query)."""
    now = clock.now()
    known = dict(contacts or {})
    known |= await repository.contacts(session, {t.contact_id for t in transfers} - known.keys())
    at_hand = dict(teams or {})
    missing = {t.team_id for t in transfers if t.team_id and t.status == Status.ACTIVE} - at_hand.keys()
    if missing:
        at_hand |= {t.id: t for t in await engine.teams(session, transfers[0].organization_id, missing)}
    result = []
    for transfer in transfers:
        item = TransferOut.model_validate(transfer)
        if transfer.contact_id in known:
            item.contact = ContactBrief.model_validate(known[transfer.contact_id])
        team = (
            at_hand.get(transfer.team_id) if transfer.team_id and transfer.status == Status.ACTIVE else None
        )
        is_open, opens_at = engine.opening(team, now) if team else (True, None)
        item.out_of_hours, item.opens_at = (not is_open), (None if is_open else opens_at)
        if position and transfer.waiting:
            item.queue_position, rate = await repository.queue_place(
                session, transfer, now - timedelta(hours=1)
            )
            if rate:
                wait = item.queue_position * 3600 / rate
                if opens_at and not is_open:
                    wait += (opens_at - now).total_seconds()
                item.estimated_wait_seconds = round(wait, 1)
        result.append(item)
    return result


async def out(
    session: AsyncSession, transfer: Transfer, scope: Scope | None = None, *, position: bool = False
) -> TransferOut:
    """The answer for one transfer, with the teams and contact its change already read."""
    contacts = {scope.contact.id: scope.contact} if scope and scope.contact else None
    return (
        await out_many(
            session, [transfer], position=position, teams=scope.teams if scope else None, contacts=contacts
        )
    )[0]


async def _visible(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> tuple[Transfer, str, Any]:
    """The transfer, what the caller may do with it, and its contact (404, 403 otherwise)."""
    row = found(
        await repository.get_with_access(session, principal, transfer_id),
        "No such transfer.",
        "transfer_not_found",
    )
    transfer, access, contact = row
    if access is None:
        raise Forbidden("This transfer is not yours or your teams'.", code="transfer_not_visible")
    return transfer, access, contact


async def _may_direct(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID | None, agent_id: uuid.UUID
) -> None:
    """Only admins and the team's managers choose the agent for somebody else."""
    if principal.is_admin or agent_id == principal.user_id:
        return
    roles = await repository.team_roles(session, principal.user_id)
    if team_id is None or roles.get(team_id) != "manager":
        raise Forbidden(
            "Only admins and the team's managers may assign transfers to others.", code="cannot_assign_others"
        )


async def create_transfer(
    session: AsyncSession, principal: Principal, data: TransferCreate
) -> tuple[Transfer, Scope]:
    """The new transfer, and what was locked for it (its teams and contact, for the answer)."""
    org_id = principal.organization_id
    # teams (with the fallbacks they lead to) and the contact; agents are locked as they are
    # read (the team's candidates, or the agent named), unless fallbacks may route too
    scope = await engine.lock_scope(
        session, org_id, [data.team_id], fallbacks=True, contact_id=data.contact_id, members=False
    )
    if scope.contact is None:
        raise NotFound("No such contact.", code="contact_not_found")
    if scope.contact_transfer_id is not None:
        raise _has_active(scope.contact_transfer_id)
    team = scope.teams.get(data.team_id) if data.team_id else None
    if data.team_id and team is None:
        raise _team_not_found()
    if team is not None and not team.is_active:
        raise _team_inactive()
    if data.agent_id is not None:
        await _may_direct(session, principal, data.team_id, data.agent_id)
    if len(scope.teams) > 1:
        await engine.lock_members(session, scope)
    now = clock.now()
    transfer = Transfer(
        id=uuid.uuid4(),
        organization_id=org_id,
        contact_id=data.contact_id,
        team_id=data.team_id,
        agent_id=None,
        status=Status.ACTIVE,
        notes=data.notes,
        source=data.source,
        priority=data.priority,
        created_by_id=principal.user_id,
        transferred_at=now,
        assigned_at=None,
        ended_at=None,
        updated_at=now,
        event_count=0,
        queued_at=None,
        first_assigned_at=None,
        overflowed_at=None,
        first_assignment_due_at=None,
        resolution_due_at=None,
        first_assignment_breached_at=None,
        resolution_breached_at=None,
        required_skills=data.required_skills or None,
    )
    # The transfer is decided before it is written: one INSERT, with its agent if it gets one.
    engine.create(
        session,
        transfer,
        team,
        actor_id=principal.user_id,
        details={
            "source": data.source,
            "priority": data.priority,
            **({"required_skills": transfer.required_skills} if transfer.required_skills else {}),
        },
    )
    if data.agent_id is not None:
        reason = await engine.exclusion(session, org_id, team, data.agent_id)
        if reason is not None:
            raise _not_eligible(reason)
        engine.assign(
            session, transfer, data.agent_id, actor_id=principal.user_id, details={"explicit": True}
        )
    else:
        await engine.route(
            session, transfer, team, actor_id=principal.user_id, teams=scope.teams, previous=scope.previous
        )
    try:
        await writes.flush(session)
    except IntegrityError:  # the partial unique index: a concurrent create for this contact won;
        # run again, the request finds its transfer (and says which)
        fallback = Conflict(
            "This contact already has an active transfer.", code="contact_has_active_transfer"
        )
        raise RetryRequest(fallback) from None
    return transfer, scope


def _fingerprint(data: TransferCreate) -> str:
    return hashlib.sha256(json.dumps(data.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Replay:
    """The first answer to a request sent again with its Idempotency-Key."""

    status_code: int
    data: dict[str, Any]


async def create_idempotent(
    session: AsyncSession, principal: Principal, data: TransferCreate, key: str | None
) -> TransferOut | Replay:
    """Creates the transfer; with an Idempotency-Key, a retry gets the first answer again."""
    if key is not None:
        seen = await repository.idempotency_key(session, principal.organization_id, key)
        if seen is not None:
            request_hash, status_code, response = seen
            if request_hash != _fingerprint(data):
                raise ValidationFailed(
                    "This Idempotency-Key was used with another request body.", code="idempotency_key_reused"
                )
            return Replay(status_code, response)
    transfer, scope = await create_transfer(session, principal, data)
    answer = await out(session, transfer, scope, position=True)
    if key is not None:
        try:
            await session.execute(
                insert(idempotency_keys).values(
                    organization_id=principal.organization_id,
                    key=key,
                    request_hash=_fingerprint(data),
                    status_code=201,
                    response={"transfer": answer.model_dump(mode="json")},
                    created_at=clock.now(),
                )
            )
        except IntegrityError:
            raise Conflict(
                "A request with this Idempotency-Key is in progress; retry it.", code="idempotency_key_in_use"
            ) from None
    return answer


async def list_transfers(
    session: AsyncSession,
    principal: Principal,
    *,
    status: str | None,
    team_id: uuid.UUID | None,
    general: bool | None,
    agent_id: uuid.UUID | None,
    mine: bool,
    assigned: bool | None,
    sla_breached: bool | None = None,
    offered: bool | None = None,
    min_priority: int | None = None,
    text: str | None = None,
    sort: str | None = None,
    contact_id: uuid.UUID | None = None,
    offset: int,
    limit: int,
) -> dict[str, Any]:
    """A page of the transfers the caller may see, filtered, in `sort` order (by default: queue
    order for active ones, newest first otherwise)."""
    criteria = {
        "status": status,
        "team_id": team_id,
        "general": general,
        "agent_id": agent_id,
        "contact_id": contact_id,
        "mine": True if mine else None,
        "assigned": assigned,
        "offered": offered,
        "sla_breached": sla_breached,
        "min_priority": min_priority,
        "text": text.strip() or None if text else None,
    }
    sort = sort or ("queue" if status == Status.ACTIVE else "newest")
    transfers, contacts, total = await repository.search(
        session, principal, criteria, sort=sort, offset=offset, limit=limit
    )
    general_count, team_counts = await queue_counts(
        session, principal.organization_id, None if principal.is_admin else principal.user_id
    )
    return {
        "transfers": await out_many(session, transfers, contacts=contacts),
        "general_queue_count": general_count,
        "team_queue_counts": {str(t): c for t, c in team_counts.items()},
        "total_count": total,
    }


async def get_transfer(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> TransferOut:
    transfer, _, contact = await _visible(session, principal, transfer_id)
    return await out(session, transfer, Scope(contact=contact), position=True)


async def transfer_events(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> list[Any]:
    transfer, _, _ = await _visible(session, principal, transfer_id)
    return await repository.events(session, transfer.id)


def _ensure_room(room: engine.Room) -> None:
    """Taking work oneself (pick, take) needs only room under one's capacity: availability
    and the team role only decide what is given to people automatically."""
    if not room.left:
        raise Conflict("You are at your capacity of active transfers.", code="at_capacity")


async def pick(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID | None
) -> tuple[Transfer, Scope] | None:
    """The caller takes the highest-priority, oldest waiting transfer of their queues (their
    teams' and the general queue), or of one team's: the transfer, and its team and contact."""
    room = await engine.room(session, principal.user_id)  # locks the caller
    refused = users.pick_refusal(principal, busy_may_pick=room.busy_may_pick, absent=room.absent)
    if refused is not None:
        raise Forbidden(
            {
                "agent_busy": "You are busy: your organization lets busy agents pick no new work.",
                "agent_absent": "You are in an absence: end it to pick work.",
            }.get(refused, f"You are {principal.state}: set yourself available to pick work."),
            code=refused,
        )
    _ensure_room(room)
    claimed = await engine.claim_next(session, principal, team_id)
    if claimed is None:
        if team_id is not None:  # nothing to take, or nothing the caller may take
            roles = await repository.team_roles(session, principal.user_id)
            if await engine.team(session, principal.organization_id, team_id) is None:
                raise _team_not_found()
            if team_id not in roles and not principal.is_admin:
                raise Forbidden("You are not a member of this team.", code="not_team_member")
        return None
    transfer, scope = claimed
    engine.assign(
        session,
        transfer,
        principal.user_id,
        actor_id=principal.user_id,
        event="picked",
        details={"queue": "general" if transfer.team_id is None else "team"},
    )
    return transfer, scope


async def _lock(
    session: AsyncSession,
    principal: Principal,
    transfer: Transfer,
    team_ids: set[uuid.UUID | None],
    user_ids: set[uuid.UUID | None],
    *,
    fallbacks: bool = False,
) -> tuple[Transfer, Scope]:
    """Locks the teams where the change routes and the agents it gives work to (and the teams of
    the transfer's agent, whose queues may move when the agent's capacity frees), then the
    transfer itself, and checks that it did not move since it was read: the transfer as
    locked, and the scope."""
    # the transfer's own agent is not locked: a change can only free their capacity, and
    # every team of theirs is locked (whoever routes to them there waits for this change)
    scope = await engine.lock_scope(
        session,
        principal.organization_id,
        team_ids,
        user_ids,
        fallbacks=fallbacks,
        agent_teams=transfer.agent_id,
        waiting_only=True,
    )
    locked = await engine.lock_transfer(session, principal.organization_id, transfer.id)
    if locked is None or (locked.team_id, locked.agent_id, locked.status) != (
        transfer.team_id,
        transfer.agent_id,
        transfer.status,
    ):
        raise Conflict(
            "The transfer changed while you were changing it; read it and retry.", code="transfer_changed"
        )
    return locked, scope


async def assign(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID, data: TransferAssign
) -> tuple[Transfer, Scope]:
    fields = data.model_fields_set
    if not fields:
        raise ValidationFailed(
            "Send agent_id, team_id or both.",
            code="validation_error",
            errors=[{"field": "body", "message": "agent_id or team_id required"}],
        )
    transfer, access, contact = await _visible(session, principal, transfer_id)
    if transfer.status != Status.ACTIVE:
        raise _not_active()
    moving = "team_id" in fields and data.team_id != transfer.team_id
    taking = fields == {"agent_id"} and data.agent_id == principal.user_id and transfer.agent_id is None
    new_team_id = data.team_id if moving else transfer.team_id
    routing = data.agent_id is None  # the team's strategy (or the general queue) decides
    transfer, scope = await _lock(
        session, principal, transfer, {new_team_id, transfer.team_id}, {data.agent_id}, fallbacks=routing
    )
    team = scope.teams.get(new_team_id) if new_team_id else None
    if moving and data.team_id is not None:
        if team is None:
            raise _team_not_found()
        if not team.is_active:
            raise _team_inactive()
    if access != "manage" and not taking:
        raise Forbidden(
            "Agents may take waiting transfers for themselves, not reassign them.",
            code="cannot_assign_others",
        )
    previous = transfer.agent_id
    actor = principal.user_id
    if moving:
        engine.move(session, transfer, team, actor_id=actor, reason="moved", previous_agent_id=previous)
    if data.agent_id is not None:
        if taking:
            _ensure_room(await engine.room(session, principal.user_id))  # locks the caller
        elif data.agent_id != transfer.agent_id:
            reason = await engine.exclusion(session, principal.organization_id, team, data.agent_id)
            if reason is not None:
                raise _not_eligible(reason)
        if data.agent_id != transfer.agent_id:
            engine.assign(
                session,
                transfer,
                data.agent_id,
                actor_id=actor,
                event="picked" if taking else "assigned",
                details={"explicit": True, "previous_agent_id": str(previous) if previous else None},
            )
    elif moving:
        await engine.route(
            session, transfer, team, actor_id=actor, teams=scope.teams, reason="moved to the general queue"
        )
    elif "agent_id" in fields and previous is not None:  # agent_id: null -> back to its queue
        engine.unassign(session, transfer, actor_id=actor, reason="unassigned")
        await engine.route(
            session,
            transfer,
            team,
            actor_id=actor,
            teams=scope.teams,
            exclude={previous: "just_unassigned"},
            reason="unassigned",
            fresh=False,  # the pending unassignment changes only the load of the agent excluded
        )
    if previous is not None and previous != transfer.agent_id:
        await engine.drain_waiting(session, scope, actor_id=actor, trigger="capacity_freed")
    scope.contact = contact
    return transfer, scope


async def end(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID, status: str
) -> tuple[Transfer, Scope]:
    """resumed (handed back to the bot) or closed (finished by the agent)."""
    transfer, access, contact = await _visible(session, principal, transfer_id)
    if access not in ("manage", "own"):
        raise Forbidden(
            "Only its agent, the team's managers and admins may end a transfer.", code="not_your_transfer"
        )
    if transfer.status != Status.ACTIVE:
        raise _not_active()
    transfer, scope = await _lock(session, principal, transfer, set(), set())
    engine.end(session, transfer, status, actor_id=principal.user_id)
    if transfer.agent_id is not None:
        await engine.drain_waiting(session, scope, actor_id=principal.user_id, trigger="capacity_freed")
    scope.contact = contact
    return transfer, scope


async def candidates(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> list[dict[str, Any]]:
    """Who the transfer could be assigned to now (those who manage it ask: admins, its team's
    managers), eligible first, with why the others may not have it."""
    transfer, access, _ = await _visible(session, principal, transfer_id)
    if access != "manage":
        raise Forbidden(
            "Only admins and the team's managers assign transfers to others.", code="cannot_assign_others"
        )
    team = (
        await engine.team(session, principal.organization_id, transfer.team_id) if transfer.team_id else None
    )
    found = await engine.who_may_take(session, principal.organization_id, team)
    return [
        {
            "user_id": c.user_id,
            "full_name": c.full_name,
            "state": "away" if c.absent else c.state,
            "active_transfers": c.active_transfers,
            "capacity": c.capacity,
            "eligible": why is None,
            "excluded_because": why,
            "current": c.user_id == transfer.agent_id,
        }
        for c, why in sorted(found, key=lambda pair: (pair[1] is not None, pair[0].full_name))
    ]


def _offered_to(transfer: Transfer, principal: Principal) -> None:
    if transfer.status != Status.ACTIVE or not transfer.offered or transfer.agent_id != principal.user_id:
        raise Conflict("This transfer is not offered to you.", code="not_offered")


async def accept(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> tuple[Transfer, Scope]:
    """The agent accepts the transfer offered to them, before the offer lapses."""
    transfer, _, contact = await _visible(session, principal, transfer_id)
    _offered_to(transfer, principal)
    locked = await engine.lock_transfer(session, principal.organization_id, transfer.id)  # the one lock
    assert locked is not None  # transfers are never deleted while their organization lives
    _offered_to(locked, principal)
    assert locked.offer_expires_at is not None
    if locked.offer_expires_at <= clock.now():
        raise Conflict("The offer lapsed: the transfer goes to the next agent.", code="offer_expired")
    engine.accept(session, locked, actor_id=principal.user_id)
    return locked, Scope(contact=contact)


async def decline(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID
) -> tuple[Transfer, Scope]:
    """The agent declines the transfer offered to them: the next eligible agent of its team gets
    it (never they again), and their capacity is free for other work."""
    transfer, _, contact = await _visible(session, principal, transfer_id)
    _offered_to(transfer, principal)
    transfer, scope = await _lock(session, principal, transfer, {transfer.team_id}, set(), fallbacks=True)
    _offered_to(transfer, principal)
    team = scope.teams.get(transfer.team_id) if transfer.team_id else None
    engine.pass_over(session, transfer, "declined", actor_id=principal.user_id)
    await engine.route(session, transfer, team, actor_id=principal.user_id, teams=scope.teams)
    await engine.drain_waiting(session, scope, actor_id=principal.user_id, trigger="capacity_freed")
    scope.contact = contact
    return transfer, scope


async def queue_counts(
    session: AsyncSession, org_id: uuid.UUID, member_id: uuid.UUID | None
) -> tuple[int, dict[uuid.UUID, int]]:
    """Waiting transfers in the general queue and in each team queue (with member_id, of that
    member's teams only)."""
    return await repository.queue_counts(session, org_id, member_id)


async def waiting_by_queue(session: AsyncSession) -> dict[uuid.UUID | None, int]:
    """Waiting transfers of every organization by team (None: the general queues): operators'."""
    return await repository.waiting_by_queue(session)


async def team_roles(session: AsyncSession, user_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """The user's role in each of their teams (what they may see of transfers depends on it)."""
    return await repository.team_roles(session, user_id)
