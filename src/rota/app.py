"""create_app(settings): the HTTP service."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI

from rota import __version__, console, migrations, timers
from rota.audit.endpoints import router as audit_router
from rota.auth.endpoints import login_router
from rota.auth.endpoints import router as auth_router
from rota.config import Settings, get_settings
from rota.contacts.endpoints import router as contacts_router
from rota.db.engine import open_database
from rota.errors import install_error_handlers
from rota.insights.endpoints import router as insights_router
from rota.live import presence
from rota.live.endpoints import router as events_router
from rota.live.stream import Broadcaster
from rota.schedules.endpoints import router as schedules_router
from rota.schemas import add_common_errors
from rota.teams.endpoints import router as teams_router
from rota.transfers.endpoints import router as transfers_router
from rota.users.endpoints import router as users_router
from rota.webhooks.endpoints import router as webhooks_router

DESCRIPTION = """
Rota decides which team and which agent get a conversation the chatbot hands over,
keeps the queues, and tells everyone what happened.

Every answer is an envelope: `{"status": "success", "data": {...}}` or
`{"status": "error", "message": ..., "code": ..., "errors": [...]}`.
Authenticate with `Authorization: Bearer <access token or API key>`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    database = open_database(
        settings.database_url,
        settings.database_pool_size,
        settings.database_pool_timeout_seconds,
        pooled=settings.pooled,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.auto_migrate:
            await anyio.to_thread.run_sync(migrations.upgrade, settings.session_url)
        await app.state.broadcaster.start()
        heartbeat = settings.presence_heartbeat_seconds
        beating = asyncio.create_task(
            presence.heartbeat(app.state.sessionmaker, app.state.broadcaster, heartbeat)
        )
        timer = None
        if settings.timer_interval_seconds > 0:
            timer = asyncio.create_task(
                timers.loop(app.state.sessionmaker, settings.timer_interval_seconds, heartbeat)
            )
        yield
        if timer is not None:
            timer.cancel()
        beating.cancel()
        await app.state.broadcaster.stop()
        await database.dispose()

    app = FastAPI(title="Rota", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.database = database
    app.state.engine = database.engine
    app.state.sessionmaker = database.sessionmaker
    app.state.readers = database.readers
    app.state.signing_key = None
    app.state.broadcaster = Broadcaster(database.readers, settings.session_url)
    install_error_handlers(app)
    # routes are matched in order: the hot ones first
    routers = (
        transfers_router,
        users_router,
        login_router,
        auth_router,
        teams_router,
        contacts_router,
        schedules_router,
        insights_router,
        events_router,
        audit_router,
        webhooks_router,
    )
    for router in routers:
        app.include_router(router)
    console.mount(app)

    # The document FastAPI makes from the routes, with the statuses every operation of a kind can
    # answer (rota.schemas.common_errors) added in this one place, so that they cannot drift.
    make_document = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            routes = [route for router in routers for route in router.routes]
            app.openapi_schema = add_common_errors(make_document(), routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "success", "data": {"ok": True}}

    return app
