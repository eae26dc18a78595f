"""Staff identity in a real browser: single sign-on through an OpenID Connect
provider, TOTP for admins, and a disabled account losing its session at once."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pyotp
from playwright.sync_api import expect

from helpline.demo import DEMO_STAFF_PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages import SecurityPage, StaffLogin

CONSOLE = re.compile(r"/staff/?$")
LOGIN = re.compile(r"/staff/login/?(\?.*)?$")
CONSOLE_OR_HOME = re.compile(r"/staff(?!/login)(/[a-z-]+)?/?$")


def _login(page, app_url: str, email: str, code: str = "") -> None:
    StaffLogin(page, app_url).sign_in(email, code=code)


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

    security = SecurityPage(page, app_url).open()
    security.enable(DEMO_STAFF_PASSWORD)
    secret = page.locator("#totp-secret").inner_text().strip()
    qr = page.get_by_role("img", name="QR")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")  # it really renders
    screenshot(page, "staff-totp-enrolment-desktop")
    security.confirm("000000")
    expect(page.get_by_role("alert")).to_contain_text("Ce code ne correspond pas")
    security.confirm(pyotp.TOTP(secret).now())
    expect(page.get_by_role("status")).to_contain_text("la double authentification est active")

    page.get_by_role("button", name="Se déconnecter").click()
    _login(page, app_url, "admin@abri.example")
    expect(page.get_by_role("alert")).to_have_text("Code de vérification manquant ou incorrect.")
    _login(page, app_url, "admin@abri.example", pyotp.TOTP(secret).at(time.time() + 30))
    expect(page.get_by_text("Active la double authentification")).to_have_count(0)
    page.goto(app_url + "/staff/admin")
    own = page.get_by_role("row").filter(has_text="admin@abri.example")  # the only admin
    expect(own).to_contain_text("Toujours actif")
    expect(own.get_by_role("button", name="Désactiver")).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text="retraits@abri.example")).to_contain_text(
        "Retraits")  # roles in words, not takedown_officer
    row = page.get_by_role("row").filter(has_text="ecoutante@abri.example")
    row.get_by_role("button", name="Désactiver").click()
    expect(row.get_by_text("Désactivé")).to_be_visible()

    counsellor.reload()
    expect(counsellor).to_have_url(LOGIN)
    _login(counsellor, app_url, "ecoutante@abri.example")
    expect(counsellor.get_by_role("alert")).to_have_text("Adresse ou mot de passe incorrect.")

    page.get_by_label("Objet (identifiant)").fill("")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("cell", name="A désactivé un compte")).to_be_visible()  # words
    expect(page.get_by_role("cell", name="Membre de l'équipe : Camille").first).to_be_visible()
    row.get_by_role("button", name="Réactiver").click()
    expect(row.get_by_text("Actif")).to_be_visible()
    counsellor_ctx.close()


def test_changing_the_authenticator_keeps_the_old_one_until_the_new_is_confirmed(
        browser, page, app_url) -> None:
    email, now = "retraits@abri.example", time.time
    _login(page, app_url, email)
    security = SecurityPage(page, app_url).open()
    security.enable("not my password")
    expect(page.get_by_role("alert")).to_contain_text("Ce mot de passe ne correspond pas")
    security.enable(DEMO_STAFF_PASSWORD)
    old = pyotp.TOTP(page.locator("#totp-secret").inner_text().strip())
    security.confirm(old.at(now() - 30))
    expect(page.get_by_role("status")).to_contain_text("la double authentification est active")

    # Changing device asks who this is: the password and the code in force.
    page.get_by_label("Ton mot de passe").fill(DEMO_STAFF_PASSWORD)
    page.get_by_role("button", name="Changer d'appareil d'authentification").click()
    expect(page.get_by_role("alert")).to_contain_text("Le code actuel est manquant ou incorrect")
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        screenshot(page, f"staff-totp-reauth-{name}")
    page.get_by_label("Ton mot de passe").fill(DEMO_STAFF_PASSWORD)
    page.get_by_label("Code actuel de ton application").fill(old.at(now()))
    page.get_by_role("button", name="Changer d'appareil d'authentification").click()
    expect(page.get_by_text("Ton appareil actuel reste valable")).to_be_visible()
    new = pyotp.TOTP(page.locator("#totp-secret").inner_text().strip())
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        screenshot(page, f"staff-totp-renewal-{name}")

    # Not yet confirmed: elsewhere, the old factor is still what signing in needs.
    other_ctx = browser.new_context()
    other = other_ctx.new_page()
    _login(other, app_url, email)
    expect(other.get_by_role("alert")).to_contain_text("Code de vérification manquant")
    _login(other, app_url, email, old.at(now() + 30))
    expect(other).to_have_url(CONSOLE_OR_HOME)

    security.confirm(new.at(now()))
    expect(page.get_by_role("status")).to_contain_text("la double authentification est active")
    other.get_by_role("button", name="Se déconnecter").click()
    _login(other, app_url, email, old.at(now() + 30))
    expect(other.get_by_role("alert")).to_contain_text("Code de vérification manquant")
    _login(other, app_url, email, new.at(now() + 30))
    expect(other).to_have_url(CONSOLE_OR_HOME)
    other_ctx.close()


def test_repeated_wrong_passwords_say_the_wait_in_words(page, app_url) -> None:
    for _ in range(4):
        StaffLogin(page, app_url).sign_in("personne@abri.example",
                                          password="pas le bon mot de passe")
    expect(page.get_by_role("alert")).to_contain_text("Tu pourras réessayer dans 2 secondes.")
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        screenshot(page, f"staff-login-wait-{name}")
