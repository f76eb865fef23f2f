"""Webhook delivery, run as timer work (rota.timers.run_once), each step in short transactions:

1. dispatch: events of the outbox (`events.dispatched_at IS NULL`, oldest first) become one
   delivery per enabled webhook of their organization that wants their type, and are marked
   dispatched, in the same transaction.
2. send: due deliveries are claimed with a lease (`locked_until`) in a short transaction, sent
   with no transaction open, and each result is written in a transaction of its own. A process
   that dies mid-send leaves its lease to run out and the delivery is sent again: at least once,
   always with the same `webhook-id` (the event's id) so receivers can drop duplicates.

Messages follow Standard Webhooks (https://www.standardwebhooks.com): headers `webhook-id`,
`webhook-timestamp`, `webhook-signature` (`v1,<base64 HMAC-SHA256>` for each current secret,
space-separated), body `{"type", "timestamp", "data"}`."""

import asyncio
import json
import logging
import random
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from pydantic_core import to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks import Webhook as Signer

from rota import __version__, observability
from rota.audit import service as audit
from rota.config import Settings, get_settings
from rota.db.base import utcnow
from rota.webhooks import repository, targets
from rota.webhooks.models import WebhookDelivery

logger = logging.getLogger("rota.webhooks")
USER_AGENT = f"Rota-Webhooks/{__version__}"
MAX_DISPATCH_BATCHES = 20  # per round: a large backlog is worked through over several rounds
GONE = 410


# --- 1. dispatch --------------------------------------------------------------------------------


async def dispatch(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Deliveries from undispatched events; how many deliveries were made."""
    batch = get_settings().webhook_dispatch_batch
    made = 0
    for _ in range(MAX_DISPATCH_BATCHES):
        async with sessionmaker.begin() as session:
            events = await repository.undispatched_events(session, batch)
            if not events:
                break
            hooks: dict[uuid.UUID, list[Any]] = {}
            for hook in await repository.enabled_webhooks(session, {e.organization_id for e in events}):
                hooks.setdefault(hook.organization_id, []).append(hook)
            for event in events:
                for hook in hooks.get(event.organization_id, ()):
                    # a webhook gets what happened from its creation on
                    if hook.created_at > event.created_at:
                        continue
                    if hook.event_types and event.type not in hook.event_types:
                        continue
                    session.add(
                        WebhookDelivery(
                            organization_id=event.organization_id,
                            webhook_id=hook.id,
                            event_uid=event.uid,
                            event_type=event.type,
                            payload=event.data,
                            occurred_at=event.created_at,
                            status="pending",
                            attempts=0,
                            next_attempt_at=event.created_at,
                        )
                    )
                    made += 1
            await repository.mark_dispatched(session, [e.id for e in events], utcnow())
        if len(events) < batch:
            break
    return made


# --- 2. send ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """A claimed delivery and what sending it needs, read in the claim's transaction."""

    delivery_id: uuid.UUID
    lease: datetime  # the locked_until this claim wrote: the result is written only if it still holds
    webhook_id: uuid.UUID
    url: str
    secrets: tuple[str, ...]
    allow_private: bool
    event_uid: uuid.UUID
    event_type: str
    payload: Any
    occurred_at: datetime


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    duration_ms: int
    at: datetime

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def claim_size(settings: Settings) -> int:
    """As many as can surely be sent before their leases run out: each attempt takes at most
    the time limit, `concurrency` at a time, with one wave of the lease kept spare."""
    waves = max(1, int(settings.webhook_lease_seconds // settings.webhook_timeout_seconds) - 1)
    return max(1, settings.webhook_concurrency) * waves


async def claim(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> list[Job]:
    now = utcnow()
    lease = now + timedelta(seconds=settings.webhook_lease_seconds)
    async with sessionmaker.begin() as session:
        due = await repository.claim_due(session, now, claim_size(settings))
        if not due:
            return []
        for delivery in due:
            delivery.locked_until = lease
        hooks = {
            w.id: (w, allowed)
            for w, allowed in await repository.targets(session, {d.webhook_id for d in due})
        }
        return [
            Job(
                delivery_id=d.id,
                lease=lease,
                webhook_id=d.webhook_id,
                url=hooks[d.webhook_id][0].url,
                secrets=tuple(hooks[d.webhook_id][0].secrets),
                allow_private=hooks[d.webhook_id][1],
                event_uid=d.event_uid,
                event_type=d.event_type,
                payload=d.payload,
                occurred_at=d.occurred_at,
            )
            for d in due
        ]


def message(job: Job, sent_at: datetime) -> tuple[bytes, dict[str, str]]:
    """The body and headers of one attempt, signed with every current secret."""
    body = json.dumps(
        {"type": job.event_type, "timestamp": to_jsonable_python(job.occurred_at), "data": job.payload},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    msg_id = str(job.event_uid)
    signatures = " ".join(Signer(secret).sign(msg_id, sent_at, body) for secret in job.secrets)
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signatures,
    }
    return body.encode(), headers


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text


async def attempt(client: httpx.AsyncClient, job: Job, settings: Settings) -> Outcome:
    """One attempt: the target checked again (DNS may have changed), then the POST, all within
    the time limit. Redirects are not followed (they could lead anywhere): a 3xx is a failure."""
    started, at = time.monotonic(), utcnow()
    code: int | None = None
    error: str | None = None
    try:
        async with asyncio.timeout(settings.webhook_timeout_seconds):
            if not job.allow_private:
                await targets.check(job.url)
            body, headers = message(job, utcnow())
            async with client.stream("POST", job.url, content=body, headers=headers) as response:
                code = response.status_code
                if not 200 <= code < 300:
                    error = f"HTTP {code}"
                    snippet = b""
                    async for chunk in response.aiter_bytes():  # a little of the answer, no more
                        snippet += chunk
                        if len(snippet) >= 200:
                            break
                    if snippet.strip():
                        error += ": " + snippet[:200].decode("utf-8", "replace").strip()
    except targets.TargetRefused as exc:
        error = f"Not sent: {exc.message}"
    except TimeoutError:
        error = f"No answer within {settings.webhook_timeout_seconds:g} s."
    except httpx.HTTPError as exc:
        error = _describe(exc)
    except Exception as exc:
        logger.exception("webhook delivery %s failed unexpectedly", job.delivery_id)
        error = _describe(exc)
    duration = int((time.monotonic() - started) * 1000)
    return Outcome(status_code=code, error=error[:1000] if error else None, duration_ms=duration, at=at)


def backoff(attempts: int, settings: Settings) -> float:
    """Exponential backoff with full jitter: a random wait up to base * 2^(attempts-1), capped."""
    ceiling = min(
        settings.webhook_retry_cap_seconds, settings.webhook_retry_base_seconds * 2 ** min(attempts - 1, 60)
    )
    return random.uniform(0, ceiling)


async def record(
    sessionmaker: async_sessionmaker[AsyncSession], job: Job, outcome: Outcome, settings: Settings
) -> None:
    """The result of an attempt, unless the lease was lost meanwhile (the delivery was deleted,
    failed because its webhook went away, or claimed again after the lease ran out)."""
    async with sessionmaker.begin() as session:
        webhook = None
        if outcome.status_code == GONE:  # the webhook first: the lock order of the API
            webhook = await repository.lock_webhook(session, job.webhook_id)
        delivery = await repository.lock_delivery(session, job.delivery_id)
        if delivery is None or delivery.locked_until != job.lease:
            return
        now = utcnow()
        delivery.locked_until = None
        delivery.attempts += 1
        delivery.first_attempt_at = delivery.first_attempt_at or outcome.at
        delivery.last_attempt_at = outcome.at
        delivery.last_status_code = outcome.status_code
        delivery.last_error = outcome.error
        delivery.last_duration_ms = outcome.duration_ms
        if outcome.ok:
            delivery.status, delivery.next_attempt_at, delivery.delivered_at = "succeeded", None, now
            return
        if delivery.status != "pending":  # failed meanwhile (its webhook was disabled)
            delivery.next_attempt_at = None
            return
        if outcome.status_code == GONE:
            delivery.status, delivery.next_attempt_at = "failed", None
            await session.flush()
            if webhook is not None and webhook.enabled:
                webhook.enabled = False
                webhook.disabled_reason = f"The receiver answered 410 Gone on {now:%Y-%m-%d %H:%M:%S} UTC."
                failed = await repository.fail_pending(
                    session, webhook.id, "Not sent: the webhook was disabled (410 Gone)."
                )
                await audit.record(
                    session,
                    None,
                    "webhook.disabled",
                    "webhook",
                    webhook.id,
                    {"reason": webhook.disabled_reason, "deliveries_failed": failed},
                    organization_id=webhook.organization_id,
                )
                logger.warning("webhook %s disabled: its receiver answered 410", webhook.id)
            return
        window = timedelta(seconds=settings.webhook_give_up_after_seconds)
        if delivery.attempts >= settings.webhook_max_attempts or now - delivery.first_attempt_at >= window:
            delivery.status, delivery.next_attempt_at = "failed", None
        else:
            delivery.next_attempt_at = now + timedelta(seconds=backoff(delivery.attempts, settings))


async def send_due(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Sends the due deliveries this round can claim; how many were attempted."""
    settings = get_settings()
    jobs = await claim(sessionmaker, settings)
    if not jobs:
        return 0
    limit = asyncio.Semaphore(max(1, settings.webhook_concurrency))
    gone: set[uuid.UUID] = set()  # webhooks that answered 410 in this round: nothing more to them
    attempted = 0
    timeout = timedelta(seconds=settings.webhook_timeout_seconds)

    async def one(job: Job) -> None:
        nonlocal attempted
        async with limit:
            # the lease must outlast the attempt, or another process could send it at once too
            if job.webhook_id in gone or utcnow() + timeout >= job.lease:
                return
            outcome = await attempt(client, job, settings)
            observability.WEBHOOK_ATTEMPTS.labels("succeeded" if outcome.ok else "failed").inc()
            attempted += 1
        if outcome.status_code == GONE:
            gone.add(job.webhook_id)
        try:
            await record(sessionmaker, job, outcome, settings)
        except Exception:  # the lease runs out and it is sent again
            logger.exception("could not record webhook delivery %s", job.delivery_id)

    # trust_env: an egress proxy from HTTPS_PROXY / NO_PROXY is used as usual
    async with httpx.AsyncClient(follow_redirects=False, timeout=settings.webhook_timeout_seconds) as client:
        await asyncio.gather(*(one(job) for job in jobs))
    return attempted
