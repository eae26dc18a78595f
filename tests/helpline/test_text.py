import pytest

from helpline.text import ID_MAX, InputError, client_string


def _refused(code: str):
    return pytest.raises(InputError, match=f"^{code}$")


@pytest.mark.parametrize("value", ["", "0", "3", "a1b2c3d4e5f6", "specialty:lawyer",
                                   "0f0e-4c1d_2.x", "x" * ID_MAX])
def test_ids_and_codes_pass_unchanged(value) -> None:
    assert client_string(value) == value


def test_missing_is_empty() -> None:
    assert client_string(None) == ""
    assert client_string(None, 10, token=False) == ""


@pytest.mark.parametrize("value", [
    "\ud800",  # a lone surrogate: no database can store it
    "ab\udfffcd",
    "a b", "a\tb", "a\nb", "a\x00b", "a\x1bb", "a\u202eb", "a\u200bb",  # controls, format
    "é", "１２", "²", "٣",  # digits Python's isdigit() takes, that int() may refuse
    "../etc", "a/b", "<script>", "a'b", '"',
])
def test_anything_else_in_an_id_is_refused(value) -> None:
    with _refused("invalid"):
        client_string(value)


@pytest.mark.parametrize("value", [12, 1.5, True, ["a"], {"a": 1}, b"bytes"])
def test_a_value_that_is_not_a_string_is_refused(value) -> None:
    with _refused("invalid"):
        client_string(value)
    with _refused("invalid"):
        client_string(value, 100, token=False)


def test_length_is_bounded() -> None:
    with _refused("too_long"):
        client_string("x" * (ID_MAX + 1))
    assert client_string("é" * 10, 10, token=False) == "é" * 10
    with _refused("too_long"):
        client_string("é" * 11, 10, token=False)
    with _refused("too_long"):  # checked before anything else: no work on a huge value
        client_string("\ud800" * 11, 10, token=False)


@pytest.mark.parametrize("value", [
    "J'ai peur 😢\nil m'a écrit «\u00a0tu vas voir\u00a0»\t!",
    "👨\u200d👩\u200d👧 <b>pas du HTML</b> \u202e",  # cleaning is the service's own job
])
def test_free_text_keeps_any_valid_unicode(value) -> None:
    assert client_string(value, 1000, token=False) == value


@pytest.mark.parametrize("value", ["\ud83d", "coucou \udc00", "\ud83d\ud83d"])
def test_free_text_with_a_lone_surrogate_is_refused(value) -> None:
    with _refused("invalid"):
        client_string(value, 1000, token=False)
