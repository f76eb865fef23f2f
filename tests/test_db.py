"""The database layer: URLs, the per-request transaction and its retry."""

import asyncio
from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import DBAPIError

from rota.db.engine import Gate, WriterGate, async_url, create_engine, create_sessionmaker, open_database
from rota.errors import Busy
from rota.http import TransactionalRoute


def test_urls_map_to_the_async_drivers() -> None:
    assert async_url("sqlite:///rota.db") == "sqlite+aiosqlite:///rota.db"
    assert async_url("postgresql://u:p@h:5432/db") == "postgresql+asyncpg://u:p@h:5432/db"
    with pytest.raises(ValueError):
        async_url("mysql://u@h/db")


class _Refused(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _app(tmp_path: Path, sqlstate: str, failures: int) -> tuple[FastAPI, list[int]]:
    calls: list[int] = []
    router = APIRouter(route_class=TransactionalRoute)

    @router.post("/work")
    async def work(body: dict) -> dict:
        calls.append(body["n"])
        if len(calls) <= failures:
            raise DBAPIError("UPDATE ...", {}, _Refused(sqlstate))
        return {"calls": len(calls)}

    app = FastAPI()
    app.state.sessionmaker = create_sessionmaker(create_engine(f"sqlite:///{tmp_path / 'r.db'}"))
    app.include_router(router)
    return app, calls


def test_a_deadlocked_request_runs_again(tmp_path: Path) -> None:
    app, calls = _app(tmp_path, "40P01", failures=2)
    resp = TestClient(app).post("/work", json={"n": 7})
    assert resp.json() == {"calls": 3} and calls == [7, 7, 7]


def test_other_database_errors_are_not_retried(tmp_path: Path) -> None:
    app, calls = _app(tmp_path, "23505", failures=1)
    with pytest.raises(DBAPIError):
        TestClient(app).post("/work", json={"n": 1})
    assert calls == [1]


def test_the_gate_admits_in_arrival_order_and_refuses_after_its_wait() -> None:
    """A freed place goes to the longest waiter, never to a newcomer; a waiter past the
    timeout is refused with 503 (Busy)."""

    async def run() -> list[str]:
        gate, order = Gate(1, timeout=0.5), []

        async def request(name: str, hold: float) -> None:
            async with gate:
                order.append(name)
                await asyncio.sleep(hold)

        first = asyncio.create_task(request("first", 0.05))
        await asyncio.sleep(0)
        waiters = [asyncio.create_task(request(f"waiter {i}", 0)) for i in range(3)]
        await asyncio.sleep(0)
        newcomer = asyncio.create_task(request("newcomer", 0))  # arrives while all wait
        await asyncio.gather(first, *waiters, newcomer)
        slow = Gate(1, timeout=0.05)
        async with slow:
            try:
                async with slow:
                    order.append("never")
            except Busy as busy:
                order.append(f"refused {busy.status_code} {busy.headers}")
        async with slow:  # the place was given back
            order.append("again")
        return order

    assert asyncio.run(run()) == [
        "first",
        "waiter 0",
        "waiter 1",
        "waiter 2",
        "newcomer",
        "refused 503 {'Retry-After': '1'}",
        "again",
    ]


def test_writers_of_processes_sharing_a_sqlite_file_take_turns(tmp_path: Path) -> None:
    """Two WriterGates on one file stand for two processes (each opens the lock file itself):
    while one writes the other waits, and gets its turn as soon as the first is done; one that
    waits too long is refused with 503, and the lock it would have got is let go, so both go on
    writing afterwards."""
    path = str(tmp_path / "rota.db")

    async def run() -> list[str]:
        a, b, order = WriterGate(path, timeout=2), WriterGate(path, timeout=2), []

        async def write(gate: WriterGate, name: str, hold: float) -> None:
            async with gate:
                order.append(f"{name} in")
                await asyncio.sleep(hold)
                order.append(f"{name} out")

        first = asyncio.create_task(write(a, "a", 0.2))
        await asyncio.sleep(0.05)
        started = asyncio.get_running_loop().time()
        await write(b, "b", 0)
        waited = asyncio.get_running_loop().time() - started
        await first
        order.append(f"b waited for a: {0.1 < waited < 1.0}")
        b.timeout = 0.1
        async with a:
            try:
                async with b:
                    order.append("never")
            except Busy as busy:
                order.append(f"b refused {busy.status_code}")
        for gate, name in ((b, "b"), (a, "a")):  # b's late lock was let go: both write again
            await asyncio.wait_for(write(gate, name, 0), 1)
        return order

    assert asyncio.run(run()) == [
        "a in",
        "a out",
        "b in",
        "b out",
        "b waited for a: True",
        "b refused 503",
        "b in",
        "b out",
        "a in",
        "a out",
    ]
    assert (tmp_path / "rota.db-writer.lock").exists()
    memory = open_database("sqlite://", 2, 1)  # no file, no lock file: an in-process gate
    assert type(memory.gate) is Gate
    asyncio.run(memory.dispose())
