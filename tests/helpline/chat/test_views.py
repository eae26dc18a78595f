"""The read models and form shapes the chat pages call: one call per page event, the
domain events to publish listed with what it read."""

import pytest

from helpline import chat, events
from helpline.text import InputError
from tests.helpline.chat.test_service import _refused, _staff, _taken, _victim, _waiting


def test_a_post_with_bad_text_keeps_the_pages_id_so_it_is_never_resent() -> None:
    post = chat.PostMessage.from_form({"send_id": "a1", "text": "\ud800"})
    assert (post.send_id, post.error) == ("a1", "invalid")
    with pytest.raises(InputError, match=r"^invalid$"):
        post.checked()
    assert chat.PostMessage.from_form({"send_id": "é", "text": "salut"}).send_id == ""


def test_the_pre_chat_form_keeps_known_topics_and_a_whole_urgency() -> None:
    start = chat.ChatStart.from_form({"topic_threats": "on", "topic_nope": "on",
                                      "urgency": "2", "consent": "true"})
    assert (start.topics, start.urgency, start.consent) == (["threats"], 2, True)
    assert chat.ChatStart.from_form({"urgency": ""}).urgency == 0
    with pytest.raises(InputError):
        chat.ChatStart.from_form({"urgency": "²"})


def test_a_survey_that_is_not_whole_numbers_is_refused_kindly() -> None:
    with _refused("survey_invalid"):
        chat.Survey.from_form({"satisfaction": "1.5", "helped": "2"})
    assert chat.Survey.from_form({"satisfaction": "3", "helped": "1"}) == chat.Survey(3, 1)


def test_a_handover_reads_a_colleague_or_a_specialty() -> None:
    assert chat.Handover.from_form("c1", {"to": "7", "note": "n"}).to_staff == 7
    handover = chat.Handover.from_form("c1", {"to": "specialty:legal"})
    assert (handover.to_staff, handover.specialty) == (None, "legal")


def test_a_victims_message_lists_the_events_to_publish(db) -> None:
    victim, conversation = _waiting(db)
    sent = chat.victim_send(db, victim=victim, post=chat.PostMessage("s1", "bonjour"),
                            shown=conversation.id, status="waiting", after=0, unread=False)
    assert [m.text for m in sent.update.messages] == ["bonjour"]
    assert sent.place.position == 1
    assert sent.events == [events.MessagePosted(conversation.id, sender="victim"),
                           events.QueueChanged()]


def test_a_victim_with_nothing_open_cannot_post(db) -> None:
    with _refused("not_found"):
        chat.victim_send(db, victim=_victim(db), post=chat.PostMessage("s1", "allô"),
                         shown="", status="", after=0, unread=False)


def test_the_console_closes_a_conversation_that_is_no_longer_theirs(db) -> None:
    camille, sam = _staff(db), _staff(db, "Sam")
    _victim_of, conversation = _taken(db, camille)
    view = chat.console_view(db, staff=sam, current=conversation.id)
    assert view.current == "" and view.update is None and view.case is None


def test_the_console_tells_the_young_person_their_messages_arrived(db) -> None:
    camille = _staff(db)
    victim, conversation = _taken(db, camille)
    chat.post_victim_message(db, victim, conversation.id, "tu es là ?")
    view = chat.console_view(db, staff=camille, everything=False)
    assert view.queue is None and [h.undelivered for h in view.held] == [1]
    assert view.events == [events.MessagesRead(conversation.id)]
    opened = chat.console_view(db, staff=camille, opening=conversation.id)
    assert opened.current == conversation.id and opened.case is not None
    assert [m.text for m in opened.update.messages] == ["tu es là ?"]


def test_a_take_shows_the_conversation_and_tells_every_queue(db) -> None:
    camille = _staff(db)
    _victim_of, conversation = _waiting(db)
    view = chat.staff_take_next(db, staff=camille, shown="", after=0, unread=False,
                                locale="fr")
    assert view.current == conversation.id and view.full and view.queue is not None
    assert view.for_others == [events.ConversationChanged(conversation.id)]
    assert view.events[-1] == events.QueueChanged()


def test_a_handover_closes_the_conversation_it_hands_on(db) -> None:
    camille = _staff(db)
    _victim_of, conversation = _taken(db, camille)
    handover = chat.Handover.from_form(conversation.id, {"to": "specialty:legal"})
    view = chat.staff_hand_over(db, staff=camille, handover=handover, current=conversation.id,
                                shown=conversation.id, after=0, unread=True, locale="fr")
    assert view.current == "" and view.update is None
    assert view.for_others == [events.ConversationTransferred(conversation.id, to_staff=None)]
    assert view.events == [events.QueueChanged()]


def test_a_wrap_up_tells_the_conversations_pages(db) -> None:
    camille = _staff(db)
    _victim_of, conversation = _taken(db, camille)
    view = chat.staff_wrap_up(db, staff=camille, conversation_id=conversation.id,
                              wrap=chat.WrapUp("listened", "Écouté."), locale="fr")
    assert view.current == "" and view.held == []
    assert view.for_others == [events.ConversationChanged(conversation.id)]


def test_a_left_message_leaves_the_queue_and_a_refusal_still_shows_the_chat(db) -> None:
    victim, conversation = _waiting(db)
    view = chat.victim_leave_message(db, victim=victim, shown=conversation.id, after=0,
                                     unread=False)
    assert (view.current.status, view.refused) == ("message_left", "")
    assert view.events == [events.QueueChanged()]
    answered = chat.staff_answer_left(db, staff=_staff(db), conversation_id=conversation.id,
                                      shown="", after=0, unread=False, locale="fr")
    assert answered.current == conversation.id and answered.events == []
    again = chat.victim_leave_message(db, victim=_victim(db), shown=conversation.id, after=0,
                                      unread=False)
    assert again.current is None and again.refused != "" and again.events == []


def test_contenus_forms_read_a_rule_and_an_answer_once() -> None:
    rule = chat.NewRule.from_form({"label": "threats", "locale": "fr", "pattern": "",
                                   "phrases": "il va me tuer\n\n  je vais te retrouver ",
                                   "priority": "high", "new_label": ""})
    assert (rule.category, rule.priority) == ("threats", "high")
    assert rule.phrase_list == ["il va me tuer", "  je vais te retrouver "]
    assert chat.NewRule.from_form({"label": "threats", "new_label": " racket "}).category == (
        "racket")
    with pytest.raises(InputError, match=r"^invalid$"):
        chat.CannedAnswer.from_form({"team": "all", "title": "t", "body": ["x"]})
