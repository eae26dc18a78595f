import pytest

from helpline.chat.errors import ChatError
from helpline.chat.text import clean_message

MAX = 50


def _refused(code: str):
    return pytest.raises(ChatError, match=f"^{code}$")


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "[clique ici](javascript:alert(document.cookie))",
    "<a href=\"javascript:void(0)\">moi</a> &amp; &lt;",
])
def test_markup_and_links_are_kept_as_plain_text(text) -> None:
    assert clean_message(text, 200) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("gpj.\u202eexe", "gpj.exe"),  # right-to-left override
    ("a\u2066b\u2067c\u2069d\u200fe", "abcde"),  # bidi isolates and marks
    ("zero\u200bwidth\ufeffbom\u00adsoft", "zerowidthbomsoft"),
    ("nul\x00bell\x07esc\x1b[31mdel\x7f", "nulbellesc[31mdel"),
    ("private\ue000use", "privateuse"),
    ("ligne 1\r\nligne 2\tfin", "ligne 1\nligne 2\tfin"),
])
def test_control_and_format_characters_are_removed(text, expected) -> None:
    assert clean_message(text, 200) == expected


@pytest.mark.parametrize("text", [
    "👩\u200d💻",
    "famille 👨\u200d👩\u200d👧\u200d👦 !",
    "🏳️\u200d🌈 ❤️",  # variation selectors stay too
])
def test_zero_width_joiners_in_emoji_are_kept(text) -> None:
    assert clean_message(text, 200) == text


def test_text_is_nfc_normalised_and_trimmed() -> None:
    assert clean_message("  \n Ame\u0301lie \t ", 200) == "Amélie"


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "\u202e\u200b\x00"])
def test_nothing_left_is_empty(text) -> None:
    with _refused("empty"):
        clean_message(text, MAX)


def test_the_limit_counts_the_cleaned_text() -> None:
    assert clean_message("x" * MAX, MAX) == "x" * MAX
    assert clean_message(" " + "x" * MAX + "\u200b" * 10 + " ", MAX) == "x" * MAX
    with _refused("too_long"):
        clean_message("x" * (MAX + 1), MAX)


def test_an_absurd_payload_is_refused_before_cleaning() -> None:
    with _refused("too_long"):
        clean_message("\u200b" * (MAX * 4 + 1), MAX)  # would clean down to nothing
