"""The victim's side of the live chat: pre-chat, queue, conversation."""

from __future__ import annotations

from secrets import token_hex

import reflex as rx

from helpline import chat, events
from helpline.chat.errors import ChatError
from helpline.chat.hours import open_now
from helpline.chat.transcript import transcript
from helpline.db import session_scope
from helpline.i18n import LOCALES
from helpline.identity import victims
from helpline.text import TEXT_MAX, InputError, client_string
from uikit import live
from uikit.attempt import REFUSED, attempt
from uikit.chat import merged_rows, unread_own
from victim_app.state import VictimState, current_victim, victim_event

LIVE = ("waiting", "active", "message_left")


class ChatState(VictimState):
    status: str = ""  # "", waiting, active, message_left, ended
    position: int = 0
    estimate: int = 0
    counsellor: str = ""
    messages: list[dict[str, str]] = []
    error: str = ""
    send_id: str = ""  # one id per message typed: a resend is recognised, never doubled
    refused: str = ""  # the ids of the last messages refused: the page never resends them
    specialty: str = ""
    rated: bool = False
    _last_id: str = ""  # the conversation shown, or just ended (server side only)
    _after: int = 0  # the last message shown: live updates load only what follows
    counsellor_typing: str = ""  # a fresh value each time the counsellor types
    transcript_asked: bool = False  # the warning before a download is on screen
    open_now: bool = True  # within opening hours: says what a message left means

    def _load(self, victim: victims.VictimPrincipal, *, full: bool = True) -> None:
        with session_scope() as db:
            self._refresh(db, victim, chat.current_conversation(db, victim), full=full)

    def _refresh(self, db, victim: victims.VictimPrincipal,
                 current: chat.ConversationPublic | None, *, full: bool) -> None:
        """Show ``current`` from the database: the whole history, or (a live update of
        the conversation already shown) only the messages that follow."""
        if current is None:
            # Ended while this page was open: say so, rather than a blank form.
            live_before = self.status in LIVE
            self.status = "ended" if live_before or self.status == "ended" else ""
            self.messages, self.counsellor = [], ""
            return
        full = full or current.id != self._last_id
        self.status, self.counsellor = current.status, current.counsellor_name
        self.specialty, self._last_id = current.counsellor_specialty, current.id
        self.rated = False
        if current.status == "message_left":
            self.open_now = open_now()
        self._show_messages(db, victim, full=full)
        if full:
            live.watch(events.conversation_channel(current.id), ChatState,
                       self.router.session.client_token)
        self.send_id = self.send_id or token_hex(8)

    def _show_messages(self, db, victim: victims.VictimPrincipal, *, full: bool) -> None:
        update = chat.victim_update(db, victim, self._last_id, 0 if full else self._after,
                                    marks=full or unread_own(self.messages, "victim"))
        if any(m.sender != "victim" for m in update.messages):
            self.counsellor_typing = ""  # their message arrived: no longer typing
        self.messages = merged_rows(self.messages, update, "victim", full=full)
        self._after = update.messages[-1].id if update.messages else (0 if full else self._after)
        if self.status == "waiting":
            place = chat.queue_place(db, victim, self._last_id)
            self.position, self.estimate = place.position, place.estimated_minutes

    @victim_event(touch=False)
    def refresh_from_push(self) -> None:
        """Called by a live push: the page's own session cookie decides what it sees."""
        self._load(current_victim(), full=False)

    @victim_event(touch=False)
    def show_read_from_push(self) -> None:
        """The counsellor has just read the victim's messages: new marks (and anything
        new) for the conversation on the page, without re-reading the rest."""
        if self._last_id and self.status in LIVE:
            with session_scope() as db:
                self._show_messages(db, current_victim(), full=False)

    @victim_event
    def load(self) -> None:
        self.error, self.status = "", ""
        self._load(current_victim())

    @victim_event
    def start(self, form: dict) -> None:
        topics = [t for t in chat.TOPICS if form.get(f"topic_{t}") in ("on", True, "true")]
        try:
            urgency = client_string(form.get("urgency"))
            with session_scope() as db:
                chat.open_conversation(
                    db, current_victim(), topics=topics,
                    urgency=int(urgency) if urgency.isdigit() else 0,
                    consent=form.get("consent") in ("on", True, "true"))
        except (ChatError, InputError) as refused:
            self.error = refused.code
            return
        self.error = ""
        self._load(current_victim())
        live.publish(events.QueueChanged())

    @victim_event
    def send(self, form: dict) -> None:
        """Committed first; only then shown here and told to the counsellor's page.
        A refusal is final for that message: its id is listed for the page's outbox."""
        victim, send_id = current_victim(), ""
        shown = self._last_id if self.status in LIVE else ""
        try:
            send_id = client_string(form.get("send_id"))
            text = client_string(form.get("text"), TEXT_MAX, token=False)
            with session_scope() as db:
                current = None if shown else chat.current_conversation(db, victim)
                if not shown and current is None:
                    raise ChatError("not_found")
                chat.post_victim_message(db, victim, shown or current.id, text, send_id)
                db.commit()  # committed before anything shows it
                self.error, self.send_id = "", token_hex(8)
                if shown:  # the conversation on the page: only the new messages
                    self._show_messages(db, victim, full=False)
                else:
                    self._refresh(db, victim, current, full=True)
        except (ChatError, InputError) as refused:
            self.error = refused.code
            if send_id:
                self.refused = " ".join([*self.refused.split()[-9:], send_id])
            if refused.code == "ended":  # ended while this page was open
                self._load(victim)
            return
        live.publish(events.MessagePosted(self._last_id, sender="victim"))
        if self.status == "waiting":  # its priority may have changed (taken ones are
            live.publish(events.QueueChanged())  # not queued)

    @victim_event
    def leave_message(self) -> None:
        """Waiting is too long for now: the conversation leaves the queue and a
        counsellor answers later; the answer is here at the next visit."""
        if not self._last_id or self.status != "waiting":
            return
        left = attempt(self, lambda db: chat.leave_message_instead(db, current_victim(),
                                                                   self._last_id), ChatError)
        self._load(current_victim())  # taken meanwhile: the chat simply goes on
        if left is True:
            live.publish(events.QueueChanged())

    @victim_event
    def typing(self) -> None:
        """The victim is typing: tell the counsellor's page (throttled by the page).
        No argument, so the draft itself never leaves the page."""
        if self._last_id and self.status in ("active", "waiting"):
            live.publish(events.Typing(self._last_id, who="victim"))

    @victim_event(touch=False)
    def show_counsellor_typing(self) -> None:
        self.counsellor_typing = token_hex(4)

    @victim_event
    def rate(self, form: dict) -> None:
        """The two-question survey after the end."""
        try:
            with session_scope() as db:
                chat.rate(db, current_victim(), self._last_id,
                          satisfaction=int(client_string(form.get("satisfaction")) or 0),
                          helped=int(client_string(form.get("helped")) or 0))
        except (ChatError, ValueError):  # InputError is a ValueError
            self.error = "survey_invalid"
            return
        self.error, self.rated = "", True

    @victim_event
    def restart(self) -> None:
        """From the goodbye card back to the pre-chat form."""
        self.status, self.error, self.transcript_asked = "", "", False

    @victim_event
    def end(self) -> None:
        with session_scope() as db:
            current = chat.current_conversation(db, current_victim())
            if current is not None:
                chat.end_by_victim(db, current_victim(), current.id)
                self._last_id = current.id
        self.status = "ended"
        if current is not None:
            live.publish(events.ConversationChanged(current.id),
                         skip=self.router.session.client_token)


    @victim_event
    def ask_transcript(self) -> None:
        """First step: say plainly that the file stays on the device."""
        self.transcript_asked = True

    @victim_event
    def cancel_transcript(self) -> None:
        self.transcript_asked = False

    @victim_event
    def download_transcript(self, locale: str = "fr"):
        """Second step, only when asked: the text goes straight to the browser as a
        download (a data URL); it is never stored or given a link on the server."""
        self.transcript_asked = False
        made = attempt(self, lambda db: transcript(db, current_victim(), self._last_id,
                                                   locale if locale in LOCALES else "fr"),
                       ChatError)
        if made is REFUSED:
            return None
        return rx.download(data=made.text, filename=made.filename,
                           mime_type="text/plain;charset=utf-8")


# What the victim's chat page shows again when something happens elsewhere.
live.subscribe(ChatState, {
    events.MessagePosted: ("refresh_from_push", lambda e: e.sender == "staff"),
    events.ConversationChanged: "refresh_from_push",
    events.ConversationTransferred: "refresh_from_push",
    events.MessagesRead: "show_read_from_push",
    events.Typing: ("show_counsellor_typing", lambda e: e.who == "staff"),
})
