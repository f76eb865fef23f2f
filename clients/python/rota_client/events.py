"""Rota's live events for this client (hand-written; `tools/clients.py` copies it into the
generated package): Server-Sent Events from `GET /api/events`, parsed by httpx-sse, with
reconnection that resumes after the last event seen (`Last-Event-ID`), so none is missed."""

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_sse import connect_sse

from .client import AuthenticatedClient


@dataclass(frozen=True)
class Event:
    id: str  # the stream position: resume after it
    type: str  # transfer.created, transfer.assigned, queue.counts, ...
    data: dict[str, Any]


def events(
    client: AuthenticatedClient,
    *,
    last_event_id: str | None = None,
    reconnect: bool = True,
    retry_seconds: float = 1.0,
    max_retry_seconds: float = 30.0,
) -> Iterator[Event]:
    """The events the client's account may see, as they happen. With `last_event_id`, first
    those after it. When the connection drops (or the server restarts), it reconnects with the
    last id seen, waiting `retry_seconds` and twice as long after each failure in a row, up to
    `max_retry_seconds`; a refusal (401, 403) ends it with httpx.HTTPStatusError."""
    wait = retry_seconds
    while True:
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        try:
            with connect_sse(client.get_httpx_client(), "GET", "/api/events", headers=headers) as source:
                source.response.raise_for_status()
                wait = retry_seconds
                for sse in source.iter_sse():
                    if sse.id:
                        last_event_id = sse.id
                    body = json.loads(sse.data) if sse.data else {}
                    data = body if sse.event == "queue.counts" else body.get("data", body)
                    yield Event(sse.id, sse.event, data)
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code in (401, 403, 422) or not reconnect:
                raise
        except (httpx.TransportError, httpx.StreamError):
            if not reconnect:
                raise
        if not reconnect:
            return
        time.sleep(wait)
        wait = min(wait * 2, max_retry_seconds)
