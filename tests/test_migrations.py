"""The models match the migrations: on a fresh database of each backend, `rota migrate` (the
migrations to head) leaves exactly the schema the models describe, as Alembic's autogenerate sees
it (tables, columns and their types and nullability, indexes, unique constraints, foreign keys).
No difference is filtered out: none of the ones autogenerate reports here is representation
noise on either backend."""

import asyncio
import importlib
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData

from rota.db.engine import create_engine
from tests.support import ServerPool, create_database


def model_registry() -> ModuleType:
    """The module that imports every model, each registering its tables on the declarative
    base's metadata (rota.models, formerly rota.db.models)."""
    for name in ("rota.models", "rota.db.models"):
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    raise AssertionError("no model registry: neither rota.models nor rota.db.models")


def metadata() -> MetaData:
    model_registry()
    return importlib.import_module("rota.db.base").Base.metadata


@pytest.fixture(scope="module")
def migrated(backend: str, tmp_root: Path, postgres_url: str) -> str:
    """A new database of the backend, migrated to head by `rota migrate`."""
    if backend == "postgres":
        url = create_database(postgres_url, "rota_migrations")
    else:
        url = f"sqlite:///{tmp_root / f'migrations-{uuid.uuid4().hex[:8]}.db'}"
    done = ServerPool(url).cli("migrate")
    assert done.returncode == 0, done.stderr
    return url


def differences(url: str, **options: Any) -> list[Any]:
    """What autogenerate would change to make the database match the models."""

    async def compare() -> list[Any]:
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(
                    lambda sync: compare_metadata(
                        MigrationContext.configure(sync, opts={"compare_type": True, **options}), metadata()
                    )
                )
        finally:
            await engine.dispose()

    return asyncio.run(compare())


def test_the_migrations_make_the_schema_of_the_models(migrated: str) -> None:
    assert differences(migrated) == []


# Server defaults (compared on request only): none may differ. (The first run found one: migration
# 0005 gave teams.overflow_policy DEFAULT 'wait', the model only a Python-side default; the model
# now says so too.)
KNOWN_DEFAULTS: set[tuple[str, str, str | None, str | None]] = set()


def _compare_default(
    context: Any, inspected: Any, column: Any, in_database: Any, in_model: Any, rendered: Any
) -> bool | None:
    """JSON defaults compared as text (PostgreSQL has no = for json); the others by Alembic."""
    if column.type.__class__.__name__ != "JSON":
        return None
    return (in_database or "").split("::")[0].strip("'") != (rendered or "").strip("'")


def test_the_server_defaults_of_the_migrations_are_the_models(migrated: str) -> None:
    found = []
    for diff in differences(migrated, compare_server_default=_compare_default):
        # a column's changes come as a list of operations; everything else as one tuple
        for op in diff if isinstance(diff, list) else [diff]:
            assert op[0] == "modify_default", diff  # nothing but defaults: the test above
            _, _, table, column, _, in_database, in_model = op
            shown = getattr(in_database.arg, "text", in_database.arg) if in_database is not None else None
            # PostgreSQL shows the default with its cast ('wait'::character varying), SQLite without
            found.append((table, column, shown and shown.split("::")[0], in_model))
    assert set(found) == KNOWN_DEFAULTS, found
