"""A victim and a counsellor chat live in two browsers."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from helpline.demo import DEMO_STAFF_PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, screenshot

HOSTILE = '<img src=x onerror="window.__pwned=1"> <a href="javascript:alert(1)">clic</a> j\'ai peur'


def _counsellor(browser, app_url: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(app_url + "/staff/login")
    page.get_by_label("Adresse e-mail").fill("psy@abri.example")
    page.get_by_label("Mot de passe").fill(DEMO_STAFF_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
    return context, page


def test_victim_and_counsellor_talk_live(browser, page, app_url) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "/parler")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Menaces").check()
    page.get_by_label("Beaucoup").check()
    page.get_by_role("button", name="Parler à un écoutant").click()
    expect(page.get_by_role("alert")).to_contain_text("Coche la case")
    page.locator("#chat-consent").check()
    page.get_by_role("button", name="Parler à un écoutant").click()
    expect(page.get_by_text("Un·e écoutant·e va te répondre.")).to_be_visible()
    expect(page.locator("#queue-position")).to_have_text(re.compile(r"^\d+$"))
    page.get_by_label("Ton message").fill(HOSTILE)
    page.get_by_role("button", name="Envoyer").click()
    victim_log = page.get_by_role("log")
    expect(victim_log).to_contain_text("j'ai peur")
    screenshot(page, "victim-chat-waiting-phone")

    staff_ctx, staff = _counsellor(browser, app_url)
    staff.get_by_role("button", name="Prendre la suivante").click()
    staff_log = staff.get_by_role("log")
    expect(staff_log).to_contain_text('<img src=x onerror="window.__pwned=1">')  # inert text
    expect(page.locator("#counsellor-name")).to_have_text("Yanis")  # pushed live

    staff.get_by_label("Réponse", exact=True).fill("Je suis là. Tu as bien fait d'écrire.")
    staff.get_by_role("button", name="Envoyer").click()
    expect(victim_log).to_contain_text("Je suis là.")  # pushed live, no reload
    staff.get_by_label("Note interne").fill("Menaces répétées, à suivre")
    staff.get_by_role("button", name="Ajouter la note").click()
    expect(staff_log).to_contain_text("Menaces répétées")
    screenshot(staff, "staff-console-conversation-desktop")

    page.get_by_label("Ton message").fill("Merci")
    page.get_by_role("button", name="Envoyer").click()
    expect(staff_log).to_contain_text("Merci")  # pushed live to the counsellor

    page.reload()
    expect(page.get_by_role("log")).to_contain_text("Je suis là.")
    expect(page.get_by_role("log")).not_to_contain_text("Menaces répétées")  # internal
    assert page.evaluate("window.__pwned") is None
    assert staff.evaluate("window.__pwned") is None
    screenshot(page, "victim-chat-active-phone")

    staff.get_by_role("button", name="Clôturer").click()
    expect(staff.get_by_role("alert")).to_contain_text("Choisis une issue")
    staff.locator("#wrap-outcome").select_option("advice_given")
    staff.get_by_role("button", name="Clôturer").click()
    expect(staff.get_by_role("alert")).to_contain_text("obligatoire")
    staff.get_by_label("Note de clôture").fill("Conseils sur les preuves, rappel demain")
    staff.get_by_role("button", name="Clôturer").click()
    expect(staff.get_by_text("Aucune conversation ouverte")).to_be_visible()
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()
    staff_ctx.close()
