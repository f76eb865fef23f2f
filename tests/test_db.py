"""The database layer: URLs, the per-request transaction and its retry."""

from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import DBAPIError

from rota.db.engine import TransactionalRoute, async_url, create_engine, create_sessionmaker


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
