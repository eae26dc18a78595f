from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from webserver.headers import SecurityHeaders


def _client(tmp_path, https=False) -> TestClient:
    async def page(_request):
        return PlainTextResponse("hi", headers={"cache-control": "max-age=600"})

    inner = Starlette(routes=[Route("/", page), Route("/assets/app-123.js", page)])
    (tmp_path / "index.html").write_text("<script>boot()</script>")
    return TestClient(SecurityHeaders(inner, https=https, build_dir=tmp_path))


def test_every_response_gets_the_security_headers(tmp_path) -> None:
    response = _client(tmp_path).get("/")
    h = response.headers
    assert "script-src 'self' 'sha256-" in h["content-security-policy"]
    assert h["cache-control"] == "no-store"  # the app's own value is replaced
    assert h["referrer-policy"] == "no-referrer"
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in h
    assert _client(tmp_path).get("/missing").headers["cache-control"] == "no-store"


def test_hashed_bundles_may_be_cached_and_https_adds_hsts(tmp_path) -> None:
    response = _client(tmp_path, https=True).get("/assets/app-123.js")
    assert "immutable" in response.headers["cache-control"]
    assert "max-age=31536000" in response.headers["strict-transport-security"]


def test_a_route_serving_someones_file_keeps_its_own_sandboxing_policy(tmp_path) -> None:
    async def evidence(_request):
        return PlainTextResponse("bytes", headers={
            "content-security-policy": "sandbox; default-src 'none'"})

    inner = Starlette(routes=[Route("/file", evidence)])
    response = TestClient(SecurityHeaders(inner, https=False, build_dir=tmp_path)).get("/file")
    assert response.headers.get_list("content-security-policy") == [
        "sandbox; default-src 'none'"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
