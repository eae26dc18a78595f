"""Staff URLs: /staff (French) and /staff/en (English). The pages themselves declare
their rows (``STAFF_PAGES.page``) where they are built; who may open each area is
``helpline.identity.access.STAFF_AREAS``."""

from __future__ import annotations

from helpline.i18n import Locale
from uikit.pages import PageRegistry

STAFF_PAGES = PageRegistry({"fr": "/staff", "en": "/staff/en"})


def staff_url(locale: Locale, page: str = "console") -> str:
    return STAFF_PAGES.url(locale, page)
