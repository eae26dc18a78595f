"""Parler à quelqu'un: pre-chat, the queue, the conversation."""

from __future__ import annotations

import reflex as rx

from helpline.chat import TOPICS
from helpline.config import get_settings
from helpline.i18n import Locale, t
from uikit.chat import mark_words, message_list, typing_note
from victim_app.chat.hours import HoursState, closed_notice
from victim_app.chat.state import ChatState
from victim_app.components import card, danger_notice, page_title
from victim_app.layout import victim_page
from victim_app.routes import VICTIM_PAGES

CHAT_ERRORS = ("consent_required", "empty", "too_long", "ended", "locked", "not_found",
               "survey_invalid", "survey_empty", "invalid")
# Read by screen readers only, until the limit is reached or passed (assets/abri.js).
_SR_ONLY = {"position": "absolute", "width": "1px", "height": "1px", "overflow": "hidden",
            "clip": "rect(0, 0, 0, 0)", "whiteSpace": "nowrap", "margin": "-1px"}
_SHOWN = {"position": "static", "width": "auto", "height": "auto", "overflow": "visible",
          "clip": "auto", "whiteSpace": "normal", "margin": 0}
SPECIALTIES = ("psychologist", "lawyer", "digital_expert")


def _error(locale: Locale) -> rx.Component:
    return rx.match(
        ChatState.error,
        *[(code, rx.callout(t(locale, f"chat.error.{code}"), icon="circle-alert",
                            color_scheme="red", role="alert", width="100%"))
          for code in CHAT_ERRORS],
        rx.fragment(),
    )


def _choice(name: str, label: str, kind: str = "checkbox", value: str = "on") -> rx.Component:
    return rx.el.label(
        rx.el.input(type=kind, name=name, value=value, style={"width": "20px", "height": "20px"}),
        rx.text(label, as_="span"),
        style={"display": "flex", "gap": "0.5rem", "alignItems": "center", "minHeight": "40px"},
    )


def _prechat(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "chat.prechat.title"), as_="h2", size="5"),
        rx.form(
            rx.vstack(
                rx.el.fieldset(
                    rx.el.legend(t(locale, "chat.prechat.what")),
                    *[_choice(f"topic_{topic}", t(locale, f"chat.topic.{topic}"))
                      for topic in TOPICS],
                    style={"border": "none", "padding": 0},
                ),
                rx.el.fieldset(
                    rx.el.legend(t(locale, "chat.urgency")),
                    *[_choice("urgency", t(locale, f"chat.urgency.{level}"), "radio", str(level))
                      for level in range(4)],
                    style={"border": "none", "padding": 0},
                ),
                rx.el.label(
                    rx.el.input(type="checkbox", name="consent", value="on", id="chat-consent",
                                style={"width": "20px", "height": "20px", "flexShrink": 0}),
                    rx.text(t(locale, "chat.consent"), as_="span", size="2"),
                    style={"display": "flex", "gap": "0.5rem", "alignItems": "flex-start"},
                ),
                rx.button(rx.icon("message-circle", aria_hidden="true"), t(locale, "chat.start"),
                          type="submit", size="3"),
                spacing="4", width="100%",
            ),
            on_submit=ChatState.start,
            width="100%",
        ),
    )


def _limit(locale: Locale, limit: int) -> rx.Component:
    """The counter and the sentence abri.js fills in as the message nears its limit."""
    def sentence(key: str) -> str:
        return t(locale, key, n="{n}", max=str(limit))

    return rx.fragment(
        rx.el.p(id="chat-text-count", custom_attrs={"aria-hidden": "true"},
                style={"margin": 0, "fontSize": "0.85rem", "color": "#3b4a52",
                       "textAlign": "end", "&:empty": {"display": "none"}}),
        rx.el.p(id="chat-text-limit", role="status",
                custom_attrs={"data-left": sentence("chat.limit.left"),
                              "data-left-one": sentence("chat.limit.left_one"),
                              "data-reached": sentence("chat.limit.reached"),
                              "data-over": sentence("chat.limit.over")},
                style={**_SR_ONLY, "color": "#8a2c0d", "fontWeight": 500,
                       "&[data-level='reached'], &[data-level='over']": _SHOWN}),
    )


def _composer(locale: Locale) -> rx.Component:
    """Docked under the thread: attach from the safe, the box, send. Enter sends on a
    desktop and adds a line on a touch screen (assets/chat.js)."""
    # No maxlength: the box would silently cut a pasted story. The limit is said
    # instead, and abri.js keeps a message past it from being sent.
    limit = get_settings().chat_message_max_chars
    return rx.form(
        rx.el.label(t(locale, "chat.message_label"), html_for="chat-text",
                    class_name="abri-sr-only"),
        rx.hstack(
            rx.icon_button(rx.icon("paperclip", aria_hidden="true"), type="button",
                           variant="soft", size="3", aria_label=t(locale, "chat.attach.open"),
                           title=t(locale, "chat.attach.open"), on_click=ChatState.ask_attach),
            rx.text_area(name="text", id="chat-text", rows="2", size="3", width="100%",
                         custom_attrs={"data-abri-limit": str(limit), "data-abri-enter": "fine",
                                       "aria-describedby": "chat-text-limit"},
                         on_change=ChatState.typing.throttle(2000),
                         class_name="abri-composer-box"),
            rx.icon_button(rx.icon("send", aria_hidden="true"), type="submit", size="3",
                           aria_label=t(locale, "chat.send"), title=t(locale, "chat.send")),
            align="end", spacing="2", width="100%",
        ),
        _limit(locale, limit),
        rx.el.input(type="hidden", name="send_id", value=ChatState.send_id,
                    custom_attrs={"data-abri-fresh-id": ""}),
        # The ids the server refused: the page's outbox never sends them again.
        rx.el.span(hidden=True, custom_attrs={"data-abri-refused": ChatState.refused}),
        on_submit=ChatState.send,
        reset_on_submit=True,
        width="100%",
        class_name="abri-composer",
    )


def _attach(locale: Locale) -> rx.Component:
    """Attach items from the safe to the conversation: only those ticked are shared."""
    picker = rx.form(
        rx.el.fieldset(
            rx.el.legend(t(locale, "chat.attach.legend"), style={"fontWeight": 600}),
            rx.cond(
                ChatState.attachable.length() > 0,
                rx.foreach(ChatState.attachable, lambda i: rx.el.label(
                    rx.el.input(type="checkbox", name="attach:" + i["id"],
                                style={"width": "20px", "height": "20px"}),
                    rx.el.bdi(i["name"]),
                    style={"display": "flex", "gap": "0.5rem", "alignItems": "center",
                           "minHeight": "40px"})),
                rx.text(t(locale, "chat.attach.empty"), " ",
                        rx.el.a(t(locale, "chat.attach.to_vault"),
                                href=VICTIM_PAGES.url(locale, "vault")), size="2"),
            ),
            rx.text(t(locale, "chat.attach.hint"), size="2", color="#3b4a52"),
            style={"border": "none", "padding": 0, "margin": 0, "display": "grid",
                   "gap": "0.25rem"},
        ),
        rx.hstack(
            rx.button(t(locale, "chat.attach.send"), type="submit"),
            rx.button(t(locale, "chat.attach.cancel"), type="button", variant="soft",
                      color_scheme="gray", on_click=ChatState.close_attach),
            spacing="3", margin_top="0.5rem"),
        on_submit=ChatState.attach, reset_on_submit=True, width="100%",
    )
    return rx.box(
        rx.cond(ChatState.attach_open, picker),
        rx.cond(ChatState.attached != "",
                rx.text(t(locale, "chat.attach.done"), role="status", size="2")),
        width="100%",
    )


def _waiting(locale: Locale) -> rx.Component:
    """The wait, moving: the place in the queue (live), a bar that fills as it moves,
    « next » rather than an estimate when nobody is ahead, and after a long wait the
    emergency numbers (assets/chat.js shows them at ``reminder_at``)."""
    return rx.vstack(
        rx.box(rx.box(class_name="abri-queue-fill", width=ChatState.queue_progress.to_string()
                      + "%"),
               class_name="abri-queue-bar", custom_attrs={"aria-hidden": "true"}),
        rx.box(
            rx.hstack(rx.text(t(locale, "chat.position")),
                      rx.text(ChatState.position, weight="bold", id="queue-position"),
                      spacing="1"),
            rx.cond(ChatState.position <= 1,
                    rx.text(t(locale, "chat_ux.next"), id="queue-next"),
                    rx.hstack(rx.text(t(locale, "chat.estimate")),
                              rx.text(ChatState.estimate, weight="bold"), spacing="1")),
            role="status", width="100%",
        ),
        rx.box(
            rx.text(t(locale, "chat_ux.wait_long"), size="2"),
            danger_notice(locale),
            hidden=True, width="100%", id="wait-reminder",
            custom_attrs={"data-abri-show-at": ChatState.reminder_at},
        ),
        rx.text(t(locale, "chat.waiting_hint"), size="2", color="#3b4a52"),
        rx.box(
            rx.button(rx.icon("mail", aria_hidden="true"), t(locale, "chat.leave"),
                      variant="soft", color_scheme="gray", type="button",
                      on_click=ChatState.leave_message,
                      # a long label wraps on a phone instead of spilling out
                      style={"height": "auto", "minHeight": "40px", "whiteSpace": "normal",
                             "paddingBlock": "0.5rem", "textAlign": "start"}),
            rx.text(t(locale, "chat.leave_hint"), size="1", color="#3b4a52"),
            class_name="abri-leave", width="100%"),
        spacing="2", width="100%", class_name="abri-waiting",
    )


def _chat_bar(locale: Locale) -> rx.Component:
    """The compact head of the live chat: who answers, and how to end it."""
    return rx.hstack(
        rx.heading(t(locale, "chat.title"), as_="h1", class_name="abri-sr-only"),
        rx.match(
            ChatState.status,
            ("active", rx.text(
                t(locale, "chat.with"), " ",
                rx.text.strong(ChatState.counsellor, id="counsellor-name"),
                rx.match(ChatState.specialty,
                         *[(sp, " (" + t(locale, f"specialty.{sp}").lower() + ")")
                           for sp in SPECIALTIES], ""), size="2")),
            ("message_left", rx.text(rx.cond(ChatState.open_now,
                                             t(locale, "chat.message_left_open"),
                                             t(locale, "chat.message_left")),
                                     role="status", size="2")),
            rx.text(t(locale, "chat.waiting"), weight="bold", size="2"),
        ),
        rx.button(t(locale, "chat.end"), type="button", variant="soft", size="1",
                  color_scheme="gray", on_click=ChatState.end, margin_left="auto"),
        align="center", spacing="2", width="100%", class_name="abri-chat-bar",
    )


def _conversation(locale: Locale) -> rx.Component:
    """During a live conversation (waiting included) the chat owns the screen: the
    thread fills the height, the composer stays docked at the bottom (assets/chat.js
    fits it to the visible viewport, on-screen keyboard included)."""
    return rx.el.div(
        _chat_bar(locale),
        rx.cond(ChatState.status == "waiting", _waiting(locale)),
        message_list(ChatState.messages, "victim", t(locale, "chat.you"),
                     t(locale, "chat.title"), marks=mark_words(locale),
                     new_label=t(locale, "chat_ux.new_messages")),
        typing_note(ChatState.counsellor_typing,
                    rx.cond(ChatState.counsellor != "", ChatState.counsellor,
                            t(locale, "chat.someone")) + " " + t(locale, "chat.typing")),
        rx.cond(ChatState.attach_open | (ChatState.attached != ""),
                rx.box(_attach(locale), class_name="abri-attach")),
        _composer(locale),
        rx.script(src="/chat.js"),
        class_name="abri-chat-live",
    )


def _survey(locale: Locale) -> rx.Component:
    def question(name: str, key: str, answers: str) -> rx.Component:
        return rx.el.fieldset(
            rx.el.legend(t(locale, key)),
            rx.hstack(*[_choice(name, t(locale, f"{answers}.{n}"), "radio", str(n))
                        for n in (1, 2, 3)], wrap="wrap", spacing="4"),
            style={"border": "none", "padding": 0},
        )

    return rx.cond(
        ChatState.rated,
        rx.text(t(locale, "chat.survey.thanks"), role="status"),
        rx.form(
            rx.vstack(
                rx.text(t(locale, "chat.survey.title"), weight="medium"),
                question("satisfaction", "chat.survey.q1", "chat.survey"),
                question("helped", "chat.survey.q2", "chat.survey.helped"),
                rx.button(t(locale, "chat.survey.send"), type="submit", variant="soft"),
                spacing="2",
            ),
            on_submit=ChatState.rate,
        ),
    )


def _transcript(locale: Locale) -> rx.Component:
    """Nothing lands on the device unless asked for, and only after a warning: a
    harasser may get hold of the phone."""
    return rx.cond(
        ChatState.transcript_asked,
        rx.callout.root(
            rx.callout.text(t(locale, "chat.transcript.warning")),
            rx.hstack(
                rx.button(rx.icon("download", aria_hidden="true"),
                          t(locale, "chat.transcript.confirm"), variant="soft",
                          on_click=ChatState.download_transcript(locale)),
                rx.button(t(locale, "chat.transcript.cancel"), variant="outline",
                          color_scheme="gray", on_click=ChatState.cancel_transcript),
                wrap="wrap", spacing="2", margin_top="0.5rem"),
            color_scheme="amber", role="alertdialog",
            aria_label=t(locale, "chat.transcript.download"), id="transcript-warning",
        ),
        rx.button(rx.icon("download", aria_hidden="true"), t(locale, "chat.transcript.download"),
                  variant="soft", on_click=ChatState.ask_transcript),
    )


@VICTIM_PAGES.page("chat", slug={"fr": "parler", "en": "talk"}, title="chat.title",
                   icon="message-circle", nav=1,
                   on_load=lambda _locale: [HoursState.load, ChatState.load])
def talk(locale: Locale) -> rx.Component:
    live = (ChatState.status == "waiting") | (ChatState.status == "active") | \
        (ChatState.status == "message_left")
    return victim_page(
        locale, "chat",
        rx.cond(live, rx.fragment(),
                page_title(t(locale, "chat.title"), t(locale, "chat.lead"))),
        _error(locale),
        rx.cond(
            ChatState.status == "",
            rx.fragment(closed_notice(locale), _prechat(locale)),
            rx.cond(ChatState.status == "ended",
                    rx.vstack(
                        card(rx.text(t(locale, "chat.ended"), role="status"), _survey(locale),
                             _transcript(locale),
                             rx.button(t(locale, "chat.new"), variant="outline",
                                       on_click=ChatState.restart)),
                        rx.cond(ChatState.messages.length() > 0, message_list(
                            ChatState.messages, "victim", t(locale, "chat.you"),
                            t(locale, "chat.title"), marks=mark_words(locale),
                            new_label=t(locale, "chat_ux.new_messages"))),
                        spacing="3", width="100%"),
                    _conversation(locale)),
        ),
        rx.cond(live, rx.fragment(), danger_notice(locale)),
    )
