"""Page objects for the end-to-end tests, named after what a person sees on screen.

Each wraps a Playwright page and passes anything it does not know on to it, so a test
keeps its own locators for what it checks and uses these for the steps it repeats."""

from tests.e2e.pages.quiz import QuizEditor, QuizPage
from tests.e2e.pages.staff import Console, SecurityPage, StaffLogin
from tests.e2e.pages.victim import LockScreen, RestorePage, SpacePage, TalkPage, VictimHome

__all__ = ["Console", "LockScreen", "QuizEditor", "QuizPage", "RestorePage", "SecurityPage",
           "SpacePage", "StaffLogin", "TalkPage", "VictimHome"]
