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
    user: UserOut


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
