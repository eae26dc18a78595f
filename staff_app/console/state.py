"""The counselling console: the live queue, my conversations, one open conversation."""

from __future__ import annotations

from secrets import token_hex

from helpline import chat, clock, events
from helpline.cases.casefile import CaseFile, case_file
from helpline.chat import risk
from helpline.chat.errors import ChatError
from helpline.i18n import Locale, t
from helpline.identity.sessions import StaffPrincipal
from helpline.models import Role
from helpline.text import TEXT_MAX, InputError, client_string
from staff_app import labels
from staff_app.console import case_view
from staff_app.state import StaffState, current_staff, staff_event
from uikit import live
from uikit.attempt import REFUSED, attempt, unit_of_work
from uikit.chat import merged_rows, unread_own

CHAT_ROLES = (Role.counsellor, Role.specialist, Role.supervisor)


def _conversation_row(c: chat.ConversationPublic, locale: Locale) -> dict[str, str]:
    level = risk.priority_level(c.priority)
    return {"id": c.id, "topics": labels.topics(locale, c.topics), "level": level,
            "priority": t(locale, f"console.priority.{level}"),
            "flags": labels.flags(locale, c.risk_flags), "since": clock.hm(c.created_at),
            # 0 is also what a skipped question gives: only an urgency said aloud shows.
            "urgency": t(locale, f"chat.urgency.{c.urgency}") if 1 <= c.urgency <= 3 else "",
            "counsellor": c.counsellor_name, "name": c.victim_name}


class ConsoleState(StaffState):
    queue: list[dict[str, str]] = []
    waiting: int = 0
    longest_wait: int = 0
    high_risk: int = 0
    mine: list[dict[str, str]] = []
    current_id: str = ""
    messages: list[dict[str, str]] = []
    error: str = ""
    send_id: str = ""
    left: list[dict[str, str]] = []
    canned: list[dict[str, str]] = []
    team: list[dict[str, str]] = []
    draft: str = ""
    draft_key: int = 0  # changes to re-mount the reply box with a canned answer in it
    locale: str = "fr"
    supervising: list[dict[str, str]] = []  # every live conversation, for supervisors
    victim_typing: str = ""  # a fresh value each time the young person types
    current_head: dict[str, str] = {}  # who, what about, how urgent: the open conversation
    case_facts: dict[str, str] = {}  # the case file of the open conversation
    case_previous: list[dict[str, str]] = []
    case_evidence: list[dict[str, str]] = []
    case_attached: list[dict[str, str]] = []  # of those, attached in this conversation
    case_takedowns: list[dict[str, str]] = []
    case_quiz: list[dict[str, str]] = []  # quiz results shown to the counsellor
    _shown: str = ""  # the conversation whose messages are shown
    _after: int = 0  # its last message shown: live updates load only what follows
    _watching: list[str] = []  # channels this page already asked to be told about

    def _rows(self, conversations: list[chat.ConversationPublic]) -> list[dict[str, str]]:
        return [_conversation_row(c, self.locale) for c in conversations]

    def _show_queue(self, shown: chat.QueueView) -> None:
        self.queue = self._rows(shown.queue)
        self.waiting, self.longest_wait, self.high_risk = \
            shown.health.waiting, shown.health.longest_wait_minutes, shown.health.high_risk
        self.left = self._rows(shown.left)
        self.supervising = self._rows(shown.supervising)

    def _load(self, staff: StaffPrincipal, *, everything: bool = True,
              opening: str | None = None) -> None:
        """Rebuild the view from the database. A live update (``everything=False``)
        skips the queue, the team and the canned answers, and loads only the messages
        that follow the last one shown."""
        view = unit_of_work(lambda db: chat.console_view(
            db, staff=staff, current=self.current_id, shown=self._shown, after=self._after,
            everything=everything, unread=unread_own(self.messages, "staff"),
            locale=self.locale, opening=opening))
        self._show(staff, view, everything=everything)

    def _show(self, staff: StaffPrincipal, view: chat.ConsoleView, *,
              everything: bool) -> None:
        token = self.router.session.client_token
        if view.queue is not None:
            self._show_queue(view.queue)
        if view.canned is not None:
            self.canned = [{"id": str(c.id), "title": c.title, "body": c.body}
                           for c in view.canned]
        if view.team is not None:
            self.team = [{"id": str(i), "name": n, "specialty": sp} for i, n, sp in view.team]
        if self.current_id and not view.current:
            self._close_current()  # no longer theirs to see
        self.current_id = view.current
        if view.update is not None:
            self._show_current(view)
        live.publish(*view.events)
        if view.for_others:
            live.publish(*view.for_others, skip=token)
        held = view.held
        self.mine = [{**_conversation_row(h.conversation, self.locale),
                      "unread": str(h.unread or "")} for h in held]
        mine = [h.conversation for h in held]
        head = next((row for row in (*self.mine, *self.supervising)
                     if row["id"] == self.current_id), {})
        # The name as the case file (audited) gives it: also for a supervisor who joined.
        self.current_head = {**head, "name": self.case_facts.get("nickname", "")} if head else {}
        # Every conversation held (for its unread badge) and the one open (supervisors
        # may open one they do not hold) push here.
        channels = [events.QUEUE, events.inbox_channel(staff.staff_id),
                    *(events.conversation_channel(c.id) for c in mine),
                    *([events.conversation_channel(self.current_id)] if self.current_id else []),
                    # Evidence attached or withdrawn shows in the open case file at once.
                    *([events.SHARED_EVIDENCE] if self.current_id else [])]
        for channel in channels:
            if everything or channel not in self._watching:
                live.watch(channel, ConsoleState, token)
        self._watching = channels
        self.send_id = self.send_id or token_hex(8)

    def _close_current(self) -> None:
        self.current_id, self._shown, self.messages, self.current_head = "", "", [], {}
        self.case_facts, self.case_previous, self.case_evidence, self.case_takedowns = \
            {}, [], [], []
        self.case_attached = []

    def _show_current(self, view: chat.ConsoleView) -> None:
        update = view.update
        if any(m.sender == "victim" for m in update.messages):
            self.victim_typing = ""  # their message arrived: no longer typing
        self.messages = merged_rows(self.messages, update, "staff", full=view.full)
        if update.messages or view.full:
            self._after = update.messages[-1].id if update.messages else 0
        if view.case is not None:
            self._show_case(view.case)
        self._shown = self.current_id

    def _show_case(self, case: CaseFile) -> None:
        self.case_facts = case_view.facts(case, self.locale)
        self.case_previous = case_view.previous(case, self.locale)
        self.case_evidence = case_view.evidence(case, self.locale)
        self.case_attached = [e for e in self.case_evidence
                              if e["conversation"] == self.current_id]
        self.case_takedowns = case_view.takedowns(case, self.locale)
        self.case_quiz = case_view.quiz_results(case, self.locale)

    @staff_event(*CHAT_ROLES)
    def load(self) -> None:
        self.error = ""
        self.locale = "en" if "/staff/en" in (self.router.url.path or "") else "fr"
        self._load(current_staff())

    def _attempt(self, action):
        """``action`` reads what the page sent through ``client_string``: a value no
        page of ours sends is a refusal on the page too, never an exception."""
        return attempt(self, lambda db: action(db, current_staff()), ChatError, InputError)

    def _page(self) -> dict:
        """What the page shows, for a service that acts and returns the console after."""
        return {"shown": self._shown, "after": self._after, "locale": self.locale,
                "unread": unread_own(self.messages, "staff")}

    def _act(self, action) -> None:
        """One service call that acts and returns the whole console after it."""
        view = self._attempt(action)
        if view is not REFUSED:
            self._show(current_staff(), view, everything=True)

    @staff_event(*CHAT_ROLES)
    def answer(self, conversation_id: str) -> None:
        """Take a message left out of hours."""
        self._act(lambda db, me: chat.staff_answer_left(
            db, staff=me, conversation_id=client_string(conversation_id), **self._page()))

    @staff_event(*CHAT_ROLES)
    def use_canned(self, body: str) -> None:
        try:
            self.draft = client_string(body, TEXT_MAX, token=False)
        except InputError as refused:
            self.error = refused.code
            return
        self.draft_key += 1

    def _hand_over(self, conversation_id: object, form: dict) -> None:
        """Transfer (the holder) or reassign (a supervisor): to a colleague, or back to
        the queue for a specialty, with a handover note."""
        try:
            handover = chat.Handover.from_form(conversation_id, form)
        except InputError as refused:
            self.error = refused.code
            return
        self._act(lambda db, me: chat.staff_hand_over(
            db, staff=me, handover=handover, current=self.current_id, **self._page()))

    @staff_event(*CHAT_ROLES)
    def transfer(self, form: dict) -> None:
        self._hand_over(self.current_id, form)

    @staff_event(Role.supervisor)
    def reassign(self, form: dict) -> None:
        """From the supervision table: hand a live conversation to someone else."""
        self._hand_over(form.get("conversation"), form)

    @staff_event(*CHAT_ROLES)
    def refresh_from_push(self) -> None:
        """A conversation held or open here changed (a message, an end, a handover)."""
        self._load(current_staff(), everything=False)

    @staff_event(*CHAT_ROLES)
    def refresh_case_from_push(self) -> None:
        """Someone shared, attached or withdrew evidence: the open case file shows what
        is shared now (only the case file: the conversation is not re-read)."""
        if not self.current_id:
            return
        try:  # the page's error line is left as it is: nobody here asked for this
            case = unit_of_work(lambda db: case_file(db, current_staff(), self.current_id))
        except ChatError:
            return  # no longer theirs: the next conversation push closes it
        self._show_case(case)

    @staff_event(*CHAT_ROLES)
    def typing(self) -> None:
        """The counsellor is typing a reply (throttled by the page; the draft itself
        never leaves the page)."""
        if self.current_id:
            live.publish(events.Typing(self.current_id, who="staff"))

    @staff_event(*CHAT_ROLES)
    def show_victim_typing(self) -> None:
        self.victim_typing = token_hex(4)

    @staff_event(*CHAT_ROLES)
    def refresh_queue_from_push(self) -> None:
        """The queue changed: only the queue and its health are reloaded."""
        self._show_queue(unit_of_work(lambda db: chat.queue_view(db, staff=current_staff())))

    @staff_event(*CHAT_ROLES)
    def take_next(self) -> None:
        self._act(lambda db, me: chat.staff_take_next(db, staff=me, **self._page()))

    @staff_event(*CHAT_ROLES)
    def open(self, conversation_id: str) -> None:
        try:
            conversation_id = client_string(conversation_id)
        except InputError:
            conversation_id = ""  # no such conversation: nothing opens
        self._load(current_staff(), opening=conversation_id)

    def _post(self, form: dict, *, internal: bool) -> None:
        post = chat.PostMessage.from_form(form)
        view = self._attempt(lambda db, me: chat.staff_post(
            db, staff=me, post=post, current=self.current_id, shown=self._shown,
            after=self._after, unread=unread_own(self.messages, "staff"), internal=internal))
        if view is REFUSED:
            return
        self.send_id = token_hex(8)
        # The form clears itself on submit. Re-mounting the reply box here would also wipe
        # whatever is typed into it before this answer arrives (a slow or reconnecting
        # page): only a sent canned answer needs an empty box mounted in its place.
        if self.draft and not internal:
            self.draft, self.draft_key = "", self.draft_key + 1
        self._show(current_staff(), view, everything=False)

    @staff_event(*CHAT_ROLES)
    def send(self, form: dict) -> None:
        self._post(form, internal=False)

    @staff_event(*CHAT_ROLES)
    def note(self, form: dict) -> None:
        self._post(form, internal=True)

    @staff_event(*CHAT_ROLES)
    def wrap_up(self, form: dict) -> None:
        self._act(lambda db, me: chat.staff_wrap_up(
            db, staff=me, conversation_id=self.current_id, wrap=chat.WrapUp.from_form(form),
            locale=self.locale))


# What a counsellor's console shows again when something happens elsewhere.
live.subscribe(ConsoleState, {
    events.MessagePosted: ("refresh_from_push", lambda e: e.sender == "victim"),
    events.ConversationChanged: "refresh_from_push",
    events.ConversationTransferred: "refresh_from_push",
    events.Typing: ("show_victim_typing", lambda e: e.who == "victim"),
    events.QueueChanged: "refresh_queue_from_push",
    events.VaultShared: "refresh_case_from_push",
})
