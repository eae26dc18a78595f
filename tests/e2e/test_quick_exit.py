"""Quick exit: first in tab order, on a click or Escape twice; it leaves for the
neutral site, Back does not return to Abri, and the session is cleared."""

from __future__ import annotations

from playwright.sync_api import expect


def _app_cookies(context, app_url: str) -> list[dict]:
    return [c for c in context.cookies(app_url) if c["name"].startswith("abri_")]


def test_quick_exit_is_first_in_tab_order(page, app_url) -> None:
    page.goto(app_url + "/quiz")
    expect(page.locator("h1")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    expect(page.locator(":focus")).to_have_text("Quitter vite")


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
