import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse

from rota.auth.principal import CurrentPrincipal, Session
from rota.db.engine import TransactionalRoute
from rota.schemas import Envelope, Paging, errors, ok
from rota.transfers import service
from rota.transfers.schemas import (
    Status, TransferAssign, TransferCreate, TransferData, TransferEventOut, TransferEvents,
    TransferList,
)

router = APIRouter(route_class=TransactionalRoute, tags=["transfers"])


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
    idempotency_key: Annotated[str | None, Header(
        min_length=1, max_length=200,
        description="Retries with the same key and body get the first answer again")] = None,
) -> JSONResponse:
    status, answer = await service.create_idempotent(session, principal, body, idempotency_key)
    return JSONResponse(answer, status_code=status)


@router.get(
    "/api/chatbot/transfers",
    response_model=Envelope[TransferList],
    responses=errors(401, 422),
    summary="List transfers with the queue counts",
)
async def list_transfers(
    principal: CurrentPrincipal,
    session: Session,
    paging: Annotated[Paging, Depends()],
    status: Status | None = None,
    team_id: uuid.UUID | None = None,
    general: Annotated[bool | None, Query(description="Only the general queue (no team)")] = None,
    agent_id: uuid.UUID | None = None,
    mine: Annotated[bool, Query(description="Only the caller's own")] = False,
    assigned: Annotated[bool | None, Query(description="Only assigned (true) or waiting (false)")] = None,
    sla_breached: Annotated[bool | None, Query(description="Only those that breached an SLA target (true) or not")] = None,
) -> dict:
    result = await service.list_transfers(
        session, principal, status=status, team_id=team_id, general=general, agent_id=agent_id,
        mine=mine, assigned=assigned, sla_breached=sla_breached, offset=paging.offset,
        limit=paging.limit,
    )
    return ok({**result, "page": paging.page, "limit": paging.limit})


@router.post(
    "/api/chatbot/transfers/pick",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Take the highest-priority, oldest waiting transfer of your queues (null: none)",
)
async def pick(principal: CurrentPrincipal, session: Session, team_id: uuid.UUID | None = None) -> dict:
    transfer = await service.pick(session, principal, team_id)
    return ok({"transfer": await service.out(session, transfer) if transfer else None})


@router.get(
    "/api/chatbot/transfers/{transfer_id}",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 422),
    summary="One transfer, with its queue position while it waits",
)
async def get_transfer(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"transfer": await service.get_transfer(session, principal, transfer_id)})


@router.get(
    "/api/chatbot/transfers/{transfer_id}/events",
    response_model=Envelope[TransferEvents],
    responses=errors(401, 403, 404, 422),
    summary="The transfer's history, with every routing decision explained",
)
async def transfer_events(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    events = await service.transfer_events(session, principal, transfer_id)
    return ok({"events": [TransferEventOut.model_validate(e) for e in events]})


@router.put(
    "/api/chatbot/transfers/{transfer_id}/assign",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Assign to an agent, unassign (agent_id null), or move to a team",
)
async def assign(
    transfer_id: uuid.UUID, body: TransferAssign, principal: CurrentPrincipal, session: Session
) -> dict:
    transfer = await service.assign(session, principal, transfer_id, body)
    return ok({"transfer": await service.out(session, transfer, position=True)})


async def _end(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session,
               status: Literal["resumed", "closed"]) -> dict:
    transfer = await service.end(session, principal, transfer_id, status)
    return ok({"transfer": await service.out(session, transfer)})


@router.put(
    "/api/chatbot/transfers/{transfer_id}/resume",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Hand the contact back to the bot",
)
async def resume(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return await _end(transfer_id, principal, session, "resumed")


@router.put(
    "/api/chatbot/transfers/{transfer_id}/close",
    response_model=Envelope[TransferData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Finish the transfer",
)
async def close(transfer_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return await _end(transfer_id, principal, session, "closed")
