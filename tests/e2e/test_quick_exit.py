"""Quick exit: first in tab order, on a click or Escape twice; it leaves for the
neutral site, Back does not return to Abri, and the session is cleared."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import Console, RestorePage, TalkPage, VictimHome


def _app_cookies(context, app_url: str) -> list[dict]:
    return [c for c in context.cookies(app_url) if c["name"].startswith("abri_")]


def test_quick_exit_is_first_in_tab_order(page, app_url) -> None:
    page.goto(app_url + "/quiz")
    expect(page.locator("h1")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    expect(page.locator(":focus")).to_have_text("Quitter vite")


def test_the_skip_link_moves_focus_to_main_and_gets_out_of_the_way(page, app_url,
                                                                   neutral_url) -> None:
    page.set_viewport_size(PHONE)
    VictimHome(page, app_url).open().skip_to_content()
    expect(page.get_by_role("main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
    # Hidden again, the skip link no longer covers « Quitter vite »: a click reaches it.
    page.get_by_role("link", name="Quitter vite").click(timeout=3000)
    expect(page).to_have_url(neutral_url)


def test_click_leaves_and_back_does_not_return(page, context, app_url, neutral_url) -> None:
    page.goto(app_url + "/")
    page.get_by_role("navigation", name="Rubriques").get_by_role("link", name="Quiz").click()
    expect(page.get_by_role("heading", level=1, name="Suis-je harcelé·e ?")).to_be_visible()
    context.add_cookies([{"name": "abri_victim", "value": "x", "url": app_url}])

    page.get_by_role("link", name="Quitter vite").click()
    expect(page).to_have_url(neutral_url)
    expect(page.get_by_role("heading", name="Météo de Paris")).to_be_visible()
    for _ in range(50):
        if not _app_cookies(context, app_url):
            break
        page.wait_for_timeout(100)
    assert _app_cookies(context, app_url) == []

    page.go_back()
    page.wait_for_timeout(500)
    assert not page.url.startswith(app_url), f"Back returned to Abri: {page.url}"


def test_escape_twice_leaves(page, app_url, neutral_url) -> None:
    page.goto(app_url + "/en/infos")
    expect(page.locator("h1")).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(neutral_url)
    page.go_back()
    page.wait_for_timeout(500)
    assert not page.url.startswith(app_url)


def test_one_escape_alone_does_nothing(page, app_url) -> None:
    page.goto(app_url + "/")
    expect(page.locator("h1")).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.startswith(app_url)


def _walk_through_abri(page, app_url: str, before: str) -> None:
    """Open Abri from another page, then move around as a person does: the tab bar,
    the header, a card on the home page, the skip link (an #anchor), the other language
    (a full page load)."""
    page.goto(before)
    expect(page.get_by_role("heading", name="Météo de Paris")).to_be_visible()
    page.goto(app_url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")  # a first visit's account is made
    tabs = page.get_by_role("navigation", name="Rubriques")
    tabs.get_by_role("link", name="Parler").click()
    expect(page.get_by_role("heading", level=1, name="Parler à quelqu'un")).to_be_visible()
    page.get_by_role("link", name="Mon espace").click()
    expect(page.get_by_role("heading", level=1, name="Mon espace")).to_be_visible()
    tabs.get_by_role("link", name="Infos").click()
    expect(page.get_by_role("heading", level=1, name="Infos pratiques")).to_be_visible()
    page.get_by_role("link", name="Abri", exact=True).click()
    page.get_by_role("link", name="Suis-je harcelé·e ?").click()
    expect(page.get_by_role("heading", level=1, name="Suis-je harcelé·e ?")).to_be_visible()
    page.get_by_role("link", name="Aller au contenu").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.get_by_role("link", name="Read in English").click()
    expect(page).to_have_url(re.compile(r"/en/"))
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Talk").click()
    expect(page.get_by_role("heading", level=1, name="Talk to someone")).to_be_visible()


def _left_abri_for(page, app_url: str, neutral_url: str, before: str) -> None:
    expect(page).to_have_url(neutral_url)
    page.go_back()
    expect(page).to_have_url(before)
    assert not page.url.startswith(app_url)


def test_back_after_the_button_leaves_for_the_page_before_abri(page, app_url,
                                                               neutral_url) -> None:
    before = neutral_url.replace("/meteo", "/avant-abri")
    _walk_through_abri(page, app_url, before)
    page.get_by_role("link", name="Quick exit").click()
    _left_abri_for(page, app_url, neutral_url, before)


def test_back_after_the_shortcut_leaves_for_the_page_before_abri(page, app_url,
                                                                 neutral_url) -> None:
    before = neutral_url.replace("/meteo", "/avant-abri")
    _walk_through_abri(page, app_url, before)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    _left_abri_for(page, app_url, neutral_url, before)


def test_the_safety_notice_says_what_history_can_still_show(page, app_url) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "/")
    notice = page.get_by_role("note").filter(has_text="Ta discrétion")
    expect(notice).to_contain_text("historique")
    expect(notice).to_contain_text("navigation privée")
    screenshot(page, "victim-home-safety-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "victim-home-safety-desktop")
    page.goto(app_url + "/en/")
    expect(page.get_by_role("note").filter(has_text="Your privacy")).to_contain_text(
        "private browsing")


def test_back_after_a_recovery_code_was_tried_leaves_abri(page, app_url, neutral_url) -> None:
    """The recovery form is posted to a server route (it sets an HttpOnly cookie); the
    page it leads to replaces the form's entry too."""
    before = neutral_url.replace("/meteo", "/avant-abri")
    page.goto(before)
    RestorePage(page, app_url).open().restore("lapin orage crayon tulipe 0000")
    expect(page.get_by_role("alert")).to_contain_text("ne correspond à aucun espace")
    page.get_by_role("link", name="Quitter vite").click()
    _left_abri_for(page, app_url, neutral_url, before)


def test_a_quick_exit_mid_chat_tells_the_counsellor_and_the_chat_resumes(
        browser, page, context, app_url, neutral_url, quiet_helpline) -> None:
    page.set_viewport_size(PHONE)
    TalkPage(page, app_url).start("ils regardent par-dessus mon épaule")
    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    staff.take_next()
    expect(staff.log).to_contain_text("par-dessus mon épaule")

    page.get_by_role("link", name="Quitter vite").click()
    expect(page).to_have_url(neutral_url)
    expect(staff.log).to_contain_text("La personne a quitté rapidement")  # told at once
    expect(staff.log).to_contain_text("elle peut revenir")

    page.goto(app_url + "/parler")  # back a little later, in the same browser
    expect(TalkPage(page).log).to_contain_text("par-dessus mon épaule")
    expect(page.locator("#counsellor-name")).to_have_text("Camille")
    expect(TalkPage(page).log).not_to_contain_text("quitté rapidement")  # for staff only
    expect(staff.log).to_contain_text("La personne est revenue.")
    TalkPage(page).send("c'est bon, je suis seule")
    expect(staff.log).to_contain_text("je suis seule")
    staff_ctx.close()
