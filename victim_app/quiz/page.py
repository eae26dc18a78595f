"""The quiz « Suis-je harcelé·e ? »: until it arrives, the page says what it will be."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale
from victim_app.layout import titled_page
from victim_app.routes import VICTIM_PAGES, rebuild_who


@VICTIM_PAGES.page("quiz", slug="quiz", title="quiz.title", icon="circle-help", nav=3,
                   on_load=rebuild_who)
def quiz(locale: Locale) -> rx.Component:
    return titled_page(locale, "quiz")
