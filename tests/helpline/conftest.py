"""Fixtures for the domain's tests."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from helpline import crypto
from helpline.config import get_settings
from helpline.db import make_engine
from helpline.keys import KEY_BYTES, Keyring, write_keyring


@pytest.fixture
def rotate_keyring(data_dir: Path) -> Callable[[], int]:
    """Add a new current key version to the keyring file, as an operator would."""

    def rotate() -> int:
        ring = crypto.keyring()
        version = max(ring.keys) + 1
        keys = {**ring.keys, version: secrets.token_bytes(KEY_BYTES)}
        write_keyring(Path(get_settings().key_file), Keyring(version, keys, ring.generated))
        crypto.reset_caches()
        return version

    return rotate


class Clock:
    """The limiter's clock, moved by hand: waits pass without sleeping."""

    def __init__(self) -> None:
        from helpline.models._common import utcnow

        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, delay) -> None:
        self.now += delay


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from helpline import ratelimit

    clock = Clock()
    monkeypatch.setattr(ratelimit, "utcnow", clock)
    return clock


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database under TEST_DATABASE_URL (dropped after)."""
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
