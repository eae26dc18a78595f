"""Streaming AES-256-GCM framing of one blob, and the wrapping of its data key.

A blob file is a header (magic, segment size) and then segments, each ``nonce ||
ciphertext+tag`` of at most ``segment_bytes`` plaintext. Every segment's associated
data binds the item, its owner, the key version of the capture, the segment size (the
header is in the clear), the segment's index and whether it is the last: a segment
moved, dropped, duplicated, swapped with another blob's, or a file cut short no longer
opens. Each blob has its own random 32-byte data
key, stored only wrapped by a key-encryption key derived per keyring version
(``helpline.crypto.derive``); rotation re-wraps it and never touches the file.
Nothing here holds more than a segment (plus one incoming chunk) in memory.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from helpline import crypto

MAGIC = b"ABRIVLT1"
_HEADER = struct.Struct(">8sI")  # magic, segment size
_AAD = struct.Struct(">IIQB")  # key version, segment size, segment index, final flag
NONCE = 12
TAG = 16
KEY_BYTES = 32
KEK_PURPOSE = "vault-kek"


class FramingError(crypto.CryptoError):
    """A blob or a wrapped key does not open: changed, cut, reordered or another's."""


def _context(item_id: str, owner_id: str) -> bytes:
    return b"abri-vault/1|" + item_id.encode() + b"|" + owner_id.encode() + b"|"


def _aad(context: bytes, version: int, segment: int, index: int, final: bool) -> bytes:
    # The segment size too: the header is not encrypted, and a changed one must not open.
    return context + _AAD.pack(version, segment, index, final)


def wrap_key(data_key: bytes, *, item_id: str, owner_id: str, version: int) -> bytes:
    aad = _context(item_id, owner_id) + struct.pack(">I", version)
    nonce = os.urandom(NONCE)
    return nonce + AESGCM(crypto.derive(KEK_PURPOSE, version)).encrypt(nonce, data_key, aad)


def unwrap_key(wrapped: bytes, *, item_id: str, owner_id: str, version: int) -> bytes:
    aad = _context(item_id, owner_id) + struct.pack(">I", version)
    try:
        return AESGCM(crypto.derive(KEK_PURPOSE, version)).decrypt(
            wrapped[:NONCE], wrapped[NONCE:], aad)
    except (InvalidTag, ValueError) as exc:
        raise FramingError("the data key does not open") from exc


@dataclass(frozen=True)
class Sealed:
    """What a finished writer knows: the row's columns."""

    size: int  # plaintext bytes
    stored_size: int  # file bytes
    sha256: str  # of the plaintext, computed as it streamed
    segment_bytes: int
    framed_version: int
    wrapped_key: bytes


class SegmentWriter:
    """Encrypts what is written to ``out``, segment by segment. One full segment is
    held back until more arrives, so the last one written carries the final flag even
    when the size is an exact multiple (and an empty blob is one empty final segment)."""

    def __init__(self, out: BinaryIO, *, item_id: str, owner_id: str,
                 segment_bytes: int, version: int | None = None) -> None:
        if not 1 <= segment_bytes <= 1 << 24:
            raise ValueError("segment size out of range")
        self._out, self._item_id, self._owner_id = out, item_id, owner_id
        self._segment = segment_bytes
        self._version = crypto.keyring().current if version is None else version
        self._key = os.urandom(KEY_BYTES)
        self._aes = AESGCM(self._key)
        self._context = _context(item_id, owner_id)
        self._buffer = bytearray()
        self._sha = hashlib.sha256()
        self._index = self._size = 0
        self._stored = _HEADER.size
        self._done = False
        out.write(_HEADER.pack(MAGIC, segment_bytes))

    @property
    def size(self) -> int:
        return self._size

    def _emit(self, plaintext: bytes | memoryview, final: bool) -> None:
        nonce = os.urandom(NONCE)
        sealed = self._aes.encrypt(nonce, plaintext,
                                   _aad(self._context, self._version, self._segment,
                                        self._index, final))
        self._out.write(nonce)
        self._out.write(sealed)
        self._stored += NONCE + len(sealed)
        self._index += 1

    def write(self, data: bytes) -> None:
        if self._done:
            raise ValueError("writer finished")
        self._sha.update(data)
        self._size += len(data)
        segment, buffer, view = self._segment, self._buffer, memoryview(data)
        if buffer:  # top up the held segment; emit it only once more follows
            take = min(len(view), segment - len(buffer))
            buffer += view[:take]
            view = view[take:]
            if not view:
                return
            self._emit(bytes(buffer), False)
            buffer.clear()
        while len(view) > segment:  # straight from the caller's bytes, no copy
            self._emit(view[:segment], False)
            view = view[segment:]
        buffer += view

    def finish(self) -> Sealed:
        self._emit(bytes(self._buffer), True)
        self._buffer.clear()
        self._done = True
        wrapped = wrap_key(self._key, item_id=self._item_id, owner_id=self._owner_id,
                           version=self._version)
        return Sealed(size=self._size, stored_size=self._stored, sha256=self._sha.hexdigest(),
                      segment_bytes=self._segment, framed_version=self._version,
                      wrapped_key=wrapped)


def read_segments(source: BinaryIO, *, item_id: str, owner_id: str, framed_version: int,
                  data_key: bytes) -> Iterator[bytes]:
    """The plaintext, one segment at a time; FramingError as soon as anything is off
    (what was yielded before is authentic, but the whole is not: callers that need the
    whole check it reached the end)."""
    header = source.read(_HEADER.size)
    try:
        magic, segment = _HEADER.unpack(header)
    except struct.error as exc:
        raise FramingError("not a vault blob") from exc
    if magic != MAGIC or not 1 <= segment <= 1 << 24:
        raise FramingError("not a vault blob")
    aes, context = AESGCM(data_key), _context(item_id, owner_id)
    stored = NONCE + segment + TAG
    index, chunk = 0, source.read(stored)
    while True:
        following = source.read(stored) if len(chunk) == stored else b""
        final = not following
        if len(chunk) < NONCE + TAG:
            raise FramingError("segment cut short")
        try:
            yield aes.decrypt(chunk[:NONCE], chunk[NONCE:],
                              _aad(context, framed_version, segment, index, final))
        except InvalidTag as exc:
            raise FramingError(f"segment {index} does not open") from exc
        if final:
            return
        chunk, index = following, index + 1
