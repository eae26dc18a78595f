"""The devices signed in to a victim's account, in real browsers: a code made on one
phone and restored on a computer is announced on the phone, which can then sign the
computer out; the computer starts afresh and sees nothing of the account."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import RestorePage, SpacePage
from tests.e2e.pages.victim import DEVICES, PROFILE, unfold
from tests.factories import CHROME_DESKTOP, FIREFOX_PHONE, SAFARI_IPHONE

NOTICE = "Un nouvel appareil est entré dans ton espace"


def _devices(page):
    unfold(page, DEVICES)
    return page.get_by_role("list", name="Mes appareils").get_by_role("listitem")


def _restore(browser, app_url: str, code: str, user_agent: str, viewport: dict):
    context = browser.new_context(user_agent=user_agent, viewport=viewport)
    page = context.new_page()
    RestorePage(page, app_url).open().restore(code)
    expect(page.get_by_text("Content de te revoir")).to_be_visible()
    return context, page


def _sign_out(page, name: str) -> None:
    unfold(page, DEVICES)
    page.get_by_role("button", name=f"Déconnecter : {name}").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Déconnecter {name}")
    dialog.get_by_role("button", name="Oui, déconnecter").click()
    expect(page.get_by_role("status")).to_have_text("C'est fait : cet appareil est déconnecté.")


def test_a_phone_sees_a_new_device_and_signs_it_out(browser, app_url, console_errors) -> None:
    phone_context = browser.new_context(user_agent=SAFARI_IPHONE, viewport=PHONE)
    phone = phone_context.new_page()
    SpacePage(phone, app_url).open()
    expect(_devices(phone)).to_have_count(1)
    expect(_devices(phone)).to_contain_text(["Safari sur un téléphone"])
    expect(_devices(phone).first).to_contain_text("Ce téléphone")
    unfold(phone, PROFILE)
    phone.get_by_label("Prénom ou pseudo").fill("Lou")
    phone.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(phone.get_by_role("status")).to_have_text("C'est enregistré.")
    phone.get_by_role("button", name="Créer mon code").click()
    code = phone.locator("#recovery-code").inner_text().strip()
    phone.get_by_label("Recopie ton code").fill(code)
    phone.get_by_role("button", name="Je l'ai noté").click()
    expect(phone.get_by_role("status")).to_contain_text("C'est noté")

    # Someone else types the code on a computer: it opens the account there.
    computer_context, computer = _restore(browser, app_url, code, CHROME_DESKTOP, DESKTOP)
    expect(computer.get_by_label("Prénom ou pseudo")).to_have_value("Lou")
    expect(_devices(computer)).to_have_count(2)
    expect(_devices(computer).first).to_contain_text("Chrome sur un ordinateur")
    expect(_devices(computer).first).to_contain_text("Cet appareil")
    expect(_devices(computer).nth(1)).to_contain_text("Safari sur un téléphone")
    expect(computer.get_by_text(NOTICE)).to_have_count(0)  # the newcomer is not warned
    screenshot(computer, "victim-space-devices-desktop")

    # The phone hears of it at its next visit, once, on whatever page it opens.
    phone.goto(app_url + "/infos")
    banner = phone.get_by_role("status").filter(has_text=NOTICE)
    expect(banner).to_be_visible()
    screenshot(phone, "victim-device-notice-phone")
    phone.get_by_role("button", name="Fermer ce message").click()
    expect(banner).to_have_count(0)
    phone.goto(app_url + "/quiz")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    phone.wait_for_load_state("networkidle")
    expect(phone.get_by_text(NOTICE)).to_have_count(0)

    phone.goto(app_url + "/espace")
    expect(_devices(phone)).to_have_count(2)
    expect(_devices(phone).nth(1)).to_contain_text("Chrome sur un ordinateur")
    expect(_devices(phone).nth(1)).to_contain_text("Utilisé aujourd'hui")
    screenshot(phone, "victim-space-devices-phone")
    phone.get_by_role("button", name="Déconnecter : Chrome sur un ordinateur").click()
    phone.get_by_role("alertdialog").get_by_role("button", name="Annuler").click()
    expect(_devices(phone)).to_have_count(2)  # nothing happens without saying yes
    _sign_out(phone, "Chrome sur un ordinateur")
    expect(_devices(phone)).to_have_count(1)

    # The computer's next event finds no session: it starts afresh, an empty account.
    unfold(computer, PROFILE)
    computer.get_by_label("Prénom ou pseudo").fill("pris")
    computer.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(computer.get_by_label("Prénom ou pseudo")).to_have_value("")
    expect(computer.get_by_text("Tu n'as pas encore de code de récupération.")).to_be_visible()
    expect(_devices(computer)).to_have_count(1)
    computer.reload()
    expect(computer.get_by_label("Prénom ou pseudo")).to_have_value("")
    computer_context.close()
    phone_context.close()
    assert console_errors == []


def test_a_new_code_or_one_button_signs_out_every_other_device(browser, app_url) -> None:
    phone_context = browser.new_context(user_agent=SAFARI_IPHONE, viewport=PHONE)
    phone = phone_context.new_page()
    SpacePage(phone, app_url).open()
    phone.get_by_role("button", name="Créer mon code").click()
    code = phone.locator("#recovery-code").inner_text().strip()
    phone.get_by_label("Recopie ton code").fill(code)
    phone.get_by_role("button", name="Je l'ai noté").click()
    others = [_restore(browser, app_url, code, ua, PHONE) for ua in (FIREFOX_PHONE,
                                                                     CHROME_DESKTOP)]

    # The page shows the notice in the list itself, once.
    phone.reload()
    expect(phone.get_by_role("status")).to_contain_text(NOTICE)
    expect(_devices(phone)).to_have_count(3)
    unfold(phone, DEVICES)
    phone.get_by_role("button", name="Déconnecter tous mes autres appareils").click()
    phone.get_by_role("alertdialog").get_by_role("button", name="Oui, les déconnecter").click()
    expect(phone.get_by_role("status")).to_have_text(
        "C'est fait : tes autres appareils sont déconnectés.")
    expect(_devices(phone)).to_have_count(1)
    for _context, page in others:
        page.reload()
        expect(page.get_by_text("Tu n'as pas encore de code de récupération.")).to_be_visible()
        expect(_devices(page)).to_have_count(1)

    # A new code can sign out, at once, whoever came in with the old one.
    _, again = _restore(browser, app_url, code, FIREFOX_PHONE, PHONE)
    phone.reload()
    expect(_devices(phone)).to_have_count(2)
    phone.get_by_label(re.compile("Déconnecter aussi tous mes autres appareils")).check()
    phone.get_by_role("button", name="Créer un nouveau code").click()
    expect(phone.locator("#recovery-code")).to_be_visible()
    expect(_devices(phone)).to_have_count(1)
    again.reload()
    expect(again.get_by_text("Tu n'as pas encore de code de récupération.")).to_be_visible()
    phone_context.close()
    for context, _page in others:
        context.close()
