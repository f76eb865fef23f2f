"""Transfers: the bot hands a contact over; Rota queues it and gives it to the right agent."""

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.principal import Principal
from rota.contacts import repository as contacts_repository
from rota.contacts import service as contacts
from rota.contacts.models import Contact
from rota.db.base import utcnow
from rota.db.engine import flush_or
from rota.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rota.routing import engine
from rota.schemas import ok
from rota.teams import service as teams
from rota.teams.models import Team
from rota.transfers import log, repository
from rota.transfers.models import IdempotencyKey, Transfer, TransferEvent
from rota.transfers.schemas import (
    ContactBrief,
    TransferAssign,
    TransferCreate,
    TransferOut,
)


def _has_active() -> Conflict:
    return Conflict("This contact already has an active transfer.", code="contact_has_active_transfer")


def _not_active() -> Conflict:
    return Conflict("The transfer has already ended.", code="transfer_not_active")


def _team_inactive() -> ValidationFailed:
    return ValidationFailed("That team is inactive.", code="team_inactive",
                            errors=[{"field": "team_id", "message": "team is inactive"}])


def _not_eligible(reason: str) -> ValidationFailed:
    return ValidationFailed(f"That agent cannot take this transfer: {reason.replace('_', ' ')}.",
                            code="agent_not_eligible",
                            errors=[{"field": "agent_id", "message": reason}])


async def out(session: AsyncSession, transfer: Transfer, *, position: bool = False,
              teams: dict[uuid.UUID, Team] | None = None, contact: Contact | None = None) -> TransferOut:
    return (await out_many(session, [transfer], position=position, teams=teams,
                           contacts=[contact] if contact else []))[0]


async def out_many(session: AsyncSession, transfers: list[Transfer], *, position: bool = False,
                   teams: dict[uuid.UUID, Team] | None = None,
                   contacts: Sequence[Contact] = ()) -> list[TransferOut]:
    """The answers for these transfers: their contact in brief, whether their team is closed,
    and for a waiting one (when `position`) its place in the queue and an estimated wait.
    `teams` and `contacts`: ones at hand (the others are read, the contacts in one query)."""
    now = utcnow()
    known = {c.id: c for c in contacts}
    known |= {c.id: c for c in await contacts_repository.by_ids(
        session, {t.contact_id for t in transfers} - known.keys())}
    team_ids = {t.team_id for t in transfers if t.team_id and t.status == "active"}
    opening = {}
    for team_id in team_ids:
        team = (teams or {}).get(team_id) or await session.get(Team, team_id)
        opening[team_id] = await engine.opening(session, team, now) if team else (True, None)
    result = []
    for transfer in transfers:
        item = TransferOut.model_validate(transfer)
        if transfer.contact_id in known:
            item.contact = ContactBrief.model_validate(known[transfer.contact_id])
        is_open, opens_at = opening.get(transfer.team_id, (True, None))  # type: ignore[arg-type]
        item.out_of_hours, item.opens_at = (not is_open), (None if is_open else opens_at)
        if position and transfer.status == "active" and transfer.agent_id is None:
            item.queue_position = await repository.queue_position(session, transfer)
            if transfer.team_id is not None:
                hour_ago = now - timedelta(hours=1)
                rate = await engine.assignments_since(session, transfer.team_id, hour_ago)
                if rate:
                    wait = item.queue_position * 3600 / rate
                    if opens_at and not is_open:
                        wait += (opens_at - now).total_seconds()
                    item.estimated_wait_seconds = round(wait, 1)
        result.append(item)
    return result


async def _access(session: AsyncSession, principal: Principal, transfer: Transfer) -> str | None:
    """manage (admins, the team's managers), own (its agent), queue (it waits in a queue the
    caller serves), or None."""
    if principal.is_admin:
        return "manage"
    roles = await repository.team_roles(session, principal.user_id)
    if transfer.team_id is not None and roles.get(transfer.team_id) == "manager":
        return "manage"
    if transfer.agent_id == principal.user_id:
        return "own"
    waiting = transfer.status == "active" and transfer.agent_id is None
    if waiting and (transfer.team_id is None or transfer.team_id in roles):
        return "queue"
    return None


async def _visible(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> tuple[Transfer, str]:
    transfer = await repository.get(session, principal.organization_id, transfer_id)
    if transfer is None:
        raise NotFound("No such transfer.", code="transfer_not_found")
    access = await _access(session, principal, transfer)
    if access is None:
        raise Forbidden("This transfer is not yours or your teams'.", code="transfer_not_visible")
    return transfer, access


async def _may_direct(session: AsyncSession, principal: Principal, team_id: uuid.UUID | None, agent_id: uuid.UUID) -> None:
    """Only admins and the team's managers choose the agent for somebody else."""
    if principal.is_admin or agent_id == principal.user_id:
        return
    roles = await repository.team_roles(session, principal.user_id)
    if team_id is None or roles.get(team_id) != "manager":
        raise Forbidden("Only admins and the team's managers may assign transfers to others.",
                        code="cannot_assign_others")


async def create_transfer(
    session: AsyncSession, principal: Principal, data: TransferCreate
) -> tuple[Transfer, dict[uuid.UUID, Team], Contact]:
    """The new transfer, and the teams it locked and its contact (on their way to the answer)."""
    org_id = principal.organization_id
    contact = await contacts.get_contact(session, principal, data.contact_id)
    team = await teams.get_in_org(session, principal, data.team_id) if data.team_id else None
    if team is not None and not team.is_active:
        raise _team_inactive()
    if data.agent_id is not None:
        await _may_direct(session, principal, data.team_id, data.agent_id)
    chain = await engine.fallback_chain(session, team.id) if team and team.fallback_team_id else []
    locked = {t.id: t for t in await engine.lock_scope(
        session, org_id, [data.team_id, *chain], [data.agent_id])}
    team = locked.get(data.team_id) if data.team_id else None
    transfer = Transfer(
        id=uuid.uuid4(), organization_id=org_id, contact_id=contact.id, team_id=data.team_id,
        status="active", notes=data.notes, source=data.source, priority=data.priority,
        created_by_id=principal.user_id, transferred_at=utcnow(), event_count=0,
    )
    session.add(transfer)
    # The transfer is decided before it is written: one INSERT, with its agent if it gets one.
    # A second active transfer for the contact is refused then by the partial unique index.
    try:
        with session.no_autoflush:
            await engine.enter_queue(session, transfer, team)
            log.record(session, transfer, "created", actor_id=principal.user_id,
                       details={"source": data.source, "priority": data.priority})
            if data.agent_id is not None:
                reason = await engine.exclusion(session, org_id, team, data.agent_id)
                if reason is not None:
                    raise _not_eligible(reason)
                await engine.assign(session, transfer, data.agent_id, actor_id=principal.user_id,
                                    details={"explicit": True})
            else:
                await engine.route(session, transfer, team, actor_id=principal.user_id, teams=locked)
        await session.flush()
    except IntegrityError:  # a concurrent create for this contact won
        raise _has_active() from None
    return transfer, locked, contact


def _fingerprint(data: TransferCreate) -> str:
    return hashlib.sha256(json.dumps(data.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


async def create_idempotent(
    session: AsyncSession, principal: Principal, data: TransferCreate, key: str | None
) -> tuple[int, dict[str, Any]]:
    """Creates the transfer; with an Idempotency-Key, a retry gets the first answer again."""
    if key is not None:
        seen = await repository.idempotency_key(session, principal.organization_id, key)
        if seen is not None:
            if seen.request_hash != _fingerprint(data):
                raise ValidationFailed("This Idempotency-Key was used with another request body.",
                                       code="idempotency_key_reused")
            return seen.status_code, seen.response
    transfer, locked, contact = await create_transfer(session, principal, data)
    answer = await out(session, transfer, position=True, teams=locked, contact=contact)
    body = ok({"transfer": answer.model_dump(mode="json")})
    if key is not None:
        session.add(IdempotencyKey(organization_id=principal.organization_id, key=key,
                                   request_hash=_fingerprint(data), status_code=201, response=body))
        await flush_or(session, Conflict("A request with this Idempotency-Key is in progress; "
                                         "retry it.", code="idempotency_key_in_use"))
    return 201, body


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
    offset: int,
    limit: int,
) -> dict[str, Any]:
    roles = {} if principal.is_admin else await repository.team_roles(session, principal.user_id)
    visibility = repository.visible_to(None if principal.is_admin else principal.user_id, roles)
    filters: list[ColumnElement[bool]] = []
    if status is not None:
        filters.append(Transfer.status == status)
    if team_id is not None:
        filters.append(Transfer.team_id == team_id)
    if general is not None:
        filters.append(Transfer.team_id.is_(None) if general else Transfer.team_id.is_not(None))
    if agent_id is not None:
        filters.append(Transfer.agent_id == agent_id)
    if mine:
        filters.append(Transfer.agent_id == principal.user_id)
    if assigned is not None:
        filters.append(Transfer.agent_id.is_not(None) if assigned else Transfer.agent_id.is_(None))
    if sla_breached is not None:
        breached = (Transfer.first_assignment_breached_at.is_not(None)) | (Transfer.resolution_breached_at.is_not(None))
        filters.append(breached if sla_breached else ~breached)
    transfers, total = await repository.search(
        session, principal.organization_id, visibility, filters,
        queue_order=status == "active", offset=offset, limit=limit,
    )
    general_count, team_counts = await repository.queue_counts(
        session, principal.organization_id, None if principal.is_admin else list(roles)
    )
    return {
        "transfers": await out_many(session, transfers),
        "general_queue_count": general_count,
        "team_queue_counts": {str(t): c for t, c in team_counts.items()},
        "total_count": total,
    }


async def get_transfer(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> TransferOut:
    transfer, _ = await _visible(session, principal, transfer_id)
    return await out(session, transfer, position=True)


async def transfer_events(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID) -> list[TransferEvent]:
    transfer, _ = await _visible(session, principal, transfer_id)
    return await repository.events(session, transfer.id)


async def _ensure_room(session: AsyncSession, principal: Principal) -> None:
    """Taking work oneself (pick, take) needs only room under one's capacity: availability
    and the team role only decide what is given to people automatically."""
    capacity = await engine.capacity(session, principal.user)
    if capacity is not None and await engine.active_count(session, principal.user_id) >= capacity:
        raise Conflict("You are at your capacity of active transfers.", code="at_capacity")


async def pick(session: AsyncSession, principal: Principal, team_id: uuid.UUID | None) -> Transfer | None:
    """The caller takes the highest-priority, oldest waiting transfer of their queues."""
    roles = await repository.team_roles(session, principal.user_id)
    if team_id is not None:
        await teams.get_in_org(session, principal, team_id)
        if team_id not in roles and not principal.is_admin:
            raise Forbidden("You are not a member of this team.", code="not_team_member")
        queues: list[uuid.UUID | None] = [team_id]
    else:
        queues = [*roles, None]
    await engine.lock_scope(session, principal.organization_id, (), [principal.user_id])
    await _ensure_room(session, principal)
    transfer = await engine.claim_next(session, principal.organization_id, queues)
    if transfer is None:
        return None
    await engine.assign(session, transfer, principal.user_id, actor_id=principal.user_id,
                        event="picked",
                        details={"queue": "general" if transfer.team_id is None else "team"})
    return transfer


async def _lock(
    session: AsyncSession,
    principal: Principal,
    transfer: Transfer,
    team_ids: set[uuid.UUID | None],
    user_ids: set[uuid.UUID | None],
) -> list[Team]:
    """Locks the teams and agents a change touches (plus the teams of the transfer's agent,
    whose queues may move when the agent's capacity frees), then the transfer itself."""
    before = (transfer.team_id, transfer.agent_id, transfer.status)
    if transfer.agent_id is not None:
        team_ids |= await engine.teams_of_agent(session, transfer.agent_id)
    locked = await engine.lock_scope(session, principal.organization_id,
                                     team_ids | {transfer.team_id}, user_ids | {transfer.agent_id})
    await engine.lock_transfer(session, principal.organization_id, transfer.id)
    if (transfer.team_id, transfer.agent_id, transfer.status) != before:
        raise Conflict("The transfer changed while you were changing it; read it and retry.",
                       code="transfer_changed")
    return locked


async def assign(
    session: AsyncSession, principal: Principal, transfer_id: uuid.UUID, data: TransferAssign
) -> Transfer:
    fields = data.model_fields_set
    if not fields:
        raise ValidationFailed("Send agent_id, team_id or both.", code="validation_error",
                               errors=[{"field": "body", "message": "agent_id or team_id required"}])
    transfer, access = await _visible(session, principal, transfer_id)
    if transfer.status != "active":
        raise _not_active()
    moving = "team_id" in fields and data.team_id != transfer.team_id
    target = await teams.get_in_org(session, principal, data.team_id) if moving and data.team_id else None
    if target is not None and not target.is_active:
        raise _team_inactive()
    taking = (fields == {"agent_id"} and data.agent_id == principal.user_id
              and transfer.agent_id is None)
    if access != "manage" and not taking:
        raise Forbidden("Agents may take waiting transfers for themselves, not reassign them.",
                        code="cannot_assign_others")
    new_team_id = data.team_id if moving else transfer.team_id
    chain = await engine.fallback_chain(session, new_team_id) if new_team_id else []
    locked = await _lock(session, principal, transfer, {new_team_id, *chain}, {data.agent_id})
    by_id = {t.id: t for t in locked}
    previous = transfer.agent_id
    actor = principal.user_id
    team = by_id.get(new_team_id) if new_team_id else None
    if moving:
        await engine.move(session, transfer, team, actor_id=actor, reason="moved",
                          previous_agent_id=previous)
    if data.agent_id is not None:
        if taking:
            await _ensure_room(session, principal)
        elif data.agent_id != transfer.agent_id:
            reason = await engine.exclusion(session, principal.organization_id, team, data.agent_id)
            if reason is not None:
                raise _not_eligible(reason)
        if data.agent_id != transfer.agent_id:
            await engine.assign(session, transfer, data.agent_id, actor_id=actor,
                                event="picked" if taking else "assigned",
                                details={"explicit": True, "previous_agent_id":
                                         str(previous) if previous else None})
    elif moving:
        await engine.route(session, transfer, team, actor_id=actor, teams=by_id,
                           reason="moved to the general queue")
    elif "agent_id" in fields and transfer.agent_id is not None:  # agent_id: null -> back to its queue
        transfer.agent_id, transfer.assigned_at, transfer.queued_at = None, None, utcnow()
        log.record(session, transfer, "unassigned", actor_id=actor,
                   details={"reason": "unassigned", "previous_agent_id": str(previous)})
        await engine.route(session, transfer, team, actor_id=actor, teams=by_id,
                           exclude={previous: "just_unassigned"}, reason="unassigned")
    if previous is not None and previous != transfer.agent_id:
        await _drain_for(session, previous, by_id, actor)
    await session.flush()
    return transfer


async def _drain_for(session: AsyncSession, agent_id: uuid.UUID, locked: dict[uuid.UUID, Team], actor: uuid.UUID) -> None:
    """The agent has room again: their (already locked) teams' queues move."""
    team_ids = await engine.teams_of_agent(session, agent_id)
    await engine.drain_all(session, [locked[t] for t in sorted(team_ids) if t in locked],
                           actor_id=actor, trigger="capacity_freed")


async def end(session: AsyncSession, principal: Principal, transfer_id: uuid.UUID, status: str) -> Transfer:
    """resumed (handed back to the bot) or closed (finished by the agent)."""
    transfer, access = await _visible(session, principal, transfer_id)
    if access not in ("manage", "own"):
        raise Forbidden("Only its agent, the team's managers and admins may end a transfer.",
                        code="not_your_transfer")
    if transfer.status != "active":
        raise _not_active()
    locked = await _lock(session, principal, transfer, set(), set())
    transfer.status = status
    transfer.ended_at = utcnow()
    log.record(session, transfer, status, actor_id=principal.user_id)
    await session.flush()
    if transfer.agent_id is not None:
        await _drain_for(session, transfer.agent_id, {t.id: t for t in locked}, principal.user_id)
    return transfer
