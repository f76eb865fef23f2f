import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from rota.auth.dependencies import AdminPrincipal, CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok
from rota.teams import service
from rota.teams.schemas import (
    MemberCreate,
    MemberData,
    MemberList,
    MemberUpdate,
    TeamCreate,
    TeamData,
    TeamDetailData,
    TeamList,
    TeamStatsData,
    TeamUpdate,
    TeamUserList,
    UserChoice,
    UserChoices,
)

router = APIRouter(route_class=TransactionalRoute, tags=["teams"])

IfMatch = Annotated[
    str | None,
    Header(
        description="An ETag from GET /api/teams/{id}; the change is refused (412) if the team changed since."
    ),
]


@router.get(
    "/api/teams",
    response_model=Envelope[TeamList],
    responses=errors(401, 422),
    summary="List teams: all for admins, otherwise the caller's own",
)
async def list_teams(
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    search: Annotated[str | None, Query(max_length=100, description="Part of the name")] = None,
) -> dict:
    teams, total = await service.list_teams(
        session, principal, search=search, offset=paging.offset, limit=paging.limit
    )
    return paging.listing("teams", teams, total)


@router.post(
    "/api/teams",
    status_code=201,
    response_model=Envelope[TeamData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Create a team (admins)",
)
async def create_team(body: TeamCreate, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"team": await service.create_team(session, principal, body)})


@router.get(
    "/api/teams/{team_id}",
    response_model=Envelope[TeamDetailData],
    responses=errors(401, 403, 404, 422),
    summary="Get a team with its members",
)
async def get_team(
    team_id: uuid.UUID, principal: CurrentPrincipal, session: Session, response: Response
) -> dict:
    team, tag = await service.get_team(session, principal, team_id)
    response.headers["ETag"] = tag
    return ok({"team": team})


@router.get(
    "/api/teams/{team_id}/stats",
    response_model=Envelope[TeamStatsData],
    responses=errors(401, 403, 404, 422),
    summary="Queue length, oldest wait, available agents and today's time to assignment",
)
async def team_stats(team_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"stats": await service.team_stats(session, principal, team_id)})


async def _update_team(
    team_id: uuid.UUID,
    body: TeamUpdate,
    principal: CurrentPrincipal,
    session: Session,
    response: Response,
    if_match: IfMatch = None,
) -> dict:
    team, tag = await service.update_team(session, principal, team_id, body, if_match)
    response.headers["ETag"] = tag
    return ok({"team": team})


for method in ("PUT", "PATCH"):
    router.add_api_route(
        "/api/teams/{team_id}",
        _update_team,
        methods=[method],
        response_model=Envelope[TeamData],
        responses=errors(401, 403, 404, 409, 412, 422),
        summary="Update a team (admins or its managers); omitted fields stay as they are",
        operation_id=f"update_team_{method.lower()}",
    )


@router.delete(
    "/api/teams/{team_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 412, 422),
    summary="Delete a team (admins)",
)
async def delete_team(
    team_id: uuid.UUID, principal: AdminPrincipal, session: Session, if_match: IfMatch = None
) -> dict:
    await service.delete_team(session, principal, team_id, if_match)
    return ok({"id": str(team_id), "deleted": True})


# The seed of the WhatsApp platform calls them members, Open.cx calls them users: both paths work.
async def _list_members(team_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"members": await service.list_members(session, principal, team_id)})


async def _list_users(team_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return ok({"users": await service.list_members(session, principal, team_id)})


async def _add_member(
    team_id: uuid.UUID, body: MemberCreate, principal: CurrentPrincipal, session: Session
) -> dict:
    return ok({"member": await service.add_member(session, principal, team_id, body)})


async def _change_member(
    team_id: uuid.UUID,
    user_id: uuid.UUID,
    body: MemberUpdate,
    principal: CurrentPrincipal,
    session: Session,
) -> dict:
    return ok({"member": await service.change_member_role(session, principal, team_id, user_id, body)})


async def _remove_member(
    team_id: uuid.UUID, user_id: uuid.UUID, principal: CurrentPrincipal, session: Session
) -> dict:
    await service.remove_member(session, principal, team_id, user_id)
    return ok({"id": str(user_id), "deleted": True})


for word, lister, list_model in (
    ("members", _list_members, MemberList),
    ("users", _list_users, TeamUserList),
):
    router.add_api_route(
        f"/api/teams/{{team_id}}/{word}",
        lister,
        methods=["GET"],
        response_model=Envelope[list_model],  # type: ignore[valid-type]
        responses=errors(401, 403, 404, 422),
        summary=f"List a team's {word} (admins or its managers)",
        operation_id=f"list_team_{word}",
    )
    router.add_api_route(
        f"/api/teams/{{team_id}}/{word}",
        _add_member,
        methods=["POST"],
        status_code=201,
        response_model=Envelope[MemberData],
        responses=errors(401, 403, 404, 409, 422),
        summary="Add a user to a team (admins, or its managers for agents)",
        operation_id=f"add_team_{word[:-1]}",
    )
    router.add_api_route(
        f"/api/teams/{{team_id}}/{word}/{{user_id}}",
        _change_member,
        methods=["PATCH"],
        response_model=Envelope[MemberData],
        responses=errors(401, 403, 404, 422),
        summary="Change a member's role in the team (admins)",
        operation_id=f"change_team_{word[:-1]}",
    )
    router.add_api_route(
        f"/api/teams/{{team_id}}/{word}/{{user_id}}",
        _remove_member,
        methods=["DELETE"],
        response_model=Envelope[Deleted],
        responses=errors(401, 403, 404, 422),
        summary="Remove a user from a team (admins, or its managers for agents)",
        operation_id=f"remove_team_{word[:-1]}",
    )


@router.get(
    "/api/teams/{team_id}/addable-users",
    response_model=Envelope[UserChoices],
    responses=errors(401, 403, 404, 422),
    summary="Search the active users who are not in the team yet (admins or its managers)",
)
async def addable_users(
    team_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    search: Annotated[str | None, Query(max_length=200)] = None,
) -> dict:
    found, total = await service.addable_users(
        session, principal, team_id, search=search, offset=paging.offset, limit=paging.limit
    )
    return paging.listing("users", [UserChoice.model_validate(u, from_attributes=True) for u in found], total)
