"""« Mon coffre-fort »: keep the proof the moment it is seen, and send the helpline
exactly what you choose. Phone first: one column, big targets, the add button first."""

from __future__ import annotations

import reflex as rx

from helpline import vault
from helpline.config import get_settings
from helpline.i18n import Locale, catalog, t
from uikit.components import labelled
from victim_app.components import card, page_title
from victim_app.layout import victim_page
from victim_app.routes import VICTIM_PAGES, rebuild_who
from victim_app.vault import capture as capture_ui
from victim_app.vault import export as export_ui
from victim_app.vault.state import ALL, NO_INCIDENT, VaultState

ACCEPT = ("image/*,video/*,.heic,.heif,application/pdf,text/plain,.txt,.pdf,.mp4,.mov,"
          ".webm")
REFUSALS = ("type_refused", "too_big", "quota_full", "empty", "cut_off", "image_unreadable",
            "session", "failed")
ERRORS = ("not_found", "invalid", "too_long", "empty", "quota_full", "too_big",
          "nothing_selected", "purpose_required")
NOTICES = ("vault.message.saved", "vault.link.saved", "vault.incident.saved",
           "vault.detail.saved", "vault.share.done", "vault.detail.withdrawn",
           "vault.delete.done", "vault.empty_all.done")
KINDS = ("image", "video", "pdf", "text", "message", "link")
KIND_ICONS = {"image": "image", "video": "film", "pdf": "file-text", "text": "file-text",
              "message": "message-square-text", "link": "link"}
INK, SOFT_INK, TEAL = "#1f2a30", "#3b4a52", "#0b5e5a"
# Pasted text is evidence, shown as it is: its own direction, unable to reorder the page.
ISOLATED = {"unicodeBidi": "isolate", "whiteSpace": "pre-wrap", "overflowWrap": "anywhere"}
SR_ONLY = {"position": "absolute", "width": "1px", "height": "1px", "padding": 0,
           "margin": "-1px", "overflow": "hidden", "clip": "rect(0, 0, 0, 0)",
           "whiteSpace": "nowrap", "border": 0}


def _around(locale: Locale, key: str, name: str, value: rx.Var) -> rx.Var:
    """A sentence with one value from state in it: the catalog's text around ``{name}``."""
    before, _, after = t(locale, key, **{name: "\0"}).partition("\0")
    return before + value + after


def _platform_label(locale: Locale, slug: str) -> str:
    return catalog(locale).get(f"vault.platform.{slug}", slug.capitalize())


def _platform_name(locale: Locale, slug: rx.Var) -> rx.Component:
    return rx.match(slug, *[(p, _platform_label(locale, p)) for p in vault.PLATFORMS],
                    ("", t(locale, "vault.detail.not_set")), slug)


def _kind_name(locale: Locale, kind: rx.Var) -> rx.Var:
    return rx.match(kind, *[(k, t(locale, f"vault.kind.{k}")) for k in KINDS], kind)


def _select(label: str, name: str, options: list[rx.Component], **props) -> rx.Component:
    # Named by its label alone (wrapped in a label, its options would join the name).
    return rx.el.select(*options, name=name, class_name="abri-select", aria_label=label,
                        style={"width": "100%"}, **props)


def _platform_options(locale: Locale, blank: str) -> list[rx.Component]:
    return [rx.el.option(blank, value=""),
            *[rx.el.option(_platform_label(locale, p), value=p) for p in vault.PLATFORMS]]


def _messages(locale: Locale) -> rx.Component:
    """What just worked, or why not, in words (a status and an alert)."""
    return rx.fragment(
        rx.match(VaultState.error,
                 *[(code, rx.callout(t(locale, f"vault.error.{code}"), icon="circle-alert",
                                     color_scheme="red", role="alert", width="100%"))
                   for code in ERRORS], rx.fragment()),
        rx.match(VaultState.notice,
                 *[(key, rx.callout(t(locale, key), icon="circle-check", color_scheme="green",
                                    role="status", width="100%")) for key in NOTICES],
                 rx.fragment()),
    )


# ---- adding files ------------------------------------------------------------------


def _drop_zone(locale: Locale) -> rx.Component:
    """A real file input inside a big label: on a phone it offers camera and gallery;
    assets/vault_upload.js adds dropping, pasting, one bar per file and cancelling."""
    s = get_settings()
    texts = {f"data-refused-{code}": t(locale, f"vault.refused.{code}", limit="{limit}")
             for code in REFUSALS}
    texts.update({f"data-text-{k}": t(locale, f"vault.upload.{k}", name="{name}")
                  for k in ("sending", "done", "cancelled", "cancel", "stop", "dismiss",
                            "waiting")})
    texts["data-text-pasted"] = t(locale, "vault.upload.pasted_name")
    limits = {"data-limit-image": str(s.vault_image_max_mb),
              "data-limit-video": str(s.vault_video_max_mb),
              "data-limit-pdf": str(s.vault_pdf_max_mb),
              "data-limit-text": str(s.vault_text_max_mb)}
    return rx.box(
        rx.el.label(
            rx.el.input(type="file", multiple=True, accept=ACCEPT, id="vault-files",
                        custom_attrs={"data-vault-input": ""}, style=SR_ONLY),
            rx.icon("image-plus", size=36, aria_hidden="true", color=TEAL),
            rx.text(t(locale, "vault.add.files"), size="5", weight="bold", color=INK),
            rx.text(t(locale, "vault.add.files_hint"), size="2", color=SOFT_INK,
                    id="vault-files-hint"),
            html_for="vault-files",
            class_name="vault-drop",
            custom_attrs={"data-vault-drop": ""},
        ),
        rx.el.ul(id="vault-uploads", class_name="vault-uploads",
                 aria_label=t(locale, "vault.upload.list"),
                 custom_attrs={**texts, **limits, "data-vault-uploads": ""}),
        # Said to screen readers as files start, finish or are refused.
        rx.el.p(id="vault-upload-status", role="status", style=SR_ONLY,
                custom_attrs={"aria-live": "polite"}),
        # The script clicks this when a file has arrived: the list reads the database.
        rx.el.button(t(locale, "vault.upload.refresh"), type="button", id="vault-refresh",
                     hidden=True, tab_index=-1, on_click=VaultState.refresh),
        width="100%",
    )


def _more_ways(locale: Locale) -> rx.Component:
    def way(which: str, icon: str) -> rx.Component:
        return rx.button(rx.icon(icon, aria_hidden="true"), t(locale, f"vault.add.{which}"),
                         variant=rx.cond(VaultState.adding == which, "solid", "soft"),
                         size="3", type="button",
                         custom_attrs={"aria-expanded": rx.cond(VaultState.adding == which,
                                                                "true", "false")},
                         on_click=VaultState.show_form(rx.cond(VaultState.adding == which,
                                                               "", which)))

    return rx.vstack(
        rx.text(t(locale, "vault.add.also"), weight="medium", color=SOFT_INK),
        rx.flex(way("message", "message-square-text"), way("link", "link"),
                way("incident", "calendar-days"), wrap="wrap", gap="2", width="100%"),
        spacing="2", width="100%")


def _form_buttons(locale: Locale, save_key: str) -> rx.Component:
    return rx.flex(
        rx.button(t(locale, save_key), type="submit", size="3"),
        rx.button(t(locale, "vault.detail.cancel"), type="button", variant="soft",
                  color_scheme="gray", size="3", on_click=VaultState.show_form("")),
        wrap="wrap", gap="2")


def _message_form(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "vault.message.heading"), as_="h2", size="5"),
        rx.form(
            rx.vstack(
                labelled(t(locale, "vault.message.text"),
                         rx.text_area(name="text", rows="6", size="3", width="100%",
                                      required=True, dir="auto", style=ISOLATED),
                         t(locale, "vault.message.text_hint")),
                labelled(t(locale, "vault.message.author"),
                         rx.input(name="author", size="3", width="100%", dir="auto")),
                labelled(t(locale, "vault.message.platform"),
                         _select(t(locale, "vault.message.platform"), "platform", _platform_options(
                             locale, t(locale, "vault.detail.not_set")))),
                labelled(t(locale, "vault.message.seen_at"),
                         rx.el.input(type="datetime-local", name="seen_at",
                                     class_name="abri-select")),
                _form_buttons(locale, "vault.message.save"),
                spacing="4", width="100%"),
            on_submit=VaultState.add_message, reset_on_submit=False, width="100%"),
    )


def _link_form(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "vault.link.heading"), as_="h2", size="5"),
        rx.form(
            rx.vstack(
                labelled(t(locale, "vault.link.url"),
                         rx.input(name="url", type="url", size="3", width="100%",
                                  required=True, placeholder="https://",
                                  on_blur=VaultState.guess_platform)),
                labelled(t(locale, "vault.link.platform"),
                         _select(t(locale, "vault.link.platform"), "platform", _platform_options(
                             locale, t(locale, "vault.link.guess")),
                                 value=VaultState.link_platform,
                                 on_change=VaultState.choose_link_platform),
                         t(locale, "vault.link.platform_hint")),
                labelled(t(locale, "vault.link.description"),
                         rx.text_area(name="description", rows="3", size="3", width="100%",
                                      dir="auto")),
                _form_buttons(locale, "vault.link.save"),
                spacing="4", width="100%"),
            on_submit=VaultState.add_link, width="100%"),
    )


def _incident_form(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "vault.incident.heading"), as_="h2", size="5"),
        rx.text(t(locale, "vault.incident.lead"), color=SOFT_INK),
        rx.form(
            rx.vstack(
                labelled(t(locale, "vault.incident.title"),
                         rx.input(name="title", size="3", width="100%", required=True,
                                  dir="auto"),
                         t(locale, "vault.incident.title_hint")),
                labelled(t(locale, "vault.incident.date"),
                         rx.el.input(type="date", name="happened_on", class_name="abri-select")),
                _form_buttons(locale, "vault.incident.save"),
                spacing="4", width="100%"),
            on_submit=VaultState.add_incident, width="100%"),
    )


def _adding(locale: Locale) -> rx.Component:
    return rx.match(VaultState.adding,
                    ("message", _message_form(locale)),
                    ("link", _link_form(locale)),
                    ("incident", _incident_form(locale)),
                    rx.fragment())


def _usage(locale: Locale) -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.text(t(locale, "vault.usage.label"), weight="medium", size="2",
                    id="vault-usage-label"),
            rx.text(_around(locale, "vault.usage.text", "used",
                            VaultState.used_mb + "\u00a0/\u00a0" + VaultState.quota_mb),
                    size="2", color=SOFT_INK),
            justify="between", width="100%", wrap="wrap", gap="2"),
        rx.box(
            rx.box(class_name="vault-bar-fill",
                   style={"width": VaultState.used_percent.to_string() + "%"}),
            class_name="vault-bar", role="progressbar",
            custom_attrs={"aria-valuenow": VaultState.used_percent, "aria-valuemin": "0",
                          "aria-valuemax": "100", "aria-labelledby": "vault-usage-label",
                          "aria-valuetext": VaultState.used_percent.to_string() + " %"}),
        spacing="1", width="100%",
    )


# ---- the list ----------------------------------------------------------------------


def _filters(locale: Locale) -> rx.Component:
    return rx.flex(
        labelled(t(locale, "vault.list.filter_incident"),
                 _select(t(locale, "vault.list.filter_incident"), "incident", [
                     rx.el.option(t(locale, "vault.incident.all"), value=ALL),
                     rx.foreach(VaultState.incidents,
                                lambda i: rx.el.option(i["title"], value=i["id"])),
                 ], value=VaultState.filter_incident,
                     on_change=VaultState.filter_by_incident)),
        labelled(t(locale, "vault.list.filter_platform"),
                 _select(t(locale, "vault.list.filter_platform"), "platform", [
                     rx.el.option(t(locale, "vault.list.all_platforms"), value=ALL),
                     *[rx.el.option(_platform_label(locale, p), value=p)
                       for p in vault.PLATFORMS],
                 ], value=VaultState.filter_platform,
                     on_change=VaultState.filter_by_platform)),
        direction={"initial": "column", "sm": "row"}, gap="3", width="100%",
    )


def _thumb(locale: Locale, item: rx.Var) -> rx.Component:
    return rx.cond(
        item["thumbnail"] != "",
        rx.el.img(src=item["thumbnail"], alt="", class_name="vault-thumb", loading="lazy"),
        rx.box(rx.match(item["kind"], *[(k, rx.icon(i, size=28, aria_hidden="true"))
                                        for k, i in KIND_ICONS.items()],
                        rx.icon("file", size=28, aria_hidden="true")),
               class_name="vault-thumb vault-thumb-icon"),
    )


def _item(locale: Locale, item: rx.Var) -> rx.Component:
    title = rx.cond(item["title"] != "", item["title"], _kind_name(locale, item["kind"]))
    return rx.el.li(
        rx.el.input(type="checkbox", checked=VaultState.selected.contains(item["id"]),
                    on_change=VaultState.toggle(item["id"]), class_name="vault-pick",
                    aria_label=_around(locale, "vault.list.pick", "title", title)),
        _thumb(locale, item),
        rx.box(
            rx.el.button(rx.el.span(title, dir="auto", style={"unicodeBidi": "isolate"}),
                         type="button", class_name="vault-open",
                         on_click=VaultState.open_item(item["id"])),
            rx.text(_kind_name(locale, item["kind"]),
                    rx.cond(item["platform"] != "",
                            rx.fragment(" · ", _platform_name(locale, item["platform"]))),
                    " · ", item["when"], size="2", color=SOFT_INK),
            rx.text(t(locale, "vault.list.fingerprint"), " ",
                    rx.el.code(item["short_hash"], "…", title=item["sha256"]),
                    size="1", color=SOFT_INK),
            capture_ui.row_status(locale, item),
            rx.cond(item["shared"] == "1",
                    rx.badge(rx.icon("send", size=12, aria_hidden="true"),
                             t(locale, "vault.list.shared"), color_scheme="teal",
                             variant="soft")),
            class_name="vault-item-text",
        ),
        class_name="vault-item",
        custom_attrs={"data-item-id": item["id"]},
    )


def _share(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "vault.share.heading"), as_="h2", size="5"),
        rx.text(t(locale, "vault.share.lead"), color=SOFT_INK),
        rx.text(_around(locale, "vault.share.count", "n",
                        VaultState.selected.length().to_string()),
                weight="medium", role="status"),
        rx.form(
            rx.vstack(
                rx.el.fieldset(
                    rx.el.legend(t(locale, "vault.share.purpose"),
                                 style={"fontWeight": 500, "marginBottom": "0.25rem"}),
                    *[rx.el.label(
                        rx.el.input(type="radio", name="purpose", value=p, required=True,
                                    style={"width": "20px", "height": "20px",
                                           "flexShrink": 0}),
                        rx.text(t(locale, f"vault.purpose.{p}"), as_="span"),
                        class_name="vault-choice") for p in vault.PURPOSES],
                    style={"border": "none", "padding": 0, "margin": 0},
                ),
                rx.button(rx.icon("send", aria_hidden="true"), t(locale, "vault.share.submit"),
                          type="submit", size="3",
                          disabled=VaultState.selected.length() == 0),
                spacing="3", width="100%"),
            on_submit=VaultState.share, width="100%"),
    )


def _confirm_destroy(locale: Locale, which: str, *, question: str, yes: str, label: str,
                     on_yes, size: str) -> rx.Component:
    """A destroying button that first asks. The question takes the focus on « keep it »:
    Enter pressed twice destroys nothing."""
    return rx.cond(
        VaultState.confirm == which,
        rx.callout.root(
            rx.callout.text(t(locale, question)),
            rx.flex(
                rx.button(t(locale, yes), color_scheme="red", size="3", on_click=on_yes),
                rx.button(t(locale, "vault.delete.no"), variant="soft", color_scheme="gray",
                          size="3", on_click=VaultState.cancel_confirm, auto_focus=True),
                wrap="wrap", gap="2"),
            color_scheme="red", role="alertdialog", width="100%",
            custom_attrs={"aria-label": t(locale, label)}),
        rx.button(rx.icon("trash-2", aria_hidden="true"), t(locale, label),
                  variant="outline", color_scheme="red", size=size,
                  on_click=VaultState.ask(which)),
    )


def _empty_all(locale: Locale) -> rx.Component:
    return rx.box(
        _confirm_destroy(locale, "empty", question="vault.empty_all.confirm",
                         yes="vault.empty_all.yes", label="vault.empty_all.button",
                         on_yes=VaultState.empty, size="2"),
        width="100%",
    )


def _list(locale: Locale) -> rx.Component:
    return rx.cond(
        VaultState.items.length() > 0,
        rx.vstack(
            rx.heading(t(locale, "vault.list.heading"), as_="h2", size="5"),
            _filters(locale),
            rx.el.ul(rx.foreach(VaultState.items, lambda i: _item(locale, i)),
                     class_name="vault-list", aria_label=t(locale, "vault.list.heading")),
            _share(locale),
            export_ui.panel(locale),
            _empty_all(locale),
            spacing="4", width="100%"),
        rx.cond(
            (VaultState.filter_incident != ALL) | (VaultState.filter_platform != ALL),
            rx.vstack(_filters(locale), rx.text(t(locale, "vault.list.none_match")),
                      width="100%"),
            card(rx.text(t(locale, "vault.empty"), color=SOFT_INK)),
        ),
    )


# ---- one item ----------------------------------------------------------------------


def _fact(label: str, value: rx.Component | rx.Var, **style) -> rx.Component:
    return rx.box(
        rx.el.dt(label, style={"fontWeight": 600, "fontSize": "0.9rem", "color": SOFT_INK}),
        rx.el.dd(value, style={"margin": "0.1rem 0 0", "overflowWrap": "anywhere", **style}),
    )


def _or_not_set(locale: Locale, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.el.span(value, dir="auto", style={"unicodeBidi": "isolate"}),
                   rx.el.span(t(locale, "vault.detail.not_set"), style={"color": SOFT_INK}))


def _facts(locale: Locale) -> rx.Component:
    d = VaultState.detail
    return rx.el.dl(
        _fact(t(locale, "vault.detail.platform"), _platform_name(locale, d["platform"])),
        _fact(t(locale, "vault.detail.happened_at"), _or_not_set(locale, d["happened_at"])),
        _fact(t(locale, "vault.detail.author"), _or_not_set(locale, d["author"])),
        _fact(t(locale, "vault.detail.description"), _or_not_set(locale, d["description"]),
              whiteSpace="pre-wrap"),
        _fact(t(locale, "vault.detail.incident"), _or_not_set(locale, d["incident"])),
        _fact(t(locale, "vault.detail.added"), d["added"]),
        rx.cond(d["url"] != "", _fact(t(locale, "vault.detail.url"),
                                      rx.el.span(d["url"], dir="ltr",
                                                 style={"unicodeBidi": "isolate"}))),
        rx.cond(d["size"] != "0 o", _fact(t(locale, "vault.detail.size"), d["size"])),
        class_name="vault-facts",
    )


def _fingerprint(locale: Locale) -> rx.Component:
    d = VaultState.detail
    return rx.box(
        rx.text(t(locale, "vault.detail.fingerprint"), weight="bold", as_="p"),
        rx.el.code(d["sha256"], class_name="vault-hash", custom_attrs={"data-vault-hash": ""}),
        rx.text(t(locale, "vault.detail.fingerprint_hint"), size="2", color=SOFT_INK, as_="p"),
        rx.foreach(VaultState.derivatives, lambda x: rx.text(
            rx.match(x["variant"], ("working", t(locale, "vault.detail.working")),
                     ("thumbnail", t(locale, "vault.detail.thumbnail")),
                     *[(part, t(locale, f"vault.detail.part.{part}"))
                       for part in vault.CAPTURE_PARTS],
                     x["variant"]),
            " : ", rx.el.code(x["sha256"], class_name="vault-hash"), size="1",
            color=SOFT_INK, as_="p")),
        class_name="vault-fingerprint",
    )


def _shares(locale: Locale) -> rx.Component:
    live_shares = VaultState.detail["shared"]
    return rx.box(
        rx.heading(t(locale, "vault.detail.shares"), as_="h3", size="4"),
        rx.cond(
            VaultState.shares.length() > 0,
            rx.el.ul(rx.foreach(VaultState.shares, lambda s: rx.el.li(
                rx.match(s["purpose"], *[(p, t(locale, f"vault.purpose.{p}"))
                                         for p in vault.PURPOSES], s["purpose"]),
                " — ", s["when"],
                rx.cond(s["live"] == "1", rx.fragment(),
                        rx.text(" (", t(locale, "vault.detail.withdrawn_short"), ")",
                                as_="span", color=SOFT_INK)),
            )), class_name="vault-shares"),
            rx.text(t(locale, "vault.detail.not_shared"), color=SOFT_INK),
        ),
            rx.cond(live_shares == "1",
                rx.button(rx.icon("undo-2", aria_hidden="true"),
                          t(locale, "vault.detail.withdraw"), variant="soft", size="3",
                          color_scheme="gray", on_click=VaultState.withdraw(VaultState.open_id))),
        width="100%",
    )


def _preview(locale: Locale) -> rx.Component:
    d = VaultState.detail
    return rx.fragment(
        rx.cond(d["preview"] != "",
                rx.el.img(src=d["preview"], alt=t(locale, "vault.detail.preview"),
                          class_name="vault-preview")),
        rx.cond(d["kind"] == "message",
                rx.box(rx.text(t(locale, "vault.detail.message_text"), weight="bold", as_="p"),
                       rx.el.blockquote(d["text"], dir="auto", class_name="vault-message",
                                        style=ISOLATED))),
        rx.cond(d["kind"] == "image",
                rx.callout(t(locale, "vault.detail.location_removed"), icon="map-pin-off",
                           color_scheme="blue", variant="surface", width="100%")),
    )


def _edit_form(locale: Locale) -> rx.Component:
    d = VaultState.detail
    return rx.form(
        rx.vstack(
            labelled(t(locale, "vault.detail.title"),
                     rx.input(name="title", default_value=d["own_title"], size="3", width="100%",
                              dir="auto")),
            labelled(t(locale, "vault.detail.platform"),
                     _select(t(locale, "vault.detail.platform"), "platform", _platform_options(
                         locale, t(locale, "vault.detail.not_set")),
                             default_value=d["platform"])),
            labelled(t(locale, "vault.detail.happened_at"),
                     rx.el.input(type="datetime-local", name="happened_at",
                                 default_value=d["happened_input"], class_name="abri-select")),
            labelled(t(locale, "vault.detail.author"),
                     rx.input(name="author", default_value=d["author"], size="3",
                              width="100%", dir="auto"),
                     t(locale, "vault.detail.author_hint")),
            labelled(t(locale, "vault.detail.description"),
                     rx.text_area(name="description", default_value=d["description"], rows="4",
                                  size="3", width="100%", dir="auto")),
            labelled(t(locale, "vault.detail.incident"),
                     _select(t(locale, "vault.detail.incident"), "incident_id", [
                         rx.el.option(t(locale, "vault.incident.none"), value=NO_INCIDENT),
                         rx.foreach(VaultState.incidents,
                                    lambda i: rx.el.option(i["title"], value=i["id"])),
                     ], default_value=rx.cond(d["incident_id"] != "", d["incident_id"],
                                              NO_INCIDENT))),
            rx.flex(
                rx.button(t(locale, "vault.detail.save"), type="submit", size="3"),
                rx.button(t(locale, "vault.detail.cancel"), type="button", variant="soft",
                          color_scheme="gray", size="3", on_click=VaultState.cancel_edit),
                wrap="wrap", gap="2"),
            spacing="4", width="100%"),
        on_submit=VaultState.save_details, width="100%", key=VaultState.open_id,
    )


def _delete(locale: Locale) -> rx.Component:
    return _confirm_destroy(locale, "delete", question="vault.delete.confirm",
                            yes="vault.delete.yes", label="vault.detail.delete",
                            on_yes=VaultState.delete, size="3")


def _detail(locale: Locale) -> rx.Component:
    d = VaultState.detail
    return rx.el.section(
        rx.vstack(
            rx.button(rx.icon("arrow-left", aria_hidden="true"), t(locale, "vault.detail.close"),
                      variant="ghost", size="3", on_click=VaultState.close_item,
                      auto_focus=True, custom_attrs={"data-vault-back": ""}),
            rx.heading(rx.cond(d["title"] != "", rx.el.span(d["title"], dir="auto",
                                                              style={"unicodeBidi": "isolate"}),
                               _kind_name(locale, d["kind"])),
                       as_="h2", size="6", id="vault-detail-title"),
            _preview(locale),
            capture_ui.panel(locale, d["id"], d["kind"]),
            rx.cond(VaultState.editing, _edit_form(locale), rx.vstack(
                _facts(locale),
                rx.button(rx.icon("pencil", aria_hidden="true"), t(locale, "vault.detail.edit"),
                          variant="soft", size="3", on_click=VaultState.edit),
                spacing="3", width="100%")),
            _fingerprint(locale),
            rx.cond(d["kind"] != "link",
                    rx.el.a(rx.icon("download", size=18, aria_hidden="true"),
                            t(locale, "vault.detail.download"), href=d["download"],
                            download=True, class_name="vault-download")),
            _shares(locale),
            _delete(locale),
            spacing="4", width="100%"),
        class_name="vault-detail",
        aria_labelledby="vault-detail-title",
    )


STYLE = {
    "width": "100%",
    "& .vault-drop": {
        "display": "flex", "flexDirection": "column", "alignItems": "center", "gap": "0.4rem",
        "textAlign": "center", "padding": "1.5rem 1rem", "borderRadius": "1rem",
        "border": "2px dashed #7a9a97", "background": "#ffffff", "cursor": "pointer",
        "minHeight": "9rem", "justifyContent": "center"},
    "& .vault-drop:focus-within": {"outline": "3px solid #0b6e69", "outlineOffset": "2px"},
    "& .vault-drop:hover, & .vault-drop[data-over]": {"background": "#e3f2ef",
                                                      "borderColor": "#0b6e69"},
    "& .vault-uploads": {"listStyle": "none", "padding": 0, "margin": "0.75rem 0 0",
                         "display": "flex", "flexDirection": "column", "gap": "0.5rem"},
    "& .vault-up": {"background": "#fff", "borderRadius": "0.75rem", "padding": "0.6rem 0.75rem",
                    "border": "1px solid #e6ddd3", "display": "grid", "gap": "0.35rem",
                    "gridTemplateColumns": "minmax(0, 1fr) auto", "alignItems": "center"},
    "& .vault-up-name": {"fontWeight": 600, "overflow": "hidden", "textOverflow": "ellipsis",
                         "whiteSpace": "nowrap", "unicodeBidi": "isolate"},
    "& .vault-up-bar": {"gridColumn": "1 / -1", "height": "0.6rem", "borderRadius": "999px",
                        "background": "#e6ddd3", "overflow": "hidden"},
    "& .vault-up-fill": {"height": "100%", "width": "0", "background": "#0b6e69",
                         "transition": "width 0.2s"},
    "& .vault-up-msg": {"gridColumn": "1 / -1", "margin": 0, "fontSize": "0.95rem"},
    "& .vault-up[data-state='refused'] .vault-up-msg": {"color": "#a3261b", "fontWeight": 500},
    "& .vault-up[data-state='done'] .vault-up-msg": {"color": "#0b5e5a"},
    "& .vault-up button": {"minHeight": "40px", "minWidth": "40px", "borderRadius": "0.5rem",
                           "border": "1px solid #c9c1b6", "background": "#fff",
                           "color": INK, "padding": "0 0.75rem", "cursor": "pointer",
                           "fontSize": "0.9rem"},
    "& .vault-bar": {"height": "0.6rem", "width": "100%", "borderRadius": "999px",
                     "background": "#e6ddd3", "overflow": "hidden"},
    "& .vault-bar-fill": {"height": "100%", "background": "#0b6e69"},
    "& .vault-list": {"listStyle": "none", "padding": 0, "margin": 0, "width": "100%",
                      "display": "flex", "flexDirection": "column", "gap": "0.6rem"},
    "& .vault-item": {"display": "grid", "gridTemplateColumns": "auto 3.5rem minmax(0, 1fr)",
                      "gap": "0.75rem", "alignItems": "center", "background": "#fff",
                      "borderRadius": "0.9rem", "padding": "0.6rem 0.75rem",
                      "border": "1px solid #e6ddd3"},
    "& .vault-pick": {"width": "24px", "height": "24px", "margin": 0, "accentColor": "#0b6e69"},
    "& .vault-thumb": {"width": "3.5rem", "height": "3.5rem", "objectFit": "cover",
                       "borderRadius": "0.6rem", "background": "#eef3f2"},
    "& .vault-thumb-icon": {"display": "flex", "alignItems": "center",
                            "justifyContent": "center", "color": TEAL},
    "& .vault-item-text": {"display": "flex", "flexDirection": "column", "gap": "0.15rem",
                           "minWidth": 0, "alignItems": "flex-start"},
    "& .vault-open": {"background": "none", "border": "none", "padding": "0.2rem 0",
                      "font": "inherit", "fontWeight": 700, "fontSize": "1.05rem", "color": INK,
                      "textAlign": "start", "cursor": "pointer", "textDecoration": "underline",
                      "textUnderlineOffset": "3px", "minHeight": "32px",
                      "overflowWrap": "anywhere"},
    "& .vault-choice": {"display": "flex", "gap": "0.6rem", "alignItems": "center",
                        "minHeight": "44px"},
    "& .vault-detail": {"background": "#fff", "borderRadius": "1rem", "padding": "1rem",
                        "border": "1px solid #e6ddd3", "width": "100%"},
    "& .vault-facts": {"display": "grid", "gap": "0.6rem", "margin": 0, "width": "100%"},
    "& .vault-hash": {"display": "block", "overflowWrap": "anywhere", "fontSize": "0.85rem",
                      "background": "#f3efe9", "padding": "0.4rem 0.5rem",
                      "borderRadius": "0.4rem", "color": INK},
    "& .vault-fingerprint": {"display": "flex", "flexDirection": "column", "gap": "0.35rem",
                             "width": "100%"},
    "& .vault-preview": {"maxWidth": "100%", "maxHeight": "18rem", "borderRadius": "0.75rem",
                         "objectFit": "contain", "background": "#f3efe9"},
    "& .vault-message": {"margin": 0, "padding": "0.75rem", "background": "#f3efe9",
                         "borderRadius": "0.6rem", "borderInlineStart": "4px solid #7a9a97"},
    "& .vault-download": {"display": "inline-flex", "alignItems": "center", "gap": "0.4rem",
                          "minHeight": "44px", "fontWeight": 600, "color": TEAL},
    "& .vault-shares": {"margin": "0.25rem 0 0.5rem", "paddingInlineStart": "1.2rem"},
    "@media (min-width: 768px)": {
        "& .vault-item": {"gridTemplateColumns": "auto 4.5rem minmax(0, 1fr)"},
        "& .vault-thumb": {"width": "4.5rem", "height": "4.5rem"},
        "& .vault-detail": {"padding": "1.5rem"},
    },
    "@media (prefers-reduced-motion: reduce)": {"& .vault-up-fill": {"transition": "none"}},
}


@VICTIM_PAGES.page("vault", slug={"fr": "coffre-fort", "en": "safe"}, title="vault.title",
                   icon="lock", nav=2,
                   # hydrate first: a locked space still needs its lock screen's facts.
                   on_load=lambda locale: [*rebuild_who(locale), VaultState.load(locale)])
def safe(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "vault",
        rx.box(
            rx.vstack(
                page_title(t(locale, "vault.title"), t(locale, "vault.lead")),
                _messages(locale),
                # One item open fills the screen; the adding part stays mounted (hidden)
                # so files still being sent keep their rows and bars.
                rx.vstack(
                    _drop_zone(locale),
                    _more_ways(locale),
                    _adding(locale),
                    _usage(locale),
                    spacing="5", width="100%",
                    display=rx.cond(VaultState.open_id != "", "none", "flex")),
                rx.cond(VaultState.open_id != "", _detail(locale), _list(locale)),
                spacing="5", width="100%"),
            rx.script(src="/vault_upload.js"),
            capture_ui.watcher(),
            rx.fragment(on_mount=VaultState.show_after_unlock(locale)),
            style={**STYLE, **capture_ui.STYLE},
            custom_attrs={"data-vault-page": ""},
        ),
    )
