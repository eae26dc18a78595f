"""Shared fixtures: every test gets its own data folder and a migrated SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from helpline import migrations
from helpline.db import get_engine
from tests.factories import reset_caches


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point Abri's settings at a fresh folder (SQLite file, blobs, key)."""
    for key in list(os.environ):
        if key.startswith("ABRI_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("ABRI_DATA_DIR", str(tmp_path))
    reset_caches()
    yield tmp_path
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    reset_caches()


@pytest.fixture
def db(data_dir: Path) -> Iterator[Session]:
    migrations.upgrade()
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session
