from pathlib import Path

import pytest
from pydantic import ValidationError

from helpline.config import Settings


def test_embedded_default_needs_nothing(data_dir: Path) -> None:
    s = Settings()
    assert s.database_url == f"sqlite:///{data_dir / 'abri.db'}"
    assert s.blob_dir == data_dir / "blobs"
    assert s.key_file == data_dir / "abri.key"
    assert s.workers == 1
    assert s.public_url == "http://localhost:3000"


def test_port_env_overrides(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "4123")
    s = Settings()
    assert s.port == 4123
    assert "http://127.0.0.1:4123" in s.allowed_origins


def test_redis_defaults_to_several_workers(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert Settings().workers == 2


def test_workers_without_redis_are_refused(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_WORKERS", "3")
    with pytest.raises(ValidationError, match="REDIS"):
        Settings()


def test_a_deployment_keeps_at_least_one_surface(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_VICTIM_SURFACE", "false")
    monkeypatch.setenv("ABRI_STAFF_SURFACE", "false")
    with pytest.raises(ValidationError, match="surface"):
        Settings()


def test_production_origins_are_only_the_public_one(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_ENV", "production")
    monkeypatch.setenv("ABRI_PUBLIC_URL", "https://abri.example.org/")
    s = Settings()
    assert s.allowed_origins == ["https://abri.example.org"]
    assert s.secure_cookies
