"""The dependencies that establish who is calling (a Principal) and what they may do."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from rota.auth import repository, scopes
from rota.auth.principal import Principal
from rota.auth.tokens import API_KEY_PREFIX, hash_api_key, read_access_token
from rota.errors import Forbidden, Unauthorized
from rota.http import get_session

bearer = HTTPBearer(
    auto_error=False,
    description="An access token from POST /api/auth/login, or an API key (rota_...).",
)


async def signing_key(request: Request, session: AsyncSession) -> str:
    state = request.app.state
    if getattr(state, "signing_key", None) is None:
        state.signing_key = state.settings.secret_key or await repository.instance_secret(
            session, "token_signing_key"
        )
    return state.signing_key


async def get_principal(
    request: Request,
    session: Annotated[AsyncSession, Depends(get_session)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthorized(
            "Send `Authorization: Bearer <access token or API key>`.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = credentials.credentials
    key_hash = hash_api_key(token) if token.startswith(API_KEY_PREFIX) else None
    scopes_held: frozenset[str] | None = None
    if key_hash is not None:
        # a short transaction of its own (before the request's first query): a bot's many
        # parallel requests with one key never wait for each other on the key's row
        async with request.app.state.sessionmaker.begin() as own:
            key = await repository.use_api_key(own, key_hash, datetime.now(UTC))
        if key is None:
            raise Unauthorized(
                "The API key is not valid.", code="invalid_api_key", headers={"WWW-Authenticate": "Bearer"}
            )
        row = await repository.active_user(session, key.user_id, key.organization_id)
        scopes_held = None if key.scopes is None else frozenset(key.scopes)
    else:
        user_id, org_id, version = read_access_token(token, await signing_key(request, session))
        row = await repository.active_user(session, user_id, org_id, version)
    if row is None:
        raise Unauthorized(
            "The account is unknown or deactivated, or its password changed since this token was issued.",
            code="invalid_token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    _check_scope(request, scopes_held)
    return Principal(*row, api_key_hash=key_hash, scopes=scopes_held)  # type: ignore[misc]  # the row: the others


def _check_scope(request: Request, held: frozenset[str] | None) -> None:
    """A key limited to scopes calls only the operations one of them covers (403 otherwise)."""
    route = request.scope.get("route")
    if held is None or route is None:
        return
    tags = getattr(route, "tags", None) or [""]
    wanted = scopes.needed(str(tags[0]), request.method, getattr(route, "name", ""))
    if wanted is not None and wanted not in held:
        raise Forbidden(
            f"This API key lacks the scope {wanted}.", code="missing_scope", details={"scope": wanted}
        )


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
Session = Annotated[AsyncSession, Depends(get_session)]


async def require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Only organization admins may do this.", code="admin_required")
    return principal


AdminPrincipal = Annotated[Principal, Depends(require_admin)]
