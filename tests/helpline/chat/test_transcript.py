import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from helpline import chat, crypto
from helpline.chat import transcript
from helpline.chat.errors import ChatError
from helpline.chat.triage import Triage, seal_triage
from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.sessions import StaffPrincipal, open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.identity.victims import VictimPrincipal
from helpline.models import Conversation, Message

STARTED = datetime(2026, 11, 29, 13, 2, tzinfo=UTC)  # 14:02 in Paris (winter time)
MADE_UP_ID = "0" * 32


def _refused(code: str):
    return pytest.raises(ChatError, match=f"^{code}$")


def _victim(db) -> VictimPrincipal:
    return victims.resolve(db, victims.start(db))


def _staff(db, name: str = "Camille Martin", roles=("counsellor",)) -> StaffPrincipal:
    member = create_staff(db, email=f"{name.split()[0].lower()}@abri.example",
                          display_name=name, password=None, roles=roles)
    return resolve_staff(db, open_staff_session(db, member.id, max_hours=8), idle_minutes=30)


def _taken(db, counsellor, at: datetime = STARTED) -> tuple[VictimPrincipal, str]:
    victim = _victim(db)
    conversation = chat.open_conversation(db, victim, topics=["threats"], urgency=2,
                                             consent=True, now=at)
    assert chat.take_next(db, counsellor).id == conversation.id
    return victim, conversation.id


def _at(db, message, at: datetime) -> None:
    """Messages are stamped by the database clock; tests place them in time."""
    row = db.get(Message, message.id)
    row.created_at = at
    db.add(row)
    db.flush()


def _chat(db) -> tuple[VictimPrincipal, StaffPrincipal, str]:
    counsellor = _staff(db)
    victim, conversation_id = _taken(db, counsellor)
    said = [
        (chat.post_victim_message(db, victim, conversation_id, "Bonjour, il me menace"), 0),
        (chat.post_staff_message(db, counsellor, conversation_id,
                                    "Semble très jeune, vérifier l'âge", internal=True), 1),
        (chat.post_staff_message(db, counsellor, conversation_id,
                                    "Bonjour, je suis là. Que se passe-t-il ?"), 2),
        (chat.post_victim_message(db, victim, conversation_id, "Il veut des photos"), 15),
    ]
    for message, minutes in said:
        _at(db, message, STARTED + timedelta(minutes=minutes))
    return victim, counsellor, conversation_id


# ---- what it says ------------------------------------------------------------------------------


def test_the_transcript_in_french(db) -> None:
    victim, _, conversation_id = _chat(db)
    done = transcript.transcript(db, victim, conversation_id)
    assert done.filename == "abri-conversation-2026-11-29.txt"
    assert done.text == (
        "Abri\n"
        "Conversation avec le 3018 du 29/11/2026\n"
        "Ce fichier contient ta conversation. Garde-le dans un endroit sûr : toute personne "
        "qui l'ouvre peut la lire.\n"
        "\n"
        "[14:02] Toi: Bonjour, il me menace\n"
        "[14:04] Camille: Bonjour, je suis là. Que se passe-t-il ?\n"
        "[14:17] Toi: Il veut des photos\n"
    )


def test_english_labels(db) -> None:
    victim, _, conversation_id = _chat(db)
    done = transcript.transcript(db, victim, conversation_id, locale="en")
    assert done.filename == "abri-conversation-2026-11-29.txt"
    lines = done.text.splitlines()
    assert lines[:2] == ["Abri", "Conversation with 3018 on 2026-11-29"]
    assert lines[2].startswith("This file holds your conversation.")
    assert lines[4:] == ["[14:02] You: Bonjour, il me menace",
                         "[14:04] Camille: Bonjour, je suis là. Que se passe-t-il ?",
                         "[14:17] You: Il veut des photos"]
    assert "Toi" not in done.text


def test_an_unknown_locale_falls_back_to_french(db) -> None:
    victim, _, conversation_id = _chat(db)
    assert transcript.transcript(db, victim, conversation_id, locale="de").text == (
        transcript.transcript(db, victim, conversation_id).text)


def test_never_internal_notes_nor_staff_only_data(db) -> None:
    victim, counsellor, conversation_id = _chat(db)
    chat.transfer(db, counsellor, conversation_id, specialty="lawyer",
                     note="Passer à une juriste, sextorsion probable")
    supervisor = _staff(db, "Nadia Benali", roles=("supervisor",))
    chat.post_staff_message(db, supervisor, conversation_id, "Relire avec Camille",
                               internal=True)
    chat.wrap_up(db, supervisor, conversation_id, outcome="referred_police",
                    note="Plainte conseillée, suivi juriste")
    row = db.get(Conversation, conversation_id)
    row.triage_enc = seal_triage(row.id, Triage(("threats",), 2, ("sextortion",)))
    db.add(row)
    db.flush()
    text = transcript.transcript(db, victim, conversation_id).text
    for hidden in ("Semble très jeune", "juriste", "Relire", "Plainte", "referred_police",
                   "sextortion", "Nadia", "Martin", "threats", "lawyer"):
        assert hidden not in text
    assert text.count("\n[") == 3  # the three messages the victim saw


def test_times_and_date_follow_the_configured_timezone(db, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_TIMEZONE", "America/Montreal")
    get_settings.cache_clear()
    counsellor = _staff(db)
    late = datetime(2026, 11, 30, 3, 50, tzinfo=UTC)  # 22:50 on the 29th in Montréal
    victim, conversation_id = _taken(db, counsellor, at=late)
    said = chat.post_victim_message(db, victim, conversation_id, "tu es là ?")
    _at(db, said, late)
    answer = chat.post_staff_message(db, counsellor, conversation_id, "Oui, je suis là.")
    _at(db, answer, late + timedelta(minutes=15))  # 23:05, still the 29th
    done = transcript.transcript(db, victim, conversation_id)
    assert done.filename == "abri-conversation-2026-11-29.txt"
    assert done.text.splitlines()[4:] == ["[22:50] Toi: tu es là ?",
                                         "[23:05] Camille: Oui, je suis là."]


def test_a_message_answered_the_next_day_starts_a_dated_section(db) -> None:
    counsellor = _staff(db)
    victim, conversation_id = _taken(db, counsellor)
    left = chat.post_victim_message(db, victim, conversation_id, "je laisse un message")
    _at(db, left, datetime(2026, 11, 29, 22, 40, tzinfo=UTC))  # 23:40 in Paris
    answer = chat.post_staff_message(db, counsellor, conversation_id, "Bonjour, je lis.")
    _at(db, answer, datetime(2026, 11, 30, 8, 5, tzinfo=UTC))  # 09:05 the next day
    lines = transcript.transcript(db, victim, conversation_id).text.splitlines()
    assert lines[4:] == ["[23:40] Toi: je laisse un message", "— 30/11/2026 —",
                         "[09:05] Camille: Bonjour, je lis."]
    english = transcript.transcript(db, victim, conversation_id, locale="en").text
    assert "— 2026-11-30 —" in english


def test_the_helpline_name_comes_from_the_settings(db, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_HELPLINE_NAME", "Net Écoute")
    get_settings.cache_clear()
    victim, _, conversation_id = _chat(db)
    assert transcript.transcript(db, victim, conversation_id).text.splitlines()[1] == (
        "Conversation avec le Net Écoute du 29/11/2026")


# ---- layout ---------------------------------------------------------------------------------


def test_a_message_on_several_lines_is_indented_and_cannot_fake_a_speaker(db) -> None:
    victim, _, conversation_id = _chat(db)
    sneaky = chat.post_victim_message(
        db, victim, conversation_id, "première ligne\n\n[14:30] Camille: envoie tes photos\n\tfin")
    _at(db, sneaky, STARTED + timedelta(minutes=20))
    lines = transcript.transcript(db, victim, conversation_id).text.splitlines()
    assert lines[7:] == [
        "[14:22] Toi: première ligne",
        "",
        "        [14:30] Camille: envoie tes photos",
        "         fin",
    ]
    speakers = [line for line in lines if line.startswith("[")]
    assert len(speakers) == 4 and not any("envoie" in line for line in speakers)


def test_control_characters_stored_anyway_cannot_break_the_layout(db) -> None:
    """Text is cleaned when written; the transcript does not rely on it."""
    victim, _, conversation_id = _chat(db)
    raw = "a\rb\x1b[2J\u202eevil\x0bc\u2028d\u2029e\x85f\r\ng\x00h"
    db.add(Message(conversation_id=conversation_id, sender_kind="victim",
                   body_enc=crypto.seal(chat.messages.BODY, raw, conversation_id),
                   created_at=STARTED + timedelta(minutes=30)))
    db.flush()
    text = transcript.transcript(db, victim, conversation_id).text
    assert text.splitlines()[7:] == [
        "[14:32] Toi: a", "        b[2Jevil", "        c", "        d", "        e",
        "        f", "        gh"]
    assert all(c in "\n" or c.isprintable() for c in text)
    assert "\r" not in text and "\u202e" not in text and "\x1b" not in text


def test_the_counsellor_appears_by_first_name_only(db) -> None:
    counsellor = _staff(db, "Inès  de la Fontaine")
    victim, conversation_id = _taken(db, counsellor)
    chat.post_staff_message(db, counsellor, conversation_id, "Bonjour")
    text = transcript.transcript(db, victim, conversation_id).text
    assert "] Inès: Bonjour\n" in text and "Fontaine" not in text


def test_an_empty_conversation_has_just_the_header(db) -> None:
    counsellor = _staff(db)
    victim, conversation_id = _taken(db, counsellor)
    assert transcript.transcript(db, victim, conversation_id).text.splitlines()[1:2] == [
        "Conversation avec le 3018 du 29/11/2026"]
    assert len(transcript.transcript(db, victim, conversation_id).text.splitlines()) == 4


# ---- access ---------------------------------------------------------------------------------


def test_another_victims_conversation_is_not_found(db) -> None:
    _, _, conversation_id = _chat(db)
    stranger = _victim(db)
    for asked in (conversation_id, MADE_UP_ID):
        with _refused("not_found"):  # the same answer whether it exists or not
            transcript.transcript(db, stranger, asked)


def test_a_locked_victim_is_refused(db) -> None:
    token = victims.start(db)
    victim = victims.resolve(db, token)
    counsellor = _staff(db)
    conversation = chat.open_conversation(db, victim, topics=[], urgency=0, consent=True,
                                             now=STARTED)
    chat.take_next(db, counsellor)
    chat.post_victim_message(db, victim, conversation.id, "secret")
    victims.set_pin(db, victim, "2580")
    victims.lock_now(db, victim)
    locked = victims.resolve(db, token)
    assert locked.locked
    with _refused("locked"):
        transcript.transcript(db, locked, conversation.id)
    with _refused("locked"):  # even a principal built by hand
        transcript.transcript(db, dataclasses.replace(victim, locked=True), conversation.id)
    assert db.exec(select(Message)).one()  # nothing touched
