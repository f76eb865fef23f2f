"""Engines for the two supported databases and the per-request transaction."""

import asyncio
import fcntl
import os
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import AsyncAdaptedQueuePool

from rota import observability
from rota.errors import Busy


def async_url(url: str) -> str:
    """`sqlite:///x.db` / `postgresql://...` as given by users -> the async driver's URL."""
    u = make_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        return u.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        return u.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:/// or postgresql://")


# Behind a transaction-mode pooler (PgBouncer) a client's statements may reach a different server
# connection in every transaction: no prepared statement may outlive its transaction. asyncpg
# then prepares unnamed statements ("" is replaced by the next), each time.
POOLER_CONNECT_ARGS = {
    "statement_cache_size": 0,
    "prepared_statement_cache_size": 0,
    "prepared_statement_name_func": lambda: "",
}


def create_engine(
    url: str,
    pool_size: int | None = None,
    *,
    pool_timeout: float | None = None,
    read_only: bool = False,
    pooled: bool = False,
    **kwargs: Any,
) -> AsyncEngine:
    """With pool_size, at most that many connections (no overflow); a request that gets none
    within pool_timeout seconds fails with sqlalchemy.exc.TimeoutError (answered 503). With
    `pooled`, the URL is a transaction-mode pooler (PostgreSQL only)."""
    if pooled and make_url(url).get_backend_name() != "sqlite":
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), **POOLER_CONNECT_ARGS}
    if pool_size is not None:
        kwargs.update(poolclass=AsyncAdaptedQueuePool, pool_size=pool_size, max_overflow=0)
        if pool_timeout is not None:
            kwargs["pool_timeout"] = pool_timeout
    engine = create_async_engine(async_url(url), **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, read_only)
    return engine


def _configure_sqlite(engine: AsyncEngine, read_only: bool) -> None:
    # SQLite has one writer. A deferred BEGIN that later upgrades to a write fails with
    # SQLITE_BUSY under concurrent writers, so every writing transaction takes the write lock up
    # front (BEGIN IMMEDIATE). Requests that write queue for the one writer connection of their
    # process and for the writer lock shared by the processes (see WriterGate); busy_timeout is
    # only for the few writes that go around them (timer rounds, a login's own transaction). WAL
    # lets readers run meanwhile, on connections of their own that cannot write.
    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


class Gate:
    """At most `size` requests' transactions at once, admitted strictly in the order they came
    (asyncio's own queues let a newcomer take a freed place before a waiter that was woken for
    it, which under load leaves some requests waiting far longer than others). A request that
    waits longer than `timeout` is refused: 503 with Retry-After."""

    def __init__(self, size: int, timeout: float) -> None:
        self.free, self.timeout = size, timeout
        self.waiters: deque[asyncio.Future[None]] = deque()

    async def __aenter__(self) -> None:
        if self.free > 0 and not self.waiters:
            self.free -= 1
            observability.POOL_WAIT.observe(0.0)
            return
        place = asyncio.get_running_loop().create_future()
        self.waiters.append(place)
        started = time.perf_counter()
        try:
            await asyncio.wait_for(place, self.timeout)
        except BaseException as exc:
            if place.done() and not place.cancelled():  # handed a place just as it gave up
                self._release()
            if isinstance(exc, TimeoutError):
                observability.POOL_REFUSED.inc()
                raise Busy() from None
            raise
        finally:
            observability.POOL_WAIT.observe(time.perf_counter() - started)

    async def __aexit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        while self.waiters:
            place = self.waiters.popleft()
            if not place.done():
                place.set_result(None)  # the place passes on: nobody can take it in between
                return
        self.free += 1


class WriterGate(Gate):
    """SQLite's writers: one at a time in this process (the gate), and one at a time among the
    processes that share the database file, which a writer holds an exclusive lock on a file
    beside it for (`<database>-writer.lock`) through its transaction. Waiting for that lock
    blocks a thread in the kernel, which lets a waiter in as soon as it is free; SQLite's own
    busy handler sleeps up to 100 ms between its tries, and that was the tail of several
    processes writing to one file."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__(1, timeout)
        self.fd = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)

    async def __aenter__(self) -> None:
        await super().__aenter__()
        locking = asyncio.ensure_future(asyncio.to_thread(fcntl.flock, self.fd, fcntl.LOCK_EX))
        try:
            await asyncio.wait_for(asyncio.shield(locking), self.timeout)
        except BaseException as exc:
            # the thread still waits; once it holds the lock it lets it go, and only then this
            # process's next writer may try (nobody here may think it holds the lock meanwhile)
            locking.add_done_callback(self._given_up)
            if isinstance(exc, TimeoutError):
                observability.POOL_REFUSED.inc()
                raise Busy() from None
            raise

    async def __aexit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        self._release()

    def _given_up(self, locking: "asyncio.Future[None]") -> None:
        if not locking.cancelled() and locking.exception() is None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        self._release()


@dataclass
class Database:
    """The engines of one database: `sessionmaker` for transactions that may write, `readers`
    for those that only read (requests with a safe method). On PostgreSQL both share one pool.
    On SQLite writes go through a single connection per process, so writers queue here in
    order instead of sleeping in SQLite's busy handler (and the processes sharing the file take
    turns on its writer lock, see WriterGate), and readers have a pool of their own."""

    engines: list[AsyncEngine]
    sessionmaker: async_sessionmaker[AsyncSession]
    readers: async_sessionmaker[AsyncSession]
    gate: Gate  # requests that may write
    read_gate: Gate  # requests that only read (the same gate where they share the pool)

    @property
    def engine(self) -> AsyncEngine:
        return self.engines[0]

    async def dispose(self) -> None:
        for engine in self.engines:
            await engine.dispose()
        if isinstance(self.gate, WriterGate):
            os.close(self.gate.fd)


def open_database(url: str, pool_size: int, pool_timeout: float, *, pooled: bool = False) -> Database:
    if make_url(url).get_backend_name() != "sqlite":
        engine = create_engine(url, pool_size, pool_timeout=pool_timeout, pooled=pooled)
        maker, gate = create_sessionmaker(engine), Gate(pool_size, pool_timeout)
        return Database([engine], maker, maker, gate, gate)
    writer = create_engine(url, 1, pool_timeout=pool_timeout)
    reader = create_engine(url, pool_size, pool_timeout=pool_timeout, read_only=True)
    path = make_url(url).database or ":memory:"
    shared = path != ":memory:" and not path.startswith("file::memory:")  # other processes may open it
    return Database(
        [writer, reader],
        create_sessionmaker(writer),
        create_sessionmaker(reader),
        WriterGate(path, pool_timeout) if shared else Gate(1, pool_timeout),
        Gate(pool_size, pool_timeout),
    )


async def flush_or(session: AsyncSession, error: Exception) -> None:
    """Writes what is pending; a constraint the write breaks (a concurrent request took the
    name, the email, ... first) raises `error` instead."""
    try:
        await session.flush()
    except IntegrityError:
        raise error from None
