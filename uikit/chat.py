"""The message list both sides show. Text is rendered as text (React escapes it):
never as HTML or markdown."""

from __future__ import annotations

import reflex as rx

from helpline import clock
from helpline.i18n import Locale, t


def mark_words(locale: Locale) -> tuple[str, str, str]:
    return t(locale, "chat.sent"), t(locale, "chat.delivered"), t(locale, "chat.read")


def _mark(message: rx.Var, marks: tuple[str, str, str]) -> rx.Component:
    """Sent (stored), delivered (on the other side's screen), read (opened there).
    Screen readers hear the word, not the ticks."""
    sent, delivered, read = marks

    def mark(ticks: str, word: str) -> rx.Component:
        return rx.fragment(" · ", rx.el.span(ticks + " ", aria_hidden="true"), word)

    return rx.cond(message["read"] == "1", mark("✓✓", read),
                   rx.cond(message["delivered"] == "1", mark("✓", delivered),
                           rx.fragment(" · ", sent)))


def bubble(message: rx.Var, mine: str, mine_label: str, marks: tuple[str, str, str],
           other_label: str) -> rx.Component:
    """One message; ``mine`` is the sender kind shown on the right, with its mark.
    Internal notes (staff only) are amber, with no mark: nobody else reads them."""
    own = message["sender"] == mine
    quiz = message["sender"] == "quiz"  # a quiz result the young person chose to show
    return rx.box(
        rx.text(rx.cond(quiz, "", rx.fragment(
                    rx.cond(own, mine_label,
                            rx.cond(message["name"] != "", message["name"], other_label)),
                    " · ")), message["at"],
                rx.cond(own & (message["internal"] != "1"), _mark(message, marks), ""),
                size="1", color="#4a5a62"),
        rx.text(message["text"], white_space="pre-wrap", style={"overflowWrap": "anywhere"},
                class_name="abri-message-text"),
        align_self=rx.cond(own, "flex-end", "flex-start"),
        background=rx.cond(message["internal"] == "1", "#fff4d6",
                           rx.cond(own, "#dff1ee", rx.cond(quiz, "#f1eefb", "#ffffff"))),
        border=rx.cond(quiz, "1px solid #b9aee0", "1px solid #e6ddd3"),
        border_radius="14px",
        padding="0.5rem 0.75rem",
        max_width="85%",
        # The page's outbox (assets/abri.js) knows a message arrived when its id shows.
        custom_attrs={"data-sender": message["sender"], "data-client-id": message["client"]},
    )


def message_list(messages: rx.Var, mine: str, mine_label: str, label: str,
                 marks: tuple[str, str, str], other_label: str = "",
                 new_label: str = "") -> rx.Component:
    """``marks``: the words for sent, delivered and read. A log: screen readers hear
    each message added once, not the marks changing on those already read out.
    ``new_label``: the pill that says new messages came while the reader scrolled up
    (assets/chat.js keeps the thread on its newest message otherwise)."""
    thread = rx.el.section(
        rx.vstack(rx.foreach(messages,
                             lambda m: bubble(m, mine, mine_label, marks, other_label)),
                  spacing="2",
                  width="100%"),
        aria_label=label,
        role="log",
        tab_index=0,  # a long thread scrolls with the keyboard too
        custom_attrs={"aria-live": "polite", "aria-relevant": "additions",
                      "data-abri-mine": mine},
        style={"display": "flex", "flexDirection": "column", "width": "100%",
               "maxHeight": "60vh", "overflowY": "auto"},
        class_name="abri-messages",
    )
    return rx.box(
        thread,
        rx.el.button(rx.icon("arrow-down", size=16, aria_hidden="true"), new_label,
                     type="button", hidden=True, class_name="abri-new-pill",
                     custom_attrs={"data-abri-new-pill": ""}) if new_label else rx.fragment(),
        class_name="abri-thread",
    )


def typing_note(marker: rx.Var, text) -> rx.Component:
    """"… is typing": each new marker re-mounts it, and it fades after a few seconds
    (abri.css), so no timer has to run on the server."""
    return rx.cond(
        marker != "",
        rx.text(text, key=marker, size="2", color="#3b4a52", class_name="abri-typing",
                role="status", font_style="italic"),
    )


def message_row(m) -> dict[str, str]:
    """A message (helpline.chat.MessagePublic) as the page shows it."""
    return {"id": str(m.id), "sender": m.sender, "name": m.sender_name or "", "text": m.text,
            "at": clock.hm(m.at), "internal": "1" if m.internal else "",
            "delivered": "1" if m.delivered else "", "read": "1" if m.read else "",
            "client": m.client_msg_id}


def unread_own(shown: list[dict[str, str]], own: str) -> bool:
    """Whether some of this side's messages on the page are not marked read yet (only
    then is it worth asking how far the other side has read)."""
    return any(r["sender"] == own and not r["internal"] and not r["read"] for r in shown)


def merged_rows(shown: list[dict[str, str]], update, own: str, *, full: bool
                ) -> list[dict[str, str]]:
    """The page's message list after an update: new messages appended (or the whole
    history when ``full``), and the marks on this side's messages brought forward."""
    rows = [*([] if full else shown), *(message_row(m) for m in update.messages)]
    if update.read_up_to is None:  # not asked: the marks shown are still right
        return rows
    marked = []
    for row in rows:
        mine = row["sender"] == own and not row["internal"]
        marks = {"read": "1" if mine and int(row["id"]) <= update.read_up_to else "",
                 "delivered": "1" if mine and int(row["id"]) <= (update.delivered_up_to or 0)
                 else ""}
        marked.append(row if all(row[k] == v for k, v in marks.items()) else {**row, **marks})
    return marked
