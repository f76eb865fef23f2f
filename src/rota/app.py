"""create_app(settings): the HTTP service."""

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from rota import __version__, apidocs, console, migrations, observability, timers
from rota.apierrors import add_error_codes
from rota.audit.endpoints import router as audit_router
from rota.auth.endpoints import login_router
from rota.auth.endpoints import router as auth_router
from rota.config import Settings, get_settings
from rota.contacts.endpoints import router as contacts_router
from rota.db.engine import open_database
from rota.errors import error_response, install_error_handlers
from rota.insights.endpoints import router as insights_router
from rota.live import presence
from rota.live.endpoints import router as events_router
from rota.live.stream import Broadcaster
from rota.reports.endpoints import router as reports_router
from rota.schedules.endpoints import router as schedules_router
from rota.schemas import add_common_errors, operation_id, readable_operation_ids
from rota.teams.endpoints import router as teams_router
from rota.transfers import service as transfers
from rota.transfers.endpoints import router as transfers_router
from rota.users.endpoints import router as users_router
from rota.webhooks.endpoints import router as webhooks_router

logger = logging.getLogger("rota")

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

    app = FastAPI(
        title="Rota",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        docs_url=None,  # rota.apidocs serves them with their assets
        redoc_url=None,
    )
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
        reports_router,
    )
    for router in routers:
        app.include_router(router)
    console.mount(app)
    apidocs.mount(app)

    # The document FastAPI makes from the routes, with the statuses every operation of a kind can
    # answer (rota.schemas.common_errors) added in this one place, so that they cannot drift.
    make_document = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            routes = [route for router in routers for route in router.routes]
            document = add_error_codes(add_common_errors(make_document(), routes), routes)
            app.openapi_schema = readable_operation_ids(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/healthz", include_in_schema=False)
    @app.get("/livez", include_in_schema=False)
    async def livez() -> dict:
        """The process answers (liveness: restart it if not)."""
        return {"status": "success", "data": {"ok": True}}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        """The process can serve: its database answers within two seconds (readiness)."""
        try:
            async with asyncio.timeout(2), database.readers() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:  # unreachable, refusing, too slow: not ready, never a 500
            logger.warning("not ready: %r", exc)
            return error_response(
                503, "The database does not answer.", "database_unavailable", headers={"Retry-After": "5"}
            )
        return JSONResponse({"status": "success", "data": {"ready": True}})

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        """Prometheus metrics (with ROTA_METRICS_TOKEN set, only for that bearer token)."""
        wanted = settings.metrics_token
        if wanted and not hmac.compare_digest(request.headers.get("authorization", ""), f"Bearer {wanted}"):
            return error_response(401, "This needs the metrics token.", "not_authenticated")
        try:
            async with asyncio.timeout(2), database.readers() as session:
                waiting = await transfers.waiting_by_queue(session)
            observability.WAITING.clear()
            for team_id, count in waiting.items():
                observability.WAITING.labels(str(team_id) if team_id else "").set(count)
        except Exception as exc:  # the other metrics are still worth having
            logger.warning("queue lengths unavailable for /metrics: %r", exc)
        body, content_type = observability.exposition()
        return Response(body, media_type=content_type)

    app.add_middleware(observability.RequestMiddleware)

    return app
