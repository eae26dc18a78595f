"""Small-field encryption and keyed hashing, with one derived key per purpose.

Every key is derived from a keyring version with HKDF-SHA256 and a label naming its
purpose, so a key used for one thing is never used for another. Sealed values carry
their key version, so rotation can re-seal them without guessing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from helpline.config import get_settings
from helpline.keys import Keyring, load_keyring

NONCE_BYTES = 12
_HEADER = struct.Struct(">BI")  # format version, key version


class CryptoError(ValueError):
    """A sealed value could not be opened: wrong key, wrong context or tampered."""


@lru_cache
def keyring() -> Keyring:
    return load_keyring(get_settings())


def derive(purpose: str, version: int | None = None) -> bytes:
    return _derive(keyring().key(version), purpose)


@lru_cache(maxsize=256)
def _derive(kek: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"abri/{purpose}".encode()).derive(kek)


def seal(purpose: str, plaintext: bytes | str, context: str) -> bytes:
    """AES-256-GCM under the purpose key; ``context`` (e.g. the owner's id) is bound
    as associated data, so a value moved to another row no longer opens."""
    if isinstance(plaintext, str):
        plaintext = plaintext.encode()
    version = keyring().current
    header = _HEADER.pack(1, version)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(derive(purpose, version)).encrypt(
        nonce, plaintext, header + context.encode())
    return header + nonce + ciphertext


def sealed_version(sealed: bytes) -> int:
    """The key version a sealed value was sealed with (rotation re-seals older ones)."""
    try:
        return _HEADER.unpack_from(sealed)[1]
    except Exception as exc:  # struct.error: not a sealed value
        raise CryptoError("not a sealed value") from exc


def open_sealed(purpose: str, sealed: bytes, context: str) -> bytes:
    try:
        fmt, version = _HEADER.unpack_from(sealed)
        if fmt != 1:
            raise CryptoError("unknown format")
        header = sealed[: _HEADER.size]
        nonce = sealed[_HEADER.size : _HEADER.size + NONCE_BYTES]
        body = sealed[_HEADER.size + NONCE_BYTES :]
        return AESGCM(derive(purpose, version)).decrypt(nonce, body, header + context.encode())
    except CryptoError:
        raise
    except Exception as exc:  # InvalidTag, struct.error, unknown key version
        raise CryptoError("sealed value does not open") from exc


def open_text(purpose: str, sealed: bytes | None, context: str) -> str | None:
    return None if sealed is None else open_sealed(purpose, sealed, context).decode()


def seal_padded(purpose: str, text: str, context: str, block: int) -> bytes:
    """Seal ``text`` padded to a multiple of ``block`` bytes, for values drawn from a
    short known list (categories, age bands): the ciphertext's length alone would
    otherwise tell them apart. ISO/IEC 7816-4 padding: 0x80, then zeros."""
    data = text.encode() + b"\x80"
    return seal(purpose, data + b"\0" * (-len(data) % block), context)


def open_padded(purpose: str, sealed: bytes | None, context: str) -> str | None:
    if sealed is None:
        return None
    data = open_sealed(purpose, sealed, context).rstrip(b"\0")
    if not data.endswith(b"\x80"):
        raise CryptoError("sealed value is not padded")
    return data[:-1].decode()


def keyed_digests(purpose: str, value: str) -> list[str]:
    """HMAC-SHA256 of ``value`` under every key version, current first: a lookup
    must still find rows written before a rotation."""
    ring = keyring()
    versions = [ring.current, *sorted(v for v in ring.keys if v != ring.current)]
    return [
        hmac.new(derive(purpose, v), value.encode(), hashlib.sha256).hexdigest()
        for v in versions
    ]


def reset_caches() -> None:
    keyring.cache_clear()
    _derive.cache_clear()
