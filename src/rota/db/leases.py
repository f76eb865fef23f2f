"""Leases: work that one process at a time should do (the timer rounds), claimed in a short
transaction of its own (no session-scoped advisory lock, so it works behind a transaction-mode
pooler too). A lease lapses when its holder stops renewing it, say because the process died."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, String, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from rota.db import query
from rota.db.base import Base, UTCDateTime

leases = Table(
    "leases",
    Base.metadata,
    Column("name", String(50), primary_key=True),
    Column("holder", String(64), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

PROCESS = uuid.uuid4().hex  # this process, as a lease holder


async def claim(session: AsyncSession, name: str, ttl: timedelta, holder: str = PROCESS) -> bool:
    """Takes or renews the lease (True), unless another holder's is still running. Real time,
    not Rota's clock: a lease is about processes being alive."""
    now = datetime.now(UTC)
    dialect = postgresql if query.dialect(session).name == "postgresql" else sqlite
    statement = dialect.insert(leases).values(name=name, holder=holder, expires_at=now + ttl)
    statement = statement.on_conflict_do_update(
        index_elements=[leases.c.name],
        set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
        where=(leases.c.holder == holder) | (leases.c.expires_at < now),
    ).returning(leases.c.holder)
    return (await session.execute(statement)).first() is not None
