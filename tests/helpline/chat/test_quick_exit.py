"""Quick exit mid-chat: the counsellor is told, the conversation waits for a return,
then closes as "left"."""

from datetime import timedelta

from helpline import chat
from helpline.chat import quick_exit
from helpline.identity import victims
from helpline.jobs import housekeeping
from helpline.models import Conversation
from helpline.models._common import utcnow
from tests.factories import staff as _staff


def _in_chat(db):
    token = victims.start(db)
    victim = victims.resolve(db, token)
    conversation = chat.open_conversation(db, victim, topics=[], urgency=0, consent=True)
    chat.post_victim_message(db, victim, conversation.id, "ils sont derrière moi")
    db.commit()
    return token, victim, conversation


def _notes(db, staff, conversation_id):
    return [m.text for m in chat.staff_history(db, staff, conversation_id) if m.internal]


def test_a_quick_exit_mid_chat_keeps_it_and_tells_the_counsellor(db) -> None:
    counsellor = _staff(db)
    token, victim, conversation = _in_chat(db)
    chat.take_next(db, counsellor)
    db.commit()
    assert quick_exit.quick_exit(token) == conversation.id
    db.expire_all()
    assert _notes(db, counsellor, conversation.id) == [
        "La personne a quitté rapidement (« Quitter vite ») — elle peut revenir : "
        "la conversation reste ouverte 30 min."]
    # The young person reads nothing of it…
    assert [m.text for m in chat.victim_history(db, victim, conversation.id)] == [
        "ils sont derrière moi"]
    # …and, back on « Parler », finds the conversation going on.
    back = victims.resolve(db, token)
    view = chat.victim_view(db, victim=back)
    assert view.current.id == conversation.id and view.current.status == "active"
    assert _notes(db, counsellor, conversation.id)[-1] == "La personne est revenue."
    assert db.get(Conversation, conversation.id).left_quickly_at is None


def test_without_a_return_it_closes_as_left(db) -> None:
    token, _victim, conversation = _in_chat(db)
    assert quick_exit.quick_exit(token) == conversation.id
    db.expire_all()
    assert quick_exit.close_abandoned(db, utcnow() + timedelta(minutes=29)) == []
    assert quick_exit.close_abandoned(db, utcnow() + timedelta(minutes=31)) == [conversation.id]
    row = db.get(Conversation, conversation.id)
    assert (row.status, row.ended_by) == ("ended", "left")
    assert chat.current_conversation(db, victims.resolve(db, token)) is None


def test_the_periodic_task_closes_them(db, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_CHAT_QUICK_EXIT_KEEP_MINUTES", "1")
    from helpline.config import get_settings
    get_settings.cache_clear()
    try:
        _token, victim, conversation = _in_chat(db)
        quick_exit.left_quickly(db, victim.victim_id, now=utcnow() - timedelta(minutes=2))
        db.commit()
        assert housekeeping.close_left_conversations.call_local() == 1
        db.expire_all()
        assert db.get(Conversation, conversation.id).ended_by == "left"
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_without_a_live_conversation_the_exit_ends_everything(db) -> None:
    token = victims.start(db)
    db.commit()
    assert quick_exit.quick_exit(token) is None
    assert quick_exit.quick_exit(None) is None
    assert quick_exit.quick_exit("forged") is None
