"""The success envelope and the pieces every domain's schemas share."""

from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

import email_validator
from fastapi import Depends, Query
from fastapi.responses import Response
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    field_validator,
)

from rota.errors import ErrorBody

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


def reject_null(*fields: str) -> Any:
    """For partial updates: these fields may be omitted, but not sent as null."""

    def check(cls: type, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null")
        return value

    return field_validator(*fields)(classmethod(check))  # type: ignore[arg-type]


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
    422: "Invalid input; `errors` lists each field",
    429: "Too many attempts; retry after `Retry-After` seconds",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the given error statuses, all in the error envelope."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        example: dict[str, Any] = {
            "status": "error",
            "message": _DESCRIPTIONS[code],
            "code": {401: "not_authenticated", 403: "forbidden", 404: "not_found",
                     409: "conflict", 412: "precondition_failed", 422: "validation_error",
                     429: "too_many_attempts", 400: "bad_request"}[code],
        }
        if code == 422:
            example["errors"] = [{"field": "name", "message": "Field required"}]
        out[code] = {
            "model": ErrorBody,
            "description": _DESCRIPTIONS[code],
            "content": {"application/json": {"example": example}},
        }
    return out


def unique_items(values: list[Any]) -> list[Any]:
    """The list without repeats, first occurrences kept in order (a validator for list fields)."""
    return list(dict.fromkeys(values))
