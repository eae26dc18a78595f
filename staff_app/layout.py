"""The staff shell: a sidebar with the workspace's areas and the signed-in person."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, other_locale, t
from staff_app.routes import STAFF_PAGES, staff_url
from staff_app.state import StaffState
from uikit.forms import native_form


def logout_form(locale: Locale) -> rx.Component:
    return native_form(
        rx.el.input(type="hidden", name="locale", value=locale),
        rx.button(rx.icon("log-out", size=16, aria_hidden="true"), t(locale, "staff.logout"),
                  type="submit", size="2",
                  style={"background": "#2f5a61", "color": "#f3f7f7"}),
        action="/api/staff/logout",
        method="post",
    )


def _menu(locale: Locale, area: str) -> list[rx.Component]:
    """The areas, who is signed in, sign out, the other language."""
    links = [
        rx.el.li(
            rx.link(
                rx.hstack(rx.icon(row.icon, size=18, aria_hidden="true"),
                          rx.text(t(locale, f"staff.nav.{row.key}")), align="center"),
                href=staff_url(locale, row.key),
                custom_attrs={"aria-current": "page"} if row.key == area else {},
            )
        )
        for row in STAFF_PAGES.navigation()
    ]
    other = other_locale(locale)
    return [
        rx.el.nav(rx.el.ul(*links, style={"listStyle": "none", "padding": 0, "margin": 0}),
                  aria_label=t(locale, "staff.nav.label"), width="100%"),
        rx.spacer(),
        rx.text(t(locale, "staff.signed_in_as", name=""), StaffState.display_name, size="2"),
        logout_form(locale),
        rx.el.a(t(locale, "lang.switch"), href=staff_url(other, area), lang=other,
                style={"color": "#e8f1f1"}),
    ]


def _brand(size: str = "5") -> rx.Component:
    return rx.hstack(rx.icon("house-heart", size=22, aria_hidden="true"),
                     rx.text("Abri", size=size, weight="bold"), align="center")


def sidebar(locale: Locale, area: str) -> rx.Component:
    """A sidebar on a desktop; on a phone, a bar whose « Menu » button unfolds it, so
    the page's own content is on the first screen (abri.css)."""
    return rx.el.aside(
        rx.hstack(
            _brand(),
            rx.el.button(rx.icon("menu", size=20, aria_hidden="true"), t(locale, "staff.menu"),
                         type="button", on_click=StaffState.toggle_menu,
                         class_name="abri-staff-menu-button",
                         custom_attrs={"aria-expanded": StaffState.menu_open.to_string(),
                                       "aria-controls": "staff-menu"}),
            align="center", justify="between", width="100%"),
        rx.vstack(rx.text(t(locale, "staff.title"), size="2", color="#c9dcdc"),
                  *_menu(locale, area), spacing="3", height="100%", align="start",
                  id="staff-menu", class_name="abri-staff-menu",
                  custom_attrs={"data-open": StaffState.menu_open.to_string()}),
        class_name="abri-staff-side",
    )


def staff_page(locale: Locale, area: str, title: str, *content: rx.Component) -> rx.Component:
    return rx.box(
        sidebar(locale, area),
        rx.el.main(
            rx.heading(title, as_="h1", size="7", margin_bottom="0.5rem"),
            rx.cond(
                StaffState.needs_totp,
                rx.callout(rx.link(t(locale, "staff.security.admin_needs_totp"),
                                   href=staff_url(locale, "security")),
                           icon="shield-alert", color_scheme="amber", margin_bottom="1rem"),
            ),
            rx.cond(
                StaffState.allowed,
                rx.vstack(*content, spacing="4", width="100%"),
                rx.callout(t(locale, "staff.forbidden"), icon="lock", color_scheme="amber"),
            ),
            class_name="abri-staff-main",
            id="main",
        ),
        class_name="abri-staff",
        lang=locale,
    )
