"""The tests' shared helpers: organizations, users, teams and transfers (in-process and on real
server processes), waiting for a condition, real servers and databases."""

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from rota.db.engine import create_engine

# Tests that start `rota serve` processes (or a browser) and put them under load: one xdist group,
# so that one worker runs them one after another and they never compete with each other for the
# machine's cores (the other workers meanwhile run the in-process tests).
heavy = pytest.mark.xdist_group("heavy")


def unique(prefix: str = "x") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_database(server_url: str, prefix: str) -> str:
    """A fresh, empty database on the PostgreSQL server; its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"

    async def run() -> None:
        engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        await engine.dispose()

    asyncio.run(run())
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


# ---------------------------------------------------------------- waiting for a condition


def wait_for(check: Callable[[], Any], timeout: float = 30.0, step: float = 0.05) -> Any:
    """Calls `check` until it returns something true, and returns that; fails after `timeout`
    seconds (generous: a loaded machine is slow, a passing test waits no longer than it must)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {check}"
        time.sleep(step)


async def until(check: Callable[[], Any], timeout: float = 30.0, step: float = 0.05) -> Any:
    """`wait_for` inside an event loop: the loop's other tasks run while it waits."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {check}"
        await asyncio.sleep(step)


def passes(check: Callable[[], Any]) -> bool:
    """Whether `check`, a function of assertions, passes now (for waiting until it does; what
    has not arrived yet may also be missing from a dict or a list)."""
    try:
        check()
    except (AssertionError, LookupError):
        return False
    return True


# ---------------------------------------------------------------- answers


def assert_error(resp: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["status"] == "error", body
    assert isinstance(body["message"], str) and body["message"], body
    assert isinstance(body["code"], str) and body["code"], body
    if code is not None:
        assert body["code"] == code, body
    return body


def data(resp: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["status"] == "success", body
    return body["data"]


@dataclass
class Actor:
    """A logged-in user: calls the API with their bearer token."""

    client: Any  # TestClient or httpx.Client
    token: str
    user: dict[str, Any]
    password: str = "password-123"

    @property
    def id(self) -> str:
        return self.user["id"]

    @property
    def email(self) -> str:
        return self.user["email"]

    @property
    def org_id(self) -> str:
        return self.user["organization_id"]

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        kw["headers"] = self.headers(kw.get("headers"))
        return self.client.request(method, url, **kw)

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("POST", url, **kw)

    def put(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("PUT", url, **kw)

    def patch(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("PATCH", url, **kw)

    def delete(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", url, **kw)


def login(client: Any, email: str, password: str) -> Actor:
    d = data(client.post("/api/auth/login", json={"email": email, "password": password}))
    return Actor(client, d["access_token"], d["user"], password)


@dataclass
class Api:
    """Builds organizations, users, teams and memberships through the real service."""

    client: TestClient

    def new_org(self) -> Actor:
        """A new organization with its first admin (as `rota create-admin` makes it)."""
        from rota.users import service

        email, password = f"{unique('admin')}@example.com", "password-123"

        async def bootstrap() -> None:
            async with self.client.app.state.sessionmaker.begin() as session:
                await service.bootstrap_admin(session, unique("org"), email, password, "Ada Admin")

        self.client.portal.call(bootstrap)
        return login(self.client, email, password)

    def new_user(self, admin: Actor, role: str = "agent", **fields: Any) -> Actor:
        body = {
            "email": f"{unique(role)}@example.com",
            "full_name": fields.pop("full_name", f"{role.title()} {unique()}"),
            "password": "password-123",
            "role": role,
            **fields,
        }
        user = data(admin.post("/api/users", json=body), 201)["user"]
        if not user["is_active"]:
            return Actor(self.client, "", user)
        return login(self.client, body["email"], body["password"])

    def new_team(self, admin: Actor, **fields: Any) -> dict[str, Any]:
        body = {"name": unique("Team"), **fields}
        return data(admin.post("/api/teams", json=body), 201)["team"]

    def add_member(self, actor: Actor, team_id: str, user: Actor, role: str = "agent") -> dict[str, Any]:
        resp = actor.post(f"/api/teams/{team_id}/members", json={"user_id": user.id, "role": role})
        return data(resp, 201)["member"]

    def new_member(self, admin: Actor, team: dict[str, Any], role: str = "agent") -> Actor:
        """A new user of `role` (agent or manager), in `team` in the same role."""
        user = self.new_user(admin, role)
        self.add_member(admin, team["id"], user, role)
        return user


def transfer(actor: Actor, team_id: str | None, **fields: Any) -> dict[str, Any]:
    """A transfer of a new contact to `team_id` (None: the general queue)."""
    contact = data(actor.post("/api/contacts", json={"name": "Customer"}), 201)["contact"]
    body = {"contact_id": contact["id"], "team_id": team_id, **fields}
    return data(actor.post("/api/chatbot/transfers", json=body), 201)["transfer"]


def transfer_now(actor: Actor, t: dict[str, Any]) -> dict[str, Any]:
    """The transfer as it is now."""
    return data(actor.get(f"/api/chatbot/transfers/{t['id']}"))["transfer"]


def transfer_events(actor: Actor, t: dict[str, Any]) -> list[dict[str, Any]]:
    return data(actor.get(f"/api/chatbot/transfers/{t['id']}/events"))["events"]


def tick(api: Api) -> dict[str, int] | None:
    """One round of the timer work (SLAs, overflow, webhooks), in this process."""
    from rota import timers

    return api.client.portal.call(timers.run_once, api.client.app.state.sessionmaker)


def ensure_debian_package(path: str, package: str, purpose: str) -> str:
    """A program from Debian, installed with apt-get when it is missing (as root, or with
    password-less sudo); the test fails, never skips, when that cannot be done."""
    if Path(path).exists():
        return path
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        pytest.fail(
            f"{path} is missing and cannot be installed here (needs apt-get as root or "
            f"password-less sudo): run `apt-get install -y {package}` first.",
            pytrace=False,
        )
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", package]):
        done = subprocess.run(prefix + cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.fail(
                f"`{' '.join(cmd)}` failed, so {purpose} cannot run:\n"
                f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}",
                pytrace=False,
            )
    if not Path(path).exists():
        pytest.fail(f"apt-get installed {package} but {path} is still missing.", pytrace=False)
    return path


class PgBouncer:
    """Debian's PgBouncer in transaction mode in front of a PostgreSQL database, for as long as
    the `with` block lasts: `.url` is the pooled URL, the database's own stays the direct one."""

    def __init__(self, database_url: str) -> None:
        self.direct = database_url
        # a directory of its own the server's user can enter (PgBouncer does not run as root)
        self.workdir = Path(tempfile.mkdtemp(prefix="rota-pgbouncer-"))
        self.workdir.chmod(0o755)
        self.port = free_port()
        self.url = (
            make_url(database_url)
            .set(host="127.0.0.1", port=self.port, query={})
            .render_as_string(hide_password=False)
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "PgBouncer":
        binary = ensure_debian_package("/usr/sbin/pgbouncer", "pgbouncer", "the PgBouncer tests")
        u = make_url(self.direct)
        socket_dir = u.query.get("host")
        target = f"host={socket_dir or u.host} port={u.port or 5432}"
        (self.workdir / "users.txt").write_text(f'"{u.username}" "{u.password or ""}"\n')
        ini = self.workdir / "pgbouncer.ini"
        ini.write_text(f"""[databases]
* = {target}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = trust
auth_file = {self.workdir / "users.txt"}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
logfile = {self.workdir / "pgbouncer.log"}
pidfile = {self.workdir / "pgbouncer.pid"}
""")
        command = [binary, str(ini)]
        if os.geteuid() == 0:  # PgBouncer will not run as root: it runs as the database's owner
            owner = Path(socket_dir).owner() if socket_dir else "nobody"
            shutil.chown(self.workdir, owner)
            command = [binary, "-u", owner, str(ini)]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    log = self.workdir / "pgbouncer.log"
                    raise RuntimeError(
                        "pgbouncer did not start: "
                        + (log.read_text()[-2000:] if log.exists() else self.proc.stderr.read().decode())
                    ) from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=15)
        shutil.rmtree(self.workdir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerPool:
    """Real `rota serve` processes on one database, for tests that cross process boundaries."""

    def __init__(self, database_url: str, processes: int = 2, env: dict[str, str] | None = None) -> None:
        self.database_url = database_url
        self.count = processes
        self.procs: list[subprocess.Popen[bytes]] = []
        self.urls: list[str] = []
        self.env = {**os.environ, "ROTA_DATABASE_URL": database_url, **(env or {})}

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rota.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> None:
        done = self.cli("migrate")
        assert done.returncode == 0, done.stderr
        for _ in range(self.count):
            port = free_port()
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "rota.cli",
                        "serve",
                        "--port",
                        str(port),
                        "--no-migrate",
                        "--log-level",
                        "warning",
                    ],
                    env=self.env,
                )
            )
            self.urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        for url in self.urls:
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"server {url} did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

    def create_admin(self) -> tuple[str, str]:
        """A new organization and its first admin, by `rota create-admin`: their email and password."""
        email, password = f"{unique('admin')}@example.com", "password-123"
        done = self.cli(
            "create-admin",
            "--org-name",
            unique("org"),
            "--email",
            email,
            "--password",
            password,
            "--full-name",
            "Ada Admin",
        )
        assert done.returncode == 0, done.stderr
        json.loads(done.stdout)
        return email, password

    def new_admin(self) -> tuple[str, str]:
        """What `create_admin` makes, made in this process as `rota create-admin` makes it (on
        the database itself, behind PgBouncer too), without starting a process for it."""
        from rota.db.engine import create_sessionmaker
        from rota.users import service

        email, password = f"{unique('admin')}@example.com", "password-123"

        async def bootstrap() -> None:
            engine = create_engine(self.env.get("ROTA_DATABASE_DIRECT_URL") or self.database_url)
            try:
                async with create_sessionmaker(engine).begin() as session:
                    await service.bootstrap_admin(session, unique("org"), email, password, "Ada Admin")
            finally:
                await engine.dispose()

        asyncio.run(bootstrap())
        return email, password


class ServerOrg:
    """A new organization on real server processes, driven over HTTP by its first admin, through
    `url` (by default the pool's first process)."""

    def __init__(self, pool: ServerPool, url: str | None = None) -> None:
        email, password = pool.new_admin()
        self.pool = pool
        self.http = httpx.Client(base_url=url or pool.urls[0], timeout=60)
        self.admin = login(self.http, email, password)

    @property
    def token(self) -> str:
        return self.admin.token

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def login(self, email: str, password: str) -> str:
        """A new access token of that user."""
        return login(self.http, email, password).token

    def call(self, method: str, path: str, status: int = 200, token: str | None = None, **kw: Any) -> Any:
        """The data of the expected answer to a call as the admin (or as the holder of `token`)."""
        headers = {"Authorization": f"Bearer {token or self.token}"}
        return data(self.http.request(method, path, headers=headers, **kw), status)

    def user(self, role: str = "agent", **fields: Any) -> dict[str, Any]:
        body = {
            "email": f"{unique(role)}@example.com",
            "full_name": unique(role.title()),
            "password": "password-123",
            "role": role,
            **fields,
        }
        return self.call("POST", "/api/users", 201, json=body)["user"]

    def user_and_token(self, role: str = "agent") -> tuple[dict[str, Any], str]:
        """A new user, logged in."""
        user = self.user(role)
        return user, self.login(user["email"], "password-123")

    def team(
        self, strategy: str = "round_robin", members: list[tuple[dict, str]] = (), **fields: Any
    ) -> dict[str, Any]:
        """A new team, with these (user, role) members."""
        team = self.call(
            "POST",
            "/api/teams",
            201,
            json={"name": unique("Team"), "assignment_strategy": strategy, **fields},
        )["team"]
        for user, role in members:
            self.call(
                "POST", f"/api/teams/{team['id']}/members", 201, json={"user_id": user["id"], "role": role}
            )
        return team

    def contacts(self, n: int) -> list[str]:
        return [
            self.call("POST", "/api/contacts", 201, json={"name": f"Customer {i}"})["contact"]["id"]
            for i in range(n)
        ]

    def transfer(self, team_id: str) -> dict[str, Any]:
        """A transfer of a new contact to the team."""
        [contact] = self.contacts(1)
        return self.call(
            "POST", "/api/chatbot/transfers", 201, json={"contact_id": contact, "team_id": team_id}
        )["transfer"]

    def all_transfers(self, **params: Any) -> list[dict[str, Any]]:
        """Every transfer the listing finds, page after page."""
        out, page = [], 1
        while True:
            d = self.call("GET", "/api/chatbot/transfers", params={**params, "limit": 100, "page": page})
            out += d["transfers"]
            if len(out) >= d["total_count"]:
                return out
            page += 1

    async def burst(self, requests: list[tuple[str, str, dict | None]]) -> list[httpx.Response]:
        """All requests at once, as the admin, alternating between the server processes."""
        clients = [
            httpx.AsyncClient(
                base_url=u, headers=self.auth, timeout=120, limits=httpx.Limits(max_connections=len(requests))
            )
            for u in self.pool.urls
        ]
        try:
            return await asyncio.gather(
                *(
                    clients[i % len(clients)].request(method, path, json=body)
                    for i, (method, path, body) in enumerate(requests)
                )
            )
        finally:
            for c in clients:
                await c.aclose()


def fire(pool: ServerPool, token: str, method: str, path: str, bodies: list[dict]) -> list[httpx.Response]:
    """Sends one request per body at once (round-robin over the processes, connections opened
    first so that the requests themselves start together) and returns the answers."""

    async def run() -> list[httpx.Response]:
        headers = {"Authorization": f"Bearer {token}"}
        limits = httpx.Limits(max_connections=len(bodies))
        clients = [
            httpx.AsyncClient(base_url=u, headers=headers, timeout=60, limits=limits) for u in pool.urls
        ]
        try:
            per_client = len(bodies) // len(clients)
            await asyncio.gather(*(c.get("/healthz") for c in clients for _ in range(per_client)))
            return await asyncio.gather(
                *(clients[i % len(clients)].request(method, path, json=body) for i, body in enumerate(bodies))
            )
        finally:
            for c in clients:
                await c.aclose()

    return asyncio.run(run())


def statuses(responses: list[httpx.Response]) -> Counter[int]:
    """How many answers of each status, every one checked to be in the envelope."""
    for r in responses:
        body = r.json()
        assert body["status"] == ("success" if r.status_code < 400 else "error"), body
    return Counter(r.status_code for r in responses)


class Clock:
    """A clock a test holds and moves."""

    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)
