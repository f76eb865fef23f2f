import uuid

from fastapi import APIRouter

from rota.auth.dependencies import AdminPrincipal, Session
from rota.http import TransactionalRoute
from rota.schemas import Deleted, Envelope, PagingQuery, errors, ok
from rota.webhooks import service
from rota.webhooks.schemas import (
    DeliveryData,
    DeliveryDetail,
    DeliveryList,
    DeliveryOut,
    DeliveryStatus,
    WebhookCreate,
    WebhookData,
    WebhookList,
    WebhookOut,
    WebhookSecretData,
    WebhookUpdate,
)

router = APIRouter(route_class=TransactionalRoute, tags=["webhooks"])


@router.post(
    "/api/webhooks",
    status_code=201,
    response_model=Envelope[WebhookSecretData],
    responses=errors(401, 403, 422),
    summary="Register a webhook (admins); its signing secret is in the answer, only this once",
    description=(
        "Events of the organization are POSTed to `url` as Standard Webhooks messages: headers "
        "`webhook-id` (the event's id, the same on every retry), `webhook-timestamp` and "
        '`webhook-signature`; body `{"type", "timestamp", "data"}`. Verify them with any '
        "Standard Webhooks library and the `secret`. Targets on loopback, private, link-local "
        "or reserved addresses are refused (`webhook_target_not_allowed`) unless the "
        "organization's `allow_private_webhook_targets` is true."
    ),
)
async def create_webhook(body: WebhookCreate, principal: AdminPrincipal, session: Session) -> dict:
    webhook, secret = await service.create_webhook(session, principal, body)
    return ok({"webhook": WebhookOut.of(webhook), "secret": secret})


@router.get(
    "/api/webhooks",
    response_model=Envelope[WebhookList],
    responses=errors(401, 403, 422),
    summary="List the organization's webhooks (admins)",
)
async def list_webhooks(principal: AdminPrincipal, session: Session, paging: PagingQuery) -> dict:
    webhooks, total = await service.list_webhooks(
        session, principal, offset=paging.offset, limit=paging.limit
    )
    return paging.listing("webhooks", [WebhookOut.of(w) for w in webhooks], total)


@router.get(
    "/api/webhooks/{webhook_id}",
    response_model=Envelope[WebhookData],
    responses=errors(401, 403, 404, 422),
    summary="Get a webhook (admins)",
)
async def get_webhook(webhook_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    return ok({"webhook": WebhookOut.of(await service.get_webhook(session, principal, webhook_id))})


@router.patch(
    "/api/webhooks/{webhook_id}",
    response_model=Envelope[WebhookData],
    responses=errors(401, 403, 404, 422),
    summary="Change a webhook (admins); omitted fields stay as they are",
    description="`enabled: true` also re-enables a webhook that was disabled by a 410 answer.",
)
async def update_webhook(
    webhook_id: uuid.UUID, body: WebhookUpdate, principal: AdminPrincipal, session: Session
) -> dict:
    webhook = await service.update_webhook(session, principal, webhook_id, body)
    return ok({"webhook": WebhookOut.of(webhook)})


@router.delete(
    "/api/webhooks/{webhook_id}",
    response_model=Envelope[Deleted],
    responses=errors(401, 403, 404, 422),
    summary="Delete a webhook and its deliveries (admins)",
)
async def delete_webhook(webhook_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    await service.delete_webhook(session, principal, webhook_id)
    return ok({"id": str(webhook_id), "deleted": True})


@router.post(
    "/api/webhooks/{webhook_id}/rotate-secret",
    response_model=Envelope[WebhookSecretData],
    responses=errors(401, 403, 404, 422),
    summary="A new signing secret (admins), shown only this once",
    description=(
        "Messages are then signed with the new secret AND the previous one (two `v1,` "
        "signatures), so receivers can switch over without losing any. The previous secret is "
        "dropped by `DELETE /api/webhooks/{webhook_id}/previous-secret` or by the next rotation."
    ),
)
async def rotate_secret(webhook_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    webhook, secret = await service.rotate_secret(session, principal, webhook_id)
    return ok({"webhook": WebhookOut.of(webhook), "secret": secret})


@router.delete(
    "/api/webhooks/{webhook_id}/previous-secret",
    response_model=Envelope[WebhookData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Stop signing with the previous secret (admins)",
)
async def drop_previous_secret(webhook_id: uuid.UUID, principal: AdminPrincipal, session: Session) -> dict:
    webhook = await service.drop_previous_secret(session, principal, webhook_id)
    return ok({"webhook": WebhookOut.of(webhook)})


@router.get(
    "/api/webhooks/{webhook_id}/deliveries",
    response_model=Envelope[DeliveryList],
    responses=errors(401, 403, 404, 422),
    summary="A webhook's deliveries, newest first (admins)",
)
async def list_deliveries(
    webhook_id: uuid.UUID,
    principal: AdminPrincipal,
    session: Session,
    paging: PagingQuery,
    status: DeliveryStatus | None = None,
) -> dict:
    deliveries, total = await service.list_deliveries(
        session, principal, webhook_id, status=status, offset=paging.offset, limit=paging.limit
    )
    return paging.listing("deliveries", [DeliveryOut.model_validate(d) for d in deliveries], total)


@router.get(
    "/api/webhooks/{webhook_id}/deliveries/{delivery_id}",
    response_model=Envelope[DeliveryData],
    responses=errors(401, 403, 404, 422),
    summary="One delivery with its payload (admins)",
)
async def get_delivery(
    webhook_id: uuid.UUID, delivery_id: uuid.UUID, principal: AdminPrincipal, session: Session
) -> dict:
    delivery = await service.get_delivery(session, principal, webhook_id, delivery_id)
    return ok({"delivery": DeliveryDetail.model_validate(delivery)})


@router.post(
    "/api/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
    response_model=Envelope[DeliveryData],
    responses=errors(401, 403, 404, 409, 422),
    summary="Send a delivery again, now (admins)",
    description=(
        "The delivery becomes pending and due now, with a fresh retry budget; it is sent with "
        "the same `webhook-id`. 409 `webhook_disabled` while the webhook is disabled."
    ),
)
async def redeliver(
    webhook_id: uuid.UUID, delivery_id: uuid.UUID, principal: AdminPrincipal, session: Session
) -> dict:
    delivery = await service.redeliver(session, principal, webhook_id, delivery_id)
    return ok({"delivery": DeliveryDetail.model_validate(delivery)})
