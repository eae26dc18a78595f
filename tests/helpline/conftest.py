"""Fixtures for the domain's tests."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from helpline import crypto
from helpline.config import get_settings
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
