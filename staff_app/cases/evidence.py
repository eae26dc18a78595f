"""Evidence a young person shared, as staff see it: one row shape and one component,
used by « Dossiers » and by the case file beside the chat.

Only what the victim shared and has not withdrawn ever reaches here
(``helpline.vault`` decides); bytes go through the staff download route, never state.
"""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from helpline import clock
from helpline.i18n import Locale, catalog, t

ROUTE = "/staff/api/vault"
IMAGE = "image"
SHORT_HASH = 12  # enough to tell items apart and to read aloud; the full one is a tooltip


def item_url(item_id: str, variant: str) -> str:
    return f"{ROUTE}/items/{item_id}/{variant}"


def original_url(ticket: str) -> str:
    return f"{ROUTE}/original/{ticket}"


def moment(value: datetime | None, with_time: bool = True) -> str:
    if value is None:
        return ""
    local = clock.local(value)
    return local.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def _word(locale: Locale, key: str, fallback: str) -> str:
    return catalog(locale).get(key) or fallback


def evidence_row(item, locale: Locale) -> dict[str, str]:
    """A shared item (``helpline.vault.SharedItem``) as the pages show it."""
    kind = _word(locale, f"staff.cases.kind.{item.kind}", item.kind)
    sha = item.sha256 or ""
    platform = item.platform or ""
    image = item.kind == IMAGE
    url = item.url if item.kind == "link" else ""
    return {
        "id": item.id,
        "kind": kind,
        # Untitled: what names it best — the file's name, a link's address, its kind.
        "title": item.title or item.filename or url or kind,
        # Named as the young person's page names them (vault.platform.*).
        "platform": _word(locale, f"vault.platform.{platform}", platform.capitalize()),
        "when": moment(item.happened_at),
        "shared": moment(item.shared_at, with_time=False),
        "purpose": _word(locale, f"staff.cases.purpose.{item.purpose}", item.purpose or ""),
        "author": item.author,
        "description": item.description,
        "sha": sha,
        "sha_short": sha[:SHORT_HASH],
        "thumb": item_url(item.id, "thumbnail") if image and item.has_thumbnail else "",
        "image": "1" if image else "",
        # A link is its address: nothing to download, no original to open.
        "url": url,
        "open": "" if item.kind == "link" else item_url(item.id, "working"),
        "in_chat": "1" if item.conversation_id else "",
        "conversation": item.conversation_id or "",
    }


def evidence_rows(items, locale: Locale) -> list[dict[str, str]]:
    return [evidence_row(item, locale) for item in items]


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.el.div(
        rx.el.dt(label, style={"color": "#3b4a52"}),
        rx.el.dd(value, style={"margin": 0, "fontWeight": 500}),
        style={"display": "flex", "gap": "0.35rem", "flexWrap": "wrap"}))


def _preview(locale: Locale, e: rx.Var, size: str) -> rx.Component:
    """An image shows its thumbnail (made from the working copy: EXIF and location
    removed); other kinds show their kind as an icon."""
    box = {"width": size, "height": size, "borderRadius": "0.5rem", "flexShrink": 0}
    return rx.cond(
        e["thumb"] != "",
        rx.image(src=e["thumb"], alt=t(locale, "staff.cases.thumb_alt") + " " + e["title"],
                 style={**box, "objectFit": "cover", "background": "#e6ddd3"}),
        rx.center(rx.icon(rx.cond(e["url"] != "", "link", "file-text"), size=24,
                          aria_hidden="true", color="#2f5a61"),
                  style={**box, "background": "#e6eeee"}),
    )


# Drawn as the small soft button beside it. ``rx.el.a`` is React Router's Link:
# ``reload_document`` lets the browser fetch the file (a download, a new tab) instead
# of the router looking for a page of that name.
ACTION = "rt-reset rt-BaseButton rt-r-size-1 rt-variant-soft rt-Button"


def _actions(locale: Locale, e: rx.Var, on_original) -> rx.Component:
    """A link opens in a new tab; an image's working copy shows in a new tab; anything
    else downloads. Each control names the item it acts on."""
    named = lambda words: words + " : " + e["title"]  # noqa: E731
    return rx.hstack(
        rx.cond(
            e["url"] != "",
            rx.el.a(t(locale, "staff.cases.open_link"), href=e["url"], target="_blank",
                    rel="noopener noreferrer nofollow",
                    aria_label=named(t(locale, "staff.cases.open_link")), class_name=ACTION),
            rx.cond(
                e["image"] != "",
                rx.el.a(t(locale, "staff.cases.view_image"), href=e["open"],
                        reload_document=True, target="_blank", rel="noopener noreferrer",
                        aria_label=named(t(locale, "staff.cases.view_image")),
                        class_name=ACTION),
                rx.el.a(t(locale, "staff.cases.download"), href=e["open"],
                        reload_document=True, download="",
                        aria_label=named(t(locale, "staff.cases.download")),
                        class_name=ACTION),
            ),
        ),
        rx.cond(e["url"] == "", rx.button(
            rx.icon("lock-keyhole", size=14, aria_hidden="true"),
            t(locale, "staff.cases.original"), size="1", variant="outline", type="button",
            aria_label=named(t(locale, "staff.cases.original")),
            on_click=on_original(e["id"], e["title"]))),
        spacing="3", align="center", wrap="wrap",
    )


def evidence_list(locale: Locale, items: rx.Var, on_original, *, heading_level: str = "h3",
                  compact: bool = False, label: str = "") -> rx.Component:
    """The shared items, one card each: preview, what it is, when, why it was shared,
    its fingerprint, and how to open it. ``on_original(item_id)``: the handler that
    asks the staff member to confirm it is them before an original opens (it is given
    the item's id and title)."""
    title_tag = getattr(rx.el, heading_level)
    return rx.el.ul(
        rx.foreach(items, lambda e: rx.el.li(
            rx.flex(
                _preview(locale, e, "64px" if compact else "96px"),
                rx.vstack(
                    title_tag(rx.el.bdi(e["title"]),
                              style={"margin": 0, "fontSize": "1rem", "fontWeight": 600,
                                     "overflowWrap": "anywhere"}),
                    rx.el.dl(
                        _fact(t(locale, "staff.cases.kind"), e["kind"]),
                        _fact(t(locale, "staff.cases.platform"), e["platform"]),
                        _fact(t(locale, "staff.cases.author"), e["author"]),
                        _fact(t(locale, "staff.cases.when"), e["when"]),
                        _fact(t(locale, "staff.cases.shared"), e["shared"]),
                        _fact(t(locale, "staff.cases.purpose"), e["purpose"]),
                        rx.el.div(
                            rx.el.dt(t(locale, "staff.cases.sha"), style={"color": "#3b4a52"}),
                            rx.el.dd(rx.code(e["sha_short"] + "…", title=e["sha"]),
                                     style={"margin": 0}),
                            style={"display": "flex", "gap": "0.35rem", "flexWrap": "wrap"}),
                        style={"margin": 0, "display": "grid", "gap": "0.15rem",
                               "fontSize": "0.875rem"},
                    ),
                    rx.cond(e["description"] != "", rx.text(
                        rx.el.bdi(e["description"]), size="2", white_space="pre-wrap",
                        style={"overflowWrap": "anywhere"})),
                    rx.cond(e["in_chat"] != "", rx.badge(t(locale, "staff.cases.in_chat"),
                                                         color_scheme="teal")),
                    _actions(locale, e, on_original),
                    spacing="1", style={"minWidth": 0, "flex": 1},
                ),
                gap="0.75rem", direction="row", wrap="wrap" if compact else "nowrap",
                align="start",
            ),
            style={"borderTop": "1px solid #e6ddd3", "padding": "0.75rem 0"},
            data_item=e["id"],
        )),
        style={"listStyle": "none", "padding": 0, "margin": 0, "width": "100%"},
        aria_label=label or t(locale, "staff.cases.items"),
    )
