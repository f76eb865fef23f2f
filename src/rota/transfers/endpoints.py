import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response

from rota.auth.dependencies import CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.schemas import Envelope, PagingQuery, answer, errors, ok
from rota.transfers import service
from rota.transfers.schemas import (
    Candidates,
    Status,
    TransferAssign,
    TransferCreate,
    TransferData,
    TransferEventOut,
    TransferEvents,
    TransferList,
)

router = APIRouter(route_class=TransactionalRoute, tags=["transfers"])
Sort = Literal["queue", "newest", "oldest", "priority", "updated"]


@router.post(
    "/api/chatbot/transfers",
    status_code=201,
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Hand a contact over: to a team (its strategy runs), an agent, or the general queue",
)
async def create_transfer(
    body: TransferCreate,
    principal: CurrentPrincipal,
    session: Session,
    idempotency_key: Annotated[
        str | None,
        Header(
            min_length=1,
            max_length=200,
            description="Retries with the same key and body get the first answer again",
        ),
    ] = None,
) -> Response:
    created = await service.create_idempotent(session, principal, body, idempotency_key)
    if isinstance(created, service.Replay):  # the first answer, again
        return JSONResponse(ok(created.data), status_code=created.status_code)
    return answer(TransferData(transfer=created), 201)


@router.get(
    "/api/chatbot/transfers",
    response_model=Envelope[TransferList],
    responses=errors(401, 422),
    summary="List transfers with the queue counts",
)
async def list_transfers(
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    status: Status | None = None,
    team_id: uuid.UUID | None = None,
    general: Annotated[bool | None, Query(description="Only the general queue (no team)")] = None,
    agent_id: uuid.UUID | None = None,
    contact_id: Annotated[uuid.UUID | None, Query(description="Only this contact's transfers")] = None,
    mine: Annotated[bool, Query(description="Only the caller's own")] = False,
    assigned: Annotated[bool | None, Query(description="Only assigned (true) or waiting (false)")] = None,
    sla_breached: Annotated[
        bool | None, Query(description="Only those that breached an SLA target (true) or not")
    ] = None,
    offered: Annotated[
        bool | None, Query(description="Only those offered to their agent, not yet accepted (true), or not")
    ] = None,
    min_priority: Annotated[
        int | None, Query(ge=0, le=100, description="Only this priority or higher")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200, description="Text in the notes or the contact's name, email, phone or external id"
        ),
    ] = None,
    sort: Annotated[
        Sort | None,
        Query(
            description="queue (priority, then longest waiting; the default for active), newest (the "
            "default otherwise), oldest, priority, updated"
        ),
    ] = None,
) -> Response:
    result = await service.list_transfers(
        session,
        principal,
        status=status,
        team_id=team_id,
        general=general,
        agent_id=agent_id,
        mine=mine,
        assigned=assigned,
        sla_breached=sla_breached,
        offered=offered,
        min_priority=min_priority,
        text=q,
        sort=sort,
        contact_id=contact_id,
        offset=paging.offset,
        limit=paging.limit,
    )
    return answer(TransferList(**result, page=paging.page, limit=paging.limit))


@router.post(
    "/api/chatbot/transfers/pick",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Take the highest-priority, oldest waiting transfer of your queues (null: none)",
)
async def pick_transfer(
    principal: CurrentPrincipal, session: Session, team_id: uuid.UUID | None = None
) -> Response:
    picked = await service.pick(session, principal, team_id)
    return answer(TransferData(transfer=await service.out(session, *picked) if picked else None))


@router.get(
    "/api/chatbot/transfers/{transfer_id}",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 422),
    summary="One transfer, with its queue position while it waits",
)
async def get_transfer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> Response:
    return answer(TransferData(transfer=await service.get_transfer(session, principal, transfer_id)))


@router.get(
    "/api/chatbot/transfers/{transfer_id}/events",
    response_model=Envelope[TransferEvents],
    responses=errors(401, 403, 404, 422),
    summary="The transfer's history, with every routing decision explained",
)
async def transfer_events(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    events = await service.transfer_events(session, principal, transfer_id)
    return ok({"events": [TransferEventOut.model_validate(e) for e in events]})


@router.get(
    "/api/chatbot/transfers/{transfer_id}/candidates",
    response_model=Envelope[Candidates],
    responses=errors(401, 403, 404, 422),
    summary="Who it could be assigned to now, eligible first (admins and the team's managers)",
)
async def transfer_candidates(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"candidates": await service.candidates(session, principal, transfer_id)})


@router.put(
    "/api/chatbot/transfers/{transfer_id}/assign",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Assign to an agent, unassign (agent_id null), or move to a team",
)
async def assign_transfer(
    transfer_id: uuid.UUID, body: TransferAssign, principal: CurrentPrincipal, session: Session
) -> Response:
    transfer, scope = await service.assign(session, principal, transfer_id, body)
    return answer(TransferData(transfer=await service.out(session, transfer, scope, position=True)))


async def _end(
    transfer_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: Session,
    status: Status,
) -> Response:
    transfer, scope = await service.end(session, principal, transfer_id, status)
    return answer(TransferData(transfer=await service.out(session, transfer, scope)))


@router.put(
    "/api/chatbot/transfers/{transfer_id}/resume",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Hand the contact back to the bot",
)
async def resume_transfer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> Response:
    return await _end(transfer_id, principal, session, Status.RESUMED)


@router.put(
    "/api/chatbot/transfers/{transfer_id}/close",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Finish the transfer",
)
async def close_transfer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> Response:
    return await _end(transfer_id, principal, session, Status.CLOSED)


@router.put(
    "/api/chatbot/transfers/{transfer_id}/accept",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Accept the transfer offered to you (its team has an accept timeout)",
)
async def accept_offer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> Response:
    transfer, scope = await service.accept(session, principal, transfer_id)
    return answer(TransferData(transfer=await service.out(session, transfer, scope)))


@router.put(
    "/api/chatbot/transfers/{transfer_id}/decline",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Decline the transfer offered to you: the next eligible agent of its team gets it",
)
async def decline_offer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> Response:
    transfer, scope = await service.decline(session, principal, transfer_id)
    return answer(TransferData(transfer=await service.out(session, transfer, scope, position=True)))
