import json
from pathlib import Path

import pytest

from helpline import crypto
from helpline.config import get_settings
from helpline.crypto import CryptoError

PURPOSE = "victim-nickname"


def test_seal_and_open_round_trip(data_dir) -> None:
    sealed = crypto.seal(PURPOSE, "Zoé 🌱", "victim-1")
    assert "Zoé".encode() not in sealed
    assert crypto.open_sealed(PURPOSE, sealed, "victim-1") == "Zoé 🌱".encode()
    assert crypto.open_text(PURPOSE, sealed, "victim-1") == "Zoé 🌱"
    assert crypto.open_text(PURPOSE, None, "victim-1") is None
    assert crypto.open_sealed(PURPOSE, crypto.seal(PURPOSE, b"\x00\xff", "x"), "x") == (
        b"\x00\xff")


def test_sealing_twice_gives_different_bytes(data_dir) -> None:
    first, second = (crypto.seal(PURPOSE, "same", "victim-1") for _ in range(2))
    assert first != second
    assert first[crypto.NONCE_BYTES:] != second[crypto.NONCE_BYTES:]
    assert crypto.open_text(PURPOSE, first, "victim-1") == "same" == (
        crypto.open_text(PURPOSE, second, "victim-1"))


def _flipped(sealed: bytes, index: int) -> bytes:
    return sealed[:index] + bytes([sealed[index] ^ 1]) + sealed[index + 1:]


@pytest.mark.parametrize("index", [0, 4, 5, 17, -1])  # format, key version, nonce, body, tag
def test_a_flipped_byte_does_not_open(data_dir, index) -> None:
    sealed = crypto.seal(PURPOSE, "secret", "victim-1")
    with pytest.raises(CryptoError):
        crypto.open_sealed(PURPOSE, _flipped(sealed, index), "victim-1")


def test_wrong_context_purpose_or_garbage_does_not_open(data_dir) -> None:
    sealed = crypto.seal(PURPOSE, "secret", "victim-1")
    for purpose, value, context in [
        (PURPOSE, sealed, "victim-2"),  # moved to another row
        ("staff-totp-secret", sealed, "victim-1"),  # another purpose's key
        (PURPOSE, sealed[:-1], "victim-1"),
        (PURPOSE, b"", "victim-1"),
        (PURPOSE, b"\x01\x00", "victim-1"),
    ]:
        with pytest.raises(CryptoError):
            crypto.open_sealed(purpose, value, context)


def test_keys_differ_by_purpose_and_digests_are_stable(data_dir) -> None:
    assert crypto.derive("a") != crypto.derive("b")
    assert len(crypto.derive("a")) == 32 and crypto.derive("a") != crypto.keyring().key()
    assert crypto.keyed_digests("a", "value") == crypto.keyed_digests("a", "value")
    assert crypto.keyed_digests("a", "value") != crypto.keyed_digests("b", "value")
    assert crypto.keyed_digests("a", "value") != crypto.keyed_digests("a", "other")


def test_after_a_rotation_old_values_open_and_lookups_cover_every_version(
        data_dir, rotate_keyring) -> None:
    old_sealed = crypto.seal(PURPOSE, "before", "victim-1")
    (old_digest,) = crypto.keyed_digests(PURPOSE, "code")

    new_version = rotate_keyring()
    ring = json.loads(Path(get_settings().key_file).read_text())
    assert ring["current"] == new_version == 2 and sorted(ring["keys"]) == ["1", "2"]

    assert crypto.open_text(PURPOSE, old_sealed, "victim-1") == "before"
    new_sealed = crypto.seal(PURPOSE, "after", "victim-1")
    assert old_sealed[1:5] == (1).to_bytes(4, "big")
    assert new_sealed[1:5] == (2).to_bytes(4, "big")
    assert crypto.open_text(PURPOSE, new_sealed, "victim-1") == "after"

    digests = crypto.keyed_digests(PURPOSE, "code")
    assert len(digests) == 2 and digests[1] == old_digest and digests[0] != old_digest


def test_a_value_sealed_under_a_dropped_key_version_does_not_open(
        data_dir, rotate_keyring) -> None:
    rotate_keyring()
    sealed = crypto.seal(PURPOSE, "secret", "victim-1")
    forged = sealed[:1] + (9).to_bytes(4, "big") + sealed[5:]
    with pytest.raises(CryptoError):
        crypto.open_sealed(PURPOSE, forged, "victim-1")


def test_padded_values_all_seal_to_the_same_length(data_dir) -> None:
    sealed = {band: crypto.seal_padded("victim-age-band", band, "victim-1", 16)
              for band in ("", "11_14", "under_11", "é" * 7)}
    assert len({len(s) for s in sealed.values()}) == 1
    assert {crypto.open_padded("victim-age-band", s, "victim-1") for s in sealed.values()} == (
        set(sealed))
    assert crypto.open_padded("victim-age-band", None, "victim-1") is None
    unpadded = crypto.seal("victim-age-band", "11_14", "victim-1")
    with pytest.raises(CryptoError):
        crypto.open_padded("victim-age-band", unpadded, "victim-1")
