from sqlmodel import func, select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.models import Victim
from victim_app.session_start import VictimSessionStarter

DOCUMENT = {"sec-fetch-dest": "document"}


def _client() -> TestClient:
    async def page(_request):
        return PlainTextResponse("page")

    inner = Starlette(routes=[Route("/{path:path}", page)])
    return TestClient(VictimSessionStarter(inner, get_settings()))


def _victims(db) -> int:
    return db.exec(select(func.count()).select_from(Victim)).one()


def test_a_first_page_load_gets_its_account_with_the_page(db) -> None:
    response = _client().get("/infos", headers=DOCUMENT)
    assert response.text == "page"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert victims.resolve(db, response.cookies[VICTIM_COOKIE]) is not None
    assert _victims(db) == 1


def test_a_live_session_is_kept(db) -> None:
    token = victims.start(db)
    db.commit()
    client = _client()
    client.cookies.set(VICTIM_COOKIE, token)
    assert "set-cookie" not in client.get("/", headers=DOCUMENT).headers
    assert _victims(db) == 1


def test_no_account_for_crawlers_assets_staff_or_recovery(db) -> None:
    client = _client()
    assert "set-cookie" not in client.get("/infos").headers  # no Sec-Fetch-Dest
    for path in ("/staff", "/staff/login", "/api/health", "/abri.js", "/retrouver",
                 "/en/goodbye", "/assets/app.js"):
        assert "set-cookie" not in client.get(path, headers=DOCUMENT).headers, path
    assert "set-cookie" not in client.post("/infos", headers=DOCUMENT).headers
    assert _victims(db) == 0


def test_a_flood_of_first_page_loads_gets_a_calm_page_not_accounts(db, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_VICTIM_ACCOUNTS_PER_HOUR", "3")
    get_settings.cache_clear()
    client = _client()
    for _ in range(3):
        client.cookies.clear()
        assert VICTIM_COOKIE in client.get("/infos", headers=DOCUMENT).cookies
    client.cookies.clear()
    busy = client.get("/infos", headers=DOCUMENT)
    assert busy.status_code == 429 and "set-cookie" not in busy.headers
    assert "Reviens dans quelques minutes" in busy.text and "3018" in busy.text
    assert 'lang="en"' in client.get("/en/quiz", headers=DOCUMENT).text
    assert _victims(db) == 3


def test_english_pages_have_english_slugs_and_the_french_ones_redirect(db) -> None:
    import victim_app

    async def page(_request):
        return PlainTextResponse("page")

    inner = Starlette(routes=[Route("/{path:path}", page)])
    client = TestClient(victim_app.endpoints(get_settings()).wrap(inner))
    for old, new in (("/en/parler", "/en/talk"), ("/en/coffre-fort/", "/en/safe"),
                     ("/en/espace?restored=1", "/en/my-space?restored=1"),
                     ("/en/retrouver", "/en/find-my-space"), ("/en/au-revoir", "/en/goodbye")):
        moved = client.get(old, headers=DOCUMENT, follow_redirects=False)
        assert (moved.status_code, moved.headers["location"]) == (308, new), old
        assert "set-cookie" not in moved.headers  # no account for a redirect
    assert client.get("/parler", headers=DOCUMENT, follow_redirects=False).status_code != 308
    assert _victims(db) <= 1
