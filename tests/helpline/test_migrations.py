"""The schema changes only through alembic: migrations go up and down cleanly on
SQLite and PostgreSQL, and they agree with the models."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import helpline.models  # noqa: F401
from helpline import migrations
from helpline.db import make_engine


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _diff(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(ctx, SQLModel.metadata)
    finally:
        engine.dispose()


def _round_trip(url: str) -> None:
    migrations.upgrade(url)
    assert _tables(url) == set(SQLModel.metadata.tables)
    assert _diff(url) == [], "models and migrations disagree: add a migration"
    migrations.downgrade(url)
    assert _tables(url) == set()
    migrations.upgrade(url)  # and back up again, as a deploy after a rollback would
    assert _tables(url) == set(SQLModel.metadata.tables)


def test_sqlite_upgrade_downgrade_and_models_agree(data_dir) -> None:
    _round_trip(f"sqlite:///{data_dir / 'migrations.db'}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set")
    url = make_url(base)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    name = f"abri_test_{secrets.token_hex(4)}"
    admin = make_engine(url.render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_upgrade_downgrade_and_models_agree(postgres_url: str) -> None:
    _round_trip(postgres_url)
