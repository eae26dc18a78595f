"""The workspace's areas. Each fills in with its own issue; the frame routes,
guards and renders now."""

from __future__ import annotations

from functools import partial

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load

AREA_TEXT = {
    "console": ("staff.console.title", "staff.console.lead"),
    "takedowns": ("staff.takedowns.title", "staff.takedowns.lead"),
    "content": ("staff.content.title", "staff.content.lead"),
    "admin": ("staff.admin.title", "staff.admin.lead"),
}


def area_page(locale: Locale, area: str) -> rx.Component:
    title_key, lead_key = AREA_TEXT[area]
    return staff_page(locale, area, t(locale, title_key),
                      rx.text(t(locale, lead_key), size="3", color="#3b4a52"))


# The areas still waiting for their capability: the frame routes, guards and renders.
for _key, _slug, _icon, _nav in (("takedowns", "retraits", "shield-x", 3),):
    STAFF_PAGES.page(_key, slug=_slug, title=AREA_TEXT[_key][0], icon=_icon, nav=_nav,
                     on_load=workspace_load(_key))(partial(area_page, area=_key))
