"""The staff workspace, mounted at /staff (French) and /staff/en (English)."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import LOCALES, t
from staff_app.console.page import console
from staff_app.console.state import ConsoleState
from staff_app.content_state import ContentState
from staff_app.pages.admin import admin
from staff_app.pages.content import content
from staff_app.pages.login import login
from staff_app.pages.security import security
from staff_app.pages.workspace import AREA_TEXT, area_page
from staff_app.routes import staff_url
from staff_app.state import AdminState, LoginState, SecurityState, StaffState

_PAGES = {"console": (console, "staff.console.title", ConsoleState.load),
          "admin": (admin, "staff.admin.title", AdminState.load),
          "content": (content, "staff.content.title", ContentState.load),
          "security": (security, "staff.security.title", SecurityState.load)}


def register(app: rx.App) -> None:
    for locale in LOCALES:
        app.add_page(login(locale), route=staff_url(locale, "login"),
                     title=f"Abri · {t(locale, 'staff.login.title')}",
                     on_load=LoginState.check(locale))
        for area, (title_key, _lead) in AREA_TEXT.items():
            if area in _PAGES:
                continue
            app.add_page(area_page(locale, area), route=staff_url(locale, area),
                         title=f"Abri · {t(locale, title_key)}",
                         on_load=StaffState.guard(area, locale))
        for area, (build, title_key, load) in _PAGES.items():
            app.add_page(build(locale), route=staff_url(locale, area),
                         title=f"Abri · {t(locale, title_key)}",
                         on_load=[StaffState.guard(area, locale), load])
