"""The Talk, Safe and Quiz sections. Their features arrive with their own issues;
until then each page says plainly what is there and how to get help now."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, t
from victim_app.components import card, danger_notice, page_title
from victim_app.layout import victim_page


def talk(locale: Locale) -> rx.Component:
    settings = get_settings()
    hours = settings.helpline_hours_fr if locale == "fr" else settings.helpline_hours_en
    return victim_page(
        locale,
        "talk",
        page_title(t(locale, "talk.title"), t(locale, "talk.lead")),
        card(
            rx.heading(t(locale, "talk.hours"), as_="h2", size="4"),
            rx.text(hours),
            rx.text(t(locale, "talk.chat_soon"), color="#3b4a52"),
            rx.button(
                rx.el.a(rx.icon("phone", aria_hidden="true"), t(locale, "call.label"),
                        href=f"tel:{settings.helpline_phone}", aria_label=t(locale, "call.aria")),
                as_child=True,
                size="3",
            ),
        ),
        danger_notice(locale),
    )


def safe(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "safe",
        page_title(t(locale, "safe.title"), t(locale, "safe.lead")),
        card(rx.text(t(locale, "safe.empty"), color="#3b4a52")),
    )


def quiz(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "quiz",
        page_title(t(locale, "quiz.title"), t(locale, "quiz.lead")),
    )
