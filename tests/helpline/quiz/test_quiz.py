"""The quiz: versions a young person keeps to the end, scoring, publishing only what is
translated, who may edit, and a result shown to a counsellor weighing in the queue."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from sqlmodel import select

from helpline import chat, quiz
from helpline.chat import risk
from helpline.chat.triage import open_triage
from helpline.models import AuditEntry, Conversation, Message, QuizResult, QuizVersion
from tests.factories import OPEN_AT, quiz_version, staff, victim

NEVER, SOMETIMES, OFTEN = 0, 1, 2


def _answers(db, **picked: int) -> list[int]:
    """"Never" to every question but the forms named (form key → choice index)."""
    document = quiz.published_document(db, quiz.current_version(db))
    return [picked.get(q["form"], NEVER) for q in document["questions"]]


def _question(document: dict, form: str) -> int:
    return next(n for n, q in enumerate(document["questions"]) if q["form"] == form)


def _edit(document: dict, index: int, **changes) -> quiz.QuestionEdit:
    question = document["questions"][index]
    form = {"form": question["form"],
            **{f"text_{lo}": question["text"][lo] for lo in ("fr", "en")},
            **{f"help_{lo}": question["help"][lo] for lo in ("fr", "en")},
            **{f"weight_{n}": str(c["weight"]) for n, c in enumerate(question["choices"])},
            **changes}
    return quiz.QuestionEdit.from_form(form)


# ---- the demo version ----------------------------------------------------------------------


def test_the_demo_quiz_is_published_complete_in_both_languages(db) -> None:
    version = quiz_version(db)
    document = quiz.published_document(db, version)
    assert quiz.problems(document) == []
    assert 12 <= len(document["questions"]) <= 15
    french, english = quiz.take(db, "fr").questions, quiz.take(db, "en").questions
    assert len(french) == len(english) == len(document["questions"])
    assert french[0].text != english[0].text
    assert french[0].choices == ("Jamais", "Une ou deux fois", "Souvent")


# ---- scoring --------------------------------------------------------------------------------


def test_no_harassment_names_nothing_and_weighs_nothing(db) -> None:
    quiz_version(db)
    outcome = quiz.result(db, quiz.current_version(db), _answers(db), "fr")
    assert (outcome.kind, outcome.forms, outcome.topics, outcome.urgency) == ("none", (), (), 0)


def test_the_result_names_the_forms_heaviest_first_with_their_law(db) -> None:
    quiz_version(db)
    outcome = quiz.result(db, quiz.current_version(db),
                          _answers(db, rumours=SOMETIMES, impersonation=OFTEN), "fr")
    assert outcome.kind == "found"
    assert [f.key for f in outcome.forms] == ["impersonation", "rumours"]
    assert "226-4-1" in outcome.forms[0].law
    assert "faute" in outcome.body  # it says plainly it is not their fault
    assert outcome.topics == ("impersonation", "rumours")
    assert outcome.urgency == 2


@pytest.mark.parametrize("form", ["threats", "sextortion", "distress"])
def test_an_answer_pointing_to_danger_asks_for_the_emergency_numbers(db, form) -> None:
    quiz_version(db)
    outcome = quiz.result(db, quiz.current_version(db), _answers(db, **{form: SOMETIMES}), "en")
    assert outcome.danger and outcome.urgency == 3


@pytest.mark.parametrize("answers", [[], [0] * 3, [9] * 14, ["0"] * 14, [True] * 14, None])
def test_answers_no_page_sends_are_refused(db, answers) -> None:
    version = quiz_version(db)
    with pytest.raises(quiz.QuizError, match="answers_invalid"):
        quiz.result(db, version, answers, "fr")


# ---- versions -------------------------------------------------------------------------------


def test_a_quiz_started_is_finished_on_its_version(db) -> None:
    first = quiz_version(db)
    supervisor = staff(db, "Sam", roles=("supervisor",))
    started = quiz.take(db, "fr")  # a young person opens the quiz
    draft = quiz.editor(db, supervisor)
    index = _question(draft.document, "rumours")
    quiz.save_question(db, supervisor, index,
                       _edit(draft.document, index, text_fr="Nouvelle question ?",
                             weight_1="0", weight_2="0"))
    second = quiz.publish(db, supervisor)
    assert second != first and quiz.current_version(db) == second
    # The one who started goes on with the version they started: its text, its weights.
    assert quiz.take(db, "fr", started.version_id).questions == started.questions
    assert quiz.take(db, "fr").questions[index].text == "Nouvelle question ?"
    rumours = _answers(db, rumours=OFTEN)
    assert [f.key for f in quiz.result(db, first, rumours, "fr").forms] == ["rumours"]
    assert quiz.result(db, second, rumours, "fr").forms == ()
    published = db.exec(select(QuizVersion).where(QuizVersion.status == "published")).all()
    assert len(published) == 2
    actions = [a.action for a in db.exec(select(AuditEntry)).all()]
    assert {"quiz.draft", "quiz.edit", "quiz.publish"} <= set(actions)


def test_editing_the_draft_leaves_the_published_version_alone(db) -> None:
    version = quiz_version(db)
    before = copy.deepcopy(quiz.published_document(db, version))
    supervisor = staff(db, "Sam", roles=("supervisor",))
    draft = quiz.editor(db, supervisor)
    quiz.save_question(db, supervisor, 0, _edit(draft.document, 0, text_en="Changed?"))
    db.expire_all()
    assert db.get(QuizVersion, version).document == before
    assert quiz.preview(db, supervisor, "en")[0].text == "Changed?"
    with pytest.raises(quiz.QuizError, match="not_found"):  # drafts are not for the quiz page
        quiz.take(db, "en", quiz.editor(db, supervisor).draft_id)


@pytest.mark.parametrize("emptied", ["text_en", "text_fr", "help_en"])
def test_a_version_missing_a_translation_cannot_be_published(db, emptied) -> None:
    version = quiz_version(db)
    supervisor = staff(db, "Sam", roles=("supervisor",))
    draft = quiz.editor(db, supervisor)
    index = next(n for n, q in enumerate(draft.document["questions"]) if q["help"]["fr"])
    shown = quiz.save_question(db, supervisor, index, _edit(draft.document, index,
                                                            **{emptied: "  "}))
    assert [p.code for p in shown.problems] == ["missing_translation"]
    with pytest.raises(quiz.QuizError, match="missing_translation"):
        quiz.publish(db, supervisor)
    assert quiz.current_version(db) == version


def test_a_result_text_missing_a_translation_cannot_be_published(db) -> None:
    quiz_version(db)
    supervisor = staff(db, "Sam", roles=("supervisor",))
    quiz.save_result(db, supervisor, "found", quiz.ResultEdit.from_form(
        {"title_fr": "Titre", "title_en": "", "body_fr": "Texte", "body_en": "Text"}))
    with pytest.raises(quiz.QuizError, match="missing_translation"):
        quiz.publish(db, supervisor)


@pytest.mark.parametrize("bad", [{"weight_0": "7"}, {"weight_0": "-1"}, {"form": "nope"},
                                 {"text_fr": "x" * 301}])
def test_an_edit_no_editor_sends_is_refused_and_nothing_changes(db, bad) -> None:
    quiz_version(db)
    supervisor = staff(db, "Sam", roles=("supervisor",))
    draft = quiz.editor(db, supervisor)
    with pytest.raises(quiz.QuizError if "text_fr" not in bad else Exception):
        quiz.save_question(db, supervisor, 0, _edit(draft.document, 0, **bad))
    assert quiz.editor(db, supervisor).document == draft.document


@pytest.mark.parametrize("roles", [("counsellor",), ("specialist",), ("admin",)])
def test_only_supervisors_edit_or_publish(db, roles) -> None:
    quiz_version(db)
    other = staff(db, "Alex", roles=roles)
    supervisor = staff(db, "Sam", roles=("supervisor",))
    draft = quiz.editor(db, supervisor)
    for attempt in (lambda: quiz.editor(db, other), lambda: quiz.publish(db, other),
                    lambda: quiz.save_question(db, other, 0, _edit(draft.document, 0)),
                    lambda: quiz.publish(db, None)):
        with pytest.raises(quiz.QuizError, match="forbidden"):
            attempt()


def test_a_victim_cannot_publish(db) -> None:
    quiz_version(db)
    young = victim(db)
    with pytest.raises(quiz.QuizError, match="forbidden"):
        quiz.publish(db, young)  # a victim principal holds no staff role


# ---- showing a result to a counsellor ------------------------------------------------------


def test_showing_the_result_opens_a_conversation_weighted_as_the_pre_chat(db) -> None:
    version = quiz_version(db)
    young = victim(db)
    shown = quiz.show_to_counsellor(db, young, version, _answers(db, sextortion=OFTEN), "fr",
                                    now=OPEN_AT)
    row = db.get(Conversation, shown.conversation_id)
    assert row.status == "waiting"
    told = open_triage(row.id, row.triage_enc)
    assert (told.topics, told.urgency) == (("intimate_images",), 3)
    assert row.priority == risk.base_priority(["intimate_images"], 3)
    thread = chat.victim_history(db, young, row.id)
    assert [m.sender for m in thread] == [quiz.QUIZ_SENDER]
    assert "Chantage (sextorsion)" in thread[0].text and "danger" in thread[0].text
    stored = db.exec(select(QuizResult)).one()
    assert (stored.version_id, stored.conversation_id) == (version, row.id)
    assert b"sextorsion" not in stored.summary_enc  # sealed, and no answers kept


def test_showing_the_result_in_a_conversation_raises_its_priority(db) -> None:
    version = quiz_version(db)
    young = victim(db)
    opened = chat.open_conversation(db, young, topics=["insults"], urgency=0, consent=True,
                                    now=OPEN_AT)
    before = db.get(Conversation, opened.id).priority
    quiz.show_to_counsellor(db, young, version, _answers(db, threats=SOMETIMES), "fr")
    row = db.get(Conversation, opened.id)
    assert row.priority == risk.base_priority(["insults", "threats"], 3) > before
    counsellor = staff(db, "Camille")
    assert chat.take_next(db, counsellor).id == opened.id
    seen = chat.staff_history(db, counsellor, opened.id)
    assert seen[-1].sender == quiz.QUIZ_SENDER and "Menaces" in seen[-1].text
    case = [r.forms for r in quiz.results_for_victim(db, young.victim_id)]
    assert case == [["Menaces"]]


def test_a_result_shown_twice_never_lowers_the_priority(db) -> None:
    version = quiz_version(db)
    young = victim(db)
    first = quiz.show_to_counsellor(db, young, version, _answers(db, threats=OFTEN), "fr",
                                    now=OPEN_AT)
    high = db.get(Conversation, first.conversation_id).priority
    again = quiz.show_to_counsellor(db, young, version, _answers(db), "fr")
    assert again.conversation_id == first.conversation_id
    assert db.get(Conversation, first.conversation_id).priority == high
    assert len(db.exec(select(Message)).all()) == 2


def test_a_locked_space_shows_nothing(db) -> None:
    version = quiz_version(db)
    young = victim(db)
    locked = dataclasses.replace(young, locked=True)
    with pytest.raises(quiz.QuizError, match="locked"):
        quiz.show_to_counsellor(db, locked, version, _answers(db), "fr")
    assert db.exec(select(Conversation)).first() is None
