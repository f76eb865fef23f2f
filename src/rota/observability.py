"""What operators see: Prometheus metrics, JSON log lines that carry the request's id, and the
`X-Request-ID` header.

Metrics come from prometheus-client. With several worker processes (`rota serve --workers N`)
every process writes its samples to PROMETHEUS_MULTIPROC_DIR (the command sets it) and
`/metrics`, whichever process answers, adds up all of them. Counts of what a transaction did
(assignments, breaches) are made when it commits, never for work rolled back.
"""

import contextvars
import logging
import os
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.orm import Session

REQUEST_ID_HEADER = "x-request-id"
_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

REQUESTS = Histogram(
    "rota_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template, method and status",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
POOL_WAIT = Histogram(
    "rota_database_wait_seconds",
    "Time a request waited for a database connection (its place at the gate)",
    buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
POOL_REFUSED = Counter("rota_database_busy_total", "Requests answered 503 for want of a database connection")
ASSIGNMENTS = Counter(
    "rota_assignments_total",
    "Transfers given to agents: assigned (by a strategy or a person), offered, picked, accepted",
    ["kind"],
)
OFFERS_LAPSED = Counter("rota_offers_lapsed_total", "Offers not accepted in time")
SLA_BREACHES = Counter("rota_sla_breaches_total", "SLA deadlines missed", ["target"])
WEBHOOK_ATTEMPTS = Counter("rota_webhook_attempts_total", "Webhook delivery attempts", ["outcome"])
WAITING = Gauge(
    "rota_queue_length",
    "Transfers waiting in a queue when /metrics was read (team_id empty: the general queue)",
    ["team_id"],
    multiprocess_mode="mostrecent",
)

_PENDING = "rota_metrics"


def on_commit(session: Session | Any, counter: Any, amount: float = 1.0) -> None:
    """Counts `amount` on the counter (a labelled child) when the session's transaction commits."""
    info = session.info if isinstance(session, Session) else session.sync_session.info
    info.setdefault(_PENDING, []).append((counter, amount))


@event.listens_for(Session, "after_commit")
def _counted(session: Session) -> None:
    for counter, amount in session.info.pop(_PENDING, ()):
        counter.inc(amount)


@event.listens_for(Session, "after_rollback")
def _dropped(session: Session) -> None:
    session.info.pop(_PENDING, None)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format: of every worker process when there are several."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def log_config(level: str, json_lines: bool) -> dict[str, Any]:
    """logging's dictConfig for the server (uvicorn's loggers too): JSON lines with the request
    id (python-json-logger), or plain text for people at a terminal."""
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    loggers = ("rota", "uvicorn", "uvicorn.error", "uvicorn.access")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            name: {"handlers": ["default"], "level": level.upper(), "propagate": False} for name in loggers
        },
    }


ASGIApp = Callable[
    [dict[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]
]


class RequestMiddleware:
    """Gives every HTTP request an id (the client's `X-Request-ID` when it is a sane one, else a
    new one), sends it back in the same header, keeps it for the log lines the request writes,
    and measures the request by its route template."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        rid = given if _GOOD_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started, status = time.perf_counter(), 500

        async def sending(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            if not template.startswith("/api/events"):  # a stream lasts as long as its client
                REQUESTS.labels(scope["method"], template, str(status)).observe(time.perf_counter() - started)
            request_id.reset(token)
