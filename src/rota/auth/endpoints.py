import uuid

from fastapi import APIRouter, Request

from rota.auth import service
from rota.auth.dependencies import CurrentPrincipal, Session, signing_key
from rota.auth.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyList, ApiKeyOut, LoginIn, LoginOut
from rota.auth.tokens import issue_access_token
from rota.errors import Unauthorized
from rota.http import SafeRoute, TransactionalRoute
from rota.schemas import Deleted, Envelope, errors, ok
from rota.users.schemas import UserOut

router = APIRouter(route_class=TransactionalRoute, tags=["auth"])
login_router = APIRouter(route_class=SafeRoute, tags=["auth"])


@login_router.post(
    "/api/auth/login",
    response_model=Envelope[LoginOut],
    responses=errors(400, 401, 422, 429),
    summary="Log in with email and password",
)
async def login(body: LoginIn, request: Request) -> dict:
    # Its own transaction rather than the request's: a failed attempt must be committed
    # (it counts towards the throttle) although the answer is a refusal.
    settings = request.app.state.settings
    async with request.app.state.sessionmaker.begin() as session:
        user = await service.authenticate(session, settings, body.email, body.password, body.organization_id)
        key = await signing_key(request, session)
    if user is None:
        raise Unauthorized("Email or password is wrong.", code="invalid_credentials")
    token = issue_access_token(
        user.id, user.organization_id, key, settings.access_token_minutes, user.token_version
    )
    return ok(
        {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": settings.access_token_minutes * 60,
            "user": UserOut.model_validate(user),
        }
    )


@router.post(
    "/api/api-keys",
    status_code=201,
    response_model=Envelope[ApiKeyCreated],
    responses=errors(401, 422),
    summary="Create an API key (the key is shown once)",
)
async def create_api_key(body: ApiKeyIn, principal: CurrentPrincipal, session: Session) -> dict:
    key, secret = await service.create_api_key(session, principal, body.name)
    return ok({"api_key": ApiKeyOut.model_validate(key), "key": secret})


@router.get(
    "/api/api-keys",
    response_model=Envelope[ApiKeyList],
    responses=errors(401),
    summary="List the caller's API keys",
)
async def list_api_keys(principal: CurrentPrincipal, session: Session) -> dict:
    keys = await service.list_api_keys(session, principal)
    return ok({"api_keys": [ApiKeyOut.model_validate(k) for k in keys]})


@router.delete(
    "/api/api-keys/{key_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="Revoke an API key",
)
async def revoke_api_key(key_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    await service.revoke_api_key(session, principal, key_id)
    return ok({"id": str(key_id), "deleted": True})
