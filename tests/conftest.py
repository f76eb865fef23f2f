"""Fixtures: a client per database (SQLite and a real PostgreSQL), and real server processes.

PostgreSQL comes from ROTA_TEST_POSTGRES_URL when set, otherwise from a throwaway `pgserver`
instance started for the test session. Tests isolate themselves by organization: every test
makes its own organizations, so one database per backend serves the whole session.

The suite runs in parallel (pytest-xdist: `-n auto --dist loadgroup` in pyproject.toml; `-n 0`
runs it in this process alone). Every worker is a session of its own: its own temporary
directory, so its own SQLite files and, without ROTA_TEST_POSTGRES_URL, its own `pgserver` in it;
its own uniquely named PostgreSQL databases. The tests that start real server processes and load
them are marked `heavy` (tests/support.py): one worker runs them, one after another, while the
others run the in-process tests.
"""

import os

# cheap password hashing for tests (set before rota reads its settings)
os.environ.setdefault("ROTA_ARGON2_TIME_COST", "1")
os.environ.setdefault("ROTA_ARGON2_MEMORY_COST", "1024")
os.environ.setdefault("ROTA_ARGON2_PARALLELISM", "1")
# timer work runs only where a test asks for it (tests/test_timers.py)
os.environ.setdefault("ROTA_TIMER_INTERVAL_SECONDS", "0")
# correctness tests share two cores with other workers: a request that waits long for a pooled
# connection there is slow, not wrong (tests/test_overload.py sets short timeouts of its own)
os.environ.setdefault("ROTA_DATABASE_POOL_TIMEOUT_SECONDS", "60")

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


@pytest.hookimpl(tryfirst=True)  # before the parametrize marks and the fixtures' params are applied
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `backend_independent` runs on SQLite only: what it checks is answered before
    the handler runs any query (the path, query or body is refused by validation; credentials are
    missing), so on PostgreSQL it would only repeat itself."""
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("backend_independent"):
        sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
        metafunc.definition.add_marker(sqlite_only, append=False)


@pytest.hookimpl(trylast=True)  # after pytest-xdist's own
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`--dist loadgroup` sends the tests of an `xdist_group` to one worker by the `@group`
    suffix pytest-xdist gives their node ids in the workers. Since pytest 9.2 keeps node ids
    structured, the suffix pytest-xdist (3.8) writes no longer takes, and the tests are spread
    as if ungrouped (pytest-dev/pytest-xdist#1386): the suffix is given here where it is missing."""
    if not getattr(config.option, "loadgroup", False):
        return  # not a worker of a `--dist loadgroup` run
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # pytest before 9.2: pytest-xdist's suffix takes
        return
    for item in items:
        groups = {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(groups))
        if groups and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = NodeId.parse(item.nodeid + suffix)


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


def new_database(backend: str, tmp_root: Path, postgres_url: str) -> str:
    """The URL of a new, empty database of the backend."""
    if backend in ("postgres", "pgbouncer"):
        return create_database(postgres_url, "rota_srv")
    return f"sqlite:///{tmp_root / f'srv-{uuid.uuid4().hex[:8]}.db'}"


@pytest.fixture
def fresh_database(tmp_root: Path, postgres_url: str, backend: str) -> str:
    """The URL of a new, empty database of the given backend."""
    return new_database(backend, tmp_root, postgres_url)


def start_pool(stack: contextlib.ExitStack, backend: str, database: str) -> ServerPool:
    """Two `rota serve` processes on the database, stopped when the stack closes. With the
    `pgbouncer` backend they reach PostgreSQL through PgBouncer in transaction mode (and
    directly only for LISTEN and migrations), as large deployments run them."""
    url, env = database, {}
    if backend == "pgbouncer":
        bouncer = stack.enter_context(PgBouncer(database))
        url, env = bouncer.url, {"ROTA_DATABASE_DIRECT_URL": database}
    pool = ServerPool(url, processes=2, env=env)
    stack.callback(pool.stop)
    pool.start()
    return pool


@pytest.fixture(scope="session")
def _server_pools() -> Iterator[dict[str, tuple[ServerPool, contextlib.ExitStack]]]:
    pools: dict[str, tuple[ServerPool, contextlib.ExitStack]] = {}
    try:
        yield pools
    finally:
        for _, stack in pools.values():
            stack.close()


@pytest.fixture
def server_pool(
    backend: str,
    tmp_root: Path,
    postgres_url: str,
    _server_pools: dict[str, tuple[ServerPool, contextlib.ExitStack]],
) -> ServerPool:
    """Two real `rota serve` processes sharing one database of the given backend (see
    `start_pool`), started when a test first asks for them and then shared by the tests of the
    backend (in this worker): each test works in organizations of its own, as it would on any
    server, and pays no start-up. A test that kills or stops a process takes `own_server_pool`."""
    pool, stack = _server_pools.pop(backend, (None, None))
    if stack is not None and any(p.poll() is not None for p in pool.procs):
        stack.close()  # a process is gone (a previous test failed): start again
        pool = None
    if pool is None:
        stack = contextlib.ExitStack()
        try:
            pool = start_pool(stack, backend, new_database(backend, tmp_root, postgres_url))
        except BaseException:
            stack.close()
            raise
    _server_pools[backend] = (pool, stack)
    return pool


@pytest.fixture
def own_server_pool(fresh_database: str, backend: str) -> Iterator[ServerPool]:
    """Two real `rota serve` processes on a fresh database of the given backend (`fresh_database`),
    for this test alone."""
    with contextlib.ExitStack() as stack:
        yield start_pool(stack, backend, fresh_database)


@pytest.fixture
def clock() -> Iterator[Clock]:
    """Holds Rota's clock at a chosen instant (in this process) until the test ends."""
    held = Clock()
    rota_clock.set_clock(held.now)
    try:
        yield held
    finally:
        rota_clock.set_clock(None)
