"""Staff sign-in with OpenID Connect, driven end to end against a real (mock) provider.

The provider is ``oidc_provider_mock`` serving HTTP on 127.0.0.1 in a thread; Abri's
routes run in Starlette's TestClient and talk to it over the network, as in production.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import itsdangerous
import oidc_provider_mock
import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from helpline import crypto
from helpline.config import get_settings
from helpline.identity.sessions import STAFF_COOKIE
from helpline.identity.staff_accounts import create_staff
from helpline.identity.staff_auth import staff_from_token
from helpline.models import StaffUser
from helpline.models._common import utcnow
from staff_app.endpoints import endpoints as staff_endpoints
from victim_app.endpoints import endpoints as victim_endpoints
from webserver.routes import build_routes

PUBLIC_URL = "http://localhost:3000"
FLOW_COOKIE = "abri_oidc"
STATE_PREFIX = "_state_provider_"
CALLBACK = f"{PUBLIC_URL}/api/staff/oidc/callback"


@dataclass
class Sso:
    issuer: str
    client: TestClient

    def user(self, sub: str, **claims: object) -> None:
        """Set what the provider asserts about ``sub``."""
        httpx.put(f"{self.issuer}/users/{sub}", json=claims).raise_for_status()

    def start(self, locale: str | None = None) -> tuple[str, dict[str, str]]:
        """Abri's login redirect: the provider's authorization URL and its query."""
        response = self.client.get("/api/staff/oidc/login",
                                   params={"locale": locale} if locale else None)
        assert response.status_code == 302
        url = response.headers["location"]
        return url, {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}

    def authorize(self, url: str, sub: str) -> str:
        """The user picks ``sub`` at the provider; the redirect back to Abri."""
        response = httpx.post(url, data={"sub": sub}, follow_redirects=False)
        assert response.status_code == 302, response.text
        back = response.headers["location"]
        assert back.startswith(f"{CALLBACK}?")
        return back

    def flow_session(self) -> dict:
        """What Abri keeps in its signed ``abri_oidc`` cookie between the redirects."""
        data = _signer().unsign(self.client.cookies[FLOW_COOKIE], max_age=600)
        return json.loads(base64.b64decode(data))

    def replace_flow_session(self, session: dict) -> None:
        """Send back a session re-signed with Abri's own key (so only its content differs)."""
        forged = _signer().sign(base64.b64encode(json.dumps(session).encode())).decode()
        (held,) = [c for c in self.client.cookies.jar if c.name == FLOW_COOKIE]
        self.client.cookies.clear()
        self.client.cookies.set(FLOW_COOKIE, forged, domain=held.domain, path=held.path)


def _signer() -> itsdangerous.TimestampSigner:
    return itsdangerous.TimestampSigner(crypto.derive("oidc-flow-cookie").hex())


@pytest.fixture
def sso(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sso]:
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                  "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    with oidc_provider_mock.run_server_in_thread() as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        issuer = f"http://127.0.0.1:{port}"
        monkeypatch.setenv("ABRI_PUBLIC_URL", PUBLIC_URL)
        monkeypatch.setenv("ABRI_OIDC_ISSUER", issuer)
        monkeypatch.setenv("ABRI_OIDC_CLIENT_ID", "abri")
        monkeypatch.setenv("ABRI_OIDC_CLIENT_SECRET", "abri-client-secret")
        get_settings.cache_clear()
        crypto.reset_caches()
        client = TestClient(_routes(), base_url=PUBLIC_URL,
                            follow_redirects=False)
        with client:
            yield Sso(issuer=issuer, client=client)


def _staff(db, email: str) -> StaffUser:
    staff = create_staff(db, email=email, display_name="Inès", password=None,
                         roles=["counsellor"])
    db.commit()
    return staff


def _bound(db, staff: StaffUser) -> tuple[str | None, str | None]:
    db.expire_all()
    row = db.exec(select(StaffUser).where(StaffUser.id == staff.id)).one()
    return row.oidc_issuer, row.oidc_subject


def _staff_cookie(response: httpx.Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{STAFF_COOKIE}="):
            return header
    return None


def _assert_refused(response: httpx.Response, home: str = "/staff") -> None:
    assert response.status_code == 303
    assert response.headers["location"] == f"{home}/login?error=sso"
    assert _staff_cookie(response) is None
    assert STAFF_COOKIE not in response.cookies


def _sign_in(sso: Sso, sub: str, locale: str | None = None) -> httpx.Response:
    url, _ = sso.start(locale)
    return sso.client.get(sso.authorize(url, sub))


def test_sign_in_binds_the_precreated_account_and_sets_a_strict_cookie(sso, db) -> None:
    staff = _staff(db, "ines@abri.example")
    sso.user("idp-ines", email="Ines@Abri.example", email_verified=True)

    url, query = sso.start()
    assert url.startswith(f"{sso.issuer}/oauth2/authorize?")
    assert query["response_type"] == "code"
    assert query["client_id"] == "abri"
    assert query["redirect_uri"] == CALLBACK
    assert set(query["scope"].split()) >= {"openid", "email"}
    assert query["code_challenge_method"] == "S256"
    assert query["state"] and query["nonce"]
    # The challenge is S256 of the verifier Abri keeps, which never leaves the cookie.
    pending = sso.flow_session()[STATE_PREFIX + query["state"]]["data"]
    verifier = pending["code_verifier"]
    assert verifier not in url
    digest = hashlib.sha256(verifier.encode()).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert pending["nonce"] == query["nonce"]

    back = sso.authorize(url, "idp-ines")
    assert parse_qs(urlsplit(back).query)["state"] == [query["state"]]
    response = sso.client.get(back)

    assert response.status_code == 303 and response.headers["location"] == "/staff"
    cookie = _staff_cookie(response)
    assert cookie is not None
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    principal = staff_from_token(response.cookies[STAFF_COOKIE])
    assert principal is not None and principal.staff_id == staff.id
    assert _bound(db, staff) == (sso.issuer, "idp-ines")
    # The flow cookie is spent: the same callback cannot be replayed.
    assert FLOW_COOKIE not in sso.client.cookies
    _assert_refused(sso.client.get(back))

    # Next time the binding is what counts: the subject, whatever its email now says.
    sso.user("idp-ines", email="ines.new@elsewhere.example", email_verified=True)
    again = _sign_in(sso, "idp-ines", locale="en")
    assert again.status_code == 303 and again.headers["location"] == "/staff/en"
    assert staff_from_token(again.cookies[STAFF_COOKIE]).staff_id == staff.id


def test_a_tampered_or_missing_state_is_refused(sso, db) -> None:
    staff = _staff(db, "ines@abri.example")
    sso.user("idp-ines", email="ines@abri.example", email_verified=True)

    url, query = sso.start()
    back = sso.authorize(url, "idp-ines")
    tampered = back.replace(f"state={query['state']}", f"state={query['state'][:-2]}xy")
    assert tampered != back
    _assert_refused(sso.client.get(tampered))
    assert _bound(db, staff) == (None, None)

    # Login CSRF: a genuine code and state, but arriving in a browser that never
    # started this flow (no flow cookie), is refused too.
    url, _ = sso.start()
    back = sso.authorize(url, "idp-ines")
    sso.client.cookies.clear()
    _assert_refused(sso.client.get(back))
    assert _bound(db, staff) == (None, None)


def test_an_id_token_whose_nonce_does_not_match_is_refused(sso, db) -> None:
    staff = _staff(db, "ines@abri.example")
    sso.user("idp-ines", email="ines@abri.example", email_verified=True)

    # Abri expects another nonce than the one the provider puts in the ID token.
    url, query = sso.start()
    session = sso.flow_session()
    pending = session[STATE_PREFIX + query["state"]]["data"]
    assert pending["nonce"] == query["nonce"]
    pending["nonce"] = "not-" + query["nonce"]
    back = sso.authorize(url, "idp-ines")
    sso.replace_flow_session(session)
    _assert_refused(sso.client.get(back))
    assert _bound(db, staff) == (None, None)

    # The provider is asked for (so signs) another nonce than the one Abri keeps.
    url, query = sso.start()
    back = sso.authorize(url.replace(f"nonce={query['nonce']}", "nonce=attacker-chosen"),
                         "idp-ines")
    _assert_refused(sso.client.get(back))
    assert _bound(db, staff) == (None, None)

    # Control: the same re-signing with the nonce left alone signs in, so what was
    # refused above is the nonce and nothing else.
    url, _ = sso.start()
    session = sso.flow_session()
    back = sso.authorize(url, "idp-ines")
    sso.replace_flow_session(session)
    response = sso.client.get(back)
    assert response.status_code == 303 and response.headers["location"] == "/staff"
    assert staff_from_token(response.cookies[STAFF_COOKIE]).staff_id == staff.id


def test_an_identity_without_an_account_is_refused(sso, db) -> None:
    staff = _staff(db, "ines@abri.example")
    sso.user("idp-stranger", email="stranger@abri.example", email_verified=True)
    _assert_refused(_sign_in(sso, "idp-stranger"))
    sso.user("idp-nomail", name="No Email")
    _assert_refused(_sign_in(sso, "idp-nomail", locale="en"), home="/staff/en")

    # Once bound, the account cannot be claimed by another subject with its email.
    sso.user("idp-ines", email="ines@abri.example", email_verified=True)
    assert _sign_in(sso, "idp-ines").headers["location"] == "/staff"
    sso.user("idp-impostor", email="ines@abri.example", email_verified=True)
    _assert_refused(_sign_in(sso, "idp-impostor"))
    assert _bound(db, staff) == (sso.issuer, "idp-ines")
    assert db.exec(select(StaffUser).where(StaffUser.oidc_subject == "idp-impostor")) \
        .first() is None


def test_a_disabled_account_is_refused(sso, db) -> None:
    fresh = _staff(db, "ines@abri.example")
    bound = _staff(db, "paul@abri.example")
    sso.user("idp-ines", email="ines@abri.example", email_verified=True)
    sso.user("idp-paul", email="paul@abri.example", email_verified=True)
    assert _sign_in(sso, "idp-paul").headers["location"] == "/staff"
    for staff in (fresh, bound):
        staff.disabled_at = utcnow()
        db.add(staff)
    db.commit()

    _assert_refused(_sign_in(sso, "idp-ines"))  # matched by email
    _assert_refused(_sign_in(sso, "idp-paul"))  # matched by issuer and subject
    assert _bound(db, fresh) == (None, None)


def _routes():
    """The HTTP routes of both surfaces, as a server serving both mounts them."""
    return build_routes(victim_endpoints(get_settings()), staff_endpoints(get_settings()))
