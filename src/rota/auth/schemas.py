import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from rota.schemas import OrmModel
from rota.users.schemas import UserOut


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
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "chatbot production"}]})

    name: StrictStr = Field(min_length=1, max_length=100)


class ApiKeyOut(OrmModel):
    id: uuid.UUID
    name: str = Field(examples=["chatbot production"])
    prefix: str = Field(description="The key's first characters", examples=["rota_Xk3a9QbR"])
    user_id: uuid.UUID
    created_at: datetime
    last_used_at: datetime | None


class ApiKeyCreated(BaseModel):
    api_key: ApiKeyOut
    key: str = Field(description="The secret key. Shown only this once; store it now.")


class ApiKeyList(BaseModel):
    api_keys: list[ApiKeyOut]
