"""Recovery codes: four words and four digits, easy to write down and read back.

Words come from the BIP-39 French list (2,048 words, unique without accents), so a
code carries 4 × 11 + 13.3 ≈ 57 bits; with argon2id, a keyed lookup and rate limits
that is far beyond online guessing.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import cache

from mnemonic import Mnemonic

WORDS = 4


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def wordlist() -> tuple[str, ...]:
    return tuple(_plain(w) for w in Mnemonic("french").wordlist)


def generate() -> str:
    words = [secrets.choice(wordlist()) for _ in range(WORDS)]
    return "-".join([*words, f"{secrets.randbelow(10_000):04d}"])


def normalise(text: str) -> str | None:
    """The canonical form of what someone typed, or None if it cannot be a code.

    Case, accents, spaces and punctuation between the parts do not matter."""
    parts = [p for p in re.split(r"[^a-z0-9]+", _plain(text)) if p]
    if len(parts) != WORDS + 1 or not re.fullmatch(r"\d{4}", parts[-1]):
        return None
    known = set(wordlist())
    if any(p not in known for p in parts[:-1]):
        return None
    return "-".join(parts)
