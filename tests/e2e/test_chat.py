"""A victim and a counsellor chat live in two browsers."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import Console, TalkPage

HOSTILE = '<img src=x onerror="window.__pwned=1"> <a href="javascript:alert(1)">clic</a> j\'ai peur'


def _typing_shows(box, indicator) -> None:
    """Type a little at a time (the page throttles typing events) until the other side
    shows the indicator; it fades after a few seconds, so look soon after each burst."""
    for _ in range(8):
        box.press_sequentially("ab", delay=40)
        try:
            expect(indicator).to_be_visible(timeout=2500)
            return
        except AssertionError:
            continue
    raise AssertionError("the typing indicator never showed")


def test_victim_and_counsellor_talk_live(browser, page, app_url) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "/parler")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Menaces").check()
    page.get_by_label("Beaucoup").check()
    page.get_by_role("button", name="Parler à un écoutant").click()
    expect(page.get_by_role("alert")).to_contain_text("Coche la case")
    TalkPage(page).consent_and_start()
    expect(page.get_by_text("Un·e écoutant·e va te répondre.")).to_be_visible()
    expect(page.locator("#queue-position")).to_have_text(re.compile(r"^\d+$"))
    TalkPage(page).send(HOSTILE)
    victim_log = page.get_by_role("log")
    expect(victim_log).to_contain_text("j'ai peur")
    waiting = page.locator("[data-sender=victim]").filter(has_text="j'ai peur")
    expect(waiting).to_contain_text("Envoyé")  # stored; nobody has it yet
    screenshot(page, "victim-chat-waiting-phone")

    staff_ctx, staff = Console.signed_in(browser, app_url, "psy@abri.example")
    staff.take_next()
    staff_log = staff.get_by_role("log")
    expect(staff_log).to_contain_text('<img src=x onerror="window.__pwned=1">')  # inert text
    expect(page.locator("#counsellor-name")).to_have_text("Yanis")  # pushed live
    expect(waiting).to_contain_text("✓✓ Lu")  # taking it opened it
    head = staff.locator("#conversation-head")  # what she said in the pre-chat, in sight
    expect(head).to_contain_text("Menaces")
    expect(head).to_contain_text("Urgence ressentie : Beaucoup")
    _typing_shows(page.get_by_label("Ton message"), staff.get_by_text("Jeune écrit…"))
    _typing_shows(staff.get_by_label("Réponse", exact=True), page.get_by_text("Yanis écrit…"))
    page.get_by_label("Ton message").fill("")
    staff.get_by_label("Réponse", exact=True).fill("")

    staff.reply("Je suis là. Tu as bien fait d'écrire.")
    expect(victim_log).to_contain_text("Je suis là.")  # pushed live, no reload
    staff.get_by_label("Réponse", exact=True).fill("Est-ce que tu")  # a reply under way
    staff.unfold("Note pour l'équipe")
    staff.get_by_label("Note interne").fill("Menaces répétées, à suivre")
    staff.get_by_role("button", name="Ajouter la note").click()
    expect(staff_log).to_contain_text("Menaces répétées")
    expect(staff.get_by_label("Réponse", exact=True)).to_have_value("Est-ce que tu")  # kept
    staff.get_by_label("Réponse", exact=True).fill("")
    screenshot(staff, "staff-console-conversation-desktop")

    TalkPage(page).send("Merci")
    expect(staff_log).to_contain_text("Merci")  # pushed live to the counsellor

    page.reload()
    expect(page.get_by_role("log")).to_contain_text("Je suis là.")
    expect(page.get_by_role("log")).not_to_contain_text("Menaces répétées")  # internal
    assert page.evaluate("window.__pwned") is None
    assert staff.evaluate("window.__pwned") is None
    screenshot(page, "victim-chat-active-phone")

    staff.unfold("Fin de la conversation")
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


def test_canned_answer_read_mark_transfer_and_survey(browser, page, app_url) -> None:
    TalkPage(page, app_url).start("On a créé un faux compte à mon nom")
    psy_ctx, psy = Console.signed_in(browser, app_url, "psy@abri.example")
    psy.take_next()
    expect(psy.get_by_role("log")).to_contain_text("faux compte")
    expect(page.get_by_text("(psychologue)")).to_be_visible()
    expect(page.get_by_role("log")).to_contain_text("✓✓ Lu")  # the counsellor has read it

    psy.get_by_role("button", name="Accueil").click()
    expect(psy.locator("#console-reply")).to_have_value(
        re.compile("je suis là pour t'écouter"))
    psy.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("log")).to_contain_text("je suis là pour t'écouter")

    psy.unfold("Passer la main")
    psy.locator("#transfer-to").select_option(label="Inès")
    psy.get_by_label("Note de passation").fill("Usurpation, besoin d'un avis juridique")
    psy.get_by_role("button", name="Transférer").click()
    expect(psy.get_by_text("Aucune conversation ouverte")).to_be_visible()

    lawyer_ctx, lawyer = Console.signed_in(browser, app_url, "juriste@abri.example")
    lawyer.get_by_role("button", name=re.compile("impersonation|·")).first.click()
    expect(lawyer.get_by_role("log")).to_contain_text("besoin d'un avis juridique")
    expect(page.locator("#counsellor-name")).to_have_text("Inès")

    page.get_by_role("button", name="Terminer la conversation").click()
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()
    # Still readable until the young person leaves the page.
    expect(page.get_by_role("log")).to_contain_text("je suis là pour t'écouter")
    download = page.get_by_role("button", name="Télécharger la conversation")
    expect(download).to_be_enabled()
    assert "rt-variant-ghost" not in download.get_attribute("class")  # not greyed out
    page.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_role("alert")).to_contain_text("au moins une question")
    helped = page.get_by_role("group", name="Est-ce que ça t'a aidé")
    expect(helped.get_by_label("Oui, beaucoup")).to_be_visible()  # answers that fit it
    helped.get_by_label("Un peu").check()  # one question of two is enough
    page.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_text("Merci pour ton avis.")).to_be_visible()
    psy_ctx.close()
    lawyer_ctx.close()


def _a_minute_half_a_day_away() -> str:
    """Opening hours that are surely closed whenever the test runs (in the helpline's
    default timezone)."""
    opens = datetime.now(ZoneInfo("Europe/Paris")) + timedelta(hours=12)
    return f"{opens:%H:%M}-{opens + timedelta(minutes=1):%H:%M}"


def _answered_at_the_next_visit(staff, page, url: str, left: list[str], answer: str) -> None:
    """A counsellor answers a message left, with everything it held; the young person
    finds the answer when they come back."""
    expect(staff.get_by_text("Messages laissés", exact=True)).to_be_visible()
    staff.get_by_role("button", name="Répondre").first.click()
    for text in left:
        expect(staff.get_by_role("log")).to_contain_text(text)
    staff.reply(answer)
    expect(staff.get_by_role("log")).to_contain_text(answer)
    page.goto(url + "/parler")  # the next visit
    expect(page.get_by_role("log")).to_contain_text(answer)


def test_a_message_left_out_of_hours_is_answered_later(browser, page, app_server) -> None:
    url = app_server.ensure(ABRI_OPENING_HOURS=_a_minute_half_a_day_away())  # closed now
    try:
        page.set_viewport_size(PHONE)
        page.goto(url + "/")
        home_card = page.locator("#chat-closed")  # said on the home card already
        expect(home_card).to_contain_text("Le chat est fermé pour l'instant.")
        expect(home_card).to_contain_text(re.compile(r"Il rouvre (aujourd'hui|demain) à \d\d:\d\d"))
        page.goto(url + "/parler")
        page.wait_for_load_state("networkidle")
        closed = page.locator("#chat-closed")  # first, before any question
        expect(closed).to_contain_text("Il rouvre")
        expect(closed).to_contain_text("112")
        expect(closed).to_contain_text("laisser un message")
        box = closed.bounding_box()
        assert box["y"] < page.get_by_text("Qu'est-ce qui se passe ?").bounding_box()["y"]
        screenshot(page, "victim-chat-closed-phone")
        TalkPage(page).consent_and_start()
        expect(page.get_by_text("Le chat est fermé pour le moment.")).to_be_visible()
        TalkPage(page).send("Je laisse un message, répondez-moi demain")
        expect(page.get_by_role("log")).to_contain_text("répondez-moi demain")

        staff_ctx, staff = Console.signed_in(browser, url, "ecoutante@abri.example")
        _answered_at_the_next_visit(staff, page, url, ["répondez-moi demain"],
                                    "Bonjour, je prends le relais.")
        staff_ctx.close()
    finally:
        app_server.stop()


def test_a_young_person_who_cannot_wait_leaves_a_message_instead(browser, page, app_url,
                                                                quiet_helpline) -> None:
    page.set_viewport_size(PHONE)
    TalkPage(page, app_url).start("Je dois partir en cours, ils continuent sur Snap")
    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    expect(staff.get_by_role("table")).to_be_visible()  # the queue holds her conversation
    page.get_by_role("button", name="Je ne peux pas attendre : laisser un message").click()
    left = page.get_by_role("status").filter(has_text="Ton message est bien laissé.")
    expect(left).to_be_visible()
    screenshot(page, "victim-chat-message-left-phone")
    page.get_by_label("Ton message").fill("Ils ont aussi mon numéro")  # adding still works
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("log")).to_contain_text("mon numéro")

    expect(staff.get_by_text("Personne n'attend.")).to_be_visible()  # live: out of the queue
    _answered_at_the_next_visit(staff, page, app_url, ["continuent sur Snap", "mon numéro"],
                                "Je suis Camille, je te réponds ici.")
    staff_ctx.close()
    expect(page.locator("#counsellor-name")).to_have_text("Camille")
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()


def test_messages_typed_offline_are_sent_once_when_back(context, page, app_url) -> None:
    TalkPage(page, app_url).start("avant la coupure")
    context.set_offline(True)
    page.wait_for_timeout(2000)  # the websocket notices the network is gone
    # Written before the page hears back: each is one message, the same words twice too.
    offline = {"écrit hors ligne": 1, "et encore un autre": 1, "ok": 2}
    for text, times in offline.items():
        for _ in range(times):
            TalkPage(page).send(text)
    page.wait_for_timeout(1000)
    assert page.get_by_role("log").inner_text().count("écrit hors ligne") == 0
    context.set_offline(False)
    for text, times in offline.items():
        expect(page.get_by_role("log").get_by_text(text, exact=True)).to_have_count(times)
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("avant la coupure")
    for text, times in offline.items():  # each one, never twice
        expect(page.get_by_role("log").get_by_text(text, exact=True)).to_have_count(times)
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()


def test_a_message_lost_on_the_way_is_sent_again_and_stored_once(browser, page, app_url,
                                                                  quiet_helpline) -> None:
    """The page's outbox: a message whose event never reached the server (as when a
    worker dies between receiving and storing it) is sent again with the same id."""
    dropped: list[str] = []
    typed: list[str] = []  # what "is typing" events carried

    def lose_the_first(ws) -> None:
        server = ws.connect_to_server()

        def from_page(message) -> None:
            text = message if isinstance(message, str) else ""
            if "chat_state.typing" in text:
                typed.append(text)
            if "chat_state.send" in text and "lost on the way" in text and not dropped:
                dropped.append(text)  # the server never hears of it
                return
            server.send(message)
        ws.on_message(from_page)

    page.route_web_socket(re.compile(r"/_event"), lose_the_first)
    TalkPage(page, app_url).start("Je suis en train de parler")
    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    staff.take_next()
    expect(staff.get_by_role("log")).to_contain_text("en train de parler")

    page.get_by_label("Ton message").press_sequentially("lost on the way, then found")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_label("Ton message").fill("un brouillon")  # typing goes on meanwhile
    page.wait_for_timeout(1000)
    assert len(dropped) == 1 and "lost on the way" not in staff.get_by_role("log").inner_text()
    assert typed and not any("lost" in t or "brouillon" in t for t in typed)  # never the draft
    found = staff.get_by_role("log").get_by_text("lost on the way, then found", exact=True)
    expect(found).to_have_count(1, timeout=15000)  # sent again a few seconds later
    mine = page.get_by_role("log").get_by_text("lost on the way, then found", exact=True)
    expect(mine).to_have_count(1)
    expect(page.get_by_label("Ton message")).to_have_value("un brouillon")  # draft kept
    page.wait_for_timeout(6000)  # shown now: never sent a third time
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("en train de parler")
    expect(mine).to_have_count(1)
    expect(found).to_have_count(1)
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue
    staff_ctx.close()


def test_the_composer_says_its_limit_and_cuts_nothing(page, app_url, quiet_helpline) -> None:
    page.set_viewport_size(PHONE)
    TalkPage(page, app_url).start()
    box = page.get_by_label("Ton message")
    counter, note = page.locator("#chat-text-count"), page.get_by_role("status").filter(
        has_text="caractères")
    box.fill("a" * 1500)  # below 80 % of 2000: nothing to say
    expect(counter).to_be_hidden()
    box.fill("a" * 1700)
    expect(counter).to_have_text("1700 / 2000")
    expect(note).to_have_text("Encore 300 caractères possibles.")  # once typing pauses
    box.fill("a" * 2000)
    expect(note).to_have_text(re.compile("Tu as atteint la limite de 2000 caractères"))
    expect(note).to_be_visible()
    story = "Il m'envoie des messages tous les soirs. " * 50  # pasted: 2050 characters
    box.fill(story)
    expect(counter).to_have_text(f"{len(story.strip())} / 2000")
    expect(note).to_contain_text(f"({len(story.strip()) - 2000} en trop)")
    expect(note).to_contain_text("Rien n'est perdu")
    screenshot(page, "victim-chat-limit-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "victim-chat-limit-desktop")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_timeout(1000)
    expect(box).to_have_value(story)  # kept whole, not sent
    expect(page.get_by_role("log").locator("[data-sender=victim]")).to_have_count(0)

    first_half = story[:1000].strip()
    box.fill(first_half)  # split by hand: sent as written
    expect(note).to_be_hidden()
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("log").locator("[data-sender=victim]")).to_contain_text(first_half)
    expect(box).to_have_value("")
    expect(counter).to_be_hidden()
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue


def test_a_message_the_server_refused_is_not_sent_again(page, app_url, quiet_helpline) -> None:
    """Zero-width spaces look like text to the page but clean down to nothing: the
    server's refusal is final, so the outbox never resends it, and no stale error shows
    after the next message went through."""
    refused_text = "\u200b\u200b"
    sends: list[str] = []

    def watch(ws) -> None:
        ws.on("framesent", lambda frame: sends.append(frame)
              if isinstance(frame, str) and "chat_state.send" in frame else None)

    page.on("websocket", watch)
    TalkPage(page, app_url).start("bonjour")
    TalkPage(page).send(refused_text)
    alert = page.get_by_role("alert").filter(has_text="Ton message est vide.")
    expect(alert).to_be_visible()
    TalkPage(page).send("en fait ça va mieux")
    expect(page.get_by_role("log")).to_contain_text("en fait ça va mieux")
    expect(alert).to_be_hidden()
    page.wait_for_timeout(7000)  # the outbox resends after 5 s what it still waits for
    expect(alert).to_be_hidden()
    assert len([f for f in sends if refused_text in f]) == 1, sends
    assert len([f for f in sends if "en fait ça va mieux" in f]) == 1
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue
