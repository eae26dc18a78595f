"""The console around a conversation: tabs with unread badges, the case file beside the
chat, a supervisor reassigning from the supervision table, and the victim's transcript."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, ROOT, screenshot
from tests.e2e.pages import Console, SpacePage, TalkPage
from tests.e2e.pages.victim import PROFILE, unfold


def _tab(staff, text: str):
    return staff.get_by_role("button", name=re.compile(text))


def test_unread_badges_and_the_case_file(browser, page, app_url, quiet_helpline) -> None:
    # A first conversation, wrapped up with a note: it belongs in the next case file.
    TalkPage(page, app_url).start("Ils se moquent de moi sur le groupe de classe")
    camille_ctx, camille = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    camille.take_next()
    expect(camille.get_by_role("log")).to_contain_text("groupe de classe")
    expect(camille.get_by_role("complementary", name="Dossier")).to_contain_text(
        "Première conversation avec la ligne.")
    camille.unfold("Fin de la conversation")
    camille.locator("#wrap-outcome").select_option("advice_given")
    camille.get_by_label("Note de clôture").fill("Conseils sur les captures, rappeler demain")
    camille.get_by_role("button", name="Clôturer").click()
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()

    # The same young person comes back; another one writes too.
    page.get_by_role("button", name="Commencer une nouvelle conversation").click()
    TalkPage(page, app_url).start("Ça recommence ce soir")
    camille.take_next()
    case = camille.get_by_role("complementary", name="Dossier")
    expect(case).to_contain_text("Conseils sur les captures, rappeler demain")
    expect(case).to_contain_text("Conversations précédentes")
    expect(case).to_contain_text("Conseils donnés")

    other_ctx = browser.new_context()  # she told the helpline her name in « Mon espace »
    other = other_ctx.new_page()
    SpacePage(other, app_url).open()
    unfold(other, PROFILE)
    other.get_by_label("Prénom ou pseudo").fill("Lou")
    other.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(other.get_by_role("status")).to_have_text("C'est enregistré.")
    TalkPage(other, app_url).start("Quelqu'un a volé mon compte et me menace")
    expect(camille.get_by_role("row").filter(has_text="Menaces")).to_have_count(1)  # in words
    camille.take_next()
    expect(camille.get_by_role("log")).to_contain_text("volé mon compte")
    expect(camille.get_by_role("complementary", name="Dossier")).to_contain_text(
        re.compile(r"Prénom ou pseudo\s*Lou"))
    expect(_tab(camille, "^Lou · ")).to_have_count(1)  # tabs apart by her chosen name
    head = camille.locator("#conversation-head")
    expect(head.get_by_role("heading")).to_have_text("Lou")
    expect(head).to_contain_text("Menaces")  # the risk rule's flag, still in sight
    screenshot(camille, "staff-console-case-file-desktop")

    # A message in the conversation not on screen shows as a badge on its tab, live.
    TalkPage(page).send("Ils ont publié une photo de moi")
    first_tab = camille.get_by_role("button", name=re.compile("messages non lus"))
    expect(first_tab).to_have_count(1)
    expect(first_tab).to_contain_text("1")
    sent = page.locator("[data-sender=victim]").filter(has_text="publié une photo")
    expect(sent).to_contain_text("✓ Reçu")  # on the counsellor's screen, pushed live
    expect(sent).not_to_contain_text("Lu")  # not read yet, honestly
    first_tab.click()
    expect(camille.get_by_role("log")).to_contain_text("publié une photo")
    expect(camille.get_by_role("button", name=re.compile("messages non lus"))).to_have_count(0)
    expect(sent).to_contain_text("✓✓ Lu")  # pushed live once the counsellor opened it
    camille.set_viewport_size(PHONE)
    camille.wait_for_timeout(300)  # let the layout settle at the new width
    screenshot(camille, "staff-console-case-file-phone")
    other_ctx.close()
    camille_ctx.close()


def test_a_supervisor_reassigns_from_the_supervision_table(browser, page, app_url,
                                                          quiet_helpline) -> None:
    TalkPage(page, app_url).start("Je reçois des menaces de mort")
    camille_ctx, camille = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    camille.take_next()
    expect(camille.get_by_role("log")).to_contain_text("menaces de mort")
    yanis_ctx, yanis = Console.signed_in(browser, app_url, "psy@abri.example")
    expect(yanis.get_by_text("Aucune conversation ouverte")).to_be_visible()

    nadia_ctx, nadia = Console.signed_in(browser, app_url, "superviseur@abri.example")
    row = nadia.get_by_role("row").filter(has_text="Camille")
    row.get_by_label("Réattribuer à").select_option(label="Yanis")
    row.get_by_role("button", name="Réattribuer").click()
    expect(nadia.get_by_role("row").filter(has_text="Yanis")).to_have_count(1)

    # Pushed live: the new holder sees it among their conversations, the victim sees
    # who answers now, the previous holder no longer has it.
    expect(page.locator("#counsellor-name")).to_have_text("Yanis")
    yanis_tab = yanis.get_by_role("button", name=re.compile(r"^Jeune · \d\d:\d\d"))
    expect(yanis_tab).to_have_count(1)
    expect(camille.get_by_role("log")).to_have_count(0)
    yanis_tab.click()
    expect(yanis.get_by_role("log")).to_contain_text("menaces de mort")
    for ctx in (camille_ctx, yanis_ctx, nadia_ctx):
        ctx.close()


def test_the_transcript_is_downloaded_only_when_asked(browser, page, app_url) -> None:
    page.set_viewport_size(PHONE)
    TalkPage(page, app_url).start("Voici ce qu'il m'a écrit hier")
    camille_ctx, camille = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    camille.take_next()
    camille.reply("Merci de me le dire.\nOn va voir ensemble.")
    camille.unfold("Note pour l'équipe")
    camille.get_by_label("Note interne").fill("Harceleur identifié, même classe")
    camille.get_by_role("button", name="Ajouter la note").click()
    expect(page.get_by_role("log")).to_contain_text("On va voir ensemble.")
    page.get_by_role("button", name="Terminer la conversation").click()
    expect(page.get_by_text("La conversation est terminée.")).to_be_visible()

    page.get_by_role("button", name="Télécharger la conversation").click()
    warning = page.get_by_role("alertdialog")
    expect(warning).to_contain_text("le fichier restera sur cet appareil")
    screenshot(page, "victim-transcript-warning-phone")
    page.get_by_role("button", name="Non, ne rien télécharger").click()
    expect(warning).to_have_count(0)

    page.get_by_role("button", name="Télécharger la conversation").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Oui, télécharger sur cet appareil").click()
    saved = download.value
    assert re.fullmatch(r"abri-conversation-\d{4}-\d{2}-\d{2}\.txt", saved.suggested_filename)
    text = Path(saved.path()).read_text(encoding="utf-8")
    assert "Toi: Voici ce qu'il m'a écrit hier" in text
    assert "Camille: Merci de me le dire." in text
    assert "        On va voir ensemble." in text  # a second line stays in its message
    assert "Harceleur identifié" not in text  # internal notes never leave the staff side
    camille_ctx.close()


def test_page_states_never_reach_the_disk(page, app_url) -> None:
    """Page states hold decrypted messages: they live in memory, not in .states/."""
    TalkPage(page, app_url).start("un secret qui ne doit pas finir sur le disque")
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("un secret")
    states = ROOT / ".states"
    leaked = [p for p in states.rglob("*") if p.is_file()
              and b"un secret qui ne doit pas" in p.read_bytes()] if states.exists() else []
    assert leaked == []
    page.get_by_role("button", name="Terminer la conversation").click()


def test_a_long_queue_shows_its_head_and_counts_the_rest(browser, app_url, app_server,
                                                         quiet_helpline) -> None:
    # A busy evening: 30 young people wait (written straight into the database).
    stamp, database = "2026-11-29 18:00:00.000000", \
        f"{app_server.base_env['ABRI_DATA_DIR']}/abri.db"
    with sqlite3.connect(database) as conn:
        for i in range(30):
            conn.execute("INSERT INTO victim (id, created_at) VALUES (?, ?)",
                         (f"busy-victim-{i}", stamp))
            conn.execute("INSERT INTO conversation (id, victim_id, status, priority, "
                         "created_at) VALUES (?, ?, 'waiting', ?, ?)",
                         (f"busy-{i}", f"busy-victim-{i}", i, stamp))
    context, camille = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    queue = camille.get_by_role("table")
    expect(queue.get_by_role("row")).to_have_count(1 + 25)  # the header, then the head
    expect(queue.get_by_role("row").nth(1)).to_contain_text("Haute")  # highest priority first
    expect(queue.get_by_role("row").last).to_contain_text("Normale")  # priorities 5…
    expect(camille.get_by_text("Et encore, plus bas dans la file : 5")).to_be_visible()
    expect(camille.locator("[data-color=gray]").first).to_contain_text("30")  # all counted
    context.close()
    with sqlite3.connect(database) as conn:  # the next tests find a quiet helpline
        conn.execute("UPDATE conversation SET status = 'ended' WHERE id LIKE 'busy-%'")
