"""The victim's side of the live chat: pre-chat, queue, conversation."""

from __future__ import annotations

from secrets import token_hex

import reflex as rx

from helpline import chat, events, vault
from helpline.chat.errors import ChatError
from helpline.chat.hours import open_now
from helpline.chat.transcript import transcript
from helpline.config import get_settings
from helpline.i18n import LOCALES, catalog
from helpline.identity import victims
from helpline.text import InputError
from uikit import live
from uikit.attempt import REFUSED, attempt, unit_of_work
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
    attachable: list[dict[str, str]] = []  # the safe's items, offered to attach (id, name)
    attach_open: bool = False
    attached: str = ""  # how many items were just attached ("" none)
    queue_start: int = 0  # the furthest place held in this wait: how far it has moved
    reminder_at: str = ""  # when a long wait recalls the emergency numbers (epoch ms)

    @rx.var
    def queue_progress(self) -> int:
        """How far the wait has moved, in percent: never full until someone answers."""
        start = max(self.queue_start, self.position, 1)
        return round(100 * (start - max(self.position, 1) + 1) / (start + 1))

    def _view(self, victim: victims.VictimPrincipal, **asked) -> chat.VictimView:
        """The page's chat as the database has it, after what this page shows."""
        return unit_of_work(lambda db: chat.victim_view(
            db, victim=victim, shown=self._last_id, after=self._after,
            unread=unread_own(self.messages, "victim"), **asked))

    def _load(self, victim: victims.VictimPrincipal, *, full: bool = True) -> None:
        self._show(self._view(victim, full=full))

    def _show(self, view: chat.VictimView) -> None:
        """Show the open conversation: the whole history, or (a live update of the
        conversation already shown) only the messages that follow."""
        current = view.current
        if current is None:
            # Ended while this page was open: say so, and keep the conversation readable
            # until the young person leaves the page (it is gone from the server's view).
            live_before = self.status in LIVE
            self.status = "ended" if live_before or self.status == "ended" else ""
            if self.status != "ended":
                self.messages, self.counsellor = [], ""
            return
        if current.id != self._last_id:
            self.queue_start = 0
        self.status, self.counsellor = current.status, current.counsellor_name
        minutes = get_settings().chat_wait_reminder_minutes
        self.reminder_at = str(int(current.created_at.timestamp() * 1000) + minutes * 60000) \
            if current.status == "waiting" else ""
        self.specialty, self._last_id = current.counsellor_specialty, current.id
        self.rated = False
        if current.status == "message_left":
            self.open_now = open_now()
        self._show_messages(view)
        if view.full:
            token = self.router.session.client_token
            live.watch(events.conversation_channel(current.id), ChatState, token)
            if current.status == "waiting":  # the place moves as others are taken
                live.watch(events.QUEUE, ChatState, token)
        self.send_id = self.send_id or token_hex(8)

    def _show_messages(self, view: chat.VictimView) -> None:
        update = view.update
        if any(m.sender != "victim" for m in update.messages):
            self.counsellor_typing = ""  # their message arrived: no longer typing
        self.messages = merged_rows(self.messages, update, "victim", full=view.full)
        self._after = update.messages[-1].id if update.messages \
            else (0 if view.full else self._after)
        if view.place is not None:
            self.position, self.estimate = view.place.position, view.place.estimated_minutes
            self.queue_start = max(self.queue_start, self.position)

    @victim_event(touch=False)
    def refresh_from_push(self) -> None:
        """Called by a live push: the page's own session cookie decides what it sees."""
        self._load(current_victim(), full=False)

    @victim_event(touch=False)
    def refresh_place_from_push(self) -> None:
        """The queue moved: a waiting page shows its new place (the others ignore it)."""
        if self.status == "waiting":
            self._load(current_victim(), full=False)

    @victim_event(touch=False)
    def show_read_from_push(self) -> None:
        """The counsellor has just read the victim's messages: new marks (and anything
        new) for the conversation on the page, without re-reading the rest."""
        if self._last_id and self.status in LIVE:
            self._show_messages(self._view(current_victim(), status=self.status))

    @victim_event
    def load(self) -> None:
        self.error, self.status = "", ""
        view = self._view(current_victim(), full=True)
        self._show(view)
        live.publish(*view.events)

    @victim_event
    def start(self, form: dict) -> None:
        try:
            start = chat.ChatStart.from_form(form)
            view = unit_of_work(lambda db: chat.victim_start(db, victim=current_victim(),
                                                             start=start))
        except (ChatError, InputError) as refused:
            self.error = refused.code
            return
        self.error = ""
        self._show(view)
        live.publish(*view.events)

    @victim_event
    def send(self, form: dict) -> None:
        """Committed first; only then shown here and told to the counsellor's page.
        A refusal is final for that message: its id is listed for the page's outbox."""
        victim, post = current_victim(), chat.PostMessage.from_form(form)
        shown = self._last_id if self.status in LIVE else ""
        try:
            view = unit_of_work(lambda db: chat.victim_send(
                db, victim=victim, post=post, shown=shown, status=self.status,
                after=self._after, unread=unread_own(self.messages, "victim")))
        except (ChatError, InputError) as refused:
            self.error = refused.code
            if post.send_id:
                self.refused = " ".join([*self.refused.split()[-9:], post.send_id])
            if refused.code == "ended":  # ended while this page was open
                self._load(victim)
            return
        self.error, self.send_id = "", token_hex(8)
        if shown:  # the conversation on the page: only the new messages
            self._show_messages(view)
        else:
            self._show(view)
        live.publish(*view.events)

    @victim_event
    def ask_attach(self) -> None:
        """Open the list of what is in the safe, to attach some of it to the chat."""
        items = attempt(self, lambda db: vault.list_items(db, current_victim()))
        if items is REFUSED:
            return
        words = catalog(self._locale())
        self.attachable = [{"id": i.id, "name": i.title or i.filename
                            or words.get(f"vault.kind.{i.kind}", i.kind)} for i in items]
        self.attach_open, self.attached = True, ""

    @victim_event
    def close_attach(self) -> None:
        self.attach_open = False

    @victim_event
    def attach(self, form: dict) -> None:
        """Share the ticked items with the helpline, for this conversation: the
        counsellor sees them in the thread and in the case file."""
        ids = [key.removeprefix("attach:") for key, value in form.items()
               if isinstance(key, str) and key.startswith("attach:") and value][:50]
        if not ids or not self._last_id or self.status not in LIVE:
            return
        victim = current_victim()
        done = attempt(self, lambda db: vault.share(db, victim, ids, "counselling",
                                                    conversation_id=self._last_id))
        if done is REFUSED:
            return
        self.attach_open, self.attached = False, str(len(ids))
        live.publish(events.VaultShared(victim.victim_id))

    def _locale(self) -> str:
        return "en" if (self.router.url.path or "").startswith("/en") else "fr"

    @victim_event
    def leave_message(self) -> None:
        """Waiting is too long for now: the conversation leaves the queue and a
        counsellor answers later; the answer is here at the next visit."""
        if not self._last_id or self.status != "waiting":
            return
        view = unit_of_work(lambda db: chat.victim_leave_message(
            db, victim=current_victim(), shown=self._last_id, after=self._after,
            unread=unread_own(self.messages, "victim")))
        self.error = view.refused
        self._show(view)  # taken meanwhile: the chat simply goes on
        live.publish(*view.events)

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
            survey = chat.Survey.from_form(form)
            unit_of_work(lambda db: chat.rate(db, current_victim(), self._last_id,
                                              satisfaction=survey.satisfaction,
                                              helped=survey.helped))
        except ChatError as refused:  # the answers are asked again
            self.error = "survey_empty" if str(refused) == "survey_empty" else "survey_invalid"
            return
        self.error, self.rated = "", True

    @victim_event
    def restart(self) -> None:
        """From the goodbye card back to the pre-chat form."""
        self.status, self.error, self.transcript_asked = "", "", False
        self.messages, self.counsellor = [], ""

    @victim_event
    def end(self) -> None:
        ended = unit_of_work(lambda db: chat.victim_end(db, victim=current_victim()))
        self._last_id = ended or self._last_id
        self.status = "ended"
        if ended:
            live.publish(events.ConversationChanged(ended),
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
    events.QueueChanged: "refresh_place_from_push",
    events.Typing: ("show_counsellor_typing", lambda e: e.who == "staff"),
})
