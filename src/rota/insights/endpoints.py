import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from rota.auth.dependencies import AdminPrincipal, CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.insights import service
from rota.insights.schemas import (
    InsightAssign,
    InsightCreate,
    InsightCreated,
    InsightData,
    InsightList,
    InsightOut,
    InsightStatus,
    InsightType,
    InsightUpdate,
    RuleCreate,
    RuleData,
    RuleList,
    RuleOut,
    RuleUpdate,
)
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok

router = APIRouter(route_class=TransactionalRoute, tags=["insights"])


def _one(insight: object) -> dict:
    return ok({"insight": InsightOut.model_validate(insight)})


@router.post(
    "/api/insights",
    status_code=201,
    response_model=Envelope[InsightCreated],
    responses={
        200: {
            "model": Envelope[InsightCreated],
            "description": "Counted as another occurrence of an open insight with the same "
            "type and title (`merged` is true)",
        },
        **errors(401, 404, 409, 422),
    },
    summary="Report an insight; the first matching rule assigns it unless team_id is given",
)
async def create_insight(
    body: InsightCreate, principal: CurrentPrincipal, session: Session, response: Response
) -> dict:
    insight, merged = await service.create_insight(session, principal, body)
    if merged:
        response.status_code = 200
    return ok({"insight": InsightOut.model_validate(insight), "merged": merged})


@router.get(
    "/api/insights",
    response_model=Envelope[InsightList],
    responses=errors(401, 422),
    summary="List insights, newest first: all for admins, otherwise those of the caller's teams",
)
async def list_insights(
    principal: CurrentPrincipal,
    session: Session,
    paging: PagingQuery,
    type_: Annotated[InsightType | None, Query(alias="type")] = None,
    status: Annotated[InsightStatus | None, Query()] = None,
    team_id: uuid.UUID | None = None,
    unassigned: Annotated[
        bool | None, Query(description="true: only insights without a team; false: only assigned ones")
    ] = None,
    search: Annotated[str | None, Query(max_length=200, description="Part of title or body")] = None,
) -> dict:
    insights, total = await service.list_insights(
        session,
        principal,
        type_=type_,
        status=status,
        team_id=team_id,
        unassigned=unassigned,
        text=search,
        offset=paging.offset,
        limit=paging.limit,
    )
    return paging.listing("insights", [InsightOut.model_validate(i) for i in insights], total)


@router.get(
    "/api/insights/{insight_id}",
    response_model=Envelope[InsightData],
    responses=errors(401, 403, 404, 422),
    summary="Get an insight",
)
async def get_insight(insight_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return _one(await service.get_insight(session, principal, insight_id))


@router.patch(
    "/api/insights/{insight_id}",
    response_model=Envelope[InsightData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Change an insight's type, title or body (admins, managers of its team)",
)
async def update_insight(
    insight_id: uuid.UUID, body: InsightUpdate, principal: CurrentPrincipal, session: Session
) -> dict:
    return _one(await service.update_insight(session, principal, insight_id, body))


@router.delete(
    "/api/insights/{insight_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="Delete an insight (admins)",
)
async def delete_insight(insight_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    await service.delete_insight(session, principal, insight_id)
    return ok({"id": str(insight_id), "deleted": True})


@router.post(
    "/api/insights/{insight_id}/assign",
    response_model=Envelope[InsightData],
    responses=errors(401, 403, 404, 422),
    summary="Assign an insight to a team (admins; managers of its current team)",
)
async def assign_insight(
    insight_id: uuid.UUID, body: InsightAssign, principal: CurrentPrincipal, session: Session
) -> dict:
    return _one(await service.assign_insight(session, principal, insight_id, body.team_id))


@router.post(
    "/api/insights/{insight_id}/resolve",
    response_model=Envelope[InsightData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Mark an insight as resolved (admins, managers of its team)",
)
async def resolve_insight(insight_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return _one(await service.resolve_insight(session, principal, insight_id))


@router.post(
    "/api/insights/{insight_id}/reopen",
    response_model=Envelope[InsightData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Open a resolved insight again (admins, managers of its team)",
)
async def reopen_insight(insight_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    return _one(await service.reopen_insight(session, principal, insight_id))


# ---- rules ----------------------------------------------------------------------------------


@router.post(
    "/api/insight-rules",
    status_code=201,
    response_model=Envelope[RuleData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Create an automated assignment rule (admins)",
)
async def create_rule(body: RuleCreate, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"rule": RuleOut.model_validate(await service.create_rule(session, principal, body))})


@router.get(
    "/api/insight-rules",
    response_model=Envelope[RuleList],
    responses=errors(401, 403, 422),
    summary="List assignment rules in the order they run (admins)",
)
async def list_rules(
    principal: AdminPrincipal,
    session: Session,
    paging: PagingQuery,
    team_id: uuid.UUID | None = None,
    is_active: bool | None = None,
) -> dict:
    rules, total = await service.list_rules(
        session,
        principal,
        team_id=team_id,
        is_active=is_active,
        offset=paging.offset,
        limit=paging.limit,
    )
    return paging.listing("rules", [RuleOut.model_validate(r) for r in rules], total)


@router.get(
    "/api/insight-rules/{rule_id}",
    response_model=Envelope[RuleData],
    responses=errors(401, 403, 404, 422),
    summary="Get an assignment rule (admins)",
)
async def get_rule(rule_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"rule": RuleOut.model_validate(await service.get_rule(session, principal, rule_id))})


@router.patch(
    "/api/insight-rules/{rule_id}",
    response_model=Envelope[RuleData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Change an assignment rule (admins); omitted fields stay, `match` is replaced",
)
async def update_rule(
    rule_id: uuid.UUID, body: RuleUpdate, principal: AdminPrincipal, session: Session
) -> dict:
    rule = await service.update_rule(session, principal, rule_id, body)
    return ok({"rule": RuleOut.model_validate(rule)})


@router.delete(
    "/api/insight-rules/{rule_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="Delete an assignment rule (admins)",
)
async def delete_rule(rule_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    await service.delete_rule(session, principal, rule_id)
    return ok({"id": str(rule_id), "deleted": True})
