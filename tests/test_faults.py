"""Faults as tests: a server process killed in the middle of concurrent creates, and PostgreSQL
restarted under load. Nothing committed is lost, nothing is assigned twice, nothing answers 500,
and service comes back without restarting Rota."""

import asyncio
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pgserver import get_server
from pgserver._commands import pg_ctl
from sqlalchemy import func, insert, select

from rota.contacts.models import Contact
from rota.db.engine import create_engine
from rota.transfers.models import transfers
from rota.users.models import User
from tests.support import ServerOrg, ServerPool, create_database, heavy

pytestmark = heavy

T = transfers.c


def loads(database_url: str, org_users: list[dict]) -> dict[str, tuple[int, int]]:
    """(kept, counted) active transfers of these users, read from the database itself."""

    async def read() -> dict[str, tuple[int, int]]:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                u = User.__table__.c
                counted = (
                    select(func.count()).where(T.agent_id == u.id, T.status == "active").scalar_subquery()
                )
                rows = await conn.execute(
                    select(u.id, u.active_transfers, counted).where(
                        u.id.in_([uuid.UUID(x["id"]) for x in org_users])
                    )
                )
                return {str(i): (kept, n) for i, kept, n in rows.all()}
        finally:
            await engine.dispose()

    return asyncio.run(read())


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_process_killed_during_creates_loses_nothing(
    own_server_pool: ServerPool, fresh_database: str
) -> None:
    org = ServerOrg(own_server_pool, own_server_pool.urls[-1])  # the process that stays
    agents = [org.user() for _ in range(5)]
    team = org.team("round_robin", [(a, "agent") for a in agents])
    contacts = org.contacts(200)
    victim = own_server_pool.procs[0]

    async def fire() -> list[Any]:
        async with httpx.AsyncClient(timeout=60, headers=org.auth) as client:

            async def create(i: int, contact: str) -> Any:
                await asyncio.sleep(i * 0.004)  # spread over ~0.8 s, so the kill lands mid-way
                return await client.post(
                    f"{own_server_pool.urls[i % 2]}/api/chatbot/transfers",
                    json={"contact_id": contact, "team_id": team["id"]},
                )

            async def kill() -> None:
                await asyncio.sleep(0.4)
                victim.send_signal(signal.SIGKILL)

            results = await asyncio.gather(
                *(create(i, c) for i, c in enumerate(contacts)), kill(), return_exceptions=True
            )
            return results[:-1]

    results = asyncio.run(fire())
    answered = [r for r in results if isinstance(r, httpx.Response)]
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert {r.status_code for r in answered} == {201}, Counter(r.status_code for r in answered)
    assert len(answered) < len(contacts)  # the kill did cut requests off
    created = {r.json()["data"]["transfer"]["id"] for r in answered}
    listed = org.all_transfers(status="active")
    assert created <= {t["id"] for t in listed}  # every answered create is there
    assert max(Counter(t["contact_id"] for t in listed).values()) == 1
    per_agent = Counter(t["agent_id"] for t in listed)
    assert (
        set(per_agent) <= {a["id"] for a in agents} and max(per_agent.values()) - min(per_agent.values()) <= 1
    )
    assert all(kept == counted for kept, counted in loads(fresh_database, agents).values())


def bulk_contacts(database_url: str, org_id: str, n: int) -> list[str]:
    async def write() -> list[str]:
        engine = create_engine(database_url)
        try:
            async with engine.begin() as conn:
                ids = [uuid.uuid4() for _ in range(n)]
                now = datetime.now(UTC)
                await conn.execute(
                    insert(Contact.__table__),
                    [
                        {
                            "id": i,
                            "organization_id": uuid.UUID(org_id),
                            "name": "C",
                            "custom_attributes": {},
                            "created_at": now,
                            "updated_at": now,
                        }
                        for i in ids
                    ],
                )
                return [str(i) for i in ids]
        finally:
            await engine.dispose()

    return asyncio.run(write())


@pytest.fixture
def restartable_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """A PostgreSQL server of this test's own, which it may stop and start again."""
    server = get_server(str(tmp_path_factory.mktemp("restartable") / "pg"), cleanup_mode="stop")
    try:
        yield server, create_database(server.get_uri(), "rota_faults")
    finally:
        server.cleanup()


def test_postgres_restarted_under_load(restartable_postgres: tuple[Any, str]) -> None:
    server, url = restartable_postgres
    pool = ServerPool(url, processes=2, env={"ROTA_DATABASE_POOL_TIMEOUT_SECONDS": "2"})
    pool.start()
    try:
        org = ServerOrg(pool, pool.urls[-1])
        team = org.team("round_robin", [(org.user(), "agent") for _ in range(3)])
        contacts = iter(bulk_contacts(url, org.call("GET", "/api/me")["user"]["organization_id"], 1000))
        answers: list[tuple[float, int, str | None]] = []

        until = [time.monotonic() + 120.0]  # moved to a few seconds after the restart

        async def load() -> None:
            async with httpx.AsyncClient(timeout=30, headers=org.auth) as client:

                async def worker(n: int) -> None:
                    while time.monotonic() < until[0]:
                        sent = time.monotonic()
                        resp = await client.post(
                            f"{pool.urls[n % 2]}/api/chatbot/transfers",
                            json={"contact_id": next(contacts), "team_id": team["id"]},
                        )
                        answers.append((sent, resp.status_code, resp.headers.get("Retry-After")))
                        await asyncio.sleep(0.1)

                await asyncio.gather(*(worker(n) for n in range(3)))

        async def outage() -> tuple[float, float]:
            await asyncio.sleep(1.0)
            await asyncio.to_thread(
                pg_ctl, ["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user
            )
            stopped = time.monotonic()
            await asyncio.sleep(3.0)
            for attempt in range(5):  # on a loaded machine pg_ctl may give up on a slow start
                restarting = time.monotonic()
                try:
                    await asyncio.to_thread(server.ensure_postgres_running)
                    break
                except subprocess.CalledProcessError:
                    if attempt == 4:
                        raise
                    await asyncio.sleep(1.0)
            until[0] = time.monotonic() + 6.0
            return stopped, restarting

        async def scenario() -> tuple[float, float]:
            times, _ = await asyncio.gather(outage(), load())
            return times

        stopped, restarting = asyncio.run(scenario())
        statuses = Counter(status for _, status, _ in answers)
        assert set(statuses) <= {201, 503}, statuses  # answered, never failed
        assert statuses[503] > 0 and all(after for _, status, after in answers if status == 503)
        during = [s for at, s, _ in answers if stopped < at < restarting]  # sent while it was down
        assert during and set(during) == {503}
        recovered = [s for at, s, _ in answers if at > restarting + 3]
        assert recovered and set(recovered) == {201}  # back without restarting Rota
        assert all(p.poll() is None for p in pool.procs)
    finally:
        pool.stop()
