"""Running the hot paths' statements.

A statement built once (`prepared`) goes, on PostgreSQL, straight to asyncpg on the request's
own connection and inside the transaction SQLAlchemy began: it is compiled once, and
SQLAlchemy's execution layer (which costs more CPU than asyncpg's whole round trip) is skipped.
Other statements, and every statement on other databases, run through the session. Either way
the caller gets a list of positional rows, and database errors arrive as SQLAlchemy's exceptions.

`AnyOf(column, name)` is "column is one of the list given as `name`": `= ANY(array)` on
PostgreSQL (one statement text whatever the list's length), an expanding IN elsewhere.
"""

from collections.abc import Sequence
from typing import Any

import asyncpg
from pydantic_core import to_json
from sqlalchemy import ColumnElement, Select, bindparam, event, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

_RAW = "rota_raw_connection"


class AnyOf(ColumnElement[bool]):
    inherit_cache = True
    type = Boolean()
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own class attribute)
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    ]

    def __init__(self, column: Any, name: str) -> None:
        self.column, self.name = column, name


@compiles(AnyOf, "postgresql")
def _any_of_postgresql(element: AnyOf, compiler: Any, **kw: Any) -> str:
    values = bindparam(element.name, type_=ARRAY(element.column.type))
    return f"{compiler.process(element.column, **kw)} = ANY({compiler.process(values, **kw)})"


@compiles(AnyOf)
def _any_of(element: AnyOf, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column.in_(bindparam(element.name, expanding=True)), **kw)


class Prepared:
    """A statement built once (at import): on PostgreSQL compiled once, and run by asyncpg.
    Column defaults (`default=`, `onupdate=`) are not applied: the statement sets every value."""

    __slots__ = ("_defaults", "_json", "_names", "_sql", "statement")

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._sql: str | None = None

    def compiled(self, dialect: Any, params: dict[str, Any]) -> tuple[str, list[Any]]:
        if self._sql is None:
            compiled = self.statement.compile(dialect=dialect)
            assert "POSTCOMPILE" not in compiled.string, "a prepared statement takes lists as AnyOf"
            self._names: tuple[str, ...] = tuple(compiled.positiontup or ())
            # the literals the statement carries
            self._defaults = {k: b.effective_value for k, b in compiled.binds.items() if not b.required}
            # JSON values go as text (asyncpg's json codec, as SQLAlchemy sets it up, takes text)
            self._json = frozenset(n for n in self._names if is_json(compiled.binds[n].type))
            self._sql = compiled.string
        values = [params[n] if n in params else self._defaults[n] for n in self._names]
        if self._json:
            values = [
                json_text(v) if n in self._json and v is not None else v
                for n, v in zip(self._names, values, strict=True)
            ]
        return self._sql, values


def json_text(value: Any) -> str:
    """A JSON parameter's text (pydantic-core's encoder: a third of the standard library's CPU)."""
    return to_json(value).decode()


def is_json(type_: Any) -> bool:
    impl = getattr(type_, "impl", type_)
    return impl.__class__.__name__ in ("JSON", "JSONB")


def dialect(session: AsyncSession) -> Dialect:
    """The dialect of the database the session talks to (its engine's, where it has one)."""
    return (session.bind or session.get_bind()).dialect


def prepared(statement: Any) -> Prepared:
    return Prepared(statement)


async def _raw(session: AsyncSession) -> asyncpg.Connection:
    """The request's asyncpg connection, inside the transaction SQLAlchemy began on it (begun
    now if it was not yet, as the session's first statement would have)."""
    raw = session.info.get(_RAW)
    if raw is None or not raw.is_in_transaction():
        raw = session.info[_RAW] = await _begun(await session.connection())
    return raw


async def _begun(conn: AsyncConnection) -> asyncpg.Connection:
    """The connection's asyncpg connection, its transaction begun. SQLAlchemy's asyncpg adapter
    sends BEGIN lazily, before its first statement; here it is sent before ours. A failure is
    handled as SQLAlchemy handles one of its own statements: a connection that is gone is
    dropped from the pool, and the error arrives as a DBAPIError."""
    adapted: Any = (await conn.get_raw_connection()).dbapi_connection
    if adapted._transaction is None:
        dialect = conn.dialect
        try:
            await adapted._start_transaction()
        except dialect.loaded_dbapi.Error as exc:
            gone = dialect.is_disconnect(exc, adapted, None)
            if gone:
                await conn.invalidate(exc)
            raise DBAPIError.instance(
                "BEGIN", (), exc, dialect.loaded_dbapi.Error, connection_invalidated=gone, dialect=dialect
            ) from exc
    return adapted.driver_connection


async def rows(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> Sequence[Any]:
    """The rows of a statement: a `Prepared` one goes to asyncpg where it can."""
    params = params or {}
    if isinstance(statement, Prepared):
        if dialect(session).name == "postgresql":
            raw = await _raw(session)
            sql, args = statement.compiled(dialect(session), params)
            try:
                return await raw.fetch(sql, *args)
            except asyncpg.PostgresError as exc:
                raise _translated(exc, sql, args) from exc
        statement = statement.statement
    return (await session.execute(statement, params)).all()


def _translated(exc: asyncpg.PostgresError, sql: str, args: Sequence[Any]) -> DBAPIError:
    error = IntegrityError if isinstance(exc, asyncpg.IntegrityConstraintViolationError) else DBAPIError
    return error(sql, args, exc)


async def first(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> Any:
    found = await rows(session, statement, params)
    return found[0] if found else None


async def scalars(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> list[Any]:
    return [r[0] for r in await rows(session, statement, params)]


async def scalar(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> Any:
    row = await first(session, statement, params)
    return None if row is None else row[0]


async def raw_connection(session: AsyncSession) -> asyncpg.Connection | None:
    """On PostgreSQL: the request's asyncpg connection, in its transaction (else None)."""
    return await _raw(session) if dialect(session).name == "postgresql" else None


async def execute_sql(raw: asyncpg.Connection, sql: str, args: Sequence[Any]) -> None:
    """Runs PostgreSQL text on that connection."""
    try:
        await raw.execute(sql, *args)
    except asyncpg.PostgresError as exc:
        raise _translated(exc, sql, args) from exc


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_RAW, None)


async def page(
    session: AsyncSession, q: Select[Any], *order: Any, offset: int, limit: int
) -> tuple[list[Any], int]:
    """A page of the query's entities in this order, and how many there are in all."""
    total = (await session.execute(select(func.count()).select_from(q.subquery()))).scalar_one()
    rows = await session.execute(q.order_by(*order).offset(offset).limit(limit))
    return list(rows.scalars()), total
