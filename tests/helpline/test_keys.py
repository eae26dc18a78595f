import json
import stat
from pathlib import Path

import pytest

from helpline.config import Settings
from helpline.keys import KeyringError, generate_keyring, load_keyring, write_keyring


def test_local_mode_generates_a_private_key_once(data_dir: Path, capsys) -> None:
    ring = load_keyring(Settings())
    path = data_dir / "abri.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Production must supply its own key" in capsys.readouterr().err
    assert len(ring.key()) == 32
    assert load_keyring(Settings()).key() == ring.key()  # reused, not regenerated


def test_production_refuses_a_missing_key(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_ENV", "production")
    with pytest.raises(KeyringError, match="No keyring"):
        load_keyring(Settings())
    assert not (data_dir / "abri.key").exists()


def test_production_refuses_a_generated_key(data_dir: Path, monkeypatch) -> None:
    load_keyring(Settings())  # generated in local mode
    monkeypatch.setenv("ABRI_ENV", "production")
    with pytest.raises(KeyringError, match="generated for local development"):
        load_keyring(Settings())


def test_production_accepts_an_operator_key(data_dir: Path, monkeypatch) -> None:
    ring = generate_keyring()
    write_keyring(data_dir / "abri.key", type(ring)(1, ring.keys, generated=False))
    monkeypatch.setenv("ABRI_ENV", "production")
    assert load_keyring(Settings()).key() == ring.keys[1]


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"current": 2, "keys": {"1": "AAAA"}}),
     json.dumps({"current": 1, "keys": {"1": "c2hvcnQ="}})],
)
def test_a_broken_keyring_is_refused_clearly(data_dir: Path, content: str) -> None:
    (data_dir / "abri.key").write_text(content)
    with pytest.raises(KeyringError, match="keyring"):
        load_keyring(Settings())
