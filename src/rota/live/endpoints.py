import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials
from sse_starlette import EventSourceResponse

from rota.auth.dependencies import bearer, get_principal
from rota.errors import ValidationFailed
from rota.events import service as events
from rota.events.models import Event
from rota.http import SafeRoute
from rota.live import presence
from rota.live.stream import Subscriber, message, team_roles
from rota.schemas import errors

router = APIRouter(route_class=SafeRoute, tags=["events"])
EVENT_ID = re.compile(r"[0-9]{1,18}")  # a stream position (a 64-bit id), in ASCII digits


@router.get(
    "/api/events",
    responses={
        **errors(401, 422),
        200: {
            "description": "A Server-Sent Events stream of what the caller may see",
            "content": {
                "text/event-stream": {
                    "example": "id: 42\nevent: transfer.assigned\n"
                    'data: {"id": "…", "type": "transfer.assigned", '
                    '"data": {"transfer": {"id": "…"}}}\n\n'
                }
            },
        },
    },
    summary="Live events (Server-Sent Events); send Last-Event-ID to catch up after a reconnect",
)
async def stream_events(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> EventSourceResponse:
    if last_event_id is not None and not EVENT_ID.fullmatch(last_event_id):
        raise ValidationFailed(
            "Last-Event-ID is the id of an event this stream sent.",
            errors=[{"field": "Last-Event-ID", "message": "not an event id"}],
        )
    broadcaster = request.app.state.broadcaster
    async with request.app.state.readers() as session:
        principal = await get_principal(request, session, credentials)
        subscriber = Subscriber(
            principal.user_id,
            principal.organization_id,
            principal.is_admin,
            await team_roles(session, principal.user_id),
            None if principal.api_key_hash else principal.token_version,
            principal.api_key_hash,
        )
        await broadcaster.subscribe(subscriber, session)  # before the replay: nothing falls between
        try:
            missed: list[Event] = []
            if last_event_id is not None:
                missed = await events.replay(session, principal.organization_id, int(last_event_id))
            await session.commit()
        except BaseException:
            broadcaster.unsubscribe(subscriber)
            raise
    # connected from now on (automatic presence); the process's heartbeat keeps it so
    writer = request.app.state.sessionmaker
    await presence.seen(writer, [subscriber.user_id])

    async def send() -> AsyncIterator[dict[str, Any]]:
        sent: set[str] = set()
        try:
            for e in missed:
                if subscriber.sees(e):
                    sent.add(str(e.id))
                    yield message(e)
            while (item := await subscriber.queue.get()) is not None:
                if item["event"] != "queue.counts" and item.get("id") in sent:
                    continue  # already sent by the replay
                yield item
        finally:
            broadcaster.unsubscribe(subscriber)
            await presence.seen(writer, [subscriber.user_id])  # the last moment connected

    return EventSourceResponse(send(), ping=15)
