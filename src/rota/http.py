"""What every route checks before its handler runs: the body's size, and text that no database
can store.

PostgreSQL cannot store a NUL character in text, and neither database can store an unpaired
UTF-16 surrogate (`"\\ud800"` in JSON is a valid escape, but not a character). Rather than
each field guarding itself, every request is looked at once, here: its path, query string,
headers and JSON body. Such text is refused with 422 `invalid_text`, naming where it was. A body larger than
`ROTA_MAX_REQUEST_BYTES` is refused (413) as soon as that is known, before it is all read.
"""

import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rota.db import writes
from rota.db.engine import Database
from rota.errors import RetryRequest, TooLarge, ValidationFailed

# a run of backslashes and `u` + 4 hex digits: an escape when the run is odd
_ESCAPE = re.compile(rb"(\\+)u([0-9a-fA-F]{4})")
# a surrogate written directly in UTF-8 (which Python's JSON reader lets through)
_RAW_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")
_NUL_IN_QUERY = re.compile(rb"%00|\x00")
DEFAULT_MAX_REQUEST_BYTES = 1_048_576


def unsafe_json(body: bytes) -> bool:
    """Whether a JSON document holds a NUL character or an unpaired surrogate."""
    if _RAW_SURROGATE.search(body):
        return True
    if b"\\u" not in body:
        return False
    high_ends = -1  # where an escaped high surrogate ended, waiting for its low half
    for m in _ESCAPE.finditer(body):
        if len(m.group(1)) % 2 == 0:  # an escaped backslash, then a plain "u"
            continue
        code, starts = int(m.group(2), 16), m.end(1) - 1
        paired = high_ends == starts
        if high_ends >= 0 and not (paired and 0xDC00 <= code <= 0xDFFF):
            return True  # a high surrogate with no low one after it
        if code == 0 or (0xDC00 <= code <= 0xDFFF and not paired):
            return True
        high_ends = m.end() if 0xD800 <= code <= 0xDBFF else -1
    return high_ends >= 0


def _refuse(where: str) -> ValidationFailed:
    return ValidationFailed(
        f"The {where} holds a NUL character or an unpaired surrogate, which cannot be stored.",
        code="invalid_text",
        errors=[{"field": where, "message": "NUL or unpaired surrogate"}],
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, read at most up to the limit (Starlette's `body()` then returns it again)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLarge(f"The request body is larger than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"The request body is larger than {limit} bytes.")
        chunks.append(chunk)
    request._body = body = b"".join(chunks)  # where Starlette keeps a body it has read
    return body


async def check_request(request: Request) -> None:
    scope = request.scope
    if "\x00" in scope["path"]:
        raise _refuse("path")
    if _NUL_IN_QUERY.search(scope["query_string"]):
        raise _refuse("query")
    if any(b"\x00" in value for _, value in scope["headers"]):
        raise _refuse("header")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        settings = getattr(request.app.state, "settings", None)
        limit = settings.max_request_bytes if settings else DEFAULT_MAX_REQUEST_BYTES
        if unsafe_json(await _read_body(request, limit)):
            raise _refuse("body")


class SafeRoute(APIRoute):
    """A route whose requests are checked first (size, text no database can store)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            await check_request(request)
            return await handler(request)

        return route


# PostgreSQL gives up a transaction it cannot order (deadlock_detected, serialization_failure);
# the lock order of the routing engine makes these rare, and the request simply runs again.
RETRYABLE = {"40P01", "40001"}
READING = {"GET", "HEAD", "OPTIONS"}  # requests that only read run in read-only transactions
ATTEMPTS = 3


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


class TransactionalRoute(SafeRoute):
    """Every request is one transaction: committed before the response leaves, or rolled back."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            database: Database | None = getattr(request.app.state, "database", None)
            if database is None:
                return await attempts(request, request.app.state.sessionmaker)
            reading = request.method in READING
            async with database.read_gate if reading else database.gate:
                return await attempts(request, database.readers if reading else database.sessionmaker)

        async def attempts(request: Request, maker: async_sessionmaker[AsyncSession]) -> Response:
            for attempt in range(1, ATTEMPTS + 1):
                async with maker() as session:
                    request.state.session = session
                    try:
                        response = await handler(request)
                        # what is pending goes by asyncpg directly (the commit's own hook would
                        # write it through SQLAlchemy's execution layer, at several times the CPU)
                        await writes.flush(session)
                        await session.commit()
                        return response
                    except DBAPIError as exc:
                        await session.rollback()
                        if attempt == ATTEMPTS or _sqlstate(exc) not in RETRYABLE:
                            raise
                    except RetryRequest as exc:
                        await session.rollback()
                        if attempt == ATTEMPTS:
                            raise exc.fallback from None
                    except BaseException:
                        await session.rollback()
                        raise
            raise AssertionError("unreachable")

        return route


async def get_session(request: Request) -> AsyncSession:
    return request.state.session  # async: FastAPI runs plain functions in a thread pool
