"""The victim shell in a real browser: both languages, the four destinations,
the tap-to-call number, and quick exit."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot


def test_home_renders_in_french_then_english(page, app_url, console_errors) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "/")
    expect(page.get_by_role("heading", name="Tu es au bon endroit")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Appeler gratuitement le 3018"))) \
        .to_have_attribute("href", "tel:3018")
    nav = page.get_by_role("navigation", name="Rubriques")
    for label in ("Parler", "Coffre-fort", "Quiz", "Infos"):
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    screenshot(page, "victim-home-fr-phone")

    page.get_by_role("link", name="Read in English").click()
    expect(page).to_have_url(app_url + "/en")
    expect(page.get_by_role("heading", name="You are in the right place")).to_be_visible()
    expect(page.locator("[lang=en]").first).to_be_visible()
    nav = page.get_by_role("navigation", name="Sections")
    for label in ("Talk", "Safe", "Quiz", "Info"):
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    page.get_by_role("link", name="Lire en français").click()
    expect(page.get_by_role("heading", name="Tu es au bon endroit")).to_be_visible()
    assert console_errors == []


def test_every_destination_routes_and_marks_itself_current(page, app_url, console_errors) -> None:
    page.goto(app_url + "/")
    nav = page.get_by_role("navigation", name="Rubriques")
    for label, heading, path in (("Parler", "Parler à quelqu'un", "/parler"),
                                 ("Coffre-fort", "Mon coffre-fort", "/coffre-fort"),
                                 ("Quiz", "Suis-je harcelé·e ?", "/quiz"),
                                 ("Infos", "Infos pratiques", "/infos")):
        nav.get_by_role("link", name=label).click()
        expect(page).to_have_url(re.compile(re.escape(app_url + path) + "/?$"))
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        expect(nav.get_by_role("link", name=label)).to_have_attribute("aria-current", "page")
    assert console_errors == []


def test_info_opens_on_its_entry_points_in_both_languages(page, app_url) -> None:
    page.goto(app_url + "/infos")
    expect(page.get_by_role("button", name="On me fait du chantage")).to_be_visible()
    page.goto(app_url + "/en/infos")
    expect(page.get_by_role("button", name="Someone is blackmailing me")).to_be_visible()


def test_screens_fit_a_phone_and_a_desktop(page, app_url) -> None:
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        for path, name in (("/", "home"), ("/parler", "talk"), ("/coffre-fort", "safe"),
                           ("/quiz", "quiz"), ("/infos", "info"), ("/en", "home-en")):
            page.goto(app_url + path)
            expect(page.locator("h1")).to_be_visible()
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways on a {size_name}"
            screenshot(page, f"victim-{name}-{size_name}")
