"""One error hierarchy and the handlers that turn it into the contract's envelope."""

import logging
from typing import Any, TypeVar

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("rota")


class FieldError(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    status: str = "error"
    message: str
    code: str
    errors: list[FieldError] | None = None
    details: dict[str, Any] | None = Field(
        default=None, description="What the error concerns, when it names something (e.g. transfer_id)"
    )


class AppError(Exception):
    """An answer in the error envelope: `errors` for invalid fields, `details` for what the error
    names (stringified to JSON)."""

    status_code = 400
    code = "bad_request"
    message = "The request is not valid."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.errors = errors
        self.headers = headers
        self.details = details
        super().__init__(self.message)


class RetryRequest(Exception):
    """The transaction lost a race the database decided (a unique index): the request runs again
    from the start and, seeing the winner's commit, answers properly; `fallback` if it keeps
    losing."""

    def __init__(self, fallback: AppError) -> None:
        super().__init__(fallback.message)
        self.fallback = fallback


class BadRequest(AppError):
    status_code = 400


class ValidationFailed(AppError):
    status_code = 422
    code = "validation_error"
    message = "The request is not valid."


class Unauthorized(AppError):
    status_code = 401
    code = "not_authenticated"
    message = "Authentication is required."


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    message = "You are not allowed to do this."


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "Not found."


T = TypeVar("T")


def found(value: T | None, message: str, code: str) -> T:
    """The value, unless there is none: then 404 with this message and code."""
    if value is None:
        raise NotFound(message, code=code)
    return value


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "The request conflicts with the current state."


class PreconditionFailed(AppError):
    status_code = 412
    code = "precondition_failed"
    message = "The resource has changed since you read it (If-Match does not match)."


class TooLarge(AppError):
    status_code = 413
    code = "body_too_large"
    message = "The request body is too large."


class Busy(AppError):
    status_code = 503
    code = "database_busy"
    message = "The service is busy; retry shortly."

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": "1"})


class RateLimited(AppError):
    status_code = 429
    code = "rate_limited"
    message = "Too many requests."


def error_response(
    status_code: int,
    message: str,
    code: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    details: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"status": "error", "message": message, "code": code}
    if errors is not None:
        body["errors"] = errors
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status_code, headers=headers)


_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts) or "body"


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        field, message = _field_name(tuple(err.get("loc", ()))), err.get("msg", "Invalid value")
        if err.get("type") == "json_invalid":
            field, message = "body", "The body is not valid JSON."
        elif err.get("type") == "value_error" and "error" in err.get("ctx", {}):
            message = str(err["ctx"]["error"])  # our own words, without pydantic's "Value error, "
        out.append({"field": field, "message": message})
    return out


# SQLSTATE classes and codes that mean "the database is not there now", not "the request is bad"
_UNAVAILABLE = ("08", "53", "57P01", "57P02", "57P03")


def database_unavailable(exc: BaseException) -> bool:
    """Whether this error means the database could not be reached (or went away)."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig or exc
    if isinstance(exc, (asyncpg.InterfaceError, asyncpg.PostgresConnectionError, OSError)):
        return True
    sqlstate = getattr(exc, "sqlstate", None) or ""
    return sqlstate.startswith(_UNAVAILABLE)


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if database_unavailable(exc):
        log.warning("database unavailable: %s", exc)
        return error_response(
            503,
            "The database cannot be reached; retry shortly.",
            "database_unavailable",
            headers={"Retry-After": "5"},
        )
    log.exception("unexpected database error")
    return error_response(500, "Internal server error.", "internal_error")


def _invalid_json() -> JSONResponse:
    """A body that is not JSON (malformed, or not UTF-8 text) is invalid input like any other:
    422, always the same answer."""
    return error_response(
        422,
        "Invalid input: body: The body is not valid JSON.",
        "validation_error",
        [{"field": "body", "message": "The body is not valid JSON."}],
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return error_response(exc.status_code, exc.message, exc.code, exc.errors, exc.headers, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        first = errors[0] if errors else {"field": "body", "message": "Invalid value"}
        return error_response(
            422, f"Invalid input: {first['field']}: {first['message']}", "validation_error", errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            return _invalid_json()  # FastAPI's words for a body that is not text (bad UTF-8)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        return error_response(exc.status_code, message, code, headers=getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # Services translate the constraint violations they expect; this is the backstop for a
        # race that slipped past a check, so the caller still gets a clean conflict.
        log.warning("integrity error: %s", exc.orig)
        return error_response(409, "The request conflicts with existing data.", "conflict")

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return error_response(
            412, "The resource was changed by someone else; read it again.", "precondition_failed"
        )

    @app.exception_handler(SQLAlchemyTimeout)
    async def _busy(request: Request, exc: SQLAlchemyTimeout) -> JSONResponse:
        # every pooled connection stayed busy for the whole wait: overload, answered in time
        busy = Busy()
        return error_response(busy.status_code, busy.message, busy.code, headers=busy.headers)

    for unreachable in (DBAPIError, asyncpg.InterfaceError, asyncpg.PostgresError, OSError):
        app.add_exception_handler(unreachable, _database_error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "Internal server error.", "internal_error")
