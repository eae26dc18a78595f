from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from helpline import chat, vault
from helpline.cases import casefile
from helpline.chat.triage import Triage, seal_triage
from helpline.identity import victims
from helpline.identity.sessions import StaffPrincipal, open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.models import (
    AuditEntry,
    Conversation,
    Platform,
    TakedownRequest,
    Victim,
)
from tests.helpline.chat.test_service import MADE_UP_ID, OPEN_AT, _refused, _victim


def _staff(db, name: str, roles=("counsellor",)) -> StaffPrincipal:
    member = create_staff(db, email=f"{name.split()[0].lower()}@abri.example",
                          display_name=name, password=None, roles=roles)
    member.capacity = 50
    db.add(member)
    db.flush()
    return resolve_staff(db, open_staff_session(db, member.id, max_hours=8), idle_minutes=30)


def _conversation(db, victim, counsellor, at: datetime, *, topics=("insults",), said="",
                  note="", internal=(), outcome="") -> str:
    """A conversation taken by the counsellor; wrapped up (ended) when an outcome is given."""
    conversation = chat.open_conversation(db, victim, topics=list(topics), urgency=0,
                                             consent=True, now=at)
    assert chat.take_next(db, counsellor).id == conversation.id
    if said:
        chat.post_victim_message(db, victim, conversation.id, said)
        chat.post_staff_message(db, counsellor, conversation.id, f"Réponse à : {said}")
    for text in internal:
        chat.post_staff_message(db, counsellor, conversation.id, text, internal=True)
    if outcome:
        chat.wrap_up(db, counsellor, conversation.id, outcome=outcome, note=note)
    return conversation.id


def _audited(db) -> list[tuple[int | None, str, str | None]]:
    db.flush()
    return db.exec(select(AuditEntry.actor_staff_id, AuditEntry.object_type,
                          AuditEntry.object_id)
                   .where(AuditEntry.action == "casefile.read").order_by(AuditEntry.id)).all()


# ---- access -------------------------------------------------------------------------------


def test_only_the_counsellor_holding_it_or_a_supervisor_reads_the_case_file(db) -> None:
    camille, dominique = _staff(db, "Camille"), _staff(db, "Dominique")
    supervisor = _staff(db, "Sam", roles=("supervisor",))
    officer = _staff(db, "Hugo", roles=("takedown_officer",))
    admin = _staff(db, "Léo", roles=("admin",))
    victim = _victim(db)
    current = _conversation(db, victim, camille, OPEN_AT)

    for outsider in (dominique, officer, admin):
        with _refused("forbidden"):
            casefile.case_file(db, outsider, current)
    with _refused("not_found"):
        casefile.case_file(db, camille, MADE_UP_ID)
    assert _audited(db) == []  # refusals read nothing

    assert casefile.case_file(db, camille, current).conversation_id == current
    assert casefile.case_file(db, supervisor, current).conversation_id == current


def test_every_read_is_audited(db) -> None:
    camille = _staff(db, "Camille")
    supervisor = _staff(db, "Sam", roles=("supervisor",))
    current = _conversation(db, _victim(db), camille, OPEN_AT)
    casefile.case_file(db, camille, current)
    casefile.case_file(db, camille, current)
    casefile.case_file(db, supervisor, current)
    assert _audited(db) == [
        (camille.staff_id, "conversation", current),
        (camille.staff_id, "conversation", current),
        (supervisor.staff_id, "conversation", current),
    ]


# ---- the person ----------------------------------------------------------------------------


def test_profile_facts_with_the_chosen_name_and_no_secrets(db) -> None:
    camille = _staff(db, "Camille")
    victim = _victim(db)
    victims.update_profile(db, victim, nickname="Zoéline", age_band="11_14")
    code = victims.new_recovery_code(db, victim)
    victims.set_pin(db, victim, "2580")
    row = db.get(Victim, victim.victim_id)
    row.created_at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 1 February in Paris
    db.add(row)
    current = _conversation(db, victim, camille, OPEN_AT)

    facts = casefile.case_file(db, camille, current)
    assert facts.victim.model_dump() == {"nickname": "Zoéline", "age_band": "11_14",
                                         "previous_count": 0,
                                         "member_since": date(2026, 2, 1)}
    dumped = facts.model_dump_json()
    for secret in (code, row.recovery_hash, row.pin_hash, row.recovery_lookup):
        assert secret not in dumped
    assert "recovery" not in dumped and "pin" not in dumped


def test_a_victim_without_history_has_an_empty_case_file(db) -> None:
    camille = _staff(db, "Camille")
    current = _conversation(db, _victim(db), camille, OPEN_AT)
    facts = casefile.case_file(db, camille, current)
    assert (facts.victim.nickname, facts.victim.age_band, facts.victim.previous_count) == (
        "", "", 0)
    assert (facts.previous, facts.evidence, facts.takedowns) == ([], [], [])


# ---- earlier conversations ------------------------------------------------------------------


def test_earlier_conversations_newest_first_with_notes_and_never_another_victims(db) -> None:
    camille, yanis = _staff(db, "Camille Martin"), _staff(db, "Yanis")
    lou, other = _victim(db), _victim(db)
    first = _conversation(db, lou, camille, OPEN_AT - timedelta(days=30), topics=["rumours"],
                          said="on parle de moi", internal=["Semble avoir 13 ans"],
                          outcome="listened", note="A parlé des rumeurs au collège.")
    _conversation(db, other, yanis, OPEN_AT - timedelta(days=20), said="autre histoire",
                  internal=["Note sur une autre victime"], outcome="advice_given",
                  note="Pas la même personne.")
    second = _conversation(db, lou, yanis, OPEN_AT - timedelta(days=10),
                           topics=["threats", "intimate_images"], said="il menace",
                           internal=["Menaces précises", "Proposer un retrait"],
                           outcome="takedown_requested", note="Menaces, retrait à suivre.")
    db.get(Conversation, second).triage_enc = seal_triage(
        second, Triage(("intimate_images", "threats"), 0, ("sextortion",)))
    _conversation(db, other, camille, OPEN_AT - timedelta(days=5), outcome="no_reply",
                  note="Partie sans un mot.")
    current = _conversation(db, lou, camille, OPEN_AT, internal=["Note d'aujourd'hui"])

    facts = casefile.case_file(db, camille, current)
    assert facts.victim.previous_count == 2
    assert [(c.id, c.created_at, c.status, c.topics, c.risk_flags, c.outcome_code,
             c.counsellor_name, c.wrap_up_note) for c in facts.previous] == [
        (second, OPEN_AT - timedelta(days=10), "ended", ["intimate_images", "threats"],
         ["sextortion"], "takedown_requested", "Yanis", "Menaces, retrait à suivre."),
        (first, OPEN_AT - timedelta(days=30), "ended", ["rumours"], [], "listened",
         "Camille Martin", "A parlé des rumeurs au collège."),
    ]
    assert [[(n.author, n.text) for n in c.notes] for c in facts.previous] == [
        [("Yanis", "Menaces précises"), ("Yanis", "Proposer un retrait")],
        [("Camille Martin", "Semble avoir 13 ans")],
    ]
    assert all(c.ended_at is not None for c in facts.previous)
    dumped = facts.model_dump_json()
    for elsewhere in ("autre", "Pas la même personne", "Partie sans un mot", "aujourd'hui",
                      "il menace", "Réponse à"):  # chat messages are not notes
        assert elsewhere not in dumped

    theirs = casefile.case_file(db, camille, _conversation(
        db, other, camille, OPEN_AT + timedelta(minutes=1)))
    assert theirs.victim.previous_count == 2
    assert [c.wrap_up_note for c in theirs.previous] == [
        "Partie sans un mot.", "Pas la même personne."]
    assert [[n.text for n in c.notes] for c in theirs.previous] == [
        [], ["Note sur une autre victime"]]


def test_wrap_up_notes_are_opened_from_their_sealed_form(db) -> None:
    camille = _staff(db, "Camille")
    victim = _victim(db)
    earlier = _conversation(db, victim, camille, OPEN_AT - timedelta(days=2),
                            outcome="referred_police", note="Plainte conseillée.")
    row = db.get(Conversation, earlier)
    assert b"Plainte" not in row.wrap_up_note_enc
    assert chat.wrap_up_note(row) == "Plainte conseillée."
    current = _conversation(db, victim, camille, OPEN_AT)
    (shown,) = casefile.case_file(db, camille, current).previous
    assert (shown.wrap_up_note, shown.outcome_code) == ("Plainte conseillée.", "referred_police")


def test_an_unfinished_earlier_conversation_has_no_note_and_no_counsellor(db) -> None:
    camille = _staff(db, "Camille")
    victim = _victim(db)
    db.add(Conversation(victim_id=victim.victim_id, status="ended", topics=["other"],
                        created_at=OPEN_AT - timedelta(days=1)))
    db.flush()
    current = _conversation(db, victim, camille, OPEN_AT)
    (shown,) = casefile.case_file(db, camille, current).previous
    assert (shown.status, shown.outcome_code, shown.counsellor_name, shown.wrap_up_note,
            shown.notes, shown.ended_at) == ("ended", "", "", "", [], None)


def test_at_most_twenty_earlier_conversations_are_listed_but_all_are_counted(db) -> None:
    camille = _staff(db, "Camille")
    victim = _victim(db)
    db.add_all(Conversation(victim_id=victim.victim_id, status="ended",
                            created_at=OPEN_AT - timedelta(days=d)) for d in range(1, 26))
    db.flush()
    current = _conversation(db, victim, camille, OPEN_AT)
    facts = casefile.case_file(db, camille, current)
    assert facts.victim.previous_count == 25
    assert [c.created_at for c in facts.previous] == [
        OPEN_AT - timedelta(days=d) for d in range(1, 21)]


def test_a_later_conversation_is_not_an_earlier_one(db) -> None:
    camille = _staff(db, "Camille")
    supervisor = _staff(db, "Sam", roles=("supervisor",))
    victim = _victim(db)
    old = _conversation(db, victim, camille, OPEN_AT - timedelta(days=3), outcome="listened",
                        note="Première fois.")
    _conversation(db, victim, camille, OPEN_AT, outcome="listened", note="Deuxième fois.")
    facts = casefile.case_file(db, supervisor, old)  # a supervisor reviewing the first one
    assert (facts.victim.previous_count, facts.previous) == (0, [])


# ---- evidence and takedowns ------------------------------------------------------------------


def test_only_evidence_the_victim_shared_is_listed(db) -> None:
    """Live shares of this victim's originals, most recently shared first: not what is
    kept private, withdrawn or deleted, nor another person's."""
    camille = _staff(db, "Camille")
    victim, other = _victim(db), _victim(db)

    def message(who, text: str, **fields):
        return vault.add_message(db, who, vault.MessageForm(text=text, **fields))

    shared = message(victim, "capture", author="@moqueur", platform="snapchat")
    later = vault.add_link(db, victim, vault.LinkForm(url="https://www.tiktok.com/@x/video/1"))
    private = message(victim, "gardé pour moi")
    withdrawn, deleted = message(victim, "retiré"), message(victim, "supprimé")
    theirs = message(other, "autre personne")
    vault.share(db, victim, [shared.id], "counselling")
    vault.share(db, victim, [later.id, withdrawn.id, deleted.id], "takedown")
    vault.share(db, other, [theirs.id], "counselling")
    vault.withdraw(db, victim, withdrawn.id)
    vault.delete_item(db, victim, deleted.id)
    current = _conversation(db, victim, camille, OPEN_AT)
    listed = casefile.case_file(db, camille, current).evidence
    assert [(e.id, e.kind, e.purpose) for e in listed] == [
        (later.id, "link", "takedown"), (shared.id, "message", "counselling")]
    assert private.id not in {e.id for e in listed}
    assert (listed[0].url, listed[0].platform) == ("https://www.tiktok.com/@x/video/1", "tiktok")
    assert (listed[1].author, listed[1].platform, listed[1].sha256) == (
        "@moqueur", "snapchat", shared.sha256)


def test_the_victims_takedown_requests_are_listed_with_their_platform(db) -> None:
    camille = _staff(db, "Camille")
    victim, other = _victim(db), _victim(db)
    insta = Platform(slug="instagram", name="Instagram")
    snap = Platform(slug="snapchat", name="Snapchat")
    db.add_all([insta, snap])
    db.flush()
    made = dict(reason="intimate_images", created_by=camille.staff_id,
                content_url_enc=b"sealed url")
    older = TakedownRequest(platform_id=insta.id, victim_id=victim.victim_id, status="removed",
                            created_at=OPEN_AT - timedelta(days=5),
                            submitted_at=OPEN_AT - timedelta(days=5, hours=-1),
                            resolved_at=OPEN_AT - timedelta(days=4), **made)
    newer = TakedownRequest(platform_id=snap.id, victim_id=victim.victim_id,
                            status="submitted", created_at=OPEN_AT - timedelta(days=1),
                            submitted_at=OPEN_AT - timedelta(hours=20), **made)
    db.add_all([older, newer,
                TakedownRequest(platform_id=insta.id, victim_id=other.victim_id, **made),
                TakedownRequest(platform_id=snap.id, victim_id=None, **made)])
    db.flush()
    current = _conversation(db, victim, camille, OPEN_AT)
    listed = casefile.case_file(db, camille, current).takedowns
    assert [t.model_dump() for t in listed] == [
        {"id": newer.id, "platform": "Snapchat", "status": "submitted",
         "created_at": OPEN_AT - timedelta(days=1),
         "submitted_at": OPEN_AT - timedelta(hours=20), "resolved_at": None},
        {"id": older.id, "platform": "Instagram", "status": "removed",
         "created_at": OPEN_AT - timedelta(days=5),
         "submitted_at": OPEN_AT - timedelta(days=5, hours=-1),
         "resolved_at": OPEN_AT - timedelta(days=4)},
    ]
    assert "sealed url" not in casefile.case_file(db, camille, current).model_dump_json()
