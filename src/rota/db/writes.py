"""Rows a transaction writes on its hot paths, kept until they are needed and then written
together: on PostgreSQL as one statement (a data-modifying WITH query per kind of row, each over
unnest()ed arrays), elsewhere as one executemany per kind. Nothing is read back (no RETURNING).

A *kind* is an INSERT of some columns of a table, or an UPDATE of some columns of rows found by
their key columns. Updates of one row are merged, so each row is written once per flush (one
statement cannot change a row twice). Pending rows are written by `flush`, which readers call
before a query that must see them, and in any case before the transaction commits. Rows of
`lazy` kinds (new rows no read of the same transaction looks for: history, events) wait for the
last flush, so a read in the middle of a change does not cost a write of its own.
"""

import itertools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Table, bindparam, case, event, insert, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from rota.db import query

Row = Mapping[str, Any] | Callable[[], Mapping[str, Any]]  # a callable is read when written

_PENDING = "rota_writes"
_defined = itertools.count()
_PG = postgresql.dialect()


def _pg_type(column: Column[Any]) -> str:
    return column.type.compile(dialect=_PG)


@dataclass(eq=False)
class Kind:
    """An INSERT (no keys) or an UPDATE (by `keys`) of these columns of the table. `keep`:
    columns an UPDATE leaves as they are when the value given is None."""

    table: Table
    columns: tuple[str, ...]
    keys: tuple[str, ...] = ()
    keep: frozenset[str] = frozenset()
    lazy: bool = False
    _sqlite: Any = field(init=False, repr=False)
    order: int = field(init=False)  # kinds are written in the order they were defined (parents first)
    _json: tuple[bool, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.order = next(_defined)
        t = self.table
        self._json = tuple(query.is_json(t.c[n].type) for n in self.names)
        if not self.keys:
            self._sqlite = insert(t)
        else:
            values = {
                c: case((bindparam(f"v_{c}").is_(None), t.c[c]), else_=bindparam(f"v_{c}"))
                if c in self.keep
                else bindparam(f"v_{c}")
                for c in self.columns
            }
            self._sqlite = update(t).where(*(t.c[k] == bindparam(f"k_{k}") for k in self.keys)).values(values)

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.keys, *self.columns)

    def pg_sql(self, rows: int, first: int) -> str:
        """The PostgreSQL statement for this many rows, its parameters numbered from $first
        (plain values, row after row: asyncpg encodes scalars far faster than arrays)."""
        t, width = self.table, len(self.names)
        values = ", ".join(
            "("
            + ", ".join(f"${first + r * width + i}::{_pg_type(t.c[n])}" for i, n in enumerate(self.names))
            + ")"
            for r in range(rows)
        )
        if not self.keys:
            return f"INSERT INTO {t.name} ({', '.join(self.columns)}) VALUES {values}"
        sets = ", ".join(
            f"{c} = coalesce(v.{c}, t.{c})" if c in self.keep else f"{c} = v.{c}" for c in self.columns
        )
        where = " AND ".join(f"t.{k} = v.{k}" for k in self.keys)
        return (
            f"UPDATE {t.name} AS t SET {sets} FROM (VALUES {values}) AS v({', '.join(self.names)}) "
            f"WHERE {where}"
        )

    def pg_params(self, rows: list[Mapping[str, Any]]) -> list[Any]:
        return [
            (None if r[n] is None else query.json_text(r[n])) if is_json else r[n]
            for r in rows
            for n, is_json in zip(self.names, self._json, strict=True)
        ]

    def sqlite_params(self, rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if not self.keys:
            return [dict(r) for r in rows]
        return [
            {**{f"k_{k}": r[k] for k in self.keys}, **{f"v_{c}": r[c] for c in self.columns}} for r in rows
        ]


class Pending:
    def __init__(self) -> None:
        self.rows: dict[Kind, dict[Hashable, Row]] = {}

    def add(self, kind: Kind, key: Hashable, row: Row) -> None:
        rows = self.rows.setdefault(kind, {})
        before = rows.get(key)
        if isinstance(before, Mapping) and isinstance(row, Mapping):
            row = {**before, **{c: v for c, v in row.items() if v is not None or c not in kind.keep}}
        rows[key] = row

    def has(self, kind: Kind, key: Hashable) -> bool:
        return key in self.rows.get(kind, {})

    def due(self, everything: bool) -> bool:
        return any(rows and (everything or not k.lazy) for k, rows in self.rows.items())

    def take(self, everything: bool) -> list[tuple[Kind, list[Mapping[str, Any]]]]:
        kinds = sorted(
            (k for k, rows in self.rows.items() if rows and (everything or not k.lazy)), key=lambda k: k.order
        )
        return [(k, [r() if callable(r) else r for r in self.rows.pop(k).values()]) for k in kinds]


# PostgreSQL statements by the kinds and row counts they write
_statements: dict[tuple[tuple[int, int], ...], str] = {}


def pending(session: AsyncSession | Session) -> Pending:
    info = session.info
    if _PENDING not in info:
        info[_PENDING] = Pending()
    return info[_PENDING]


def add(session: AsyncSession | Session, kind: Kind, key: Hashable, row: Row) -> None:
    pending(session).add(kind, key, row)


def _postgresql(batches: list[tuple[Kind, list[Mapping[str, Any]]]]) -> tuple[str, tuple[Any, ...]]:
    """One statement (and its arguments) writing every batch."""
    key = tuple((k.order, len(rows)) for k, rows in batches)
    sql = _statements.get(key)
    if sql is None:
        parts, first = [], 1
        for kind, rows in batches:
            parts.append(kind.pg_sql(len(rows), first))
            first += len(kind.names) * len(rows)
        sql = (
            parts[0]
            if len(parts) == 1
            else ("WITH " + ", ".join(f"w{i} AS ({p})" for i, p in enumerate(parts)) + " SELECT 1")
        )
        _statements[key] = sql
    return sql, tuple(a for kind, rows in batches for a in kind.pg_params(rows))


def _write(session: Session, everything: bool = True) -> None:
    work = session.info.get(_PENDING)
    if work is None or not work.due(everything):
        return
    batches = work.take(everything)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(*_postgresql(batches))
    else:
        for kind, rows in batches:
            conn.execute(kind._sqlite, kind.sqlite_params(rows))


async def flush(session: AsyncSession, *, everything: bool = True) -> None:
    """Writes what is pending now. A reader that must see what is pending calls this first,
    with everything=False: rows of lazy kinds are left for later."""
    work = session.info.get(_PENDING)
    if work is None or not work.due(everything):
        return
    raw = await query.raw_connection(session)
    if raw is not None:
        await query.execute_sql(raw, *_postgresql(work.take(everything)))
    else:
        await session.run_sync(_write, everything)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    _write(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
