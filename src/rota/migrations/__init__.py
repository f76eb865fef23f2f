"""Schema migrations (Alembic), applied programmatically by `rota migrate` and at start-up."""

from pathlib import Path

from alembic import command
from alembic.config import Config


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str, revision: str = "head") -> list[str]:
    """Brings the schema to `revision`; the migrations applied ("0016 offers and skills: ...")."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, revision)
    return list(cfg.attributes.get("applied", []))
