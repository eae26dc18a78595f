import re
from types import SimpleNamespace

import pytest

from helpline.identity import recovery_code
from helpline.identity.recovery_code import generate, normalise, wordlist


def test_the_wordlist_has_2048_distinct_plain_words() -> None:
    words = wordlist()
    assert len(words) == len(set(words)) == 2048
    assert all(re.fullmatch(r"[a-z]+", w) for w in words)
    assert "eleve" in words and "élève" not in words


def test_a_code_is_four_known_words_and_four_digits() -> None:
    known = set(wordlist())
    codes = {generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        *words, digits = code.split("-")
        assert len(words) == recovery_code.WORDS == 4
        assert set(words) <= known and re.fullmatch(r"\d{4}", digits)
        assert normalise(code) == code


def test_codes_draw_from_the_whole_wordlist_and_10000_endings(monkeypatch) -> None:
    drawn: list[tuple[str, int]] = []

    def choice(seq):
        drawn.append(("choice", len(seq)))
        return seq[-1]

    def randbelow(n):
        drawn.append(("randbelow", n))
        return 7

    monkeypatch.setattr(recovery_code, "secrets",
                        SimpleNamespace(choice=choice, randbelow=randbelow))
    assert generate() == "-".join([wordlist()[-1]] * 4 + ["0007"])
    assert drawn == [("choice", 2048)] * 4 + [("randbelow", 10_000)]


@pytest.mark.parametrize(
    "typed",
    ["ÉLÈVE ACADÉMIE adhésif Aérer 0042", " eleve, academie / adhesif--aerer  0042 ",
     "eleve.academie.adhesif.aerer.0042", "Eleve\nAcademie\tAdhesif Aerer\u00a00042"],
)
def test_normalise_ignores_case_accents_and_separators(typed) -> None:
    assert normalise(typed) == "eleve-academie-adhesif-aerer-0042"


@pytest.mark.parametrize(
    "typed",
    ["", "eleve academie adhesif 0042", "eleve academie adhesif aerer abeille 0042",
     "eleve academie adhesif bonjour 0042", "eleve academie adhesif aerer 042",
     "eleve academie adhesif aerer 00042", "eleve academie adhesif aerer 00a4",
     "0042 eleve academie adhesif aerer", "eleve academie adhesif aerer"],
)
def test_normalise_refuses_what_cannot_be_a_code(typed) -> None:
    assert normalise(typed) is None
