"""The quiz « Suis-je harcelé·e ? »: versioned content supervisors edit and publish, the
scoring of a young person's answers (which stay in their page), and showing a result to a
counsellor when they choose to.

Callers use this one name (``from helpline import quiz``).
"""

from helpline.quiz.attach import QUIZ_SENDER, Shown, show_to_counsellor
from helpline.quiz.content import (
    FormShown,
    Outcome,
    Problem,
    QuestionShown,
    QuizError,
    problems,
    questions_in,
    score,
)
from helpline.quiz.forms import FormEdit, QuestionEdit, ResultEdit
from helpline.quiz.results import QuizResultPublic, results_for_victim
from helpline.quiz.versions import (
    EditorView,
    QuizTaken,
    VersionPublic,
    current_version,
    editor,
    preview,
    publish,
    published_document,
    result,
    save_form,
    save_question,
    save_result,
    take,
)

__all__ = [
    "QUIZ_SENDER",
    "EditorView",
    "FormEdit",
    "FormShown",
    "Outcome",
    "Problem",
    "QuestionEdit",
    "QuestionShown",
    "QuizError",
    "QuizResultPublic",
    "QuizTaken",
    "ResultEdit",
    "Shown",
    "VersionPublic",
    "current_version",
    "editor",
    "preview",
    "problems",
    "publish",
    "published_document",
    "questions_in",
    "result",
    "results_for_victim",
    "save_form",
    "save_question",
    "save_result",
    "score",
    "show_to_counsellor",
    "take",
]
