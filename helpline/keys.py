"""The key-encryption keys (KEKs) that protect everything Abri encrypts at rest.

They live in a small JSON keyring file kept outside the database and the blob store:
``{"current": 1, "keys": {"1": "<base64 32 bytes>"}, "signing": "<base64 32 bytes>",
"generated": false}``.
Versions allow rotation: data keys are re-wrapped, blobs are never rewritten.
``signing`` is the helpline's Ed25519 private key (its 32-byte seed) that signs exported
dossiers; a keyring written before it existed gets one on first use in local mode.

In ``local`` mode a keyring is generated on first start (mode 0600, with a warning);
an existing one readable by others is made owner-only, with a warning.
In ``production`` mode a missing or generated keyring stops the start-up.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from helpline.config import PRIVATE_FILE, Settings, private_dir, tighten

KEY_BYTES = 32


class KeyringError(RuntimeError):
    """The keyring is missing, unreadable or not acceptable for this mode."""


@dataclass(frozen=True)
class Keyring:
    current: int
    keys: dict[int, bytes]
    generated: bool
    signing: bytes | None = None  # Ed25519 seed that signs dossiers

    def key(self, version: int | None = None) -> bytes:
        version = self.current if version is None else version
        try:
            return self.keys[version]
        except KeyError:
            raise KeyringError(f"Key version {version} is not in the keyring.") from None


def _parse(raw: str, path: Path) -> Keyring:
    try:
        data = json.loads(raw)
        keys = {int(v): base64.b64decode(k, validate=True) for v, k in data["keys"].items()}
        current = int(data["current"])
        signing = base64.b64decode(data["signing"], validate=True) if data.get("signing") \
            else None
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyringError(f"The keyring {path} is not valid: {exc}") from None
    if current not in keys or any(len(k) != KEY_BYTES for k in keys.values()):
        raise KeyringError(f"The keyring {path} must hold 32-byte keys and name its current one.")
    if signing is not None and len(signing) != KEY_BYTES:
        raise KeyringError(f"The keyring {path} has a signing key that is not 32 bytes.")
    return Keyring(current=current, keys=keys, generated=bool(data.get("generated", False)),
                   signing=signing)


def _serialise(ring: Keyring) -> str:
    data: dict = {
        "current": ring.current,
        "keys": {str(v): base64.b64encode(k).decode() for v, k in sorted(ring.keys.items())},
    }
    if ring.signing is not None:
        data["signing"] = base64.b64encode(ring.signing).decode()
    data["generated"] = ring.generated
    return json.dumps(data, indent=2)


def write_keyring(path: Path, ring: Keyring) -> None:
    """Write atomically with owner-only permissions, whatever the umask."""
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)  # also when an old .tmp was left with another mode
    with os.fdopen(fd, "w") as handle:
        handle.write(_serialise(ring))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def generate_keyring() -> Keyring:
    return Keyring(current=1, keys={1: secrets.token_bytes(KEY_BYTES)}, generated=True,
                   signing=secrets.token_bytes(KEY_BYTES))


def signing_seed(settings: Settings) -> bytes:
    """The helpline's dossier-signing key (an Ed25519 seed). A keyring without one gets
    one in local mode (written back, owner-only); production asks the operator."""
    ring = load_keyring(settings)
    if ring.signing is not None:
        return ring.signing
    path = Path(settings.key_file)  # type: ignore[arg-type]
    if settings.env != "local":
        raise KeyringError(
            f"The keyring {path} has no signing key. Add one with "
            "python -m helpline add-signing-key (it keeps the existing keys).")
    return add_signing_key(path)


def add_signing_key(path: Path) -> bytes:
    """Give the keyring at ``path`` a signing key if it has none; returns the seed."""
    ring = _parse(path.read_text(), path)
    if ring.signing is not None:
        return ring.signing
    seed = secrets.token_bytes(KEY_BYTES)
    write_keyring(path, Keyring(current=ring.current, keys=ring.keys,
                                generated=ring.generated, signing=seed))
    return seed


def load_keyring(settings: Settings) -> Keyring:
    """Return the keyring, creating a development one in local mode."""
    path = Path(settings.key_file)  # type: ignore[arg-type]
    if not path.exists():
        if settings.env != "local":
            raise KeyringError(
                f"No keyring at {path}. Production needs a key supplied by the operator "
                "(python -m helpline generate-key --out PATH, kept outside the database backups)."
            )
        ring = generate_keyring()
        write_keyring(path, ring)
        print(
            f"WARNING: generated a development key at {path}. "
            "Production must supply its own key (ABRI_KEY_FILE).",
            file=sys.stderr,
        )
        return ring
    tighten(path)
    ring = _parse(path.read_text(), path)
    if ring.generated and settings.env != "local":
        raise KeyringError(
            f"The keyring {path} was generated for local development; "
            "production refuses it. Supply an operator key."
        )
    return ring
