import uuid
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth.dependencies import AdminPrincipal, CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok
from rota.users import service
from rota.users.models import AgentState
from rota.users.schemas import (
    AbsenceData,
    AbsenceIn,
    AbsenceList,
    AbsenceOut,
    AvailabilityIn,
    AvailabilityOut,
    Directory,
    OrganizationData,
    OrganizationOut,
    OrganizationUpdate,
    Person,
    Role,
    UserCreate,
    UserData,
    UserList,
    UserOut,
    UserUpdate,
)

router = APIRouter(route_class=TransactionalRoute, tags=["users"])


async def _shown(session: AsyncSession, users: Sequence[Any]) -> list[UserOut]:
    """The users' answers; one in an absence now shows as away."""
    absent = await service.absent(session, [u.id for u in users])
    away = {"state": AgentState.AWAY, "is_available": False}
    return [UserOut.model_validate(u).model_copy(update=away if u.id in absent else {}) for u in users]


@router.get("/api/me", response_model=Envelope[UserData], responses=errors(401), summary="The calling user")
async def get_me(principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"user": (await _shown(session, [principal]))[0]})


@router.put(
    "/api/me/availability",
    response_model=Envelope[AvailabilityOut],
    responses=errors(401, 422),
    summary="Go available, busy, away or offline",
)
async def set_availability(body: AvailabilityIn, principal: CurrentPrincipal, session: Session) -> dict:
    available, returned = await service.set_availability(
        session, principal, body.state, body.is_available, body.keep_transfers
    )
    # the contract's answer, exactly; the state is the one asked for (and GET /api/me says it)
    return ok({"is_available": available, "transfers_returned": returned})


@router.post(
    "/api/users",
    status_code=201,
    response_model=Envelope[UserData],
    responses=errors(401, 403, 409, 422),
    summary="Create a user (admins)",
)
async def create_user(body: UserCreate, principal: AdminPrincipal, session: Session) -> dict:
    user = await service.create_user(session, principal, body)
    return ok({"user": UserOut.model_validate(user)})


@router.get(
    "/api/users",
    response_model=Envelope[UserList],
    responses=errors(401, 403, 422),
    summary="List the organization's users (admins)",
)
async def list_users(
    principal: AdminPrincipal,
    session: Session,
    paging: PagingQuery,
    search: Annotated[str | None, Query(max_length=200)] = None,
    role: Role | None = None,
    is_active: bool | None = None,
    state: Annotated[AgentState | None, Query(description="As they show: in an absence, away")] = None,
) -> dict:
    users, total = await service.list_users(
        session,
        principal,
        text=search,
        role=role,
        is_active=is_active,
        state=state,
        offset=paging.offset,
        limit=paging.limit,
    )
    return paging.listing("users", await _shown(session, users), total)


@router.get(
    "/api/directory",
    response_model=Envelope[Directory],
    responses=errors(401, 422),
    summary="Who is who: the organization's active people, with their state (every member may read it)",
)
async def get_directory(
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    search: Annotated[str | None, Query(max_length=200, description="In names and emails")] = None,
    state: Annotated[AgentState | None, Query(description="As they show: in an absence, away")] = None,
) -> dict:
    users, total = await service.list_users(
        session,
        principal,
        text=search,
        role=None,
        is_active=True,
        state=state,
        offset=paging.offset,
        limit=paging.limit,
    )
    shown = await _shown(session, users)
    return paging.listing("people", [Person.model_validate(u.model_dump()) for u in shown], total)


@router.get(
    "/api/users/{user_id}",
    response_model=Envelope[UserData],
    responses=errors(401, 403, 404, 422),
    summary="Get a user (admins)",
)
async def get_user(user_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"user": (await _shown(session, [await service.get_user(session, principal, user_id)]))[0]})


@router.patch(
    "/api/users/{user_id}",
    response_model=Envelope[UserData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Change a user's fields (admins); omitted fields stay as they are",
)
async def update_user(
    user_id: uuid.UUID, body: UserUpdate, principal: AdminPrincipal, session: Session
) -> dict:
    user = await service.update_user(session, principal, user_id, body)
    return ok({"user": UserOut.model_validate(user)})


@router.delete(
    "/api/users/{user_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 409, 422),
    summary="Delete a user (admins)",
)
async def delete_user(user_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    await service.delete_user(session, principal, user_id)
    return ok({"id": str(user_id), "deleted": True})


@router.get(
    "/api/organization",
    response_model=Envelope[OrganizationData],
    responses=errors(401),
    summary="The caller's organization",
)
async def get_organization(principal: CurrentPrincipal, session: Session) -> dict:
    from rota.users import repository

    org = await repository.get_organization(session, principal.organization_id)
    return ok({"organization": OrganizationOut.model_validate(org)})


@router.patch(
    "/api/organization",
    response_model=Envelope[OrganizationData],
    responses=errors(401, 403, 409, 422),
    summary="Change the organization's name, default agent capacity or webhook settings (admins)",
)
async def update_organization(body: OrganizationUpdate, principal: AdminPrincipal, session: Session) -> dict:
    org = await service.update_organization(session, principal, body.model_dump(exclude_unset=True))
    return ok({"organization": OrganizationOut.model_validate(org)})


@router.post(
    "/api/users/{user_id}/absences",
    status_code=201,
    response_model=Envelope[AbsenceData],
    responses=errors(401, 403, 404, 422),
    summary="Record an absence (the agent themselves, or admins): never auto-assigned during it",
)
async def add_absence(
    user_id: uuid.UUID, body: AbsenceIn, principal: CurrentPrincipal, session: Session
) -> dict:
    absence = await service.add_absence(session, principal, user_id, body)
    return ok({"absence": AbsenceOut.model_validate(absence)})


@router.get(
    "/api/users/{user_id}/absences",
    response_model=Envelope[AbsenceList],
    responses=errors(401, 403, 404, 422),
    summary="A user's absences not yet over (the user, admins and managers)",
)
async def list_absences(user_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    absences = await service.list_absences(session, principal, user_id)
    return ok({"absences": [AbsenceOut.model_validate(a) for a in absences]})


@router.delete(
    "/api/users/{user_id}/absences/{absence_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="Remove an absence (the agent themselves, or admins)",
)
async def remove_absence(
    user_id: uuid.UUID, absence_id: uuid.UUID, principal: CurrentPrincipal, session: Session
) -> dict:
    await service.remove_absence(session, principal, user_id, absence_id)
    return ok({"id": str(absence_id), "deleted": True})
