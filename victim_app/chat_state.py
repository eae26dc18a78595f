"""The victim's side of the live chat: pre-chat, queue, conversation."""

from __future__ import annotations

from secrets import token_hex

from helpline.chat import service as chat
from helpline.chat.errors import ChatError
from helpline.db import session_scope
from helpline.identity import victims
from uikit import live
from victim_app.state import VictimState, current_victim, victim_event

QUEUE_CHANNEL = "queue"


def as_rows(messages: list[chat.MessagePublic]) -> list[dict[str, str]]:
    return [{"id": str(m.id), "sender": m.sender, "name": m.sender_name, "text": m.text,
             "at": m.at.strftime("%H:%M"), "read": "1" if m.read else ""} for m in messages]


class ChatState(VictimState):
    status: str = ""  # "", waiting, active, message_left, ended
    position: int = 0
    estimate: int = 0
    counsellor: str = ""
    messages: list[dict[str, str]] = []
    error: str = ""
    send_id: str = ""  # one id per message typed: a resend is recognised, never doubled
    specialty: str = ""
    rated: bool = False
    _last_id: str = ""  # the conversation just ended, for the survey (server side only)
    counsellor_typing: str = ""  # a fresh value each time the counsellor types

    def _load(self, victim: victims.VictimPrincipal) -> None:
        with session_scope() as db:
            current = chat.current_conversation(db, victim)
            if current is None:
                # Ended while this page was open: say so, rather than a blank form.
                live_before = self.status in ("waiting", "active", "message_left")
                self.status = "ended" if live_before or self.status == "ended" else ""
                self.messages, self.counsellor = [], ""
                return
            self.status, self.counsellor = current.status, current.counsellor_name
            self.specialty, self._last_id = current.counsellor_specialty, current.id
            self.rated, self.counsellor_typing = False, ""
            rows = chat.victim_history(db, victim, current.id)
            if rows:
                chat.victim_read(db, victim, current.id, rows[-1].id)
            self.messages = as_rows(rows)
            if current.status == "waiting":
                place = chat.queue_place(db, victim, current.id)
                self.position, self.estimate = place.position, place.estimated_minutes
        live.watch(f"victim:{current.id}", self.router.session.client_token)
        self.send_id = self.send_id or token_hex(8)

    @victim_event(touch=False)
    def refresh_from_push(self) -> None:
        """Called by a live push: the page's own session cookie decides what it sees."""
        self._load(current_victim())

    @victim_event
    def load(self) -> None:
        self.error, self.status = "", ""
        self._load(current_victim())

    @victim_event
    def start(self, form: dict) -> None:
        topics = [t for t in chat.TOPICS if form.get(f"topic_{t}") in ("on", True, "true")]
        urgency = form.get("urgency", "0")
        try:
            with session_scope() as db:
                chat.open_conversation(
                    db, current_victim(), topics=topics,
                    urgency=int(urgency) if str(urgency).isdigit() else 0,
                    consent=form.get("consent") in ("on", True, "true"))
        except ChatError as refused:
            self.error = refused.code
            return
        self.error = ""
        self._load(current_victim())
        live.push(QUEUE_CHANNEL, "ConsoleState", "refresh_queue_from_push")

    @victim_event
    def send(self, form: dict) -> None:
        text, send_id = str(form.get("text", "")), str(form.get("send_id", ""))[:64]
        try:
            with session_scope() as db:
                current = chat.current_conversation(db, current_victim())
                if current is None:
                    raise ChatError("not_found")
                chat.post_victim_message(db, current_victim(), current.id, text, send_id)
        except ChatError as refused:
            self.error = refused.code
            return
        self.error, self.send_id = "", token_hex(8)
        self._load(current_victim())
        live.push(f"staff:{current.id}", "ConsoleState")
        if current.status == "waiting":  # its priority may have changed (taken ones are
            live.push(QUEUE_CHANNEL, "ConsoleState", "refresh_queue_from_push")  # not queued)

    @victim_event
    def typing(self, _text: str = "") -> None:
        """The victim is typing: tell the counsellor's page (throttled by the page)."""
        if self._last_id and self.status in ("active", "waiting"):
            live.push(f"staff:{self._last_id}", "ConsoleState", "show_victim_typing")

    @victim_event(touch=False)
    def show_counsellor_typing(self) -> None:
        self.counsellor_typing = token_hex(4)

    @victim_event
    def rate(self, form: dict) -> None:
        """The two-question survey after the end."""
        try:
            with session_scope() as db:
                chat.rate(db, current_victim(), self._last_id,
                          satisfaction=int(form.get("satisfaction") or 0),
                          helped=int(form.get("helped") or 0))
        except (ChatError, ValueError):
            self.error = "survey_invalid"
            return
        self.error, self.rated = "", True

    @victim_event
    def restart(self) -> None:
        """From the goodbye card back to the pre-chat form."""
        self.status, self.error = "", ""

    @victim_event
    def end(self) -> None:
        with session_scope() as db:
            current = chat.current_conversation(db, current_victim())
            if current is not None:
                chat.end_by_victim(db, current_victim(), current.id)
                self._last_id = current.id
        self.status = "ended"
        if current is not None:
            live.push(f"staff:{current.id}", "ConsoleState")

