"""Webhooks of an organization (admins only): registration, secrets, deliveries."""

import base64
import secrets as random_secrets
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota.audit import service as audit
from rota.auth.principal import Principal
from rota.db.base import utcnow
from rota.errors import Conflict, ValidationFailed, found
from rota.webhooks import repository, targets
from rota.webhooks.models import Webhook, WebhookDelivery
from rota.webhooks.schemas import WebhookCreate, WebhookUpdate

SECRET_BYTES = 32  # Standard Webhooks: 24 to 64 random bytes, base64, prefixed whsec_


def new_secret() -> str:
    return "whsec_" + base64.b64encode(random_secrets.token_bytes(SECRET_BYTES)).decode()


async def check_target(session: AsyncSession, org_id: uuid.UUID, url: str) -> None:
    if await repository.allows_private_targets(session, org_id):
        return
    try:
        await targets.check(url)
    except targets.TargetRefused as exc:
        raise ValidationFailed(
            exc.message, code=exc.code, errors=[{"field": "url", "message": exc.message}]
        ) from None


def _public(webhook: Webhook) -> dict[str, Any]:
    return {
        "url": webhook.url,
        "description": webhook.description,
        "event_types": webhook.event_types,
        "enabled": webhook.enabled,
    }


async def create_webhook(
    session: AsyncSession, principal: Principal, data: WebhookCreate
) -> tuple[Webhook, str]:
    await check_target(session, principal.organization_id, data.url)
    secret = new_secret()
    webhook = Webhook(
        organization_id=principal.organization_id,
        url=data.url,
        description=data.description,
        event_types=list(data.event_types),
        secrets=[secret],
        enabled=data.enabled,
        disabled_reason=None if data.enabled else "Disabled by an admin.",
    )
    session.add(webhook)
    await session.flush()
    await audit.record(session, principal, "webhook.created", "webhook", webhook.id, _public(webhook))
    return webhook, secret


async def get_webhook(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, *, lock: bool = False
) -> Webhook:
    return found(
        await repository.get(session, principal.organization_id, webhook_id, lock=lock),
        "No such webhook.",
        "webhook_not_found",
    )


async def list_webhooks(
    session: AsyncSession, principal: Principal, *, offset: int, limit: int
) -> tuple[list[Webhook], int]:
    return await repository.search(session, principal.organization_id, offset=offset, limit=limit)


async def update_webhook(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, data: WebhookUpdate
) -> Webhook:
    webhook = await get_webhook(session, principal, webhook_id, lock=True)
    changes = data.model_dump(exclude_unset=True)
    if "url" in changes and changes["url"] != webhook.url:
        await check_target(session, webhook.organization_id, changes["url"])
    diff = {f: {"from": getattr(webhook, f), "to": v} for f, v in changes.items() if getattr(webhook, f) != v}
    if not diff:
        return webhook
    for field, change in diff.items():
        setattr(webhook, field, change["to"])
    if "enabled" in diff:
        webhook.disabled_reason = None if webhook.enabled else "Disabled by an admin."
    await session.flush()
    await audit.record(session, principal, "webhook.updated", "webhook", webhook.id, diff)
    return webhook


async def delete_webhook(session: AsyncSession, principal: Principal, webhook_id: uuid.UUID) -> None:
    webhook = await get_webhook(session, principal, webhook_id, lock=True)
    await audit.record(session, principal, "webhook.deleted", "webhook", webhook.id, _public(webhook))
    await session.delete(webhook)  # its deliveries go with it (ON DELETE CASCADE)
    await session.flush()


async def rotate_secret(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID
) -> tuple[Webhook, str]:
    """A new current secret; the current one becomes the previous one (still signed with), and
    an older previous one is dropped."""
    webhook = await get_webhook(session, principal, webhook_id, lock=True)
    secret = new_secret()
    webhook.secrets = [secret, webhook.secrets[0]]
    await session.flush()
    await audit.record(session, principal, "webhook.secret_rotated", "webhook", webhook.id)
    return webhook, secret


async def drop_previous_secret(session: AsyncSession, principal: Principal, webhook_id: uuid.UUID) -> Webhook:
    webhook = await get_webhook(session, principal, webhook_id, lock=True)
    if len(webhook.secrets) < 2:
        raise Conflict("The webhook has no previous secret.", code="no_previous_secret")
    webhook.secrets = webhook.secrets[:1]
    await session.flush()
    await audit.record(session, principal, "webhook.previous_secret_removed", "webhook", webhook.id)
    return webhook


async def list_deliveries(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, **filters: Any
) -> tuple[list[WebhookDelivery], int]:
    webhook = await get_webhook(session, principal, webhook_id)
    return await repository.deliveries(session, webhook, **filters)


async def get_delivery(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    return await _delivery_of(session, await get_webhook(session, principal, webhook_id), delivery_id)


async def _delivery_of(
    session: AsyncSession, webhook: Webhook, delivery_id: uuid.UUID, *, lock: bool = False
) -> WebhookDelivery:
    return found(
        await repository.get_delivery(session, webhook, delivery_id, lock=lock),
        "No such delivery.",
        "webhook_delivery_not_found",
    )


async def redeliver(
    session: AsyncSession, principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    """Pending again and due now, with a fresh retry budget (attempts and the retry window start
    over); the same `webhook-id` is sent. A delivery being sent right now keeps its lease, so it
    is not sent twice at once."""
    webhook = await get_webhook(session, principal, webhook_id)
    if not webhook.enabled:
        raise Conflict("The webhook is disabled; enable it first.", code="webhook_disabled")
    delivery = await _delivery_of(session, webhook, delivery_id, lock=True)
    delivery.status = "pending"
    delivery.next_attempt_at = utcnow()
    delivery.attempts = 0
    delivery.first_attempt_at = None
    delivery.delivered_at = None
    await session.flush()
    await audit.record(
        session,
        principal,
        "webhook.redelivered",
        "webhook",
        webhook.id,
        {"delivery_id": delivery.id, "event_id": delivery.event_uid},
    )
    return delivery
