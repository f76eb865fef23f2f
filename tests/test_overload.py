"""Overload and outages are answered, never failed: 503 in the envelope, with Retry-After."""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from fastapi.testclient import TestClient

from rota.app import create_app
from rota.config import Settings
from rota.users import service
from tests.support import assert_error, data, login


@pytest.fixture
def small_pool(fresh_database: str) -> Iterator[TestClient]:
    """A service with one pooled connection (SQLite: one writer) and a short wait for it."""
    settings = Settings(database_url=fresh_database, database_pool_size=1, database_pool_timeout_seconds=0.3)
    with TestClient(create_app(settings)) as client:
        yield client


def test_a_request_that_gets_no_connection_in_time_is_answered_503(small_pool: TestClient) -> None:
    app = small_pool.app
    done = small_pool.portal.call

    async def bootstrap() -> None:
        async with app.state.sessionmaker.begin() as session:
            await service.bootstrap_admin(session, "Busy", "busy@example.com", "password-123", "Bo")

    done(bootstrap)
    admin = login(small_pool, "busy@example.com", "password-123")
    held = done(app.state.engine.connect)  # every connection that may write is taken
    try:
        resp = admin.post("/api/teams", json={"name": "Waits"})
        assert_error(resp, 503, "database_busy")
        assert resp.headers["Retry-After"] == "1"
    finally:
        done(held.close)
    data(admin.post("/api/teams", json={"name": "Waits"}), 201)  # the connection is back


def test_an_unreachable_database_is_answered_503() -> None:
    settings = Settings(
        database_url="postgresql://rota@127.0.0.1:9/rota",
        auto_migrate=False,
        timer_interval_seconds=0,
        database_pool_timeout_seconds=1,
    )
    app = create_app(settings)
    app.router.lifespan_context = _no_lifespan  # nothing to start: the database is not there
    with TestClient(app) as client:
        for resp in (
            client.post("/api/auth/login", json={"email": "a@example.com", "password": "x"}),
            client.get("/api/me", headers={"Authorization": "Bearer a.b.c"}),
            client.get("/api/chatbot/transfers", headers={"Authorization": "Bearer rota_key"}),
        ):
            assert_error(resp, 503, "database_unavailable")
            assert resp.headers["Retry-After"] == "5"


@asynccontextmanager
async def _no_lifespan(app: object) -> AsyncIterator[None]:
    yield
