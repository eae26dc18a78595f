import re

import pytest

from helpline.i18n import LOCALES, catalog, other_locale, t


def test_every_locale_has_exactly_the_same_keys() -> None:
    keys = {locale: set(catalog(locale)) for locale in LOCALES}
    assert keys["fr"] == keys["en"], keys["fr"] ^ keys["en"]


def test_placeholders_match_across_locales() -> None:
    for key in catalog("fr"):
        fields = {loc: set(re.findall(r"{(\w*)}", catalog(loc)[key])) for loc in LOCALES}
        assert fields["fr"] == fields["en"], key


def test_helpline_values_are_filled_in(data_dir, monkeypatch) -> None:
    assert "3018" in t("fr", "call.label")
    monkeypatch.setenv("ABRI_HELPLINE_PHONE", "0800 200 000")
    from helpline.config import get_settings

    get_settings.cache_clear()
    assert t("en", "call.label") == "Call 0800 200 000"


def test_a_missing_key_is_a_bug() -> None:
    with pytest.raises(KeyError):
        t("fr", "no.such.key")
    assert other_locale("fr") == "en" and other_locale("en") == "fr"


def test_an_area_file_cannot_define_a_key_twice(tmp_path, monkeypatch) -> None:
    import helpline.i18n as i18n

    (tmp_path / "fr").mkdir()
    (tmp_path / "fr.json").write_text('{"a.b": "x"}', "utf-8")
    (tmp_path / "fr" / "more.json").write_text('{"a.c": "y"}', "utf-8")
    monkeypatch.setattr(i18n.resources, "files", lambda _name: tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("fr") == {"a.b": "x", "a.c": "y"}
        i18n.catalog.cache_clear()
        (tmp_path / "fr" / "again.json").write_text('{"a.b": "z"}', "utf-8")
        with pytest.raises(ValueError, match=r"a\.b"):
            i18n.catalog("fr")
    finally:
        i18n.catalog.cache_clear()
