"""Alembic environment: the URL comes from Abri's settings (or -x url=...), the
metadata from helpline.models."""

from sqlmodel import SQLModel

import helpline.models  # noqa: F401  (registers every table)
from alembic import context
from helpline.config import get_settings
from helpline.db import make_engine
from helpline.news.search import is_search_object

config = context.config
url = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
url = url or get_settings().database_url
target_metadata = SQLModel.metadata


def include_name(name, type_, _parents) -> bool:
    """The search index is the database's own (FTS5 tables, an expression index): no
    model declares it, so autogenerate must not offer to drop it."""
    return not (type_ in ("table", "index") and is_search_object(name))


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:
    if connection.dialect.name == "sqlite":
        # A batch migration copies a table and drops the old one: with foreign keys on,
        # that drop would delete every row pointing at it (conversations, sessions…).
        # The pragma is ignored inside a transaction, so it is set before one begins.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
