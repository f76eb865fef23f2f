import uuid
from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr

from rota.events.models import EVENT_TYPES
from rota.schemas import OrmModel, PageInfo, reject_null, unique_items
from rota.webhooks.models import Webhook

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
DeliveryStatus = Literal["pending", "succeeded", "failed"]
SECRET_PREFIX_LENGTH = 12  # what lists show of a secret: "whsec_" and 6 characters


def _http_url(value: str) -> str:
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ValueError("must be a valid URL") from None
    if parts.scheme not in ("https", "http"):
        raise ValueError("must be an https:// (or http://) URL")
    if not parts.hostname:
        raise ValueError("must name a host")
    if any(c.isspace() for c in value):
        raise ValueError("must not contain spaces")
    return value


WebhookUrl = Annotated[
    StrictStr,
    Field(min_length=1, max_length=2000, examples=["https://example.com/rota/webhooks"]),
    AfterValidator(_http_url),
]
EventTypes = Annotated[
    list[EventType],
    Field(max_length=len(EVENT_TYPES), description="Event types to send; empty: all"),
    AfterValidator(unique_items),
]
Description = Annotated[StrictStr, Field(max_length=500)]


class WebhookOut(OrmModel):
    id: uuid.UUID
    url: str = Field(examples=["https://example.com/rota/webhooks"])
    description: str | None = Field(examples=["CRM sync"])
    event_types: list[str] = Field(
        description="Event types sent; empty: all", examples=[["transfer.created", "transfer.assigned"]]
    )
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why it was disabled (by an admin, or because the receiver answered 410 Gone)",
        examples=[None],
    )
    secret_prefix: str = Field(
        description="The start of the current signing secret", examples=["whsec_k3J9aQ"]
    )
    previous_secret_prefix: str | None = Field(
        description="The start of the previous secret, still signed with until it is removed", examples=[None]
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, webhook: Webhook) -> "WebhookOut":
        secrets = webhook.secrets
        return cls(
            id=webhook.id,
            url=webhook.url,
            description=webhook.description,
            event_types=webhook.event_types,
            enabled=webhook.enabled,
            disabled_reason=webhook.disabled_reason,
            secret_prefix=secrets[0][:SECRET_PREFIX_LENGTH],
            previous_secret_prefix=secrets[1][:SECRET_PREFIX_LENGTH] if len(secrets) > 1 else None,
            created_at=webhook.created_at,
            updated_at=webhook.updated_at,
        )


class WebhookData(BaseModel):
    webhook: WebhookOut


class WebhookSecretData(BaseModel):
    webhook: WebhookOut
    secret: str = Field(
        description="The signing secret; shown only this once",
        examples=["whsec_k3J9aQ1c7oV9a0cH3o2mXk5N2bV1sY0fQ8rT4uW6zE="],
    )


class WebhookList(PageInfo):
    webhooks: list[WebhookOut]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://example.com/rota/webhooks",
                    "description": "CRM sync",
                    "event_types": ["transfer.created", "transfer.assigned"],
                    "enabled": True,
                }
            ]
        }
    )

    url: WebhookUrl
    event_types: EventTypes = Field(default_factory=list)
    description: Description | None = None
    enabled: StrictBool = True


class WebhookUpdate(BaseModel):
    """PATCH: only the fields sent change."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"enabled": False}]})

    url: WebhookUrl | None = None
    event_types: EventTypes | None = None
    description: Description | None = None
    enabled: StrictBool | None = None

    _not_null = reject_null("url", "event_types", "enabled")


class DeliveryOut(OrmModel):
    id: uuid.UUID
    webhook_id: uuid.UUID
    event_id: uuid.UUID = Field(
        description="The event's id, sent as the `webhook-id` header", validation_alias="event_uid"
    )
    event_type: str = Field(examples=["transfer.created"])
    status: DeliveryStatus
    attempts: int = Field(examples=[1])
    last_status_code: int | None = Field(examples=[200])
    last_error: str | None = Field(examples=[None])
    last_duration_ms: int | None = Field(examples=[84])
    created_at: datetime
    first_attempt_at: datetime | None
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None = Field(description="When it is tried next (pending only)")
    delivered_at: datetime | None


class DeliveryDetail(DeliveryOut):
    occurred_at: datetime = Field(description="When the event happened (the body's timestamp)")
    payload: dict = Field(description="The event's data (the body's `data`)")


class DeliveryData(BaseModel):
    delivery: DeliveryDetail


class DeliveryList(PageInfo):
    deliveries: list[DeliveryOut]
