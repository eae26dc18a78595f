"""The quiz « Suis-je harcelé·e ? » in Chromium: the keyboard alone to a result, shown to
a counsellor; reduced motion honoured; a version published mid-quiz leaves the young
person on theirs."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import Console, QuizEditor, QuizPage, StaffLogin

SHOTS = "/work/shots/quiz"
QUESTIONS = 14  # the demo version
THREATS = 7  # « Est-ce qu'on te menace… » (the demo's 7th question)


def _storage(page) -> dict:
    return json.loads(page.evaluate(
        "JSON.stringify({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"))


def _motion(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return {animation: s.animationDuration, transition: s.transitionDuration}; }")


def test_the_quiz_by_keyboard_to_a_result_shown_to_a_counsellor(
        browser, page, app_url, quiet_helpline) -> None:
    page.set_viewport_size(PHONE)
    quiz = QuizPage(page, app_url).open()
    storage_before = _storage(page)
    cookies_before = sorted(c["name"] for c in page.context.cookies())
    screenshot(page, "quiz-intro-phone")
    page.screenshot(path=f"{SHOTS}/intro-phone.png", full_page=True)
    quiz.begin()
    expect(quiz.progress).to_have_text(f"Question 1 sur {QUESTIONS}")
    assert _motion(page, ".abri-quiz-step")["animation"] != "0s"  # it does move, normally
    quiz.settled()
    page.screenshot(path=f"{SHOTS}/question-phone.png", full_page=True)
    for number in range(1, THREATS):
        quiz.answer(0)
        expect(quiz.progress).to_have_text(f"Question {number + 1} sur {QUESTIONS}")
        expect(quiz.question).to_be_focused()  # the keyboard lands on the new question
    threat = quiz.question.inner_text()
    assert "menace" in threat
    quiz.answer(1)  # « Une ou deux fois »
    expect(quiz.progress).to_have_text(f"Question {THREATS + 1} sur {QUESTIONS}")
    # Back: the answer given is still there, and changing it is possible.
    quiz.back()
    expect(quiz.question).to_have_text(threat)
    expect(quiz.question).to_be_focused()
    expect(page.get_by_role("radio", name="Une ou deux fois")).to_be_checked()
    quiz.answer(0)  # the choice given stays chosen: « Une ou deux fois » again
    for number in range(THREATS + 1, QUESTIONS):
        expect(quiz.progress).to_have_text(f"Question {number} sur {QUESTIONS}")
        quiz.answer(0)
    expect(quiz.progress).to_have_text(f"Question {QUESTIONS} sur {QUESTIONS}")
    quiz.answer(0, last=True)

    result = page.get_by_role("heading", level=2, name="Tu mérites d'être protégé·e, maintenant")
    expect(result).to_be_focused()
    expect(page.get_by_role("heading", level=4, name="Menaces")).to_be_visible()
    expect(page.get_by_text("222-17")).to_be_visible()
    expect(page.get_by_role("link", name="Le 112 : urgences")).to_have_attribute("href",
                                                                              "tel:112")
    expect(page.get_by_role("link", name="Parler à un écoutant maintenant")).to_be_visible()
    quiz.settled()
    page.screenshot(path=f"{SHOTS}/result-phone.png", full_page=True)
    # Nothing of the quiz went to the browser's storage or cookies.
    assert _storage(page) == storage_before
    assert sorted(c["name"] for c in page.context.cookies()) == cookies_before

    quiz.tab_to(page.get_by_role("button", name="Montrer mes réponses au conseiller"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("C'est fait")).to_be_visible()
    page.get_by_role("link", name="Aller à la conversation").click()
    expect(page.get_by_role("log")).to_contain_text("Résultat du quiz")  # theirs too
    page.screenshot(path=f"{SHOTS}/chat-phone.png", full_page=True)

    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    staff.take_next()
    expect(staff.log).to_contain_text("Résultat du quiz « Suis-je harcelé·e ? »")
    expect(staff.log).to_contain_text("Menaces")
    expect(staff.log).to_contain_text("danger")
    case = staff.get_by_role("complementary", name="Dossier")
    expect(case).to_contain_text("Quiz « Suis-je harcelé·e ? »")
    expect(case).to_contain_text("Menaces")
    staff.screenshot(path=f"{SHOTS}/console-desktop.png", full_page=True)
    staff_ctx.close()


def test_reduced_motion_turns_the_quiz_still(browser, app_url) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    quiz = QuizPage(page, app_url).open()
    quiz.begin()
    step = _motion(page, ".abri-quiz-step")
    assert step == {"animation": "0s", "transition": "0s"}
    assert _motion(page, ".abri-quiz-fill")["transition"] == "0s"
    page.screenshot(path=f"{SHOTS}/question-desktop.png", full_page=True)
    quiz.answer(0)
    page.goto(app_url + "/en/quiz")  # the other language, mid-quiz: the answers stay
    expect(page.get_by_role("status").filter(has_text="Question")).to_have_text(
        f"Question 2 of {QUESTIONS}")
    expect(page.locator("legend")).to_have_text(
        "Do people insult you online, in comments, private messages or group chats?")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_role("radio", name="Never")).to_be_checked()
    assert _motion(page, ".abri-quiz-step")["animation"] == "0s"
    page.screenshot(path=f"{SHOTS}/question-en-desktop.png", full_page=True)
    context.close()


def test_a_version_published_mid_quiz_leaves_the_young_person_on_theirs(
        browser, page, app_url) -> None:
    quiz = QuizPage(page, app_url).open()
    quiz.begin()
    quiz.answer(0)
    second = quiz.question.inner_text()
    quiz.back()  # on question 1, mid-quiz
    expect(quiz.progress).to_have_text(f"Question 1 sur {QUESTIONS}")

    staff_ctx = browser.new_context(viewport=DESKTOP)
    staff = staff_ctx.new_page()
    StaffLogin(staff, app_url).sign_in("superviseur@abri.example")
    expect(staff.get_by_role("heading", level=1, name="Console")).to_be_visible()
    staff.goto(app_url + "/staff/contenus")
    staff.get_by_role("link", name="Modifier le quiz « Suis-je harcelé·e ? »").click()
    editor = QuizEditor(staff, app_url)
    expect(staff.get_by_role("heading", level=1)).to_have_text("Quiz « Suis-je harcelé·e ? »")
    editor.type_question(2, "Est-ce qu'on t'insulte, d'après la nouvelle version ?")
    expect(editor.preview).to_have_text(  # live, before anything is saved
        "Est-ce qu'on t'insulte, d'après la nouvelle version ?")
    editor.save_question()
    expect(editor.preview).to_have_text(
        "Est-ce qu'on t'insulte, d'après la nouvelle version ?")
    staff.screenshot(path=f"{SHOTS}/editor-desktop.png", full_page=True)
    editor.publish()

    quiz.answer(0)
    expect(quiz.question).to_have_text(second)  # the version they started
    for _number in range(2, QUESTIONS):
        quiz.answer(0)
    quiz.answer(0, last=True)
    expect(page.get_by_role("heading", level=2, name="Rien d'inquiétant pour l'instant")
           ).to_be_visible()
    page.set_viewport_size(DESKTOP)
    quiz.settled()
    page.screenshot(path=f"{SHOTS}/result-none-desktop.png", full_page=True)

    newcomer_ctx = browser.new_context(viewport=PHONE)
    newcomer = QuizPage(newcomer_ctx.new_page(), app_url).open()
    newcomer.begin()
    newcomer.answer(0)
    expect(newcomer.question).to_have_text(
        "Est-ce qu'on t'insulte, d'après la nouvelle version ?")
    newcomer_ctx.close()
    staff_ctx.close()
