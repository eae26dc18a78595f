"""The counselling console: queue health, take next, conversations side by side."""

from __future__ import annotations

import reflex as rx

from helpline.chat import OUTCOMES
from helpline.i18n import Locale, t
from staff_app.cases.evidence import evidence_list
from staff_app.cases.original import OriginalState, original_dialog
from staff_app.console.state import ConsoleState
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load
from uikit.chat import mark_words, message_list, typing_note
from uikit.components import data_table, labelled

ERRORS = ("capacity", "queue_empty", "empty", "too_long", "outcome_invalid", "note_required",
          "forbidden", "ended", "transfer_target", "not_found", "invalid")
SPECIALTIES = ("psychologist", "lawyer", "digital_expert")


def _stat(label: str, value: rx.Var, scheme: str = "gray") -> rx.Component:
    return rx.card(rx.vstack(rx.text(label, size="2"), rx.heading(value, size="6"), spacing="1"),
                   style={"minWidth": "9rem"}, custom_attrs={"data-color": scheme})


RISK_HEAD = ("console.priority", "console.topics", "console.urgency", "console.flags")


def _risk_cells(c: rx.Var) -> list[rx.Component]:
    """Priority, topics, felt urgency and risk flags: the first columns of every
    conversation table."""
    return [rx.table.cell(rx.badge(c["priority"], color_scheme=rx.match(
                c["level"], ("high", "red"), ("raised", "orange"), "gray"),
                variant=rx.cond(c["level"] == "high", "solid", "soft"))),
            rx.table.cell(c["topics"]),
            rx.table.cell(c["urgency"]),
            rx.table.cell(rx.cond(c["flags"] != "", rx.badge(c["flags"], color_scheme="red"),
                                  ""))]


def _queue(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in (*RISK_HEAD, "console.since")]
    return rx.vstack(
        rx.heading(t(locale, "console.queue"), as_="h2", size="4"),
        rx.cond(
            ConsoleState.queue.length() > 0,
            rx.vstack(
                data_table(head, ConsoleState.queue, lambda c: rx.table.row(
                    *_risk_cells(c), rx.table.cell(c["since"])), size="1"),
                rx.cond(ConsoleState.waiting > ConsoleState.queue.length(),
                        rx.text(t(locale, "console.queue_more"),
                                ConsoleState.waiting - ConsoleState.queue.length(),
                                size="2", color="#3b4a52")),
                width="100%"),
            rx.text(t(locale, "console.queue_empty"), color="#3b4a52"),
        ),
        width="100%",
    )


def _composer(locale: Locale, label: str, button: str, handler, field_id: str,
              draft: bool = False, **button_props) -> rx.Component:
    # The reply box can be pre-filled with a canned answer: a new key re-mounts it.
    # Enter sends the reply, Shift+Enter adds a line (assets/chat.js), as in every chat
    # console; a note stays a plain box, written at leisure.
    box = rx.text_area(name="text", rows="3" if draft else "2", id=field_id, width="100%",
                       **({"default_value": ConsoleState.draft,
                           "key": ConsoleState.draft_key.to_string(),
                           "on_change": ConsoleState.typing.throttle(2000),
                           "custom_attrs": {"data-abri-enter": "always",
                                            "aria-describedby": f"{field_id}-hint"}}
                          if draft else {}))
    return rx.form(
        rx.vstack(
            labelled(label, box),
            rx.text(t(locale, "chat_ux.enter_hint"), id=f"{field_id}-hint", size="1",
                    color="#4a5a62") if draft else rx.fragment(),
            rx.el.input(type="hidden", name="send_id", value=ConsoleState.send_id,
                        custom_attrs={"data-abri-fresh-id": ""}),
            rx.button(button, type="submit", **button_props),
            spacing="2", width="100%",
        ),
        on_submit=handler, reset_on_submit=True, width="100%",
    )


def _wrap_up(locale: Locale) -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled(t(locale, "console.outcome"), rx.el.select(
                rx.el.option("—", value=""),
                *[rx.el.option(t(locale, f"console.outcome.{o}"), value=o) for o in OUTCOMES],
                name="outcome", id="wrap-outcome", class_name="abri-select")),
            labelled(t(locale, "console.wrap_note"),
                     rx.text_area(name="note", rows="2", id="wrap-note", width="100%")),
            rx.button(t(locale, "console.wrap_up"), type="submit", color_scheme="gray"),
            spacing="2", width="100%",
        ),
        on_submit=ConsoleState.wrap_up, width="100%",
    )


def _canned(locale: Locale) -> rx.Component:
    return rx.hstack(
        rx.text(t(locale, "console.canned"), size="2", color="#3b4a52"),
        rx.foreach(ConsoleState.canned, lambda c: rx.button(
            c["title"], size="1", variant="soft", type="button",
            on_click=ConsoleState.use_canned(c["body"]))),
        wrap="wrap", spacing="2", align="center",
    )


def _transfer(locale: Locale) -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled(t(locale, "console.transfer_to"), rx.el.select(
                rx.el.option("—", value=""),
                *[rx.el.option(t(locale, f"specialty.{sp}") + " (" +
                               t(locale, "console.queue").lower() + ")",
                               value=f"specialty:{sp}") for sp in SPECIALTIES],
                rx.foreach(ConsoleState.team, lambda m: rx.el.option(m["name"],
                                                                      value=m["id"])),
                name="to", id="transfer-to", class_name="abri-select")),
            labelled(t(locale, "console.handover"),
                     rx.input(name="note", id="transfer-note", max_length=1000)),
            rx.button(t(locale, "console.transfer"), type="submit", variant="outline"),
            align="end", wrap="wrap", spacing="3", width="100%",
        ),
        on_submit=ConsoleState.transfer, reset_on_submit=True, width="100%",
    )


def _left_messages(locale: Locale) -> rx.Component:
    return rx.cond(
        ConsoleState.left.length() > 0,
        rx.vstack(
            rx.heading(t(locale, "console.left"), as_="h2", size="4"),
            rx.foreach(ConsoleState.left, lambda c: rx.hstack(
                rx.text(c["since"], " · ", c["topics"]),
                rx.button(t(locale, "console.answer"), size="1",
                          on_click=ConsoleState.answer(c["id"])),
                align="center")),
            width="100%",
        ),
    )


def _reassign(locale: Locale, conversation: rx.Var) -> rx.Component:
    """A supervisor hands a live conversation to another counsellor."""
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="conversation", value=conversation["id"]),
            rx.el.select(
                rx.el.option("—", value=""),
                rx.foreach(ConsoleState.team, lambda m: rx.el.option(m["name"],
                                                                      value=m["id"])),
                name="to", class_name="abri-select",
                aria_label=t(locale, "console.reassign_to")),
            rx.button(t(locale, "console.reassign"), size="1", type="submit"),
            spacing="2", align="center"),
        on_submit=ConsoleState.reassign, reset_on_submit=True,
    )


def _supervision(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in (*RISK_HEAD, "console.held_by", "console.since")]
    return rx.cond(
        ConsoleState.supervising.length() > 0,
        rx.vstack(
            rx.heading(t(locale, "console.supervision"), as_="h2", size="4"),
            data_table([*head, ""], ConsoleState.supervising, lambda c: rx.table.row(
                *_risk_cells(c), rx.table.cell(c["counsellor"]), rx.table.cell(c["since"]),
                rx.table.cell(rx.hstack(
                    rx.button(t(locale, "console.join"), size="1", variant="outline",
                              on_click=ConsoleState.open(c["id"])),
                    _reassign(locale, c), spacing="2", align="center", wrap="nowrap"))),
                size="1"),
            width="100%",
        ),
    )


def _tab_name(locale: Locale, c: rx.Var) -> rx.Var:
    """What tells held conversations apart: the name the young person chose, else what
    they said it is about."""
    return rx.cond(c["name"] != "", c["name"],
                   rx.cond(c["topics"] != "", c["topics"], t(locale, "console.victim")))


def _fact(label: str, value: rx.Var, fallback: str) -> rx.Component:
    return rx.hstack(rx.text(label, size="2", color="#3b4a52"),
                     rx.text(rx.cond(value != "", value, fallback), size="2", weight="medium"),
                     spacing="2", wrap="wrap")


def _past(locale: Locale, c: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(c["title"], weight="medium", size="2"),
        rx.text(c["counsellor"], rx.cond(c["outcome"] != "", " · " + c["outcome"], ""),
                size="2", color="#3b4a52"),
        rx.cond(c["flags"] != "", rx.badge(c["flags"], color_scheme="red")),
        rx.cond(c["note"] != "", rx.text(t(locale, "console.case.wrap_note") + " : ",
                                         c["note"], size="2", white_space="pre-wrap")),
        rx.cond(c["notes"] != "", rx.text(t(locale, "console.case.notes") + " : ",
                                          c["notes"], size="2", white_space="pre-wrap",
                                          background="#fff4d6")),
        border_top="1px solid #e6ddd3", padding_top="0.5rem", width="100%",
    )


def _case_file(locale: Locale) -> rx.Component:
    """Beside the chat: who this young person is to the helpline, so far."""
    return rx.el.aside(
        rx.vstack(
            rx.heading(t(locale, "console.case_file"), as_="h2", size="4"),
            _fact(t(locale, "console.case.nickname"), ConsoleState.case_facts["nickname"],
                  t(locale, "console.case.unknown")),
            _fact(t(locale, "console.case.age_band"), ConsoleState.case_facts["age_band"],
                  t(locale, "console.case.unknown")),
            _fact(t(locale, "console.case.member_since"), ConsoleState.case_facts["since"], ""),
            _fact(t(locale, "console.case.previous_count"),
                  ConsoleState.case_facts["previous"], "0"),
            rx.heading(t(locale, "console.case.previous"), as_="h3", size="3"),
            rx.cond(ConsoleState.case_previous.length() > 0,
                    rx.foreach(ConsoleState.case_previous, lambda c: _past(locale, c)),
                    rx.text(t(locale, "console.case.none"), size="2", color="#3b4a52")),
            rx.heading(t(locale, "console.case.evidence"), as_="h3", size="3"),
            rx.cond(ConsoleState.case_evidence.length() > 0,
                    evidence_list(locale, ConsoleState.case_evidence,
                                  OriginalState.ask_original, heading_level="h4",
                                  compact=True),
                    rx.text(t(locale, "console.case.evidence_none"), size="2",
                            color="#3b4a52")),
            rx.heading(t(locale, "console.case.takedowns"), as_="h3", size="3"),
            rx.cond(ConsoleState.case_takedowns.length() > 0,
                    rx.foreach(ConsoleState.case_takedowns, lambda d: rx.text(
                        d["platform"], " · ", d["status"], " · ", d["since"], size="2")),
                    rx.text(t(locale, "console.case.takedowns_none"), size="2",
                            color="#3b4a52")),
            rx.cond(ConsoleState.case_quiz.length() > 0, rx.fragment(
                rx.heading(t(locale, "console.case.quiz"), as_="h3", size="3"),
                rx.foreach(ConsoleState.case_quiz, lambda r: rx.text(
                    r["title"], " · ", r["forms"],
                    rx.cond(r["danger"] == "1", rx.badge(t(locale, "console.case.quiz_danger"),
                                                         color_scheme="red", margin_left="0.4rem")),
                    size="2")))),
            spacing="2", width="100%",
        ),
        aria_label=t(locale, "console.case_file"),
        class_name="abri-case-file",
    )


def _current(locale: Locale) -> rx.Component:
    return rx.cond(
        ConsoleState.current_id != "",
        rx.el.div(_conversation(locale), rx.card(_case_file(locale), width="100%"),
                  class_name="abri-console-grid"),
        rx.text(t(locale, "console.none_open"), color="#3b4a52"),
    )


def _head(locale: Locale) -> rx.Component:
    """Above the messages: who this is, what they said it is about, how urgent it felt,
    and what the risk rules raised — still in sight once the queue is behind."""
    head = ConsoleState.current_head
    return rx.vstack(
        rx.heading(rx.cond(head["name"] != "", head["name"], t(locale, "console.victim")),
                   as_="h3", size="4"),
        rx.hstack(
            rx.cond(head["level"] == "high", rx.badge(
                rx.icon("siren", size=14, aria_hidden="true"),
                t(locale, "console.priority") + " : " + head["priority"], color_scheme="red",
                variant="solid", size="2")),
            rx.cond(head["topics"] != "", rx.text(head["topics"], size="2")),
            rx.cond(head["urgency"] != "", rx.badge(
                t(locale, "console.urgency") + " : " + head["urgency"], color_scheme="orange")),
            rx.cond(head["flags"] != "", rx.badge(
                rx.icon("triangle-alert", size=14, aria_hidden="true"), head["flags"],
                color_scheme="red", size="2")),
            spacing="2", wrap="wrap", align="center"),
        spacing="1", width="100%", id="conversation-head",
    )


def _conversation(locale: Locale) -> rx.Component:
    return rx.card(rx.vstack(
            _head(locale),
            message_list(ConsoleState.messages, "staff", t(locale, "chat.you"),
                         t(locale, "console.mine"), marks=mark_words(locale),
                         other_label=t(locale, "console.victim"),
                         new_label=t(locale, "chat_ux.new_messages")),
            rx.script(src="/chat.js"),
            rx.cond(ConsoleState.case_attached.length() > 0, rx.box(
                rx.hstack(rx.icon("paperclip", size=16, aria_hidden="true"),
                          rx.heading(t(locale, "console.case.attached"), as_="h4", size="2"),
                          align="center", spacing="2"),
                evidence_list(locale, ConsoleState.case_attached, OriginalState.ask_original,
                              heading_level="h5", compact=True,
                              label=t(locale, "console.case.attached")),
                id="conversation-attached", width="100%",
                style={"background": "#f3f7f7", "borderRadius": "0.5rem",
                       "padding": "0.5rem 0.75rem"})),
            typing_note(ConsoleState.victim_typing,
                        t(locale, "console.victim") + " " + t(locale, "chat.typing")),
            _canned(locale),
            _composer(locale, t(locale, "console.reply"), t(locale, "console.send"),
                      ConsoleState.send, "console-reply", draft=True),
            # The reply first; the rest of the work behind one click each.
            _tool(locale, "note", "notebook-pen", _composer(
                locale, t(locale, "console.note"), t(locale, "console.add_note"),
                ConsoleState.note, "console-note", variant="soft", color_scheme="amber")),
            _tool(locale, "transfer", "arrow-right-left", _transfer(locale)),
            _tool(locale, "wrap_up", "circle-check", _wrap_up(locale)),
            spacing="4", width="100%"), width="100%")


def _tool(locale: Locale, key: str, icon: str, body: rx.Component) -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.icon(icon, size=16, aria_hidden="true"),
                      t(locale, f"console.tool.{key}"), class_name="abri-tool-summary"),
        rx.box(body, padding_top="0.5rem"),
        class_name="abri-tool", id=f"tool-{key}", width="100%")


@STAFF_PAGES.page("console", slug="", title="staff.console.title", icon="messages-square", nav=1,
                  on_load=workspace_load("console", ConsoleState.load))
def console(locale: Locale) -> rx.Component:
    return staff_page(
        locale, "console", t(locale, "staff.console.title"),
        rx.hstack(
            _stat(t(locale, "console.waiting"), ConsoleState.waiting),
            _stat(t(locale, "console.longest"), ConsoleState.longest_wait),
            _stat(t(locale, "console.high_risk"), ConsoleState.high_risk, "red"),
            rx.button(rx.icon("inbox", aria_hidden="true"), t(locale, "console.take_next"),
                      size="3", on_click=ConsoleState.take_next),
            wrap="wrap", spacing="3", align="center",
        ),
        rx.match(ConsoleState.error,
                 *[(code, rx.callout(t(locale, f"console.error.{code}"), icon="circle-alert",
                                     color_scheme="red", role="alert")) for code in ERRORS],
                 rx.fragment()),
        rx.hstack(
            rx.heading(t(locale, "console.mine"), as_="h2", size="4"),
            rx.foreach(ConsoleState.mine, lambda c: rx.button(
                _tab_name(locale, c),
                " · ", c["since"],
                rx.cond(c["unread"] != "", rx.badge(
                    c["unread"], rx.el.span(" " + t(locale, "console.unread"),
                                            class_name="abri-sr-only"),
                    color_scheme="tomato", variant="solid", radius="full",
                    class_name="abri-unread")),
                size="2",
                variant=rx.cond(c["id"] == ConsoleState.current_id, "solid", "outline"),
                custom_attrs={"aria-current": rx.cond(c["id"] == ConsoleState.current_id,
                                                      "true", "false")},
                on_click=ConsoleState.open(c["id"]))),
            wrap="wrap", align="center", spacing="2",
        ),
        _current(locale),
        original_dialog(locale),
        _queue(locale),
        _supervision(locale),
        _left_messages(locale),
    )
