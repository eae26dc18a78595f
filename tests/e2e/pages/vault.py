"""« Mon coffre-fort », driven as a person would: by roles, labels and visible text.
Files arrive the ways a browser gives them: real drop and paste events carrying a
DataTransfer, or the file picker."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import Screen
from tests.e2e.pages.victim import wait_for_victim_cookie


@dataclass(frozen=True)
class Picked:
    name: str
    data: bytes
    type: str = "application/octet-stream"

    def js(self) -> dict:
        return {"name": self.name, "type": self.type, "b64": base64.b64encode(self.data).decode()}


_TRANSFER = """(files) => {
  const transfer = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
    transfer.items.add(new File([bytes], f.name, {type: f.type}));
  }
  return transfer;
}"""


class VaultPage(Screen):
    def open(self, path: str = "/coffre-fort") -> VaultPage:
        self.page.goto(self.app_url + path)
        wait_for_victim_cookie(self.page, self.app_url)  # a first visit reloads once
        expect(self.page.get_by_role("heading", level=1, name="Mon coffre-fort")).to_be_visible()
        self.page.wait_for_load_state("networkidle")
        return self

    # ---- adding files ------------------------------------------------------------

    @property
    def picker(self) -> Locator:
        return self.page.get_by_label("Ajouter des captures ou des photos")

    @property
    def uploads(self) -> Locator:
        return self.page.get_by_role("list", name="Fichiers en cours d'envoi")

    def upload_row(self, name: str) -> Locator:
        return self.uploads.get_by_role("listitem").filter(has_text=name)

    def drop(self, *files: Picked) -> None:
        """Real dragenter, dragover and drop events on the drop zone."""
        transfer = self.page.evaluate_handle(_TRANSFER, [f.js() for f in files])
        zone = self.page.locator("[data-vault-drop]")
        for kind in ("dragenter", "dragover", "drop"):
            zone.dispatch_event(kind, {"dataTransfer": transfer})

    def paste(self, *files: Picked) -> None:
        """Ctrl/Cmd+V of a copied screenshot: a paste event holding the file, on the page."""
        transfer = self.page.evaluate_handle(_TRANSFER, [f.js() for f in files])
        self.page.evaluate("""(transfer) => document.body.dispatchEvent(new ClipboardEvent(
            "paste", {clipboardData: transfer, bubbles: true, cancelable: true}))""", transfer)

    def wait_kept(self, name: str) -> None:
        expect(self.upload_row(name)).to_contain_text("est dans ton coffre-fort", timeout=20000)

    # ---- the list ----------------------------------------------------------------

    @property
    def items(self) -> Locator:
        return self.page.get_by_role("list", name="Dans ton coffre-fort").get_by_role("listitem")

    def item(self, text: str) -> Locator:
        return self.items.filter(has_text=text)

    def open_item(self, title: str) -> None:
        self.item(title).get_by_role("button").first.click()
        expect(self.page.get_by_role("button", name="Retour à la liste")).to_be_visible()

    def back(self) -> None:
        self.page.get_by_role("button", name="Retour à la liste").click()

    @property
    def fingerprint(self) -> Locator:
        return self.page.locator("[data-vault-hash]")

    # ---- messages and links ------------------------------------------------------

    def add_message(self, text: str, author: str = "", platform: str = "") -> None:
        self.page.get_by_role("button", name="Un message").click()
        self.page.get_by_label("Le message, copié-collé").fill(text)
        if author:
            self.page.get_by_label("Qui l'a envoyé (pseudo)").fill(author)
        if platform:
            self.page.get_by_label("Sur quelle appli ou quel site").select_option(platform)
        self.page.get_by_role("button", name="Garder ce message").click()
        expect(self.page.get_by_text("Le message est dans ton coffre-fort.")).to_be_visible()

    def add_link(self, url: str, description: str = "") -> Locator:
        """Types the address; returns the platform box (guessed when the field is left)."""
        self.page.get_by_role("button", name="Un lien").click()
        self.page.get_by_label("L'adresse de la page (URL)").fill(url)
        self.page.get_by_label("Ce que la page montre").click()  # leaving the address
        if description:
            self.page.get_by_label("Ce que la page montre").fill(description)
        form = self.page.locator("form").filter(
            has=self.page.get_by_label("L'adresse de la page (URL)"))
        return form.get_by_role("combobox")

    def save_link(self) -> None:
        self.page.get_by_role("button", name="Garder ce lien").click()
        expect(self.page.get_by_text("Le lien est dans ton coffre-fort.")).to_be_visible()

    # ---- sharing and removing ----------------------------------------------------

    def tick(self, title: str) -> None:
        box = self.item(title).get_by_role("checkbox")
        box.click()  # the state decides: the box shows ticked once it has answered
        expect(box).to_be_checked()

    def share(self, purpose: str) -> None:
        self.page.get_by_label(purpose).check()
        self.page.get_by_role("button", name="Partager la sélection").click()
        expect(self.page.get_by_text("C'est envoyé.", exact=False)).to_be_visible()

    def delete_open_item(self) -> None:
        self.page.get_by_role("button", name="Supprimer cet élément").click()
        self.page.get_by_role("button", name="Oui, supprimer").click()
        expect(self.page.get_by_text("Supprimé pour de bon.")).to_be_visible()

    def empty_everything(self) -> None:
        self.page.get_by_role("button", name="Tout supprimer").click()
        self.page.get_by_role("button", name="Oui, tout supprimer").click()
        expect(self.page.get_by_text("Ton coffre-fort est vide.").first).to_be_visible()
