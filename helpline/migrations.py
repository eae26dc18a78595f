"""Schema changes go through alembic only; these wrap it for the CLI and tests."""

from __future__ import annotations

from alembic.config import Config

from alembic import command
from helpline.config import PROJECT_ROOT, get_settings
from helpline.db import prepare_data_dir


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    cfg.attributes["url"] = url or get_settings().database_url
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    if url is None:
        prepare_data_dir()
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)
