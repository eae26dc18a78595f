import pytest
from starlette.testclient import TestClient

from helpline.config import get_settings
from helpline.identity.sessions import STAFF_COOKIE
from helpline.identity.staff_accounts import create_staff
from helpline.identity.staff_auth import staff_from_token
from staff_app.endpoints import endpoints as staff_endpoints
from victim_app.endpoints import endpoints as victim_endpoints
from webserver.routes import build_routes

ORIGIN = {"origin": "http://localhost:3000"}
PASSWORD = "a long enough password"


@pytest.fixture
def client(db) -> TestClient:
    create_staff(db, email="nadia@abri.example", display_name="Nadia", password=PASSWORD,
                 roles=["supervisor"])
    db.commit()
    return TestClient(_routes(), base_url="http://localhost:3000",
                      follow_redirects=False)


def _login(client, password=PASSWORD, headers=ORIGIN, locale="fr"):
    return client.post("/api/staff/login", headers=headers,
                       data={"email": "nadia@abri.example", "password": password,
                             "locale": locale})


def test_a_browser_form_post_is_same_origin_by_fetch_metadata(client) -> None:
    # What Chromium sends under Referrer-Policy: no-referrer.
    response = _login(client, headers={"origin": "null", "sec-fetch-site": "same-origin"})
    assert STAFF_COOKIE in response.cookies


def test_login_sets_an_httponly_strict_cookie_and_logout_revokes_it(client) -> None:
    response = _login(client)
    assert response.status_code == 303 and response.headers["location"] == "/staff"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    token = response.cookies[STAFF_COOKIE]
    assert staff_from_token(token).display_name == "Nadia"

    out = client.post("/api/staff/logout", headers=ORIGIN, data={"locale": "en"},
                      cookies={STAFF_COOKIE: token})
    assert out.headers["location"] == "/staff/en/login"
    assert staff_from_token(token) is None


def test_wrong_password_or_foreign_origin_is_refused(client) -> None:
    for response in (
        _login(client, password="wrong password"),
        _login(client, headers={"origin": "https://evil.example"}),
        _login(client, headers={}),
        _login(client, headers={"origin": "null"}),
        _login(client, headers={"sec-fetch-site": "cross-site", **ORIGIN}),
        _login(client, password="x" * 10_000),
    ):
        assert response.status_code == 303
        assert response.headers["location"] == "/staff/login?error=failed"
        assert STAFF_COOKIE not in response.cookies
    assert _login(client, password="nope", locale="en").headers["location"] == \
        "/staff/en/login?error=failed"


def test_quick_exit_clears_the_browser(client) -> None:
    response = client.post("/api/session/exit", headers=ORIGIN)
    assert response.status_code == 204
    assert response.headers["clear-site-data"] == '"cache", "cookies", "storage"'
    assert "abri_victim=" in response.headers["set-cookie"]


def test_victim_start_creates_one_account_and_stays_inside_abri(client, db) -> None:
    from sqlmodel import func, select

    from helpline.identity.sessions import VICTIM_COOKIE
    from helpline.models import Victim

    first = client.get("/api/victim/start?next=/infos")
    assert first.status_code == 303 and first.headers["location"] == "/infos"
    token = first.cookies[VICTIM_COOKIE]
    assert "HttpOnly" in first.headers["set-cookie"]
    again = client.get("/api/victim/start?next=/quiz", cookies={VICTIM_COOKIE: token})
    assert VICTIM_COOKIE not in again.cookies  # an existing session is kept
    assert db.exec(select(func.count()).select_from(Victim)).one() == 1
    for target in ("https://evil.example/", "//evil.example", "/\\evil", "javascript:x"):
        assert client.get("/api/victim/start", params={"next": target}) \
            .headers["location"] == "/"


def test_victim_restore_with_code_and_kind_refusals(client, db) -> None:
    from helpline.identity import victims
    from helpline.identity.sessions import VICTIM_COOKIE

    token = victims.start(db)
    principal = victims.resolve(db, token)
    code = victims.new_recovery_code(db, principal)
    db.commit()
    wrong = client.post("/api/victim/restore", headers=ORIGIN, data={"code": "pas-un-code"})
    assert wrong.headers["location"] == "/retrouver?error=code_wrong"
    typed = code.upper().replace("-", "  ")
    ok = client.post("/api/victim/restore", headers=ORIGIN, data={"code": typed, "locale": "en"})
    assert ok.headers["location"] == "/en/my-space?restored=1"
    restored = victims.resolve(db, ok.cookies[VICTIM_COOKIE])
    assert restored.victim_id == principal.victim_id
    foreign = client.post("/api/victim/restore", headers={"origin": "https://evil.example"},
                          data={"code": code})
    assert VICTIM_COOKIE not in foreign.cookies


def test_repeated_wrong_passwords_say_how_long_to_wait(client) -> None:
    for _ in range(3):
        assert _login(client, password="wrong password").headers["location"] == \
            "/staff/login?error=failed"
    assert _login(client, password="wrong password").headers["location"] == \
        "/staff/login?error=failed&wait=2"
    refused = _login(client)  # the right password, too soon
    assert refused.headers["location"] in ("/staff/login?error=locked&wait=2",
                                           "/staff/login?error=locked&wait=1")
    assert STAFF_COOKIE not in refused.cookies


def _start(client, address: str, **kwargs):
    client.cookies.clear()  # each a new visitor
    return client.get("/api/victim/start?next=/en/infos",
                      headers={"x-forwarded-for": address}, **kwargs)


def test_victim_start_creates_a_limited_number_of_accounts_per_address(
        db, monkeypatch) -> None:
    """The finding: any request minted an account, without limit."""
    from sqlmodel import func, select

    from helpline.identity.sessions import VICTIM_COOKIE
    from helpline.models import Victim
    monkeypatch.setenv("ABRI_VICTIM_ACCOUNTS_PER_HOUR", "2")
    monkeypatch.setenv("ABRI_TRUSTED_PROXY_HOPS", "1")
    get_settings.cache_clear()
    client = TestClient(_routes(), base_url="http://localhost:3000",
                        follow_redirects=False)
    first, _second = _start(client, "198.51.100.1"), _start(client, "198.51.100.1")
    busy = _start(client, "198.51.100.1")
    assert busy.status_code == 429 and VICTIM_COOKIE not in busy.cookies
    assert busy.headers["retry-after"] and "no-store" in busy.headers["cache-control"]
    assert "Come back in a few minutes" in busy.text and 'href="/en/infos"' in busy.text
    assert db.exec(select(func.count()).select_from(Victim)).one() == 2
    # An existing account is not affected; another address still gets its own.
    kept = _start(client, "198.51.100.1", cookies={VICTIM_COOKIE: first.cookies[VICTIM_COOKIE]})
    assert kept.status_code == 303 and kept.headers["location"] == "/en/infos"
    assert VICTIM_COOKIE in _start(client, "198.51.100.2").cookies


def _routes():
    """The HTTP routes of both surfaces, as a server serving both mounts them."""
    return build_routes(victim_endpoints(get_settings()), staff_endpoints(get_settings()))
