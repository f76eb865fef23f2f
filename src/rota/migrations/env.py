import asyncio

from alembic import context
from sqlalchemy import Connection, text
from sqlalchemy.pool import NullPool

from rota.db.engine import create_engine
from rota.models import Base

# Any id will do; it only has to be the same for every process migrating this database.
MIGRATION_LOCK = 7_270_001


def run_migrations(connection: Connection) -> None:
    applied = context.config.attributes.setdefault("applied", [])
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        on_version_apply=lambda *, step, **_: applied.append(
            f"{step.up_revision.revision} {step.up_revision.doc}"
        ),
    )
    with context.begin_transaction():
        context.run_migrations()


async def main() -> None:
    engine = create_engine(context.config.attributes["database_url"], poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            postgres = conn.dialect.name == "postgresql"
            if postgres:
                # several `rota serve` processes may start at once: one migrates, the others wait
                await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
                await conn.commit()
            try:
                await conn.run_sync(run_migrations)
                await conn.commit()
            finally:
                if postgres:
                    await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                    await conn.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `rota migrate`")
asyncio.run(main())
