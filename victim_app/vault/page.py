"""« Mon coffre-fort »: until the safe arrives, the page says plainly what is there and
how to get help now."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from victim_app.components import card, page_title
from victim_app.layout import victim_page
from victim_app.routes import VICTIM_PAGES, rebuild_who


@VICTIM_PAGES.page("vault", slug="coffre-fort", title="vault.title", icon="lock", nav=2,
                   on_load=rebuild_who)
def safe(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "vault",
        page_title(t(locale, "vault.title"), t(locale, "vault.lead")),
        card(rx.text(t(locale, "vault.empty"), color="#3b4a52")),
    )
