"""Supervisors see every live conversation, can join one, and tune the risk rules."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.pages import Console, SpacePage, TalkPage
from tests.e2e.pages.victim import PROFILE, unfold


def test_a_supervisor_sees_joins_and_speaks_in_a_live_conversation(browser, page,
                                                                   app_url) -> None:
    SpacePage(page, app_url).open()
    unfold(page, PROFILE)
    page.get_by_label("Prénom ou pseudo").fill("Sasha")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("C'est enregistré.")
    TalkPage(page, app_url).start("je veux en finir, ils ont tout partagé")
    counsellor_ctx, counsellor = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    counsellor.take_next()
    expect(counsellor.get_by_role("log")).to_contain_text("je veux en finir")

    supervisor_ctx, supervisor = Console.signed_in(browser, app_url, "superviseur@abri.example")
    row = supervisor.get_by_role("row").filter(has_text="suicide")  # the risk rule flagged it
    expect(row).to_contain_text("Camille")
    screenshot(supervisor, "staff-console-supervision-desktop")
    row.get_by_role("button", name="Rejoindre").click()
    expect(supervisor.get_by_role("log")).to_contain_text("je veux en finir")
    head = supervisor.locator("#conversation-head")
    expect(head.get_by_role("heading")).to_have_text("Sasha")  # as the case file gives it
    expect(head).to_contain_text("Suicide")
    supervisor.reply("Je suis Nadia, je suis là aussi.")
    expect(page.get_by_role("log")).to_contain_text("Je suis Nadia")
    counsellor_ctx.close()
    supervisor_ctx.close()


def test_a_supervisor_edits_the_risk_rules(browser, app_url) -> None:
    context, supervisor = Console.signed_in(browser, app_url, "superviseur@abri.example")
    supervisor.goto(app_url + "/staff/contenus")
    expect(supervisor.get_by_role("heading", name="Règles de priorité")).to_be_visible()
    # The defaults, in words: categories and priorities, phrases rather than a regex.
    threats = supervisor.get_by_role("row").filter(has_text="Menaces").first
    expect(threats).to_contain_text("Haute")
    # The test box says what a sentence raises.
    supervisor.get_by_label("Essayer une phrase").fill("Il m'a dit qu'il allait me tuer")
    supervisor.get_by_role("button", name="Tester").click()
    expect(supervisor.locator("#rule-try-result")).to_have_text("Cette phrase déclenche : Menaces")
    supervisor.get_by_label("Essayer une phrase").fill("il me prend mon argent à la récré")
    supervisor.get_by_role("button", name="Tester").click()
    expect(supervisor.locator("#rule-try-result")).to_contain_text("Aucune règle")

    form = supervisor.get_by_role("form", name="Nouvelle règle")
    form.get_by_label("Ou une nouvelle catégorie").fill("racket")
    form.get_by_text("Pour les habitué·es").click()
    form.get_by_label("Motif (regex)").fill("argent(")  # a broken expression is refused
    form.get_by_role("button", name="Ajouter la règle").click()
    expect(supervisor.get_by_role("alert")).to_contain_text("pas une expression régulière")
    form.get_by_label("Ou une nouvelle catégorie").fill("racket")
    form.get_by_label("Mots ou phrases").fill("il me prend mon argent\nil me rackette")
    form.get_by_label("Priorité").select_option(label="Très haute")
    form.get_by_role("button", name="Ajouter la règle").click()
    expect(supervisor.get_by_role("status").filter(has_text="Règle ajoutée.")).to_be_visible()
    row = supervisor.get_by_role("row").filter(has_text="il me rackette")
    expect(row).to_contain_text("il me prend mon argent · il me rackette")
    expect(row).to_contain_text("Très haute")
    supervisor.get_by_label("Essayer une phrase").fill("IL ME PREND MON ARGENT à la récré")
    supervisor.get_by_role("button", name="Tester").click()
    expect(supervisor.locator("#rule-try-result")).to_contain_text("racket")
    screenshot(supervisor, "staff-content-rules-desktop")
    row.get_by_role("button", name="Désactiver").click()
    expect(row.get_by_role("button", name="Activer")).to_be_visible()
    context.close()


def test_a_supervisor_keeps_the_ready_answers_counsellors_insert(browser, page, app_url,
                                                                quiet_helpline) -> None:
    context, supervisor = Console.signed_in(browser, app_url, "superviseur@abri.example")
    supervisor.goto(app_url + "/staff/contenus")
    answers = supervisor.get_by_role("form", name="Nouvelle réponse prête")
    answers.get_by_label("Titre").fill("Respirer")
    supervisor.get_by_role("button", name="Enregistrer la réponse").click()
    expect(supervisor.get_by_role("alert")).to_have_text(
        "Le texte doit faire 1 à 2000 caractères.")  # kindly refused, nothing saved
    expect(supervisor.get_by_role("row").filter(has_text="Respirer")).to_have_count(0)

    answers.get_by_label("Titre").fill("Respirer")
    answers.get_by_label("Texte").fill("Prends ton temps, je reste là.")
    supervisor.get_by_role("button", name="Enregistrer la réponse").click()
    expect(supervisor.get_by_role("status")).to_have_text("Réponse ajoutée.")
    supervisor.get_by_role("button", name="Modifier : Respirer").click()
    editing = supervisor.get_by_role("form", name="Modifier la réponse prête")
    expect(editing.get_by_label("Titre")).to_be_focused()  # the form may be far up the page
    expect(editing.get_by_label("Texte")).to_have_value("Prends ton temps, je reste là.")
    editing.get_by_label("Texte").fill("Prends ton temps. Je reste là, avec toi.")
    supervisor.get_by_role("button", name="Enregistrer la réponse").click()
    expect(supervisor.get_by_role("status")).to_have_text("Réponse modifiée.")
    expect(supervisor.get_by_role("row").filter(has_text="Respirer")).to_contain_text(
        "Je reste là, avec toi.")
    screenshot(supervisor, "staff-content-canned-desktop")
    supervisor.set_viewport_size(PHONE)
    supervisor.wait_for_timeout(300)  # let the layout settle at the new width
    screenshot(supervisor, "staff-content-canned-phone")

    # A counsellor inserts it, and can still adjust it before sending.
    TalkPage(page, app_url).start("J'ai du mal à respirer tellement j'ai peur")
    counsellor_ctx, counsellor = Console.signed_in(browser, app_url, "ecoutante@abri.example")
    counsellor.take_next()
    expect(counsellor.get_by_role("log")).to_contain_text("du mal à respirer")
    counsellor.get_by_role("button", name="Respirer", exact=True).click()
    expect(counsellor.locator("#console-reply")).to_have_value(
        "Prends ton temps. Je reste là, avec toi.")
    counsellor.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("log")).to_contain_text("Je reste là, avec toi.")

    supervisor.get_by_role("button", name="Supprimer : Respirer").click()
    supervisor.get_by_role("button", name="Non, la garder").click()
    expect(supervisor.get_by_role("row").filter(has_text="Respirer")).to_have_count(1)
    supervisor.get_by_role("button", name="Supprimer : Respirer").click()
    supervisor.get_by_role("button", name="Oui, supprimer").click()
    expect(supervisor.get_by_role("status")).to_have_text("Réponse supprimée.")
    expect(supervisor.get_by_role("row").filter(has_text="Respirer")).to_have_count(0)
    page.get_by_role("button", name="Terminer la conversation").click()  # leave no queue
    counsellor_ctx.close()
    context.close()
