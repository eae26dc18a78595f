"""The conversation as a messaging app: on a phone and a desktop, the composer stays
docked and in view, the thread follows its newest message, Enter sends in the
console, a waiting young person sees the queue move."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import Console, TalkPage
from tests.e2e.test_accessibility import BLOCKING, audit

SHOTS = Path("/work/shots/chat")
KEYBOARD_OPEN = {"width": 390, "height": 500}


def _shot(page, name: str) -> None:
    path = screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    page.screenshot(path=str(SHOTS / f"{name}-viewport.png"))


def _composer_usable(page) -> None:
    """The message box and the send button are in the viewport, and nothing (the tab
    bar) lies over them: the point at their centre is theirs."""
    box, send = page.get_by_label("Ton message"), page.get_by_role("button", name="Envoyer")
    for control in (box, send):
        expect(control).to_be_in_viewport(ratio=1)
        assert control.evaluate("""el => { const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return el === hit || el.contains(hit); }"""), "covered"


def _newest_visible(page, text: str) -> None:
    newest = page.locator("[data-sender]").last
    expect(newest).to_contain_text(text)
    expect(newest).to_be_in_viewport()


def _axe_clean(page, where: str) -> None:
    blocking = [v for v in audit(page) if v["impact"] in BLOCKING]
    for violation in blocking:
        print(f"{violation['impact']}: {violation['id']} ({violation['help']})", violation["nodes"])
    assert blocking == [], where + ": " + ", ".join(v["id"] for v in blocking)


@pytest.fixture
def victim(browser, app_url):
    """A young person's page that may inject axe-core despite the strict CSP."""
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    yield context.new_page()
    context.close()


def test_a_long_conversation_keeps_the_composer_docked(browser, victim, app_url,
                                                       quiet_helpline) -> None:
    talk = TalkPage(victim, app_url).start()
    # The chat owns the screen: no page title nor lead above it.
    expect(victim.get_by_text("Des écoutants, psychologues")).to_have_count(0)
    expect(victim.locator("#queue-position")).to_have_text("1")
    expect(victim.get_by_text("Tu es la prochaine personne")).to_be_visible()
    _composer_usable(victim)
    _shot(victim, "waiting-phone")
    _axe_clean(victim, "waiting on a phone")

    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    staff.take_next()
    expect(victim.locator("#counsellor-name")).to_have_text("Camille")

    # Enter sends in the console; Shift+Enter adds a line.
    staff.reply_box.fill("Bonjour,")
    staff.reply_box.press("Shift+Enter")
    staff.reply_box.press_sequentially("je suis là.")
    expect(staff.reply_box).to_have_value("Bonjour,\nje suis là.")
    expect(talk.log).not_to_contain_text("Bonjour")
    staff.reply_box.press("Enter")
    expect(talk.log).to_contain_text("je suis là.")
    expect(staff.reply_box).to_have_value("")
    expect(staff.reply_box).to_be_focused()  # ready for the next line

    for n in range(1, 31):  # 60 messages and more, both ways
        talk.send(f"message {n} de moi")
        _newest_visible(victim, f"message {n} de moi")
        staff.reply_box.fill(f"réponse {n}")
        staff.reply_box.press("Enter")
        _newest_visible(victim, f"réponse {n}")
    assert victim.locator("[data-sender]").count() >= 60
    _composer_usable(victim)
    _shot(victim, "long-conversation-phone")

    # The keyboard opens: a shorter visible viewport, the composer still in view.
    victim.get_by_label("Ton message").focus()
    victim.set_viewport_size(KEYBOARD_OPEN)
    victim.evaluate("window.visualViewport.dispatchEvent(new Event('resize'))")
    _composer_usable(victim)
    _newest_visible(victim, "réponse 30")
    staff.reply_box.fill("Tu peux m'en dire plus ?")
    staff.reply_box.press("Enter")
    _newest_visible(victim, "m'en dire plus")
    _composer_usable(victim)
    # A message arriving never takes focus away from the composer.
    expect(victim.get_by_label("Ton message")).to_be_focused()
    _shot(victim, "keyboard-open-phone")
    victim.set_viewport_size(PHONE)

    # Scrolled up to reread: a new message does not move the thread, a pill says so.
    victim.locator(".abri-messages").evaluate("el => { el.scrollTop = 0; }")
    victim.wait_for_timeout(300)
    staff.reply_box.fill("Je reste avec toi.")
    staff.reply_box.press("Enter")
    expect(talk.log).to_contain_text("Je reste avec toi.")
    pill = victim.get_by_role("button", name="Nouveaux messages")
    expect(pill).to_be_visible()
    expect(victim.locator("[data-sender]").last).not_to_be_in_viewport()
    _shot(victim, "new-messages-pill-phone")
    pill.click()
    _newest_visible(victim, "Je reste avec toi.")
    expect(pill).to_be_hidden()
    _axe_clean(victim, "a conversation on a phone")

    # On a desktop: a comfortable reading width, Enter sends in the victim's box too.
    victim.set_viewport_size(DESKTOP)
    _composer_usable(victim)
    thread = victim.locator(".abri-messages").bounding_box()
    assert thread["width"] <= 760
    victim.get_by_label("Ton message").fill("Merci beaucoup")
    victim.get_by_label("Ton message").press("Enter")
    _newest_visible(victim, "Merci beaucoup")
    expect(staff.log).to_contain_text("Merci beaucoup")
    expect(victim.get_by_label("Ton message")).to_have_value("")
    _shot(victim, "conversation-desktop")
    _axe_clean(victim, "a conversation on a desktop")
    staff.page.screenshot(path=str(SHOTS / "console-desktop.png"))
    staff_ctx.close()
    victim.get_by_role("button", name="Terminer la conversation").click()
    expect(victim.get_by_text("La conversation est terminée.")).to_be_visible()


def test_on_a_touch_screen_enter_adds_a_line(browser, app_url, quiet_helpline) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    talk = TalkPage(page, app_url).start()
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    box = page.get_by_label("Ton message")
    box.fill("une ligne")
    box.press("Enter")
    box.press_sequentially("et une autre")
    expect(box).to_have_value("une ligne\net une autre")
    expect(talk.log).not_to_contain_text("une ligne")
    page.get_by_role("button", name="Envoyer").click()
    expect(talk.log).to_contain_text("et une autre")
    page.get_by_role("button", name="Terminer la conversation").click()
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()
    context.close()


def _waited(app_server, minutes: int) -> None:
    """Every conversation in the queue has waited ``minutes`` longer (order kept)."""
    with sqlite3.connect(f"{app_server.base_env['ABRI_DATA_DIR']}/abri.db") as conn:
        # Written as the app writes it (microseconds), so the order still compares.
        conn.execute("UPDATE conversation SET created_at = "
                     "strftime('%Y-%m-%d %H:%M:%f', created_at, ?) || '000' "
                     "WHERE status = 'waiting'", (f"-{minutes} minutes",))


def test_the_place_in_the_queue_moves_live(browser, page, app_url, app_server,
                                           quiet_helpline) -> None:
    page.set_viewport_size(PHONE)
    first_ctx = browser.new_context(viewport=PHONE)
    first = TalkPage(first_ctx.new_page(), app_url).start("je suis la première")
    expect(first.page.locator("#queue-position")).to_have_text("1")
    second = TalkPage(page, app_url).start("je suis la deuxième")
    expect(page.locator("#queue-position")).to_have_text("2")
    expect(page.get_by_text("Tu es la prochaine personne")).to_have_count(0)
    expect(page.get_by_text("Attente estimée, en minutes :")).to_be_visible()
    reminder = page.locator("#wait-reminder")
    expect(reminder).to_be_hidden()
    _shot(page, "queue-second-phone")
    _waited(app_server, 11)  # past the reminder (10 minutes by default)
    page.reload()
    expect(page.locator("#queue-position")).to_have_text("2")
    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("119")
    _shot(page, "queue-long-wait-phone")

    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    staff.take_next()  # the first one: the second moves up, live
    expect(page.locator("#queue-position")).to_have_text("1")
    expect(page.get_by_text("Tu es la prochaine personne")).to_be_visible()
    _shot(page, "queue-next-phone")
    staff_ctx.close()
    for talk in (first, second):
        talk.page.get_by_role("button", name="Terminer la conversation").click()
        expect(talk.page.get_by_text("La conversation est terminée.")).to_be_visible()
    first_ctx.close()
