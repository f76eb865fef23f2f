import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from rota.auth.scopes import SCOPES
from rota.schemas import Name, OrmModel
from rota.users.schemas import UserOut

Scope = Literal[SCOPES]  # type: ignore[valid-type]


class LoginIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "admin@example.com", "password": "correct horse battery"}]}
    )

    email: StrictStr = Field(min_length=1, max_length=254)
    password: StrictStr = Field(min_length=1, max_length=256)
    organization_id: uuid.UUID | None = Field(
        default=None, description="Needed only when the email exists in several organizations."
    )


class LoginOut(BaseModel):
    access_token: str
    token_type: str = Field(examples=["bearer"])
    expires_in: int = Field(description="Seconds until the token expires", examples=[3600])
    refresh_token: str | None = Field(
        description="Gets new tokens from POST /api/auth/refresh (once: each refresh answers a new "
        "one); null when a refresh raced another one of the same session (keep the newer token)"
    )
    refresh_expires_at: datetime = Field(description="The session ends unless refreshed by then")
    user: UserOut


class RefreshIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"refresh_token": "rotr_…"}]})

    refresh_token: StrictStr = Field(min_length=1, max_length=200)


class SignedOut(BaseModel):
    signed_out: bool = True


class SessionOut(OrmModel):
    id: uuid.UUID
    user_agent: str | None = Field(examples=["Mozilla/5.0 …"])
    created_at: datetime = Field(description="Signed in at")
    last_used_at: datetime
    expires_at: datetime = Field(description="Ends unless refreshed by then")


class SessionList(BaseModel):
    sessions: list[SessionOut]


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "chatbot production", "scopes": ["transfers:read", "transfers:write"]}]
        }
    )

    name: StrictStr = Field(min_length=1, max_length=100)
    scopes: list[Scope] | None = Field(
        default=None,
        max_length=len(SCOPES),
        description="What the key may do (null: everything its account may): "
        + ", ".join(SCOPES)
        + ". A key with scopes gives out no more than it holds.",
    )


class ApiKeyOut(OrmModel):
    id: uuid.UUID
    name: str = Field(examples=["chatbot production"])
    prefix: str = Field(description="The key's first characters", examples=["rota_Xk3a9QbR"])
    user_id: uuid.UUID = Field(description="The account it acts as (a person, or a service account)")
    scopes: list[str] | None = Field(description="What it may do; null: everything its account may")
    created_at: datetime
    last_used_at: datetime | None


class ApiKeyCreated(BaseModel):
    api_key: ApiKeyOut
    key: str = Field(description="The secret key. Shown only this once; store it now.")


class ApiKeyList(BaseModel):
    api_keys: list[ApiKeyOut]


class ServiceAccountIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Support bot", "scopes": ["transfers:read", "transfers:write"]}]
        }
    )

    name: Name = Field(min_length=1, max_length=200, description="How it shows in logs and events")
    scopes: list[Scope] = Field(min_length=1, max_length=len(SCOPES), description="What its first key may do")


class ServiceKeyIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "staging", "scopes": ["transfers:read"]}]}
    )

    name: StrictStr = Field(min_length=1, max_length=100)
    scopes: list[Scope] = Field(min_length=1, max_length=len(SCOPES))


class ServiceAccountCreated(BaseModel):
    service_account: UserOut
    api_key: ApiKeyOut
    key: str = Field(description="The secret key. Shown only this once; store it now.")
