"""The staff workspace's screens: the sign-in form, the counselling console and the
two-factor page « Sécurité »."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.pages.base import DESKTOP, Screen


class StaffLogin(Screen):
    def sign_in(self, email: str, *, password: str | None = None, code: str = "") -> None:
        """Sign a staff member in through the real login form."""
        from helpline.demo import DEMO_STAFF_PASSWORD

        self.page.goto(self.app_url + "/staff/login")
        self.page.get_by_label("Adresse e-mail").fill(email)
        self.page.get_by_label("Mot de passe").fill(
            DEMO_STAFF_PASSWORD if password is None else password)
        if code:
            self.page.get_by_label("Code de vérification").fill(code)
        self.page.get_by_role("button", name="Se connecter", exact=True).click()


class Console(Screen):
    @classmethod
    def signed_in(cls, browser, app_url: str, email: str, **context_options):
        """A counsellor in a browser of their own, on the console: (context, console)."""
        context = browser.new_context(viewport=DESKTOP, **context_options)
        page = context.new_page()
        StaffLogin(page, app_url).sign_in(email)
        expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
        return context, cls(page, app_url)

    @property
    def log(self):
        return self.page.get_by_role("log")

    @property
    def reply_box(self):
        return self.page.get_by_label("Réponse", exact=True)

    def take_next(self) -> None:
        self.page.get_by_role("button", name="Prendre la suivante").click()

    def unfold(self, tool: str) -> None:
        """Open one of the conversation's tools (« Note pour l'équipe », « Passer la
        main », « Fin de la conversation »), each behind its own click."""
        summary = self.page.locator("summary", has_text=tool)
        if summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()

    def reply(self, text: str) -> None:
        self.reply_box.fill(text)
        self.page.get_by_role("button", name="Envoyer").click()


class SecurityPage(Screen):
    path = "/staff/securite"

    def enable(self, password: str) -> None:
        """Prove it is them with the password, to enrol a first authenticator."""
        self.fill_and_press("Ton mot de passe", password, "Activer la double authentification")

    def confirm(self, code: str) -> None:
        """Type the code the new authenticator shows."""
        self.fill_and_press("Code affiché par l'application", code, "Confirmer")
