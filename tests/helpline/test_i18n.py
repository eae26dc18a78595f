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
