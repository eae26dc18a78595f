"""Staff identity in a real browser: single sign-on through an OpenID Connect
provider, TOTP for admins, and a disabled account losing its session at once."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pyotp
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, screenshot, sign_in

CONSOLE = re.compile(r"/staff/?$")
LOGIN = re.compile(r"/staff/login/?(\?.*)?$")


def _login(page, app_url: str, email: str, code: str = "") -> None:
    sign_in(page, app_url, email, code=code)


def test_single_sign_on_through_the_provider(page, app_url, oidc_issuer) -> None:
    httpx.put(f"{oidc_issuer}/users/idp-nadia",
              json={"email": "superviseur@abri.example", "email_verified": True}) \
        .raise_for_status()
    page.goto(app_url + "/staff/login")
    page.get_by_role("link", name="Se connecter avec Académie").click()
    expect(page).to_have_url(re.compile(re.escape(oidc_issuer)))
    page.get_by_placeholder("sub").fill("idp-nadia")
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{re.escape(app_url)}/staff/?$"))
    expect(page.get_by_text("Nadia")).to_be_visible()


def test_a_tampered_state_is_refused(page, app_url, oidc_issuer) -> None:
    def tamper(route) -> None:
        """Alter the state in the provider's redirect back to Abri (redirects
        themselves cannot be intercepted, so rewrite the provider's answer)."""
        if route.request.method != "POST":
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        parts = urlsplit(response.headers["location"])
        query = dict(parse_qsl(parts.query))
        query["state"] = query.get("state", "") + "x"
        headers = {**response.headers,
                   "location": parts._replace(query=urlencode(query)).geturl()}
        route.fulfill(response=response, headers=headers)

    page.route(f"{oidc_issuer}/**", tamper)
    page.goto(app_url + "/staff/login")
    page.get_by_role("link", name="Se connecter avec Académie").click()
    page.get_by_placeholder("sub").fill("idp-nadia")
    page.get_by_role("button", name="Authorize").click()
    expect(page).to_have_url(LOGIN)
    expect(page.get_by_role("alert")).to_contain_text("La connexion par l'identifiant")
    page.goto(app_url + "/staff")
    expect(page).to_have_url(LOGIN)


def test_admin_enrols_totp_and_disabling_a_colleague_ends_their_session(
        browser, page, app_url) -> None:
    counsellor_ctx = browser.new_context()
    counsellor = counsellor_ctx.new_page()
    _login(counsellor, app_url, "ecoutante@abri.example")
    expect(counsellor.get_by_role("heading", level=1, name="Console")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    _login(page, app_url, "admin@abri.example")
    expect(page.get_by_text("Active la double authentification")).to_be_visible()
    page.goto(app_url + "/staff/admin")
    expect(page.get_by_text("Ton rôle ne donne pas accès à cette page.")).to_be_visible()

    page.goto(app_url + "/staff/securite")
    page.get_by_role("button", name="Activer la double authentification").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    qr = page.get_by_role("img", name="QR")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")  # it really renders
    screenshot(page, "staff-totp-enrolment-desktop")
    page.get_by_label("Code affiché par l'application").fill("000000")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code ne correspond pas")
    page.get_by_label("Code affiché par l'application").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("status")).to_contain_text("la double authentification est active")

    page.get_by_role("button", name="Se déconnecter").click()
    _login(page, app_url, "admin@abri.example")
    expect(page.get_by_role("alert")).to_have_text("Code de vérification manquant ou incorrect.")
    _login(page, app_url, "admin@abri.example", pyotp.TOTP(secret).at(time.time() + 30))
    expect(page.get_by_text("Active la double authentification")).to_have_count(0)
    page.goto(app_url + "/staff/admin")
    row = page.get_by_role("row").filter(has_text="ecoutante@abri.example")
    row.get_by_role("button", name="Désactiver").click()
    expect(row.get_by_text("Désactivé")).to_be_visible()

    counsellor.reload()
    expect(counsellor).to_have_url(LOGIN)
    _login(counsellor, app_url, "ecoutante@abri.example")
    expect(counsellor.get_by_role("alert")).to_have_text("Adresse ou mot de passe incorrect.")

    page.get_by_label("Objet (identifiant)").fill("")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("cell", name="staff.disabled")).to_be_visible()
    row.get_by_role("button", name="Réactiver").click()
    expect(row.get_by_text("Actif")).to_be_visible()
    counsellor_ctx.close()
