"""Engine and session factory: SQLite (WAL) by default, PostgreSQL when configured."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from helpline.config import get_settings, private_dir, private_file, tighten, tree

CHECKPOINT_SECONDS = 1.0
_checkpoints: dict[str, threading.Thread] = {}  # database URL → its checkpointing thread
log = logging.getLogger("abri.db")


def sqlite_files(url: str) -> list[Path]:
    """The database file of a SQLite URL and its -wal and -shm companions ([] if none)."""
    database = make_url(url).database if url.startswith("sqlite") else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return []
    path = Path(database)
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def prepare_data_dir() -> None:
    """The data and blob folders, created owner-only; what an earlier version left open
    to others (those folders, the blobs, the SQLite files, the key) is closed, with a
    warning. Run once per process, by whatever opens the database first."""
    settings = get_settings()
    blobs = Path(settings.blob_dir)  # type: ignore[arg-type]
    for folder in (settings.data_dir, blobs):
        private_dir(folder)
    tighten(settings.data_dir, *tree(blobs), Path(settings.key_file),  # type: ignore[arg-type]
            *sqlite_files(settings.database_url))


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        files = sqlite_files(url)
        if files and files[0].parent.is_dir():
            private_file(files[0])  # before SQLite makes it with 0644
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            if url in _checkpoints:  # a thread of its own writes the WAL back (see below)
                cur.execute("PRAGMA wal_autocheckpoint=0")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache
def get_engine() -> Engine:
    prepare_data_dir()
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def checkpoint_in_background() -> None:
    """SQLite only: write the WAL back to the database from a thread of its own, every
    second, instead of inside whichever commit crosses 1,000 pages. That checkpoint
    syncs to disk (tens of ms here) and would stall the server's event loop, and every
    conversation with it. The server calls this once at start; tools and tests keep
    SQLite's automatic checkpoints."""
    settings = get_settings()
    url = settings.database_url
    if not settings.is_sqlite or url in _checkpoints:
        return
    engine = get_engine()
    engine.dispose()  # connections opened from now on skip the automatic checkpoint

    def run() -> None:
        while True:
            time.sleep(CHECKPOINT_SECONDS)
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:  # a busy or vanished database: try again next time
                log.warning("WAL checkpoint failed", exc_info=True)

    _checkpoints[url] = threading.Thread(target=run, name="abri-wal-checkpoint", daemon=True)
    _checkpoints[url].start()
