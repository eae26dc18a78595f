"""The quiz « Suis-je harcelé·e ? », driven by the keyboard alone, and its editor in
« Contenus »."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import Screen


class QuizPage(Screen):
    path = "/quiz"

    def open(self) -> QuizPage:
        self.page.goto(self.app_url + self.path)
        self.page.wait_for_load_state("networkidle")
        expect(self.page.get_by_role("button", name="Commencer")).to_be_visible()
        return self

    def settled(self) -> None:
        """Every transition on the page has finished (before a screenshot)."""
        self.page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")

    @property
    def question(self) -> Locator:
        return self.page.locator("legend")

    @property
    def progress(self) -> Locator:
        return self.page.get_by_role("status").filter(has_text="Question")

    def tab_to(self, target: Locator, most: int = 30) -> None:
        """Press Tab until ``target`` has the focus, as a keyboard user would."""
        for _ in range(most):
            if target.evaluate("e => e === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError("never reached with Tab")

    def begin(self) -> None:
        self.page.keyboard.press("Tab")
        self.page.keyboard.press("Tab")
        expect(self.page.get_by_role("link", name="Aller au contenu")).to_be_focused()
        self.page.keyboard.press("Enter")
        self.tab_to(self.page.get_by_role("button", name="Commencer"))
        self.page.keyboard.press("Enter")
        expect(self.question).to_be_focused()

    def answer(self, choice: int = 0, last: bool = False) -> None:
        """From the question's legend: into its choices, down to ``choice``, then on to
        the next screen."""
        step = self.page.locator("[data-quiz-step]")
        before = step.get_attribute("data-quiz-step")
        self.page.keyboard.press("Tab")  # into the radio group
        self.page.keyboard.press("Space")  # the first choice (or the one chosen before)
        for _ in range(choice):
            self.page.keyboard.press("ArrowDown")
        self.tab_to(self.page.get_by_role(
            "button", name="Voir le résultat" if last else "Suivant"))
        self.page.keyboard.press("Enter")
        if last:
            expect(step).to_have_count(0)
        else:
            expect(step).not_to_have_attribute("data-quiz-step", before)
        expect(self.page.locator(":focus")).to_be_visible()  # the focus moved with it

    def back(self) -> None:
        self.tab_to(self.page.get_by_role("button", name="Retour"))
        self.page.keyboard.press("Enter")
        expect(self.page.locator(":focus")).to_be_visible()


class QuizEditor(Screen):
    path = "/staff/contenus/quiz"

    @property
    def preview(self) -> Locator:
        return self.page.locator("[data-quiz-preview] legend")

    def type_question(self, number: int, french: str) -> None:
        self.page.locator("#quiz-pick").select_option(str(number - 1))
        expect(self.page.locator("#quiz-pick")).to_have_value(str(number - 1))
        self.page.get_by_label("Question (français)").fill(french)

    def save_question(self) -> None:
        self.page.get_by_role("button", name="Enregistrer le brouillon").first.click()
        expect(self.page.get_by_role("status").filter(has_text="Brouillon enregistré")
               ).to_be_visible()

    def publish(self) -> None:
        self.page.get_by_role("button", name="Publier cette version").click()
        expect(self.page.get_by_role("status").filter(has_text="Publié")).to_be_visible()
