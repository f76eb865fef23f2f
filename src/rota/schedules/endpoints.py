import uuid

from fastapi import APIRouter

from rota.auth.dependencies import AdminPrincipal, CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.schedules import service
from rota.schedules.schemas import (
    ScheduleCreate,
    ScheduleData,
    ScheduleList,
    ScheduleUpdate,
)
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok

router = APIRouter(route_class=TransactionalRoute, tags=["schedules"])


@router.post(
    "/api/schedules",
    status_code=201,
    response_model=Envelope[ScheduleData],
    responses=errors(401, 403, 409, 422),
    summary="Create support hours (admins)",
)
async def create_schedule(body: ScheduleCreate, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"schedule": service.out(await service.create_schedule(session, principal, body))})


@router.get(
    "/api/schedules",
    response_model=Envelope[ScheduleList],
    responses=errors(401, 422),
    summary="List schedules, with whether each is open now",
)
async def list_schedules(principal: CurrentPrincipal, session: Session, paging: PagingQuery) -> dict:
    items, total = await service.list_schedules(session, principal, paging.offset, paging.limit)
    return paging.listing("schedules", [service.out(s) for s in items], total)


@router.get(
    "/api/schedules/{schedule_id}",
    response_model=Envelope[ScheduleData],
    responses=errors(401, 404, 422),
    summary="Get a schedule",
)
async def get_schedule(schedule_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"schedule": service.out(await service.get_schedule(session, principal, schedule_id))})


async def _update(
    schedule_id: uuid.UUID, body: ScheduleUpdate, principal: AdminPrincipal, session: Session
) -> dict:
    schedule = await service.update_schedule(session, principal, schedule_id, body)
    return ok({"schedule": service.out(schedule)})


for method in ("PUT", "PATCH"):
    router.add_api_route(
        "/api/schedules/{schedule_id}",
        _update,
        methods=[method],
        response_model=Envelope[ScheduleData],
        responses=errors(401, 403, 404, 409, 422),
        summary="Change a schedule (admins); omitted fields stay",
        operation_id=f"update_schedule_{method.lower()}",
    )


@router.delete(
    "/api/schedules/{schedule_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 409, 422),
    summary="Delete a schedule no team uses (admins)",
)
async def delete_schedule(schedule_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    await service.delete_schedule(session, principal, schedule_id)
    return ok({"id": str(schedule_id), "deleted": True})
