"""Engines for the two supported databases and the per-request transaction."""

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def async_url(url: str) -> str:
    """`sqlite:///x.db` / `postgresql://...` as given by users -> the async driver's URL."""
    u = make_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        return u.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        return u.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:/// or postgresql://")


def create_engine(url: str, pool_size: int | None = None, **kwargs: Any) -> AsyncEngine:
    """With pool_size (PostgreSQL), at most that many connections: no overflow."""
    if pool_size is not None and make_url(url).get_backend_name().startswith("postgres"):
        kwargs.update(pool_size=pool_size, max_overflow=0)
    import os
    if os.environ.get("XPLAN") and make_url(url).get_backend_name().startswith("postgres"):
        kwargs["connect_args"] = {"server_settings": {"plan_cache_mode": os.environ["XPLAN"]}}
    engine = create_async_engine(async_url(url), **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    # SQLite has one writer. A deferred BEGIN that later upgrades to a write fails with
    # SQLITE_BUSY under concurrent writers, so every transaction takes the write lock up front
    # (BEGIN IMMEDIATE) and waits for it (busy_timeout). WAL lets readers run meanwhile.
    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


# PostgreSQL gives up a transaction it cannot order (deadlock_detected, serialization_failure);
# the lock order of the routing engine makes these rare, and the request simply runs again.
RETRYABLE = {"40P01", "40001"}
ATTEMPTS = 3


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


class TransactionalRoute(APIRoute):
    """Every request is one transaction: committed before the response leaves, or rolled back."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            for attempt in range(1, ATTEMPTS + 1):
                async with request.app.state.sessionmaker() as session:
                    request.state.session = session
                    try:
                        response = await handler(request)
                        await session.commit()
                        return response
                    except DBAPIError as exc:
                        await session.rollback()
                        if attempt == ATTEMPTS or _sqlstate(exc) not in RETRYABLE:
                            raise
                    except BaseException:
                        await session.rollback()
                        raise
            raise AssertionError("unreachable")

        return route


async def get_session(request: Request) -> AsyncSession:
    return request.state.session  # async: FastAPI runs plain functions in a thread pool


async def flush_or(session: AsyncSession, error: Exception) -> None:
    """Writes what is pending; a constraint the write breaks (a concurrent request took the
    name, the email, ... first) raises `error` instead."""
    try:
        await session.flush()
    except IntegrityError:
        raise error from None
