"""What each chat page shows, read in one call per page event: the victim's chat and
the counsellor's console. A view also lists the domain events its reads caused (marks
changed), for the surface to publish once the unit of work has committed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session as DbSession

from helpline import events
from helpline.cases import casefile
from helpline.chat import canned, queueing, quick_exit
from helpline.chat.access import ConversationPublic
from helpline.chat.errors import ChatError
from helpline.chat.forms import ChatStart, Handover, PostMessage, WrapUp
from helpline.chat.handover import colleagues, end_by_victim, transfer, wrap_up
from helpline.chat.messages import (
    ChatUpdate,
    mark_delivered,
    post_staff_message,
    post_victim_message,
    staff_update,
    victim_update,
)
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal
from helpline.models import Role

# The head of the queue is what a counsellor acts on (« Prendre la suivante » takes the
# first); the counts above it cover the rest. Every take refreshes every console's queue.
QUEUE_SHOWN = 25


# ---- the victim's chat ------------------------------------------------------------------


@dataclass
class VictimView:
    """``current``: the open conversation (None: none, or it ended meanwhile);
    ``full``: ``update`` holds its whole history, not only what follows."""

    current: ConversationPublic | None
    update: ChatUpdate | None = None
    place: queueing.QueuePlace | None = None
    full: bool = True
    events: list[events.DomainEvent] = field(default_factory=list)
    refused: str = ""  # why what the page asked was refused, the chat shown all the same


def _victim_messages(db: DbSession, victim: VictimPrincipal, view: VictimView, *,
                     conversation_id: str, status: str, after: int, unread: bool) -> None:
    view.update = victim_update(db, victim, conversation_id, 0 if view.full else after,
                                marks=view.full or unread)
    if status == "waiting":
        view.place = queueing.queue_place(db, victim, conversation_id)


def victim_view(db: DbSession, *, victim: VictimPrincipal, shown: str = "", after: int = 0,
                full: bool = True, unread: bool = False, status: str | None = None
                ) -> VictimView:
    """The chat page of ``victim``. ``shown``: the conversation on the page, ``after``
    its last message there, ``unread``: some of the victim's shown are not marked read.
    ``status`` given: only the new messages and marks of ``shown`` (a mark changed),
    without looking the conversation up again."""
    if status is not None:
        view = VictimView(current=None, full=False)
        _victim_messages(db, victim, view, conversation_id=shown, status=status, after=after,
                         unread=unread)
        return view
    back = quick_exit.came_back(db, victim) if full else None
    current = queueing.current_conversation(db, victim)
    view = VictimView(current=current, full=full or current is None or current.id != shown)
    if back:  # the counsellor's thread says so at once
        view.events.append(events.MessagePosted(back, sender="victim"))
    if current is not None:
        _victim_messages(db, victim, view, conversation_id=current.id, status=current.status,
                         after=after, unread=unread)
    return view


def victim_send(db: DbSession, *, victim: VictimPrincipal, post: PostMessage, shown: str,
                status: str, after: int, unread: bool) -> VictimView:
    """Post the victim's message to the conversation on the page (or, when the page
    shows none, the one open) and what the page shows next."""
    post = post.checked()
    current = None if shown else queueing.current_conversation(db, victim)
    if not shown and current is None:
        raise ChatError("not_found")
    conversation_id = shown or current.id
    post_victim_message(db, victim, conversation_id, post.text, post.send_id)
    if shown:
        view = victim_view(db, victim=victim, shown=shown, after=after, unread=unread,
                           status=status)
    else:
        view = victim_view(db, victim=victim, shown="", full=True)
        status = view.current.status if view.current else status
    view.events.append(events.MessagePosted(conversation_id, sender="victim"))
    if status == "waiting":  # its priority may have changed (taken ones are not queued)
        view.events.append(events.QueueChanged())
    return view


def victim_leave_message(db: DbSession, *, victim: VictimPrincipal, shown: str, after: int,
                         unread: bool) -> VictimView:
    """Leave the queue for a counsellor to answer later, and the chat as it then is:
    taken meanwhile (or refused), the chat simply goes on."""
    try:
        left, refused = queueing.leave_message_instead(db, victim, shown), ""
    except ChatError as no:  # refused before anything is written
        left, refused = False, no.code
    view = victim_view(db, victim=victim, shown=shown, after=after, unread=unread)
    view.refused = refused
    if left:
        view.events.append(events.QueueChanged())
    return view


# ---- the counsellor's console -----------------------------------------------------------


@dataclass
class QueueView:
    queue: list[ConversationPublic]  # its head, at most QUEUE_SHOWN
    health: queueing.QueueHealth
    left: list[ConversationPublic]  # messages left out of hours
    supervising: list[ConversationPublic]  # every live conversation: supervisors only


def queue_view(db: DbSession, *, staff: StaffPrincipal) -> QueueView:
    supervisor = staff.has_role(Role.supervisor)
    return QueueView(
        health=queueing.queue_health(db, staff),
        queue=queueing.queue(db, staff, limit=QUEUE_SHOWN),
        left=queueing.left_messages(db, staff),
        supervising=queueing.live_conversations(db, staff) if supervisor else [])


@dataclass
class ConsoleView:
    """``queue``, ``canned`` and ``team`` are None on a live update (not reloaded).
    ``current``: the conversation open ("" when it closed: no longer this person's);
    ``update`` its messages (the whole history when ``full``), ``case`` its case file
    when opened afresh."""

    current: str
    held: list[queueing.HeldConversation]
    queue: QueueView | None = None
    canned: list[canned.Canned] | None = None
    team: list[tuple[int, str, str]] | None = None
    update: ChatUpdate | None = None
    full: bool = False
    case: casefile.CaseFile | None = None
    events: list[events.DomainEvent] = field(default_factory=list)
    # What this page already shows: for the other pages only (published with its skip).
    for_others: list[events.DomainEvent] = field(default_factory=list)


def console_view(db: DbSession, *, staff: StaffPrincipal, current: str = "", shown: str = "",
                 after: int = 0, everything: bool = True, unread: bool = False,
                 locale: str = "fr", opening: str | None = None) -> ConsoleView:
    """The console of ``staff``. ``current``: the conversation open on the page,
    ``shown``/``after``: whose messages it shows and the last one; ``everything``:
    also the queue, the canned answers and the team; ``opening``: open this one
    instead, if it is theirs (any, for a supervisor)."""
    if opening is not None and (staff.has_role(Role.supervisor) or opening in {
            c.id for c in queueing.my_conversations(db, staff)}):
        current = opening
    view = ConsoleView(current=current, held=[])
    if everything:
        view.queue = queue_view(db, staff=staff)
        view.canned = canned.for_console(db, staff, locale)
        view.team = colleagues(db, staff)
    if current:
        view.full = everything or current != shown
        try:
            view.update = staff_update(db, staff, current, 0 if view.full else after,
                                       marks=view.full or unread)
        except ChatError:
            view.current = ""
        else:
            if view.update.marked_read:  # the young person's page shows "read"
                view.events.append(events.MessagesRead(current))
            if view.full:
                view.case = casefile.case_file(db, staff, current)
    view.held = queueing.held_conversations(db, staff)
    reached = [h.conversation.id for h in view.held if h.undelivered]
    mark_delivered(db, staff, reached)  # this page now has them
    view.events.extend(events.MessagesRead(c) for c in reached)  # their pages: « Reçu »
    return view


def staff_post(db: DbSession, *, staff: StaffPrincipal, post: PostMessage, current: str,
               shown: str, after: int, unread: bool, internal: bool) -> ConsoleView:
    """Post a reply (or an internal note) to the open conversation, and the console's
    live update after it."""
    post = post.checked()
    post_staff_message(db, staff, current, post.text, post.send_id, internal=internal)
    view = console_view(db, staff=staff, current=current, shown=shown, after=after,
                        everything=False, unread=unread)
    if not internal:
        view.events.append(events.MessagePosted(current, sender="staff"))
    return view


def staff_take_next(db: DbSession, *, staff: StaffPrincipal, shown: str, after: int,
                    unread: bool, locale: str) -> ConsoleView:
    """Take the next conversation of the queue: the console with it open."""
    taken = queueing.take_next(db, staff)
    view = console_view(db, staff=staff, current=taken.id, shown=shown, after=after,
                        unread=unread, locale=locale)
    view.for_others.append(events.ConversationChanged(taken.id))
    view.events.append(events.QueueChanged())  # one event for all: a burst of takes coalesces
    return view


def staff_answer_left(db: DbSession, *, staff: StaffPrincipal, conversation_id: str,
                      shown: str, after: int, unread: bool, locale: str) -> ConsoleView:
    """Take a message left out of hours: the console with it open."""
    taken = queueing.answer_left_message(db, staff, conversation_id)
    return console_view(db, staff=staff, current=taken.id, shown=shown, after=after,
                        unread=unread, locale=locale)


def staff_hand_over(db: DbSession, *, staff: StaffPrincipal, handover: Handover, current: str,
                    shown: str, after: int, unread: bool, locale: str) -> ConsoleView:
    """Transfer (the holder) or reassign (a supervisor) a conversation, and the console
    after it: the conversation handed over no longer open, if it was."""
    transfer(db, staff, handover.conversation_id, to_staff_id=handover.to_staff,
             specialty=handover.specialty, note=handover.note)
    if handover.conversation_id == current:
        current, unread = "", False
    view = console_view(db, staff=staff, current=current, shown=shown, after=after,
                        unread=unread, locale=locale)
    # The young person sees a new name, the previous and the new holder their tabs.
    view.for_others.append(events.ConversationTransferred(handover.conversation_id,
                                                          to_staff=handover.to_staff))
    view.events.append(events.QueueChanged())
    return view


def staff_wrap_up(db: DbSession, *, staff: StaffPrincipal, conversation_id: str,
                  wrap: WrapUp, locale: str) -> ConsoleView:
    """Close a conversation with its outcome and note: the console with none open."""
    wrap_up(db, staff, conversation_id, outcome=wrap.outcome, note=wrap.note)
    view = console_view(db, staff=staff, locale=locale)
    view.for_others.append(events.ConversationChanged(conversation_id))
    return view


def victim_start(db: DbSession, *, victim: VictimPrincipal, start: ChatStart) -> VictimView:
    """Join the queue (or leave a message) and show the conversation."""
    queueing.open_conversation(db, victim, topics=start.topics, urgency=start.urgency,
                               consent=start.consent)
    view = victim_view(db, victim=victim)
    view.events.append(events.QueueChanged())
    return view


def victim_end(db: DbSession, *, victim: VictimPrincipal) -> str:
    """End the victim's open conversation: its id, or "" when none was open."""
    current = queueing.current_conversation(db, victim)
    if current is None:
        return ""
    end_by_victim(db, victim, current.id)
    return current.id
