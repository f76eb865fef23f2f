import uuid

from fastapi import APIRouter, Request

from rota.auth import service
from rota.auth.dependencies import AdminPrincipal, CurrentPrincipal, Session, signing_key
from rota.auth.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyList,
    ApiKeyOut,
    LoginIn,
    LoginOut,
    RefreshIn,
    ServiceAccountCreated,
    ServiceAccountIn,
    ServiceKeyIn,
    SessionList,
    SessionOut,
    SignedOut,
)
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
        if user is not None:
            started = await service.start_session(session, settings, user, request.headers.get("user-agent"))
    if user is None:
        raise Unauthorized("Email or password is wrong.", code="invalid_credentials")
    return ok(_tokens(request, key, started))


def _tokens(request: Request, key: str, session: service.Refreshed) -> dict:
    settings, user = request.app.state.settings, session.user
    token = issue_access_token(
        user.id, user.organization_id, key, settings.access_token_minutes, user.token_version
    )
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": round(settings.access_token_minutes * 60),
        "refresh_token": session.refresh_token,
        "refresh_expires_at": session.expires_at,
        "user": UserOut.model_validate(user),
    }


@login_router.post(
    "/api/auth/refresh",
    response_model=Envelope[LoginOut],
    responses=errors(401, 422),
    summary="New tokens for a refresh token (which is used up: the answer has the next one)",
)
async def refresh(body: RefreshIn, request: Request) -> dict:
    # its own transaction: a session ended by a refusal stays ended
    async with request.app.state.sessionmaker.begin() as session:
        result = await service.refresh(session, request.app.state.settings, body.refresh_token)
        key = await signing_key(request, session)
    if isinstance(result, Unauthorized):
        raise result
    return ok(_tokens(request, key, result))


@login_router.post(
    "/api/auth/logout",
    response_model=Envelope[SignedOut],
    responses=errors(422),
    summary="Sign out: the refresh token's session ends (access tokens run out by themselves)",
)
async def logout(body: RefreshIn, request: Request) -> dict:
    async with request.app.state.sessionmaker.begin() as session:
        await service.end_session(session, body.refresh_token)
    return ok({"signed_out": True})


@router.get(
    "/api/auth/sessions",
    response_model=Envelope[SessionList],
    responses=errors(401),
    summary="Your signed-in sessions still open",
)
async def list_sessions(principal: CurrentPrincipal, session: Session) -> dict:
    found = await service.list_sessions(session, principal)
    return ok({"sessions": [SessionOut.model_validate(s) for s in found]})


@router.delete(
    "/api/auth/sessions/{session_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="End a session (yours; admins: anyone's in the organization)",
)
async def revoke_session(session_id: uuid.UUID, principal: CurrentPrincipal, session: Session) -> dict:
    await service.revoke_session(session, principal, session_id)
    return ok({"id": str(session_id), "deleted": True})


@router.post(
    "/api/api-keys",
    status_code=201,
    response_model=Envelope[ApiKeyCreated],
    responses=errors(401, 422),
    summary="Create an API key (the key is shown once)",
)
async def create_api_key(body: ApiKeyIn, principal: CurrentPrincipal, session: Session) -> dict:
    key, secret = await service.create_api_key(session, principal, body.name, body.scopes)
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


@router.post(
    "/api/service-accounts",
    status_code=201,
    response_model=Envelope[ServiceAccountCreated],
    responses=errors(401, 403, 422),
    summary="Create an integration's own identity with a first API key limited to scopes (admins)",
)
async def create_service_account(body: ServiceAccountIn, principal: AdminPrincipal, session: Session) -> dict:
    account, key, secret = await service.create_service_account(session, principal, body.name, body.scopes)
    return ok(
        {
            "service_account": UserOut.model_validate(account),
            "api_key": ApiKeyOut.model_validate(key),
            "key": secret,
        }
    )


@router.post(
    "/api/service-accounts/{account_id}/api-keys",
    status_code=201,
    response_model=Envelope[ApiKeyCreated],
    responses=errors(401, 403, 404, 422),
    summary="Another API key for a service account (admins)",
)
async def create_service_key(
    account_id: uuid.UUID, body: ServiceKeyIn, principal: AdminPrincipal, session: Session
) -> dict:
    key, secret = await service.create_service_key(session, principal, account_id, body.name, body.scopes)
    return ok({"api_key": ApiKeyOut.model_validate(key), "key": secret})
