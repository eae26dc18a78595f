"""The victim's screens: home, « Parler » (the pre-chat form, then the chat), « Mon espace »,
the lock screen over every page, « Retrouver mon espace »."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages.base import Screen


class VictimHome(Screen):
    def open(self) -> VictimHome:
        self.page.goto(self.app_url + "/")
        expect(self.page.get_by_role("heading", level=1)).to_be_visible()
        return self

    def skip_to_content(self) -> None:
        """Tab past « Quitter vite » to the skip link, and follow it with Enter."""
        self.page.keyboard.press("Tab")
        self.page.keyboard.press("Tab")
        expect(self.page.get_by_role("link", name="Aller au contenu")).to_be_focused()
        self.page.keyboard.press("Enter")


class TalkPage(Screen):
    @property
    def message_box(self):
        return self.page.get_by_label("Ton message")

    @property
    def log(self):
        return self.page.get_by_role("log")

    def open(self) -> TalkPage:
        self.page.goto(self.app_url + "/parler")
        self.page.wait_for_load_state("networkidle")
        return self

    def consent_and_start(self) -> None:
        """Tick the pre-chat's consent alone and ask for a counsellor."""
        self.page.locator("#chat-consent").check()
        self.page.get_by_role("button", name="Parler à un écoutant").click()

    def send(self, text: str) -> None:
        self.message_box.fill(text)
        self.page.get_by_role("button", name="Envoyer").click()

    def start(self, first_message: str | None = None) -> TalkPage:
        """Into the queue through the pre-chat's consent alone, then a first message if any."""
        self.open().consent_and_start()
        if first_message is None:
            expect(self.page.get_by_text("Un·e écoutant·e va te répondre.")).to_be_visible()
            return self
        self.send(first_message)
        expect(self.log).to_contain_text(first_message)
        return self


PROFILE, DEVICES, PIN = "Ce que tu veux nous dire de toi", "Mes appareils", "Mon code PIN"
ERASE = "Supprimer mon compte"


def unfold(page, section: str) -> None:
    """Open one of « Mon espace »'s sections, folded behind its heading, as a person
    taps the heading (and leave an open one open)."""
    summary = page.locator("summary", has=page.get_by_role("heading", name=section))
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


class SpacePage(Screen):
    def open(self) -> SpacePage:
        self.page.goto(self.app_url + "/espace")
        wait_for_victim_cookie(self.page, self.app_url)  # a first visit reloads once
        expect(self.page.get_by_role("heading", level=1, name="Mon espace")).to_be_visible()
        return self


    def save_pin(self, pin: str) -> None:
        unfold(self.page, PIN)
        self.fill_and_press("Nouveau code PIN", pin, "Enregistrer le code PIN")


class LockScreen(Screen):
    """What covers every victim page while the space is locked."""

    def unlock(self, pin: str) -> None:
        self.fill_and_press("Code PIN", pin, "Déverrouiller")


class RestorePage(Screen):
    path = "/retrouver"

    def restore(self, code: str) -> None:
        """Type a recovery code and ask for the space it opens."""
        self.fill_and_press("Code de récupération", code, "Retrouver mon espace")


def wait_for_victim_cookie(page, app_url: str) -> dict:
    for _ in range(50):
        found = [c for c in page.context.cookies(app_url) if c["name"] == "abri_victim"]
        if found:
            page.wait_for_load_state("networkidle")
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError("no session cookie was set")
