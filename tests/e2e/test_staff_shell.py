"""The staff workspace: closed without a session, open with one, per role."""

from __future__ import annotations

import re
import sys

import pytest
from playwright.sync_api import expect

from harness.appserver import run_checked
from helpline.demo import DEMO_STAFF_PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import StaffLogin

AREAS = ["/staff", "/staff/dossiers", "/staff/retraits", "/staff/contenus", "/staff/admin"]


def _login(page, app_url: str, email: str, password: str = DEMO_STAFF_PASSWORD) -> None:
    StaffLogin(page, app_url).sign_in(email, password=password)


@pytest.mark.parametrize("path", [*AREAS, "/staff/en/retraits"])
def test_every_staff_page_redirects_to_login(page, app_url, path) -> None:
    page.goto(app_url + path)
    expect(page).to_have_url(re.compile(r"/staff(/en)?/login/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Connexion|Sign in"))


def test_wrong_password_gets_a_clear_message(page, app_url) -> None:
    _login(page, app_url, "ecoutante@abri.example", "not the password")
    expect(page.get_by_role("alert")).to_have_text("Adresse ou mot de passe incorrect.")
    page.goto(app_url + "/staff")
    expect(page).to_have_url(re.compile(r"/staff/login/?$"))


def test_sign_in_navigate_and_sign_out(page, app_url, console_errors) -> None:
    page.set_viewport_size(DESKTOP)
    _login(page, app_url, "superviseur@abri.example")
    expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
    expect(page.get_by_text("Nadia")).to_be_visible()
    screenshot(page, "staff-console-desktop")
    nav = page.get_by_role("navigation", name="Espace professionnel")
    for label, heading in (("Dossiers", "Dossiers"), ("Retraits", "Retraits"),
                           ("Contenus", "Contenus"), ("Admin", "Administration")):
        nav.get_by_role("link", name=label).click()
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        expect(page.get_by_text("Ton rôle ne donne pas accès")).to_have_count(0)
    page.set_viewport_size(PHONE)
    # On a phone the menu is folded: the page's heading is on the first screen.
    expect(nav).to_be_hidden()
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 120
    screenshot(page, "staff-admin-phone")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Espace professionnel")).to_be_visible()
    screenshot(page, "staff-menu-open-phone")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/staff/login/?$"))
    page.goto(app_url + "/staff")
    expect(page).to_have_url(re.compile(r"/staff/login/?$"))
    assert console_errors == []


def test_a_role_sees_only_its_areas(page, app_url) -> None:
    _login(page, app_url, "ecoutante@abri.example")
    expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
    page.goto(app_url + "/staff/admin")
    expect(page.get_by_text("Ton rôle ne donne pas accès à cette page.")).to_be_visible()


def test_each_role_lands_where_it_works(page, app_url, app_server) -> None:
    # A takedown officer of their own (the demo's may have enrolled two-factor earlier).
    run_checked([sys.executable, "-m", "helpline", "create-staff", "lina@abri.example",
                 "--name", "Lina", "--role", "takedown_officer", "--password",
                 DEMO_STAFF_PASSWORD], app_server.base_env)
    _login(page, app_url, "lina@abri.example")  # a takedown officer: no console
    expect(page.get_by_role("heading", level=1, name="Retraits")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/staff/retraits/?$"))
    expect(page.get_by_text("Ton rôle ne donne pas accès")).to_have_count(0)


def test_login_page_in_english(page, app_url) -> None:
    page.goto(app_url + "/staff/en/login")
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    page.set_viewport_size(PHONE)
    screenshot(page, "staff-login-en-phone")
