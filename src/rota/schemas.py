"""The success envelope and the pieces every domain's schemas share."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

import email_validator
from fastapi import Depends, Query
from fastapi.openapi.constants import REF_TEMPLATE
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    field_validator,
)
from starlette.routing import BaseRoute

from rota.errors import ErrorBody
from rota.http import SafeRoute

T = TypeVar("T")

# Any syntactically valid address is accepted, internal names included (corp.local, acme.test):
# self-hosted support teams use them. email-validator refuses these "special-use" domains unless
# its list of them is emptied; pydantic's EmailStr uses email-validator.
email_validator.SPECIAL_USE_DOMAIN_NAMES.clear()


class Envelope(BaseModel, Generic[T]):
    status: Literal["success"] = "success"
    data: T


def ok(data: Any) -> dict[str, Any]:
    return {"status": "success", "data": data}


def answer(data: BaseModel, status_code: int = 200) -> Response:
    """The success envelope around `data`, serialized by pydantic in one pass (the route's
    response_model documents the same shape)."""
    body = b'{"status":"success","data":' + data.model_dump_json().encode() + b"}"
    return Response(body, status_code=status_code, media_type="application/json")


def _stripped_not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


# A name given by a person: a JSON string, trimmed, never blank.
Name = Annotated[StrictStr, AfterValidator(_stripped_not_blank)]


_SKILL = re.compile(r"[a-z0-9][a-z0-9_.:/+#-]{0,63}")


def _skills(value: dict[str, int]) -> dict[str, int]:
    """Skill names compare case-insensitively: kept lower-cased."""
    named: dict[str, int] = {}
    for name, level in value.items():
        key = name.strip().lower()
        if not _SKILL.fullmatch(key):
            raise ValueError(
                f"{name!r} is not a skill name: 1 to 64 letters, digits or _ . : / + # -, "
                "starting with a letter or digit (e.g. language:es)"
            )
        named[key] = max(level, named.get(key, 0))
    return named


# Skills with a level (1 to 10), e.g. {"language:es": 3, "product:billing": 5}: what an agent
# has, or what a transfer requires at least.
SKILL_LEVELS = 10
Skills = Annotated[
    dict[StrictStr, Annotated[StrictInt, Field(ge=1, le=SKILL_LEVELS)]],
    Field(max_length=50, examples=[{"language:es": 3, "product:billing": 5}]),
    AfterValidator(_skills),
]


def matching(pattern: str, meaning: str) -> Any:
    """A validator of text that must match `pattern`, whose error says `meaning` in words (not
    the expression); the schema still shows the pattern."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"must be {meaning}")
        return value

    return AfterValidator(check)


def reject_null(*fields: str) -> Any:
    """For partial updates: these fields may be omitted, but not sent as null."""

    def check(cls: type, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null")
        return value

    return field_validator(*fields)(classmethod(check))


class OrmModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Deleted(BaseModel):
    id: str
    deleted: bool = True


@dataclass(frozen=True, slots=True)
class Paging:
    """`page` (from 1) and `limit` (1-100) query parameters."""

    page: int
    limit: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def listing(self, key: str, items: list[Any], total: int) -> dict[str, Any]:
        """The success envelope of a page: its items under `key`, how many there are, the page."""
        return ok({key: items, "total": total, "page": self.page, "limit": self.limit})


async def paging(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")] = 1,
    limit: Annotated[int, Query(ge=1, le=100, description="Items per page (at most 100)")] = 20,
) -> Paging:
    return Paging(page, limit)


# an async dependency: FastAPI runs plain functions and classes in a thread pool
PagingQuery = Annotated[Paging, Depends(paging)]


class PageInfo(BaseModel):
    total: int = Field(examples=[42])
    page: int = Field(examples=[1])
    limit: int = Field(examples=[20])


_DESCRIPTIONS = {
    400: "Bad request",
    401: "No, expired or invalid credentials",
    403: "The caller's role does not allow this",
    404: "Unknown, or belongs to another organization",
    409: "Conflicts with existing data",
    412: "If-Match does not match the current version",
    413: "The body is larger than `ROTA_MAX_REQUEST_BYTES`",
    422: "Invalid input: `errors` lists each field (`validation_error`), or text no database can "
    "store, a NUL or an unpaired surrogate, in the path, query, headers or body (`invalid_text`)",
    429: "Too many attempts; retry after `Retry-After` seconds",
    503: "The database is busy (`database_busy`) or cannot be reached (`database_unavailable`); "
    "retry after `Retry-After` seconds",
}
_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    412: "precondition_failed",
    413: "body_too_large",
    422: "validation_error",
    429: "too_many_attempts",
    503: "database_busy",
}
_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}
}


def _error_response(code: int) -> dict[str, Any]:
    """The OpenAPI response object of one error status, without its schema."""
    example: dict[str, Any] = {"status": "error", "message": _DESCRIPTIONS[code], "code": _CODES[code]}
    if code == 422:
        example["errors"] = [{"field": "name", "message": "Field required"}]
    response: dict[str, Any] = {
        "description": _DESCRIPTIONS[code],
        "content": {"application/json": {"example": example}},
    }
    if code in (429, 503):
        response["headers"] = _RETRY_AFTER
    return response


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the given error statuses, all in the error envelope. The statuses
    every operation of a kind can answer are added to the document by `add_common_errors`."""
    return {code: {"model": ErrorBody, **_error_response(code)} for code in codes}


def common_errors(route: APIRoute, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation can answer because of what kind of operation it is, not
    what its handler does."""
    codes = []
    if operation.get("security"):
        codes.append(401)  # it authenticates the caller
    if isinstance(route, SafeRoute):
        # every request's path, query string and headers are checked for text no database can
        # store (rota.http), whatever parameters the operation declares: 422 invalid_text
        codes.append(422)
        if method not in ("GET", "HEAD", "OPTIONS"):
            codes.append(413)  # and the body of every request of another method is read, capped
    if route.path.startswith("/api/"):
        # every API operation reads the database (its transaction, the caller's user row, or the
        # login's own transaction), which may be busy past the pool timeout or unreachable
        codes.append(503)
    return codes


def add_common_errors(document: dict[str, Any], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """Adds to every operation of the OpenAPI document the statuses of `common_errors`; the
    ones a route declares itself stay as they are."""
    error_schema = {"$ref": REF_TEMPLATE.format(model=ErrorBody.__name__)}
    assert ErrorBody.__name__ in document["components"]["schemas"]  # every route uses errors()
    for route in routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = document["paths"][route.path_format][method.lower()]
            for code in common_errors(route, method, operation):
                response = _error_response(code)
                response["content"]["application/json"]["schema"] = error_schema
                operation["responses"].setdefault(str(code), response)
            operation["responses"] = dict(sorted(operation["responses"].items()))
    return document


def unique_items(values: list[Any]) -> list[Any]:
    """The list without repeats, first occurrences kept in order (a validator for list fields)."""
    return list(dict.fromkeys(values))


def operation_id(route: APIRoute) -> str:
    """A route's operation id: its function's name (unique: the document test checks it), made
    readable (createTransfer) with the others by `readable_operation_ids`."""
    return route.name


def readable_operation_ids(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation id in camelCase (create_transfer: createTransfer), as generators like."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            first, *rest = operation["operationId"].split("_")
            operation["operationId"] = first + "".join(word.capitalize() for word in rest)
    return document
