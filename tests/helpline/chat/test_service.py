from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from helpline import chat, crypto
from helpline.chat import queueing, risk
from helpline.chat.errors import ChatError
from helpline.chat.triage import Triage, open_triage
from helpline.config import get_settings
from helpline.demo import seed_risk_rules
from helpline.identity import victims
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.staff_accounts import create_staff
from helpline.models import AuditEntry, Conversation, Message, RiskRule, StaffUser
from helpline.models._common import utcnow
from tests.factories import staff as _staff
from tests.factories import victim as _victim

OPEN_AT = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 13:00 in Paris: open
CLOSED_AT = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 03:00 in Paris: closed
MADE_UP_ID = "0" * 32


def _refused(code: str):
    return pytest.raises(ChatError, match=f"^{code}$")


def _waiting(db, *, topics=(), urgency=0, at=OPEN_AT):
    victim = _victim(db)
    return victim, chat.open_conversation(db, victim, topics=list(topics), urgency=urgency,
                                             consent=True, now=at)


def _taken(db, counsellor: StaffPrincipal):
    victim, conversation = _waiting(db)
    assert chat.take_next(db, counsellor).id == conversation.id
    return victim, conversation


def _row(db, conversation_id: str) -> Conversation:
    """The row as stored (the service leaves its changes for the caller's commit)."""
    db.flush()
    db.expire_all()
    return db.get(Conversation, conversation_id)


def _told(row: Conversation) -> Triage:
    """What the row holds sealed: topics, felt urgency, risk flags."""
    return open_triage(row.id, row.triage_enc)


def _count(db, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def _raw(db, column: str, table: str, row_id) -> bytes:
    return db.connection().execute(
        text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


def _audited(db, action: str) -> list[tuple[int | None, str | None, str | None]]:
    return db.exec(select(AuditEntry.actor_staff_id, AuditEntry.object_id, AuditEntry.detail)
                   .where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def _texts(messages) -> list[str]:
    return [m.text for m in messages]


# ---- opening a conversation ---------------------------------------------------------------


def test_consent_is_required_and_nothing_is_written(db) -> None:
    victim = _victim(db)
    with _refused("consent_required"):
        chat.open_conversation(db, victim, topics=["threats"], urgency=3, consent=False,
                                  now=OPEN_AT)
    assert _count(db, Conversation) == 0
    assert chat.current_conversation(db, victim) is None


@pytest.mark.parametrize(("urgency", "kept"), [(-4, 0), (0, 0), (2, 2), (3, 3), (9, 3)])
def test_unknown_topics_are_dropped_and_urgency_clamped(db, urgency, kept) -> None:
    _, conversation = _waiting(db, topics=["threats", "<b>hack</b>", "insults", "threats"],
                               urgency=urgency)
    assert (conversation.topics, conversation.urgency) == (["insults", "threats"], kept)
    assert conversation.priority == risk.base_priority(["insults", "threats"], kept)
    row = _row(db, conversation.id)
    assert _told(row) == Triage(("insults", "threats"), kept, ())
    assert row.consent_at is not None


@pytest.mark.parametrize(("at", "status"), [
    (OPEN_AT, "waiting"),
    (CLOSED_AT, "message_left"),
    (datetime(2026, 7, 10, 6, 59, tzinfo=UTC), "message_left"),  # 08:59 in Paris, summer
    (datetime(2026, 7, 10, 7, 0, tzinfo=UTC), "waiting"),
])
def test_out_of_hours_the_victim_leaves_a_message(db, at, status) -> None:
    _, conversation = _waiting(db, at=at)
    assert conversation.status == status


def test_asking_again_returns_the_open_conversation(db) -> None:
    victim, first = _waiting(db, topics=["insults"])
    again = chat.open_conversation(db, victim, topics=["threats"], urgency=3, consent=True,
                                      now=OPEN_AT + timedelta(minutes=5))
    assert again.id == first.id and again.topics == ["insults"]
    assert _count(db, Conversation) == 1
    chat.end_by_victim(db, victim, first.id)
    fresh = chat.open_conversation(db, victim, topics=[], urgency=0, consent=True,
                                      now=OPEN_AT + timedelta(minutes=10))
    assert fresh.id != first.id


def test_a_locked_victim_is_refused(db) -> None:
    token = victims.start(db)
    victim = victims.resolve(db, token)
    conversation = chat.open_conversation(db, victim, topics=[], urgency=0, consent=True,
                                             now=OPEN_AT)
    victims.set_pin(db, victim, "2580")
    victims.lock_now(db, victim)
    locked = victims.resolve(db, token)
    assert locked.locked
    for action in (
        lambda: chat.open_conversation(db, locked, topics=[], urgency=0, consent=True,
                                          now=OPEN_AT),
        lambda: chat.current_conversation(db, locked),
        lambda: chat.victim_history(db, locked, conversation.id),
        lambda: chat.post_victim_message(db, locked, conversation.id, "coucou"),
    ):
        with _refused("locked"):
            action()
    assert _count(db, Message) == 0


# ---- who may touch what ---------------------------------------------------------------------


VICTIM_ACTIONS = {
    "read": lambda db, v, cid: chat.victim_history(db, v, cid),
    "post": lambda db, v, cid: chat.post_victim_message(db, v, cid, "coucou", "c-1"),
    "queue_place": lambda db, v, cid: chat.queue_place(db, v, cid),
    "end": lambda db, v, cid: chat.end_by_victim(db, v, cid),
    "rate": lambda db, v, cid: chat.rate(db, v, cid, satisfaction=3, helped=3),
    "read_marks": lambda db, v, cid: chat.victim_update(db, v, cid),
}


@pytest.mark.parametrize("action", VICTIM_ACTIONS)
def test_a_victim_cannot_touch_someone_elses_conversation(db, action) -> None:
    owner, conversation = _waiting(db)
    chat.post_victim_message(db, owner, conversation.id, "mon histoire")
    intruder = _victim(db)
    with _refused("not_found"):
        VICTIM_ACTIONS[action](db, intruder, conversation.id)
    with _refused("not_found"):  # the very same answer as for an id that does not exist
        VICTIM_ACTIONS[action](db, owner, MADE_UP_ID)
    row = _row(db, conversation.id)
    assert (row.status, row.satisfaction) == ("waiting", None)
    assert _count(db, Message) == 1
    assert db.exec(select(Message)).one().read_at is None


STAFF_ACTIONS = {
    "queue": lambda db, s, cid: chat.queue(db, s),
    "queue_health": lambda db, s, cid: chat.queue_health(db, s, now=OPEN_AT),
    "take": lambda db, s, cid: chat.take_next(db, s),
    "read": lambda db, s, cid: chat.staff_history(db, s, cid),
    "post": lambda db, s, cid: chat.post_staff_message(db, s, cid, "bonjour"),
    "read_marks": lambda db, s, cid: chat.staff_update(db, s, cid),
    "wrap_up": lambda db, s, cid: chat.wrap_up(db, s, cid, outcome="listened",
                                                  note="Écoute."),
    "transfer": lambda db, s, cid: chat.transfer(db, s, cid, specialty="lawyer"),
}


@pytest.mark.parametrize("roles", [("takedown_officer",), ("admin",)])
@pytest.mark.parametrize("action", STAFF_ACTIONS)
def test_staff_outside_the_chat_team_are_refused(db, roles, action) -> None:
    _, conversation = _waiting(db)
    outsider = _staff(db, "Ada", roles=roles)
    assert outsider.roles == frozenset(roles)
    _, theirs = _waiting(db, at=OPEN_AT + timedelta(minutes=1))
    kept = db.get(Conversation, theirs.id)  # assigned to them before their roles changed
    kept.status, kept.assigned_staff_id = "active", outsider.staff_id
    db.add(kept)
    for conversation_id in (conversation.id, theirs.id):
        with _refused("forbidden"):
            STAFF_ACTIONS[action](db, outsider, conversation_id)
    row = _row(db, conversation.id)
    assert (row.status, row.assigned_staff_id, row.requested_specialty) == ("waiting", None, None)
    row = _row(db, theirs.id)
    assert (row.status, row.assigned_staff_id, row.outcome_code) == (
        "active", outsider.staff_id, None)
    assert _count(db, Message) == 0
    assert _audited(db, "conversation.read") == []


def test_a_counsellor_stays_out_of_a_colleagues_conversation_but_a_supervisor_may_not(
        db) -> None:
    camille, dominique = _staff(db, "Camille"), _staff(db, "Dominique")
    supervisor = _staff(db, "Sam", roles=("supervisor",))
    victim, conversation = _taken(db, camille)
    chat.post_victim_message(db, victim, conversation.id, "il recommence")
    for action in ("read", "post", "read_marks", "wrap_up", "transfer"):
        with _refused("forbidden"):
            STAFF_ACTIONS[action](db, dominique, conversation.id)
        with _refused("not_found"):
            STAFF_ACTIONS[action](db, dominique, MADE_UP_ID)
    assert _row(db, conversation.id).status == "active"

    assert _texts(chat.staff_history(db, supervisor, conversation.id)) == ["il recommence"]
    chat.post_staff_message(db, supervisor, conversation.id, "Je suis la superviseure.")
    assert _texts(chat.victim_history(db, victim, conversation.id)) == [
        "il recommence", "Je suis la superviseure."]
    assert _texts(chat.staff_history(db, camille, conversation.id))[-1] == (
        "Je suis la superviseure.")


# ---- messages ------------------------------------------------------------------------------


def test_message_bodies_are_encrypted_at_rest(db, data_dir: Path) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    said = chat.post_victim_message(db, victim, conversation.id,
                                       "Kevin Dupont diffuse mes photos")
    answered = chat.post_staff_message(db, counsellor, conversation.id,
                                          "Avez-vous gardé des captures, Zoé ?")
    for message, secret in ((said, "Kevin Dupont"), (answered, "captures, Zoé")):
        raw = _raw(db, "body_enc", "message", message.id)
        assert secret.encode() not in raw
        assert crypto.open_sealed("chat-message", raw, conversation.id).decode() == message.text
    db.commit()
    database = b"".join(p.read_bytes() for p in sorted(data_dir.glob("abri.db*")))
    assert conversation.id.encode() in database  # the file is really read
    assert b"Kevin" not in database and "Zoé".encode() not in database
    assert _texts(chat.victim_history(db, victim, conversation.id)) == [
        "Kevin Dupont diffuse mes photos", "Avez-vous gardé des captures, Zoé ?"]


def test_hostile_text_is_stored_as_inert_cleaned_text(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    hostile = ("<script>alert(1)</script> [moi](javascript:alert(1)) gpj.\u202eexe"
               "\u200b\x00\x1b[2J 👩\u200d👩\u200d👧")
    cleaned = "<script>alert(1)</script> [moi](javascript:alert(1)) gpj.exe[2J 👩\u200d👩\u200d👧"
    message = chat.post_victim_message(db, victim, conversation.id, hostile)
    assert message.text == cleaned
    raw = _raw(db, "body_enc", "message", message.id)
    assert crypto.open_sealed("chat-message", raw, conversation.id).decode() == cleaned
    assert _texts(chat.staff_history(db, counsellor, conversation.id)) == [cleaned]


@pytest.mark.parametrize("body", ["", "   ", "\n\t", "\u202e\u200b"])
def test_an_empty_message_is_refused(db, body) -> None:
    victim, conversation = _waiting(db)
    with _refused("empty"):
        chat.post_victim_message(db, victim, conversation.id, body)
    assert _count(db, Message) == 0


def test_a_message_over_the_limit_is_refused_and_nothing_written(db, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_CHAT_MESSAGE_MAX_CHARS", "40")
    get_settings.cache_clear()
    seed_risk_rules(db)
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    too_long = "je veux en finir " + "x" * 24
    with _refused("too_long"):
        chat.post_victim_message(db, victim, conversation.id, too_long)
    with _refused("too_long"):
        chat.post_staff_message(db, counsellor, conversation.id, "y" * 41)
    assert _count(db, Message) == 0
    assert _told(_row(db, conversation.id)).flags == ()
    assert chat.post_victim_message(db, victim, conversation.id, "z" * 40).text == "z" * 40


def test_a_resend_with_the_same_client_id_is_one_message(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    first = chat.post_victim_message(db, victim, conversation.id, "allô ?", "client-1")
    resent = chat.post_victim_message(db, victim, conversation.id, "allô ?", "client-1")
    assert resent.id == first.id
    chat.post_victim_message(db, victim, conversation.id, "allô ?", "client-2")
    staff_first = chat.post_staff_message(db, counsellor, conversation.id, "oui", "staff-1")
    assert chat.post_staff_message(db, counsellor, conversation.id, "oui",
                                      "staff-1").id == staff_first.id
    assert _texts(chat.victim_history(db, victim, conversation.id)) == [
        "allô ?", "allô ?", "oui"]


def test_messages_written_before_the_page_hears_back_are_all_kept(db) -> None:
    """Offline, or while a worker restarts, a page sends everything under one id: only
    the same text again is a resend."""
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    for body in ("tu es là ?", "ils recommencent", "tu es là ?", "ils recommencent"):
        chat.post_victim_message(db, victim, conversation.id, body, "page-1")
    for body in ("oui", "je lis", "oui"):
        chat.post_staff_message(db, counsellor, conversation.id, body, "page-1")
    chat.post_victim_message(db, victim, conversation.id, "encore", "page-1~1")
    assert _texts(chat.victim_history(db, victim, conversation.id)) == [
        "tu es là ?", "ils recommencent", "oui", "je lis", "encore"]


def test_nobody_posts_to_an_ended_conversation_except_internal_notes(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    chat.end_by_victim(db, victim, conversation.id)
    with _refused("ended"):
        chat.post_victim_message(db, victim, conversation.id, "encore moi")
    with _refused("ended"):
        chat.post_staff_message(db, counsellor, conversation.id, "vous êtes là ?")
    chat.post_staff_message(db, counsellor, conversation.id, "partie sans un mot",
                               internal=True)
    assert chat.victim_history(db, victim, conversation.id) == []


def test_internal_notes_are_never_shown_to_the_victim(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    chat.post_victim_message(db, victim, conversation.id, "bonjour")
    note = chat.post_staff_message(db, counsellor, conversation.id,
                                      "Semble avoir 13 ans, vérifier", internal=True)
    chat.post_staff_message(db, counsellor, conversation.id, "Bonjour, je vous écoute.")
    assert _texts(chat.victim_history(db, victim, conversation.id)) == [
        "bonjour", "Bonjour, je vous écoute."]
    assert chat.victim_history(db, victim, conversation.id, after_id=note.id - 1)[0].text == (
        "Bonjour, je vous écoute.")
    shown = chat.staff_history(db, counsellor, conversation.id)
    assert [(m.text, m.internal, m.sender, m.sender_name) for m in shown] == [
        ("bonjour", False, "victim", ""),
        ("Semble avoir 13 ans, vérifier", True, "staff", "Camille"),
        ("Bonjour, je vous écoute.", False, "staff", "Camille"),
    ]


def test_opening_the_staff_history_is_audited_but_live_updates_are_not(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    message = chat.post_victim_message(db, victim, conversation.id, "bonjour")
    chat.staff_history(db, counsellor, conversation.id)
    chat.staff_history(db, counsellor, conversation.id, after_id=message.id)
    assert _audited(db, "conversation.read") == [(counsellor.staff_id, conversation.id, None)]


# ---- risk -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "flags", "score"), [
    ("je veux en finir", ["suicide"], 100),
    ("il me fait du chantage, il a mes nudes", ["intimate_images", "sextortion"], 130),
    ("on se moque de moi", [], 0),
])
def test_what_the_victim_writes_raises_priority(db, said, flags, score) -> None:
    seed_risk_rules(db)
    victim, conversation = _waiting(db, topics=["insults"], urgency=1)
    chat.post_victim_message(db, victim, conversation.id, said)
    chat.post_victim_message(db, victim, conversation.id, "voilà")  # flags stay
    now = chat.current_conversation(db, victim)
    assert now.risk_flags == flags
    assert now.priority == risk.base_priority(["insults"], 1) + score


def test_a_risk_message_moves_a_conversation_ahead_in_the_queue(db) -> None:
    seed_risk_rules(db)
    counsellor = _staff(db)
    _, threatened = _waiting(db, topics=["threats"], urgency=3)
    victim, quiet = _waiting(db, topics=["other"], at=OPEN_AT + timedelta(minutes=1))
    assert [c.id for c in chat.queue(db, counsellor)] == [threatened.id, quiet.id]
    chat.post_victim_message(db, victim, quiet.id, "j'ai plus envie de vivre")
    assert [c.id for c in chat.queue(db, counsellor)] == [quiet.id, threatened.id]
    assert chat.queue_health(db, counsellor, now=OPEN_AT).high_risk == 2


def test_the_counsellors_words_do_not_count(db) -> None:
    seed_risk_rules(db)
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    chat.post_staff_message(db, counsellor, conversation.id, "Tu veux en finir ?")
    chat.post_victim_message(db, victim, conversation.id, "non, ça va")
    row = _row(db, conversation.id)
    assert (_told(row).flags, row.priority) == ((), 0)


def test_a_broken_rule_is_ignored_and_inactive_rules_do_not_count(db) -> None:
    db.add_all([
        RiskRule(label="broken", locale="fr", pattern="(en finir", weight=500),
        RiskRule(label="suicide", locale="fr", pattern="en finir", weight=100),
        RiskRule(label="threats", locale="fr", pattern="finir", weight=50, active=False),
    ])
    victim, conversation = _waiting(db)
    chat.post_victim_message(db, victim, conversation.id, "je veux en finir")
    row = _row(db, conversation.id)
    assert (_told(row).flags, row.priority) == (("suicide",), 100)


# ---- the queue ------------------------------------------------------------------------------


def test_the_queue_goes_by_priority_then_age(db) -> None:
    counsellor = _staff(db)
    _, newer_low = _waiting(db, topics=["insults"], at=OPEN_AT + timedelta(minutes=2))
    _, high = _waiting(db, topics=["intimate_images"], at=OPEN_AT + timedelta(minutes=3))
    _, older_low = _waiting(db, topics=["rumours"], at=OPEN_AT)
    _waiting(db, at=CLOSED_AT)  # a message left is not in the queue
    assert [c.id for c in chat.queue(db, counsellor)] == [high.id, older_low.id, newer_low.id]


def test_positions_and_the_head_of_the_queue_follow_the_queues_order(db) -> None:
    counsellor = _staff(db)
    arrivals = [(["insults"], 2), (["intimate_images"], 3), (["rumours"], 0),
                (["threats"], 1), (["insults"], 5)]  # topics, minutes after opening
    waiting = [_waiting(db, topics=topics, at=OPEN_AT + timedelta(minutes=m))
               for topics, m in arrivals]
    order = [c.id for c in chat.queue(db, counsellor)]
    assert [chat.queue_place(db, v, c.id).position for v, c in waiting] == [
        order.index(c.id) + 1 for _v, c in waiting]
    assert [c.id for c in chat.queue(db, counsellor, limit=2)] == order[:2]
    assert chat.queue_health(db, counsellor, now=OPEN_AT + timedelta(minutes=9)) == \
        chat.QueueHealth(waiting=5, longest_wait_minutes=9, high_risk=0)


def _history_of_waits(db, minutes: list[float]) -> None:
    victim = _victim(db)
    start = OPEN_AT - timedelta(days=1)
    db.add_all(Conversation(victim_id=victim.victim_id, status="ended", created_at=start,
                            taken_at=start + timedelta(minutes=m)) for m in minutes)
    db.flush()


@pytest.mark.parametrize(("waits", "estimates"), [
    ([], [chat.DEFAULT_HANDLING_MINUTES, 2 * chat.DEFAULT_HANDLING_MINUTES]),
    ([4, 6, 30], [6, 12]),  # the median, not the mean
    ([0.1, 0.2], [1, 1]),  # never less than a minute
])
def test_queue_place_and_wait_estimate(db, waits, estimates) -> None:
    _history_of_waits(db, waits)
    first_victim, first = _waiting(db, topics=["threats"])
    second_victim, second = _waiting(db, topics=["insults"])
    places = [chat.queue_place(db, first_victim, first.id),
              chat.queue_place(db, second_victim, second.id)]
    assert [(p.position, p.waiting) for p in places] == [(1, 2), (2, 2)]
    assert [p.estimated_minutes for p in places] == estimates


def test_queue_place_of_a_conversation_no_longer_waiting(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    _waiting(db)
    assert chat.queue_place(db, victim, conversation.id) == chat.QueuePlace(
        position=0, waiting=1, estimated_minutes=0)


def test_queue_health(db) -> None:
    counsellor = _staff(db)
    urgent_victim, urgent = _waiting(db, topics=["intimate_images", "threats"], urgency=3,
                                     at=OPEN_AT - timedelta(hours=1))
    assert chat.take_next(db, counsellor).id == urgent.id  # taken, still in sight: counts
    high_victim, just_high = _waiting(db, topics=["intimate_images"], urgency=2, at=OPEN_AT)
    _, not_high = _waiting(db, topics=["insults"], urgency=3, at=OPEN_AT + timedelta(minutes=10))
    assert (just_high.priority, not_high.priority) == (risk.HIGH_RISK, risk.HIGH_RISK - 15)
    health = chat.queue_health(db, counsellor, now=OPEN_AT + timedelta(minutes=25, seconds=30))
    assert health == chat.QueueHealth(waiting=2, longest_wait_minutes=25, high_risk=2)
    colleague = _staff(db, "Sacha")
    chat.take_next(db, colleague)  # just_high, now in a colleague's hands
    chat.take_next(db, counsellor)
    assert chat.queue_health(db, counsellor, now=OPEN_AT) == chat.QueueHealth(
        waiting=0, longest_wait_minutes=0, high_risk=1)
    supervisor = _staff(db, "Dominique", roles=("supervisor",))
    assert chat.queue_health(db, supervisor, now=OPEN_AT).high_risk == 2  # sees them all
    for victim, conversation in ((urgent_victim, urgent), (high_victim, just_high)):
        chat.end_by_victim(db, victim, conversation.id)
    assert chat.queue_health(db, supervisor, now=OPEN_AT).high_risk == 0


# ---- taking conversations ---------------------------------------------------------------------


def test_take_next_takes_the_highest_priority_and_is_audited(db) -> None:
    counsellor = _staff(db, specialty="psychologist")
    _, low = _waiting(db, topics=["insults"])
    _, high = _waiting(db, topics=["threats"], at=OPEN_AT + timedelta(minutes=5))
    taken = chat.take_next(db, counsellor)
    assert (taken.id, taken.status, taken.assigned_staff_id) == (
        high.id, "active", counsellor.staff_id)
    assert (taken.counsellor_name, taken.counsellor_specialty) == ("Camille", "psychologist")
    assert _row(db, high.id).taken_at is not None
    assert [c.id for c in chat.queue(db, counsellor)] == [low.id]
    assert [c.id for c in chat.my_conversations(db, counsellor)] == [high.id]
    assert _audited(db, "conversation.take") == [(counsellor.staff_id, high.id, None)]


def test_two_counsellors_get_different_conversations(db, monkeypatch) -> None:
    camille, dominique = _staff(db, "Camille"), _staff(db, "Dominique")
    _, first = _waiting(db, topics=["threats"])
    _, second = _waiting(db, topics=["insults"])
    stale = queueing._waiting(db)  # what both saw before either took anything
    assert chat.take_next(db, camille).id == first.id
    monkeypatch.setattr(queueing, "_waiting", lambda _db: stale)
    assert chat.take_next(db, dominique).id == second.id
    assert _row(db, first.id).assigned_staff_id == camille.staff_id
    assert _row(db, second.id).assigned_staff_id == dominique.staff_id
    with _refused("queue_empty"):
        chat.take_next(db, camille)
    assert [a for a, _, _ in _audited(db, "conversation.take")] == [
        camille.staff_id, dominique.staff_id]


def test_an_empty_queue(db) -> None:
    _waiting(db, at=CLOSED_AT)
    with _refused("queue_empty"):
        chat.take_next(db, _staff(db, roles=("specialist",)))


def test_take_next_respects_the_default_capacity(db) -> None:
    counsellor = _staff(db)
    assert db.get(StaffUser, counsellor.staff_id).capacity == 3
    for minute in range(4):
        _waiting(db, at=OPEN_AT + timedelta(minutes=minute))
    for _ in range(3):
        chat.take_next(db, counsellor)
    with _refused("capacity"):
        chat.take_next(db, counsellor)
    assert len(chat.queue(db, counsellor)) == 1


def test_ending_a_conversation_frees_capacity(db) -> None:
    counsellor = _staff(db, capacity=1)
    victim, conversation = _taken(db, counsellor)
    _, other = _waiting(db)
    with _refused("capacity"):
        chat.take_next(db, counsellor)
    assert _row(db, other.id).status == "waiting"
    chat.end_by_victim(db, victim, conversation.id)
    assert chat.take_next(db, counsellor).id == other.id


# ---- read marks -------------------------------------------------------------------------------


def test_updates_bring_what_follows_and_mark_the_other_side_read(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    v1 = chat.post_victim_message(db, victim, conversation.id, "v1")
    s1 = chat.post_staff_message(db, counsellor, conversation.id, "s1")
    chat.post_staff_message(db, counsellor, conversation.id, "note", internal=True)

    def marks() -> dict[str, tuple[bool, bool]]:
        return {m.text: (m.delivered, m.read)
                for m in chat.staff_history(db, counsellor, conversation.id)}

    unseen, seen = (False, False), (True, True)
    assert set(marks().values()) == {unseen}
    first = chat.victim_update(db, victim, conversation.id)
    assert [m.text for m in first.messages] == ["v1", "s1"]  # never the internal note
    assert first.marked_read and first.read_up_to == 0  # the counsellor has read nothing
    assert marks() == {"v1": unseen, "s1": seen, "note": unseen}

    v2 = chat.post_victim_message(db, victim, conversation.id, "v2")
    staff_view = chat.staff_update(db, counsellor, conversation.id, after_id=s1.id)
    assert [m.text for m in staff_view.messages] == ["note", "v2"]  # only what follows
    assert staff_view.read_up_to == s1.id  # the victim has read s1
    assert marks() == {"v1": unseen, "s1": seen, "note": unseen, "v2": seen}
    quiet = chat.staff_update(db, counsellor, conversation.id, after_id=v2.id, marks=False)
    assert quiet.messages == [] and quiet.read_up_to is None and not quiet.marked_read
    again = chat.victim_update(db, victim, conversation.id, after_id=v2.id)
    assert again.read_up_to == v2.id and not again.marked_read  # v1 stays unread: it was
    assert v1.id < v2.id                                         # read in the first full load
    assert chat.held_conversations(db, counsellor) == [
        (chat.my_conversations(db, counsellor)[0], 1, 1)]  # v1, never shown to staff


def test_unread_counts_are_per_conversation_held(db) -> None:
    counsellor = _staff(db)
    colleague = _staff(db, "Yanis")
    victim_a, a = _taken(db, counsellor)
    victim_b, b = _taken(db, counsellor)
    _victim_c, _c = _taken(db, colleague)
    for said in ("un", "deux"):
        chat.post_victim_message(db, victim_a, a.id, said)
    chat.post_victim_message(db, victim_b, b.id, "trois")
    chat.staff_update(db, counsellor, b.id)  # opened: read
    assert [(c.id, n) for c, n, _d in chat.held_conversations(db, counsellor)] == [
        (a.id, 2), (b.id, 0)]
    assert [h.conversation.id for h in chat.held_conversations(db, colleague)] == [_c.id]


def test_a_message_is_delivered_once_the_holders_console_has_it(db) -> None:
    counsellor, colleague = _staff(db), _staff(db, "Yanis")
    victim, conversation = _taken(db, counsellor)
    chat.staff_update(db, counsellor, conversation.id)  # the console opens it
    v1 = chat.post_victim_message(db, victim, conversation.id, "tu es là ?")
    sent = chat.victim_update(db, victim, conversation.id)
    assert (sent.delivered_up_to, sent.read_up_to) == (0, 0)  # only sent
    assert [h.undelivered for h in chat.held_conversations(db, counsellor)] == [1]

    chat.mark_delivered(db, colleague, [conversation.id])  # not theirs: nothing
    assert [h.undelivered for h in chat.held_conversations(db, counsellor)] == [1]
    chat.mark_delivered(db, counsellor, [conversation.id])
    held = chat.held_conversations(db, counsellor)
    assert [(h.unread, h.undelivered) for h in held] == [(1, 0)]  # there, not read yet
    reached = chat.victim_update(db, victim, conversation.id, after_id=v1.id)
    assert (reached.delivered_up_to, reached.read_up_to) == (v1.id, 0)

    chat.staff_update(db, counsellor, conversation.id, after_id=0)  # opened: read
    read = chat.victim_update(db, victim, conversation.id, after_id=v1.id)
    assert (read.delivered_up_to, read.read_up_to) == (v1.id, v1.id)


def test_held_conversations_carry_the_name_the_young_person_chose(db) -> None:
    counsellor = _staff(db)
    victim_a, a = _taken(db, counsellor)
    _victim_b, b = _taken(db, counsellor)
    victims.update_profile(db, victim_a, nickname="Lou", age_band="")
    assert [(h.conversation.id, h.conversation.victim_name)
            for h in chat.held_conversations(db, counsellor)] == [(a.id, "Lou"), (b.id, "")]
    supervisor = _staff(db, "Sam", roles=("supervisor",))
    assert [c.victim_name for c in chat.live_conversations(db, supervisor)] == ["", ""]


# ---- ending -----------------------------------------------------------------------------------


def test_the_victim_ends_then_rates(db) -> None:
    victim, conversation = _waiting(db)
    with _refused("not_ended"):
        chat.rate(db, victim, conversation.id, satisfaction=3, helped=3)
    chat.end_by_victim(db, victim, conversation.id)
    row = _row(db, conversation.id)
    assert (row.status, row.ended_by) == ("ended", "victim") and row.ended_at is not None
    assert chat.current_conversation(db, victim) is None
    for satisfaction, helped in ((4, 2), (2, 4), (-1, 9), (-1, 0)):
        with _refused("survey_invalid"):
            chat.rate(db, victim, conversation.id, satisfaction=satisfaction, helped=helped)
    with _refused("survey_empty"):  # optional questions, but not an empty answer
        chat.rate(db, victim, conversation.id, satisfaction=0, helped=0)
    assert (_row(db, conversation.id).satisfaction, _row(db, conversation.id).helped) == (
        None, None)
    chat.rate(db, victim, conversation.id, satisfaction=0, helped=2)  # one question of two
    row = _row(db, conversation.id)
    assert (row.satisfaction, row.helped) == (None, 2)
    chat.rate(db, victim, conversation.id, satisfaction=1, helped=3)
    row = _row(db, conversation.id)
    assert (row.satisfaction, row.helped) == (1, 3)


def test_wrap_up_needs_a_known_outcome_and_a_note(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    with _refused("outcome_invalid"):
        chat.wrap_up(db, counsellor, conversation.id, outcome="solved", note="Écoute.")
    for note in ("", "   ", " ok \n"):
        with _refused("note_required"):
            chat.wrap_up(db, counsellor, conversation.id, outcome="listened", note=note)
    row = _row(db, conversation.id)
    assert (row.status, row.outcome_code, row.wrap_up_note_enc) == ("active", None, None)

    chat.wrap_up(db, counsellor, conversation.id, outcome="takedown_requested",
                    note="  Signalement   Instagram\n envoyé. ")
    row = _row(db, conversation.id)
    assert (row.status, row.ended_by, row.outcome_code) == (
        "ended", "staff", "takedown_requested")
    raw = _raw(db, "wrap_up_note_enc", "conversation", conversation.id)
    assert b"Instagram" not in raw
    assert crypto.open_sealed("chat-wrap-up-note", raw, conversation.id) == (
        b"Signalement Instagram envoy\xc3\xa9.")
    assert _audited(db, "conversation.wrap_up") == [
        (counsellor.staff_id, conversation.id, "takedown_requested")]
    assert chat.my_conversations(db, counsellor) == []
    with _refused("ended"):
        chat.post_victim_message(db, victim, conversation.id, "merci")


def test_transfer_to_a_colleague_with_a_note_the_victim_never_sees(db) -> None:
    camille, dominique = _staff(db, "Camille"), _staff(db, "Dominique")
    victim, conversation = _taken(db, camille)
    chat.post_victim_message(db, victim, conversation.id, "il a mon adresse")
    chat.transfer(db, camille, conversation.id, to_staff_id=dominique.staff_id,
                     note="  Menaces : voir le dépôt de plainte ")
    row = _row(db, conversation.id)
    assert (row.status, row.assigned_staff_id) == ("active", dominique.staff_id)
    shown = chat.staff_history(db, dominique, conversation.id)
    assert [(m.text, m.internal, m.sender_name) for m in shown] == [
        ("il a mon adresse", False, ""),
        ("↪ Menaces : voir le dépôt de plainte", True, "Camille")]
    assert _texts(chat.victim_history(db, victim, conversation.id)) == ["il a mon adresse"]
    assert chat.current_conversation(db, victim).counsellor_name == "Dominique"
    with _refused("forbidden"):
        chat.staff_history(db, camille, conversation.id)
    assert _audited(db, "conversation.transfer") == [
        (camille.staff_id, conversation.id, f"to={dominique.staff_id}")]


def test_transfer_to_a_specialty_puts_it_back_in_the_queue(db) -> None:
    counsellor = _staff(db)
    lawyer = _staff(db, "Louise", roles=("specialist",), specialty="lawyer")
    victim, conversation = _taken(db, counsellor)
    chat.transfer(db, counsellor, conversation.id, specialty="lawyer")
    row = _row(db, conversation.id)
    assert (row.status, row.assigned_staff_id, row.requested_specialty) == (
        "waiting", None, "lawyer")
    assert [c.id for c in chat.queue(db, counsellor)] == [conversation.id]
    assert chat.queue_place(db, victim, conversation.id).position == 1
    assert _count(db, Message) == 0  # no note given, none written
    taken = chat.take_next(db, lawyer)
    assert (taken.id, taken.counsellor_specialty) == (conversation.id, "lawyer")


def test_transfer_needs_an_enabled_colleague_who_takes_conversations(db) -> None:
    counsellor = _staff(db)
    gone = create_staff(db, email="eve@abri.example", display_name="Eve", password=None,
                        roles=["counsellor"])
    gone.disabled_at = utcnow()
    db.add(gone)
    officer = _staff(db, "Tom", roles=("takedown_officer", "admin"))
    assert [c[0] for c in chat.colleagues(db, counsellor)] == []  # the list offered
    _, conversation = _taken(db, counsellor)
    for target in ({"to_staff_id": gone.id}, {"to_staff_id": officer.staff_id},
                   {"to_staff_id": 9999}, {}, {"specialty": ""}):
        with _refused("transfer_target"):
            chat.transfer(db, counsellor, conversation.id, note="à toi", **target)
    row = _row(db, conversation.id)
    assert (row.status, row.assigned_staff_id) == ("active", counsellor.staff_id)
    assert _count(db, Message) == 0


# ---- messages left out of hours ---------------------------------------------------------------


def test_a_counsellor_takes_a_message_left_and_answers_it(db) -> None:
    camille, dominique = _staff(db, "Camille"), _staff(db, "Dominique", capacity=0)
    victim, conversation = _waiting(db, at=CLOSED_AT)
    _waiting(db, at=CLOSED_AT)  # someone who came at night and left without writing…
    assert chat.left_messages(db, camille) == []  # …left no « Message laissé »
    left = chat.post_victim_message(db, victim, conversation.id, "il m'écrit la nuit")
    _, waiting = _waiting(db)  # an ordinary waiting conversation is not a message left
    assert [c.id for c in chat.left_messages(db, camille)] == [conversation.id]
    with _refused("not_found"):  # nor taken out of turn this way
        chat.answer_left_message(db, camille, waiting.id)
    assert _row(db, waiting.id).status == "waiting"
    with _refused("capacity"):
        chat.answer_left_message(db, dominique, conversation.id)

    taken = chat.answer_left_message(db, camille, conversation.id)
    assert (taken.status, taken.assigned_staff_id) == ("active", camille.staff_id)
    assert chat.left_messages(db, camille) == []
    with _refused("not_found"):  # already taken
        chat.answer_left_message(db, _staff(db, "Sam", roles=("supervisor",)),
                                    conversation.id)
    chat.post_staff_message(db, camille, conversation.id, "Bonjour, j'ai lu.")
    later = chat.victim_history(db, victim, conversation.id, after_id=left.id)
    assert [(m.text, m.sender_name) for m in later] == [("Bonjour, j'ai lu.", "Camille")]
    assert _audited(db, "conversation.take") == [(camille.staff_id, conversation.id, None)]


def test_left_messages_are_for_the_chat_team(db) -> None:
    _, conversation = _waiting(db, at=CLOSED_AT)
    officer = _staff(db, "Tom", roles=("takedown_officer",))
    with _refused("forbidden"):
        chat.left_messages(db, officer)
    with _refused("forbidden"):
        chat.answer_left_message(db, officer, conversation.id)
    assert _row(db, conversation.id).status == "message_left"


def test_a_supervisors_answer_to_a_message_left_makes_it_active(db) -> None:
    counsellor, supervisor = _staff(db), _staff(db, "Sam", roles=("supervisor",))
    victim, conversation = _waiting(db, at=CLOSED_AT)
    left = chat.post_victim_message(db, victim, conversation.id, "il m'écrit toute la nuit")
    assert chat.queue(db, counsellor) == []
    assert chat.queue_place(db, victim, conversation.id).position == 0

    chat.post_staff_message(db, supervisor, conversation.id, "à rappeler", internal=True)
    assert _row(db, conversation.id).status == "message_left"
    chat.post_staff_message(db, supervisor, conversation.id, "Bonjour, nous avons lu.")
    assert _row(db, conversation.id).status == "active"

    later = chat.victim_history(db, victim, conversation.id, after_id=left.id)
    assert [(m.text, m.sender, m.sender_name) for m in later] == [
        ("Bonjour, nous avons lu.", "staff", "Sam")]
    assert chat.current_conversation(db, victim).status == "active"


def test_a_victim_who_cannot_wait_leaves_a_message_instead(db) -> None:
    camille = _staff(db, "Camille")
    victim, conversation = _waiting(db, topics=["threats"])
    chat.post_victim_message(db, victim, conversation.id, "je dois partir en cours")
    assert chat.leave_message_instead(db, victim, conversation.id)
    assert chat.current_conversation(db, victim).status == "message_left"
    assert chat.queue(db, camille) == []  # out of the queue, into the messages left
    assert [c.id for c in chat.left_messages(db, camille)] == [conversation.id]
    with _refused("queue_empty"):
        chat.take_next(db, camille)
    chat.answer_left_message(db, camille, conversation.id)
    chat.post_staff_message(db, camille, conversation.id, "Je te réponds ici.")
    assert [m.text for m in chat.victim_history(db, victim, conversation.id)] == [
        "je dois partir en cours", "Je te réponds ici."]  # nothing written was lost


def test_leaving_a_message_changes_nothing_once_a_counsellor_took_it(db) -> None:
    camille = _staff(db, "Camille")
    victim, conversation = _taken(db, camille)  # taken just before the click
    assert not chat.leave_message_instead(db, victim, conversation.id)
    assert _row(db, conversation.id).status == "active"
    chat.end_by_victim(db, victim, conversation.id)
    assert not chat.leave_message_instead(db, victim, conversation.id)
    assert _row(db, conversation.id).status == "ended"


def test_only_the_owner_can_turn_a_wait_into_a_message_left(db) -> None:
    _victim_a, conversation = _waiting(db)
    with _refused("not_found"):
        chat.leave_message_instead(db, _victim(db), conversation.id)
    assert _row(db, conversation.id).status == "waiting"


# ---- follow-ups found while reviewing --------------------------------------------------


def test_an_ended_conversation_cannot_be_transferred_back_into_the_queue(db) -> None:
    counsellor = _staff(db)
    _, conversation = _taken(db, counsellor)
    chat.wrap_up(db, counsellor, conversation.id, outcome="listened", note="fini ici")
    with _refused("ended"):
        chat.transfer(db, counsellor, conversation.id, specialty="lawyer")
    assert _row(db, conversation.id).status == "ended"


def test_a_handover_to_a_specialty_waits_for_that_specialty(db) -> None:
    counsellor = _staff(db)
    _, conversation = _taken(db, counsellor)
    chat.transfer(db, counsellor, conversation.id, specialty="lawyer", note="avis juridique")
    psychologist = _staff(db, "Yanis", roles=("specialist",), specialty="psychologist")
    with _refused("queue_empty"):
        chat.take_next(db, psychologist)
    lawyer = _staff(db, "Ines", roles=("specialist",), specialty="lawyer")
    assert chat.take_next(db, lawyer).id == conversation.id


def test_a_resend_id_never_returns_someone_else_s_message(db) -> None:
    counsellor = _staff(db)
    victim, conversation = _taken(db, counsellor)
    chat.post_staff_message(db, counsellor, conversation.id, "note privée", "same-id",
                               internal=True)
    mine = chat.post_victim_message(db, victim, conversation.id, "mon message", "same-id")
    assert mine.text == "mon message" and not mine.internal


def test_a_supervisor_answering_a_left_message_owns_it(db) -> None:
    supervisor = _staff(db, "Nadia", roles=("supervisor",))
    _, conversation = _waiting(db, at=CLOSED_AT)
    chat.post_staff_message(db, supervisor, conversation.id, "je réponds", "s1")
    row = _row(db, conversation.id)
    assert (row.status, row.assigned_staff_id) == ("active", supervisor.staff_id)
