"""Supervisors see every live conversation, can join one, and tune the risk rules."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_chat import _staff_login, _victim_starts


def test_a_supervisor_sees_joins_and_speaks_in_a_live_conversation(browser, page,
                                                                   app_url) -> None:
    _victim_starts(page, app_url, "je veux en finir, ils ont tout partagé")
    counsellor_ctx, counsellor = _staff_login(browser, app_url, "ecoutante@abri.example")
    counsellor.get_by_role("button", name="Prendre la suivante").click()
    expect(counsellor.get_by_role("log")).to_contain_text("je veux en finir")

    supervisor_ctx, supervisor = _staff_login(browser, app_url, "superviseur@abri.example")
    row = supervisor.get_by_role("row").filter(has_text="suicide")  # the risk rule flagged it
    expect(row).to_contain_text("Camille")
    screenshot(supervisor, "staff-console-supervision-desktop")
    row.get_by_role("button", name="Rejoindre").click()
    expect(supervisor.get_by_role("log")).to_contain_text("je veux en finir")
    supervisor.get_by_label("Réponse", exact=True).fill("Je suis Nadia, je suis là aussi.")
    supervisor.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("log")).to_contain_text("Je suis Nadia")
    counsellor_ctx.close()
    supervisor_ctx.close()


def test_a_supervisor_edits_the_risk_rules(browser, app_url) -> None:
    context, supervisor = _staff_login(browser, app_url, "superviseur@abri.example")
    supervisor.goto(app_url + "/staff/contenus")
    expect(supervisor.get_by_role("heading", name="Règles de priorité")).to_be_visible()
    supervisor.get_by_label("Étiquette").fill("harcelement")
    supervisor.get_by_label("Motif (regex)").fill("harcel(")
    supervisor.get_by_label("Poids").fill("15")
    supervisor.get_by_role("button", name="Ajouter la règle").click()
    expect(supervisor.get_by_role("alert")).to_contain_text("pas une expression régulière")
    supervisor.get_by_label("Étiquette").fill("harcelement")
    supervisor.get_by_label("Motif (regex)").fill("harc[eè]l")
    supervisor.get_by_label("Poids").fill("15")
    supervisor.get_by_role("button", name="Ajouter la règle").click()
    expect(supervisor.get_by_role("status")).to_have_text("Règle ajoutée.")
    row = supervisor.get_by_role("row").filter(has_text="harc[eè]l")
    row.get_by_role("button", name="Désactiver").click()
    expect(row.get_by_role("button", name="Activer")).to_be_visible()
    screenshot(supervisor, "staff-content-rules-desktop")
    context.close()
