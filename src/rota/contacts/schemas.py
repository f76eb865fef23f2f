import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from rota.schemas import Name, OrmModel, PageInfo, matching, reject_null

_PHONE = r"\+?[0-9][0-9 ()./-]*"
Phone = Annotated[
    StrictStr,
    Field(min_length=3, max_length=32, json_schema_extra={"pattern": f"^{_PHONE}$"}),
    matching(_PHONE, "a phone number: digits, spaces and ( ) . / -, with + first if you like"),
]
ExternalId = Annotated[StrictStr, Field(min_length=1, max_length=200)]
AttributeValue = StrictStr | StrictInt | StrictFloat | StrictBool | None
Attributes = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=100)], AttributeValue],
    Field(max_length=50, description="Up to 50 keys; values are strings, numbers or booleans"),
]


class ContactOut(OrmModel):
    id: uuid.UUID
    name: str = Field(examples=["Maria Lopez"])
    phone_number: str | None = Field(examples=["+34600111222"])
    email: str | None = Field(examples=["maria@example.com"])
    external_id: str | None = Field(examples=["crm-4411"])
    custom_attributes: dict[str, Any] = Field(examples=[{"plan": "pro", "orders": 12}])
    created_at: datetime
    updated_at: datetime


class ContactData(BaseModel):
    contact: ContactOut


class ContactList(PageInfo):
    contacts: list[ContactOut]


class ContactCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Maria Lopez",
                    "phone_number": "+34600111222",
                    "email": "maria@example.com",
                    "external_id": "crm-4411",
                    "custom_attributes": {"plan": "pro"},
                }
            ]
        }
    )

    name: Name = Field(min_length=1, max_length=200)
    phone_number: Phone | None = None
    email: EmailStr | None = Field(default=None, max_length=254)
    external_id: ExternalId | None = None
    custom_attributes: Attributes = Field(default_factory=dict)


class ContactUpdate(BaseModel):
    """PATCH: the fields sent change. custom_attributes are merged; a key sent as null is removed."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"custom_attributes": {"plan": None}}]})

    name: Name | None = Field(default=None, min_length=1, max_length=200)
    phone_number: Phone | None = None
    email: EmailStr | None = Field(default=None, max_length=254)
    external_id: ExternalId | None = None
    custom_attributes: Attributes | None = None

    _not_null = reject_null("name", "custom_attributes")
