"""Signed access tokens (JWT, HS256) and API keys (random, stored as SHA-256)."""

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta

import jwt

from rota.errors import Unauthorized

API_KEY_PREFIX = "rota_"
REFRESH_PREFIX = "rotr_"


def issue_access_token(
    user_id: uuid.UUID, org_id: uuid.UUID, key: str, minutes: float, version: int = 0
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "org": str(org_id),
        "ver": version,
        "typ": "access",
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, key, algorithm="HS256")


# Tokens verified lately: a client sends the same token with every request, and checking its
# signature again each time is pure cost. Only valid tokens are kept, with their expiry.
_verified: dict[tuple[str, str], tuple[uuid.UUID, uuid.UUID, int, float]] = {}
_VERIFIED_MAX = 4096


def read_access_token(token: str, key: str) -> tuple[uuid.UUID, uuid.UUID, int]:
    """The (user id, organization id, token version) of a valid token; Unauthorized otherwise."""
    known = _verified.get((token, key))
    if known is not None and known[3] > time.time():
        return known[0], known[1], known[2]
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "sub"]})
        if claims.get("typ") != "access":
            raise ValueError("not an access token")
        user_id, org_id = uuid.UUID(claims["sub"]), uuid.UUID(claims["org"])
        version = claims.get("ver", 0)
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("not a token version")
    except jwt.ExpiredSignatureError:
        raise Unauthorized("The access token has expired.", code="token_expired") from None
    except (jwt.InvalidTokenError, KeyError, ValueError, TypeError):
        raise Unauthorized("The access token is not valid.", code="invalid_token") from None
    if len(_verified) >= _VERIFIED_MAX:
        _verified.pop(next(iter(_verified)))
    _verified[token, key] = (user_id, org_id, version, float(claims["exp"]))
    return user_id, org_id, version


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def new_refresh_token() -> str:
    return REFRESH_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    # API keys and refresh tokens are 256 random bits: a fast hash is enough (no dictionary to
    # guess from).
    return hashlib.sha256(secret.encode()).hexdigest()


hash_api_key = hash_secret
