"""The quiz editor's state: the draft as the service returns it, the piece being
edited, and a preview of it as a young person would see it."""

from __future__ import annotations

from helpline import quiz
from helpline.i18n import LOCALES, t
from helpline.models import Role
from staff_app.state import StaffState, current_staff, staff_event
from uikit.attempt import REFUSED, attempt

FIELDS = {"result": ("title", "body"), "form": ("name", "explain", "law")}


class QuizEditorState(StaffState):
    draft_id: int = 0
    versions: list[dict[str, str]] = []
    problems: list[str] = []
    questions: list[dict[str, str]] = []  # index, label, form
    form_keys: list[dict[str, str]] = []  # key, name
    index: int = 0  # the question being edited
    question: dict[str, str] = {}  # form, text_fr, text_en, help_fr, help_en
    weights: list[dict[str, str]] = []  # n, label, weight
    result_kind: str = "found"
    result: dict[str, str] = {}
    form_key: str = ""
    form_texts: dict[str, str] = {}
    preview_locale: str = "fr"
    preview_text: str = ""
    preview_help: str = ""
    preview_choices: list[str] = []
    error: str = ""
    done: str = ""  # "saved" or "published": said once
    published: int = 0
    remount: int = 0  # changes to re-mount the forms with what is being edited
    locale: str = "fr"
    _document: dict = {}

    def _show(self, view: quiz.EditorView) -> None:
        document = self._document = view.document
        forms = document.get("forms", {})
        self.draft_id = view.draft_id
        self.versions = [{"id": str(v.id), "status": v.status,
                          "published": v.published_at.strftime("%d/%m/%Y %H:%M")
                          if v.published_at else ""} for v in view.versions]
        self.problems = [" · ".join(x for x in (p.place, p.locale,
                                                t(self.locale, f"quiz_editor.problem.{p.code}"))
                                    if x) for p in view.problems]
        self.questions = [{"index": str(n), "label": f"{n + 1}. {q['text'].get('fr', '')}",
                           "form": q["form"]} for n, q in enumerate(document["questions"])]
        self.form_keys = [{"key": k, "name": f["name"].get(self.locale, k)}
                          for k, f in forms.items()]
        self.form_key = self.form_key if self.form_key in forms else next(iter(forms), "")
        self.index = min(self.index, len(document["questions"]) - 1)
        question = document["questions"][self.index]
        self.question = {"form": question["form"],
                         **{f"{f}_{lo}": question.get(f, {}).get(lo, "")
                            for f in ("text", "help") for lo in LOCALES}}
        self.weights = [{"n": str(n), "label": " / ".join(c["label"].get(lo, "")
                                                          for lo in LOCALES),
                         "weight": str(c["weight"])} for n, c in enumerate(question["choices"])]
        self.result = self._texts(document.get("results", {}).get(self.result_kind, {}),
                                  FIELDS["result"])
        self.form_texts = self._texts(forms.get(self.form_key, {}), FIELDS["form"])
        self._preview()
        self.remount += 1

    @staticmethod
    def _texts(source: dict, fields: tuple[str, ...]) -> dict[str, str]:
        return {f"{f}_{lo}": source.get(f, {}).get(lo, "") for f in fields for lo in LOCALES}

    def _preview(self) -> None:
        shown = quiz.questions_in(self._document, self.preview_locale)[self.index]
        self.preview_text, self.preview_help = shown.text, shown.help
        self.preview_choices = list(shown.choices)

    def _act(self, action, done: str = "saved") -> None:
        self.done = ""
        view = attempt(self, action)  # a form no editor sends is a refusal like any other
        if view is REFUSED:
            return
        self._show(view)
        self.done = done

    @staff_event(Role.supervisor)
    def load(self) -> None:
        self.locale = "en" if "/staff/en" in (self.router.url.path or "") else "fr"
        self.error, self.done = "", ""
        self._act(lambda db: quiz.editor(db, current_staff()), "")

    @staff_event(Role.supervisor)
    def pick_question(self, index: str) -> None:
        picked = str(index)[:3]  # a page sends a question's number, nothing longer
        self.index = int(picked) if picked.isdigit() else 0
        self.done = self.error = ""
        self._act(lambda db: quiz.editor(db, current_staff()), "")

    @staff_event(Role.supervisor)
    def pick_result(self, kind: str) -> None:
        self.result_kind = kind if kind in ("none", "found", "danger") else "found"
        self._act(lambda db: quiz.editor(db, current_staff()), "")

    @staff_event(Role.supervisor)
    def pick_form(self, key: str) -> None:
        self.form_key = str(key)[:40]
        self._act(lambda db: quiz.editor(db, current_staff()), "")

    @staff_event(Role.supervisor)
    def show_preview_in(self, locale: str) -> None:
        self.preview_locale = locale if locale in LOCALES else "fr"
        if self._document:
            self._preview()

    @staff_event(Role.supervisor)
    def type_preview(self, field: str, value: str) -> None:
        """The preview follows the question's text and help as they are typed, before
        anything is saved (only the field in the preview's language shows)."""
        if not isinstance(value, str):
            return
        if field == f"text_{self.preview_locale}":
            self.preview_text = value[:300]
        elif field == f"help_{self.preview_locale}":
            self.preview_help = value.strip()[:400]

    @staff_event(Role.supervisor)
    def save_question(self, form: dict) -> None:
        index = self.index
        self._act(lambda db: quiz.save_question(db, current_staff(), index,
                                                quiz.QuestionEdit.from_form(form)))

    @staff_event(Role.supervisor)
    def save_result(self, form: dict) -> None:
        kind = self.result_kind
        self._act(lambda db: quiz.save_result(db, current_staff(), kind,
                                              quiz.ResultEdit.from_form(form)))

    @staff_event(Role.supervisor)
    def save_form(self, form: dict) -> None:
        key = self.form_key
        self._act(lambda db: quiz.save_form(db, current_staff(), key,
                                            quiz.FormEdit.from_form(form)))

    @staff_event(Role.supervisor)
    def publish(self) -> None:
        """The draft becomes the version young people start from now on."""
        def publish_then_show(db):
            self.published = quiz.publish(db, current_staff())
            return quiz.editor(db, current_staff())

        self._act(publish_then_show, "published")
