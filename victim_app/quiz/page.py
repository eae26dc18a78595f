"""The quiz « Suis-je harcelé·e ? »: until it arrives, the page says what it will be."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from victim_app.components import page_title
from victim_app.layout import victim_page
from victim_app.routes import VICTIM_PAGES, rebuild_who


@VICTIM_PAGES.page("quiz", slug="quiz", title="quiz.title", icon="circle-help", nav=3,
                   on_load=rebuild_who)
def quiz(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "quiz",
        page_title(t(locale, "quiz.title"), t(locale, "quiz.lead")),
    )
