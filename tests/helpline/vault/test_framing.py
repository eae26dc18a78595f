"""The encrypted framing: any size round-trips; any change to the file fails to open."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpline.vault.framing import (
    NONCE,
    TAG,
    FramingError,
    SegmentWriter,
    read_segments,
    unwrap_key,
)

SEGMENT = 32
HEADER = 12
ITEM, OWNER = "a" * 32, "b" * 32
fixture_ok = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def seal(data: bytes, *, chunks: int = 7, item: str = ITEM, owner: str = OWNER):
    out = io.BytesIO()
    writer = SegmentWriter(out, item_id=item, owner_id=owner, segment_bytes=SEGMENT)
    for start in range(0, len(data), chunks):
        writer.write(data[start:start + chunks])
    sealed = writer.finish()
    return out.getvalue(), sealed


def opened(blob: bytes, sealed, *, item: str = ITEM, owner: str = OWNER) -> bytes:
    key = unwrap_key(sealed.wrapped_key, item_id=ITEM, owner_id=OWNER,
                     version=sealed.framed_version)
    return b"".join(read_segments(io.BytesIO(blob), item_id=item, owner_id=owner,
                                  framed_version=sealed.framed_version, data_key=key))


def segments(blob: bytes) -> list[bytes]:
    body, stored = blob[HEADER:], NONCE + SEGMENT + TAG
    return [body[i:i + stored] for i in range(0, len(body), stored)]


def join(blob: bytes, parts: list[bytes]) -> bytes:
    return blob[:HEADER] + b"".join(parts)


sizes = st.one_of(st.sampled_from([0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT,
                                   3 * SEGMENT, 5 * SEGMENT + 3]),
                  st.integers(min_value=0, max_value=12 * SEGMENT))


@fixture_ok
@given(data=st.data(), size=sizes, chunks=st.integers(1, 3 * SEGMENT))
def test_any_size_round_trips_in_any_chunking(data_dir, data, size, chunks) -> None:
    plain = data.draw(st.binary(min_size=size, max_size=size))
    blob, sealed = seal(plain, chunks=chunks)
    assert opened(blob, sealed) == plain
    assert (sealed.size, sealed.stored_size) == (size, len(blob))
    full, rest = divmod(size, SEGMENT)
    expected = full + (1 if rest or not size else 0)  # an exact multiple ends on a full one
    assert len(segments(blob)) == expected


@fixture_ok
@given(data=st.data(), size=st.integers(0, 6 * SEGMENT))
def test_any_flipped_bit_fails(data_dir, data, size) -> None:
    blob, sealed = seal(data.draw(st.binary(min_size=size, max_size=size)))
    bit = data.draw(st.integers(0, len(blob) * 8 - 1))
    changed = bytearray(blob)
    changed[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(FramingError):
        opened(bytes(changed), sealed)


@fixture_ok
@given(data=st.data(), count=st.integers(2, 8))
def test_swapped_dropped_duplicated_or_truncated_segments_fail(data_dir, data, count) -> None:
    size = data.draw(st.integers((count - 1) * SEGMENT + 1, count * SEGMENT))
    blob, sealed = seal(data.draw(st.binary(min_size=size, max_size=size)))
    parts = segments(blob)
    assert len(parts) == count
    i = data.draw(st.integers(0, count - 1))
    j = data.draw(st.integers(0, count - 1).filter(lambda x: x != i))
    swapped = list(parts)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    dropped = parts[:i] + parts[i + 1:]
    duplicated = parts[:i + 1] + parts[i:]
    cut = data.draw(st.integers(HEADER, len(blob) - 1))
    for tampered in (join(blob, swapped), join(blob, dropped), join(blob, duplicated),
                     blob[:cut]):
        with pytest.raises(FramingError):
            opened(tampered, sealed)


def test_a_blob_opens_only_for_its_own_item_and_owner(data_dir) -> None:
    blob, sealed = seal(b"preuve" * 20)
    for item, owner in ((ITEM, "c" * 32), ("d" * 32, OWNER)):
        with pytest.raises(FramingError):
            opened(blob, sealed, item=item, owner=owner)
    with pytest.raises(FramingError):  # nor a data key moved to another item
        unwrap_key(sealed.wrapped_key, item_id="d" * 32, owner_id=OWNER,
                   version=sealed.framed_version)


def test_every_blob_has_its_own_key_and_nonces(data_dir) -> None:
    one, first = seal(b"\0" * 100)
    two, second = seal(b"\0" * 100)
    assert first.wrapped_key != second.wrapped_key
    assert len({p[:NONCE] for p in segments(one) + segments(two)}) == 2 * len(segments(one))
