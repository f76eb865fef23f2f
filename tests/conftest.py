"""Fixtures: a client per database (SQLite and a real PostgreSQL), and real server processes.

PostgreSQL comes from ROTA_TEST_POSTGRES_URL when set, otherwise from a throwaway `pgserver`
instance started for the test session. Tests isolate themselves by organization: every test
makes its own organizations, so one database per backend serves the whole session.
"""

import os

# cheap password hashing for tests (set before rota reads its settings)
os.environ.setdefault("ROTA_ARGON2_TIME_COST", "1")
os.environ.setdefault("ROTA_ARGON2_MEMORY_COST", "1024")
os.environ.setdefault("ROTA_ARGON2_PARALLELISM", "1")
# timer work runs only where a test asks for it (tests/test_timers.py)
os.environ.setdefault("ROTA_TIMER_INTERVAL_SECONDS", "0")

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rota import clock as rota_clock
from rota.app import create_app
from rota.config import Settings
from tests.support import Api, Clock, PgBouncer, ServerPool, create_database

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def tmp_root() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="rota-tests-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(tmp_root: Path) -> Iterator[str]:
    """URL of a PostgreSQL server (not a database in it: tests create their own)."""
    url = os.environ.get("ROTA_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    import pgserver

    server = pgserver.get_server(str(tmp_root / "pg"), cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def database_urls(tmp_root: Path, postgres_url: str) -> dict[str, str]:
    return {
        "sqlite": f"sqlite:///{tmp_root / 'api.db'}",
        "postgres": create_database(postgres_url, "rota_api"),
    }


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _clients(database_urls: dict[str, str]) -> Iterator[dict[str, TestClient]]:
    clients: dict[str, TestClient] = {}
    try:
        for name, url in database_urls.items():
            client = TestClient(create_app(Settings(database_url=url)))
            client.__enter__()
            clients[name] = client
        yield clients
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)


@pytest.fixture
def client(_clients: dict[str, TestClient], backend: str) -> TestClient:
    return _clients[backend]


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def fresh_database(tmp_root: Path, postgres_url: str, backend: str) -> str:
    """The URL of a new, empty database of the given backend."""
    if backend in ("postgres", "pgbouncer"):
        return create_database(postgres_url, "rota_srv")
    return f"sqlite:///{tmp_root / f'srv-{uuid.uuid4().hex[:8]}.db'}"


@pytest.fixture
def server_pool(fresh_database: str, backend: str) -> Iterator[ServerPool]:
    """Two real `rota serve` processes sharing one fresh database of the given backend. With
    the `pgbouncer` backend they reach PostgreSQL through PgBouncer in transaction mode (and
    directly only for LISTEN and migrations), as large deployments run them."""
    with contextlib.ExitStack() as stack:
        url, env = fresh_database, {}
        if backend == "pgbouncer":
            bouncer = stack.enter_context(PgBouncer(fresh_database))
            url, env = bouncer.url, {"ROTA_DATABASE_DIRECT_URL": fresh_database}
        pool = ServerPool(url, processes=2, env=env)
        try:
            pool.start()
            yield pool
        finally:
            pool.stop()


@pytest.fixture
def clock() -> Iterator[Clock]:
    """Holds Rota's clock at a chosen instant (in this process) until the test ends."""
    held = Clock()
    rota_clock.set_clock(held.now)
    try:
        yield held
    finally:
        rota_clock.set_clock(None)
