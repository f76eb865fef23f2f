import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.events.models import Event
from rota.users.models import Organization
from rota.webhooks.models import Webhook, WebhookDelivery


async def get(
    session: AsyncSession, org_id: uuid.UUID, webhook_id: uuid.UUID, *, lock: bool = False
) -> Webhook | None:
    q = select(Webhook).where(Webhook.organization_id == org_id, Webhook.id == webhook_id)
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def search(
    session: AsyncSession, org_id: uuid.UUID, *, offset: int, limit: int
) -> tuple[list[Webhook], int]:
    q: Select[Any] = select(Webhook).where(Webhook.organization_id == org_id)
    return await query.page(session, q, Webhook.created_at, Webhook.id, offset=offset, limit=limit)


async def allows_private_targets(session: AsyncSession, org_id: uuid.UUID) -> bool:
    return bool(
        (
            await session.execute(
                select(Organization.allow_private_webhook_targets).where(Organization.id == org_id)
            )
        ).scalar_one()
    )


async def get_delivery(
    session: AsyncSession, webhook: Webhook, delivery_id: uuid.UUID, *, lock: bool = False
) -> WebhookDelivery | None:
    q = select(WebhookDelivery).where(
        WebhookDelivery.webhook_id == webhook.id, WebhookDelivery.id == delivery_id
    )
    if lock:
        q = q.with_for_update()
    return (await session.execute(q)).scalar_one_or_none()


async def deliveries(
    session: AsyncSession, webhook: Webhook, *, status: str | None, offset: int, limit: int
) -> tuple[list[WebhookDelivery], int]:
    q: Select[Any] = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook.id)
    if status is not None:
        q = q.where(WebhookDelivery.status == status)
    return await query.page(
        session, q, WebhookDelivery.created_at.desc(), WebhookDelivery.id, offset=offset, limit=limit
    )


# --- the delivery worker (timer work) ---------------------------------------------------------


async def undispatched_events(session: AsyncSession, limit: int) -> list[Any]:
    """The oldest events no deliveries were made from yet, locked (others skip them)."""
    rows = await session.execute(
        select(Event.id, Event.uid, Event.organization_id, Event.type, Event.data, Event.created_at)
        .where(Event.dispatched_at.is_(None))
        .order_by(Event.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(rows)


async def mark_dispatched(session: AsyncSession, event_ids: list[int], now: datetime) -> None:
    await session.execute(update(Event).where(Event.id.in_(event_ids)).values(dispatched_at=now))


async def enabled_webhooks(session: AsyncSession, org_ids: Iterable[uuid.UUID]) -> list[Webhook]:
    rows = await session.execute(
        select(Webhook)
        .where(Webhook.organization_id.in_(set(org_ids)), Webhook.enabled)
        .order_by(Webhook.created_at, Webhook.id)
    )
    return list(rows.scalars())


async def claim_due(session: AsyncSession, now: datetime, limit: int) -> list[WebhookDelivery]:
    """Pending deliveries of enabled webhooks that are due and not leased, locked (others skip
    them); the caller leases them."""
    rows = await session.execute(
        select(WebhookDelivery)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now,
            or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until <= now),
            Webhook.enabled,
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    )
    return list(rows.scalars())


async def targets(session: AsyncSession, webhook_ids: Iterable[uuid.UUID]) -> list[tuple[Webhook, bool]]:
    """The webhooks with their organization's allow_private_webhook_targets."""
    rows = await session.execute(
        select(Webhook, Organization.allow_private_webhook_targets)
        .join(Organization, Organization.id == Webhook.organization_id)
        .where(Webhook.id.in_(set(webhook_ids)))
    )
    return [(w, bool(allowed)) for w, allowed in rows]


async def lock_delivery(session: AsyncSession, delivery_id: uuid.UUID) -> WebhookDelivery | None:
    return (
        await session.execute(
            select(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()


async def lock_webhook(session: AsyncSession, webhook_id: uuid.UUID) -> Webhook | None:
    return (
        await session.execute(select(Webhook).where(Webhook.id == webhook_id).with_for_update())
    ).scalar_one_or_none()


async def fail_pending(session: AsyncSession, webhook_id: uuid.UUID, reason: str) -> int:
    """Every pending delivery of the webhook fails (its lease, if any, is dropped)."""
    result = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == webhook_id, WebhookDelivery.status == "pending")
        .values(status="failed", next_attempt_at=None, locked_until=None, last_error=reason)
    )
    return cast(CursorResult[Any], result).rowcount or 0
