"""A victim's account in a real browser: created silently, recovered with a code on
a fresh browser, locked when idle or on demand, unlocked with a PIN, erased."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.pages import LockScreen, RestorePage, SpacePage
from tests.e2e.pages.victim import ERASE, PIN, PROFILE, unfold, wait_for_victim_cookie


def _db(app_server) -> sqlite3.Connection:
    return sqlite3.connect(f"{app_server.base_env['ABRI_DATA_DIR']}/abri.db")


def _backdate_sessions(app_server, minutes: int) -> None:
    """Make every victim session look idle, as if the phone was left alone."""
    with _db(app_server) as conn:
        for row_id, seen in conn.execute(
                "SELECT id, last_seen_at FROM user_session WHERE victim_id IS NOT NULL"):
            earlier = datetime.fromisoformat(seen) - timedelta(minutes=minutes)
            conn.execute("UPDATE user_session SET last_seen_at = ? WHERE id = ?",
                         (earlier.isoformat(sep=" "), row_id))


def _assert_revoked(app_server, token: str) -> None:
    digest = hashlib.sha256(token.encode()).hexdigest()
    for _ in range(50):
        with _db(app_server) as conn:
            (revoked,) = conn.execute("SELECT revoked_at FROM user_session WHERE token_hash = ?",
                                      (digest,)).fetchone()
        if revoked:
            return
        time.sleep(0.1)
    raise AssertionError("the session is still live after quick exit")


def _victim_count(app_server) -> int:
    with _db(app_server) as conn:
        return conn.execute("SELECT count(*) FROM victim").fetchone()[0]


def test_first_visit_gets_a_silent_account_kept_only_in_an_httponly_cookie(
        page, context, app_url, app_server) -> None:
    before = _victim_count(app_server)
    page.goto(app_url + "/infos")
    expect(page.get_by_role("heading", level=1, name="Infos pratiques")).to_be_visible()
    cookie = wait_for_victim_cookie(page, app_url)
    expect(page).to_have_url(re.compile(r"/infos/?$"))  # brought back to the page asked for
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    # Scripts read no session: only the time zone the page itself sends (helpline.clock).
    assert re.fullmatch(r"(abri_tz=[A-Za-z_/+-]+)?", page.evaluate("document.cookie"))
    # Only the colour theme lives in localStorage; nothing that identifies anyone.
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"theme"}
    assert _victim_count(app_server) == before + 1
    page.goto(app_url + "/quiz")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _victim_count(app_server) == before + 1  # the same account, not a new one


def test_recovery_code_brings_the_account_back_on_a_fresh_browser(
        browser, app_url, app_server, console_errors, page) -> None:
    page.set_viewport_size(PHONE)
    SpacePage(page, app_url).open()
    expect(page.get_by_text("Tu n'as pas encore de code de récupération.")).to_be_visible()
    # A short page: each section behind its heading, one tap away.
    expect(page.get_by_label("Prénom ou pseudo")).to_be_hidden()
    expect(page.get_by_label("Nouveau code PIN")).to_be_hidden()
    unfold(page, PROFILE)
    expect(page.get_by_label("Prénom ou pseudo")).to_be_visible()
    page.get_by_label("Prénom ou pseudo").fill("Lou")
    page.get_by_label("Ton âge").select_option("15_17")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("C'est enregistré.")

    page.get_by_role("button", name="Créer mon code").click()
    code = page.locator("#recovery-code").inner_text().strip()
    assert re.fullmatch(r"[a-z]+-[a-z]+-[a-z]+-[a-z]+-\d{4}", code)
    screenshot(page, "victim-space-code-phone")
    page.get_by_label("Recopie ton code").fill("pas le bon code")
    page.get_by_role("button", name="Je l'ai noté").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce n'est pas tout à fait ça")
    page.get_by_label("Recopie ton code").fill(code.upper().replace("-", " "))
    page.get_by_role("button", name="Je l'ai noté").click()
    expect(page.get_by_role("status")).to_contain_text("C'est noté")
    expect(page.locator("#recovery-code")).to_have_count(0)  # shown once, then gone
    token = next(c["value"] for c in page.context.cookies(app_url) if c["name"] == "abri_victim")
    page.get_by_role("link", name="Quitter vite").click()
    _assert_revoked(app_server, token)  # quick exit ended the session on the server too

    fresh = browser.new_context(viewport=PHONE)
    other = fresh.new_page()
    restoring = RestorePage(other, app_url).open()
    # On a phone the field shows the whole of its example, and a whole code typed in.
    field = other.get_by_label("Code de récupération")
    field.fill("lapin-orage-crayon-tulipe-4821")
    screenshot(other, "victim-restore-phone")
    widths = field.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"the code does not fit: {widths}"
    restoring.restore("lapin orage crayon tulipe 0000")
    expect(other.get_by_role("alert")).to_contain_text("ne correspond à aucun espace")
    restoring.restore(code)
    expect(other.get_by_text("Content de te revoir")).to_be_visible()
    expect(other.get_by_label("Prénom ou pseudo")).to_have_value("Lou")
    expect(other.get_by_label("Ton âge")).to_have_value("15_17")
    fresh.close()
    assert console_errors == []


def test_idle_space_locks_and_the_pin_unlocks_it(page, app_url, app_server) -> None:
    space = SpacePage(page, app_url).open()
    space.save_pin("1234")
    expect(page.get_by_role("alert")).to_contain_text("trop facile")
    space.save_pin("2580")
    expect(page.get_by_role("status")).to_have_text("Ton code PIN est enregistré.")
    unfold(page, PROFILE)
    page.get_by_label("Prénom ou pseudo").fill("Sami")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("C'est enregistré.")

    _backdate_sessions(app_server, minutes=30)
    page.goto(app_url + "/espace")
    expect(page.get_by_role("heading", name="Ton espace est verrouillé")).to_be_visible()
    expect(page.get_by_label("Prénom ou pseudo")).to_have_count(0)  # nothing shows through
    screenshot(page, "victim-locked-desktop")
    LockScreen(page).unlock("1111")
    expect(page.get_by_role("alert")).to_have_text("Ce n'est pas le bon code PIN.")
    LockScreen(page).unlock("2580")
    expect(page.get_by_label("Prénom ou pseudo")).to_have_value("Sami")

    unfold(page, PIN)
    page.get_by_role("button", name="Verrouiller maintenant").click()
    expect(page.get_by_role("heading", name="Ton espace est verrouillé")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Ton espace est verrouillé")).to_be_visible()


def test_erasing_the_account_removes_it(page, app_url, app_server) -> None:
    SpacePage(page, app_url).open()
    unfold(page, PROFILE)
    page.get_by_label("Prénom ou pseudo").fill("Noa")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("C'est enregistré.")
    before = _victim_count(app_server)
    unfold(page, ERASE)
    page.get_by_role("button", name="Supprimer mon compte").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("disparaître pour toujours")
    dialog.get_by_role("button", name="Annuler").click()
    assert _victim_count(app_server) == before
    page.get_by_role("button", name="Supprimer mon compte").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Oui, tout supprimer").click()
    expect(page.get_by_role("heading", level=1, name="Ton compte a été supprimé")).to_be_visible()
    assert _victim_count(app_server) == before - 1
    SpacePage(page, app_url).open()
    expect(page.get_by_label("Prénom ou pseudo")).to_have_value("")  # a new, empty account
