"""Coming back with a recovery code, and the page after an account is erased.
Neither page creates an account."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from uikit.components import labelled
from uikit.forms import native_form
from victim_app.components import card, error_message
from victim_app.layout import titled_page
from victim_app.routes import VICTIM_PAGES, victim_url
from victim_app.space.state import RestoreState


# Neither page may create an account: coming back with a code, the goodbye after erasure.
@VICTIM_PAGES.page("restore", slug={"fr": "retrouver", "en": "find-my-space"},
                   title="restore.title",
                   on_load=lambda _locale: [RestoreState.load])
def restore(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "restore",
        error_message(locale, RestoreState.error),
        card(
            native_form(
                rx.vstack(
                    labelled(t(locale, "restore.label"),
                             # Wide enough for the whole example: four words, four digits.
                             rx.input(name="code", size="3", auto_complete="off",
                                      auto_capitalize="none", spell_check=False, required=True,
                                      max_length=200, id="restore-code", width="100%",
                                      placeholder="lapin-orage-crayon-tulipe-4821")),
                    rx.el.input(type="hidden", name="locale", value=locale),
                    rx.button(t(locale, "restore.submit"), type="submit", size="3"),
                    spacing="3", width="100%",
                ),
                action="/api/victim/restore",
                method="post",
                style={"width": "100%"},  # the field as wide as the card, not its text
            ),
        ),
    )


@VICTIM_PAGES.page("erased", slug={"fr": "au-revoir", "en": "goodbye"}, title="erased.title")
def erased(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "erased",
        rx.link(t(locale, "erased.home"), href=victim_url(locale), replace=True),
    )
