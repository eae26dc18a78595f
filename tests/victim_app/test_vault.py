"""The safe's page state and HTTP routes without a browser: another person's item is
out of reach through every handler and route, uploads are refused before a byte is
read when they cannot be kept, and downloads carry their sandboxing headers."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.testclient import TestClient

from helpline import vault
from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from tests.factories import call_handler, run_handler
from victim_app.vault import endpoints
from victim_app.vault.state import VaultState

SECRET = "marqueur-secret-du-message-A"
SAME = {"sec-fetch-site": "same-origin"}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 130)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def owners(db):
    token_a, token_b = victims.start(db), victims.start(db)
    a = victims.resolve(db, token_a)
    item = vault.add_message(db, a, vault.MessageForm.from_form({"text": SECRET}))
    vault.share(db, a, [item.id], "counselling")
    db.commit()
    return {"a": a, "a_token": token_a, "b_token": token_b, "item": item.id}


def _cookie(token: str) -> str:
    return f"{VICTIM_COOKIE}={token}"


def _a_item(db, owners) -> vault.ItemDetail:
    return vault.item_detail(db, owners["a"], owners["item"])


@pytest.mark.parametrize("name", ["open_item", "withdraw", "toggle"])
def test_another_victim_cannot_reach_an_item_by_its_id(db, owners, name) -> None:
    state = call_handler(VaultState, name, _cookie(owners["b_token"]), [owners["item"]])
    assert SECRET not in repr(state.dict())
    assert state.open_id == "" and state.selected == []
    assert _a_item(db, owners).shares[0].withdrawn_at is None


def test_another_victim_cannot_share_describe_or_delete_it(db, owners) -> None:
    state = call_handler(VaultState, "load", _cookie(owners["b_token"]), [])
    # A hostile page: its state points at A's item as if it were open and ticked.
    state.open_id, state.selected, state.confirm = owners["item"], [owners["item"]], "delete"
    run_handler(state, "share", {"purpose": "report"})
    run_handler(state, "save_details", {"title": "pwned"})
    run_handler(state, "delete")
    detail = _a_item(db, owners)
    assert detail.title != "pwned" and len(detail.shares) == 1 and detail.text == SECRET
    assert SECRET not in repr(state.dict())


def test_the_owner_sees_the_message_exactly(db, owners) -> None:
    state = call_handler(VaultState, "open_item", _cookie(owners["a_token"]), [owners["item"]])
    assert state.detail["text"] == SECRET
    assert state.detail["shared"] == "1"


def _client() -> TestClient:
    return TestClient(Starlette(routes=endpoints.endpoints(get_settings())),
                      base_url="http://127.0.0.1")


def test_uploads_need_the_same_origin_and_a_live_unlocked_session(db, owners) -> None:
    client, body = _client(), _png()
    cross = client.post("/api/vault/upload", content=body,
                        headers={"sec-fetch-site": "cross-site", "x-vault-filename": "a.png",
                                 "cookie": _cookie(owners["b_token"])})
    assert cross.status_code == 403
    nobody = client.post("/api/vault/upload", content=body, headers=SAME)
    assert nobody.status_code == 401 and nobody.json()["code"] == "session"
    b = victims.resolve(db, owners["b_token"])
    victims.set_pin(db, b, "2580")  # a space locks only with a way back in
    victims.lock_now(db, b)
    db.commit()
    locked = client.post("/api/vault/upload", content=body,
                         headers={**SAME, "cookie": _cookie(owners["b_token"])})
    assert locked.status_code == 401


def test_an_upload_too_big_for_any_kind_is_refused_before_reading(db, owners) -> None:
    read = []

    def body():
        read.append(1)
        yield b"\x89PNG\r\n\x1a\n"

    limit = max(get_settings().vault_image_max_mb, get_settings().vault_video_max_mb,
                get_settings().vault_pdf_max_mb, get_settings().vault_text_max_mb)
    answer = _client().post("/api/vault/upload", content=body(), headers={
        **SAME, "cookie": _cookie(owners["a_token"]),
        "content-length": str(limit * 1024 * 1024 + 1), "x-vault-filename": "big.png"})
    assert answer.status_code == 413
    assert answer.json() == {"ok": False, "code": "too_big", "limit_mb": limit}


def test_an_upload_is_kept_and_downloaded_only_by_its_owner(db, owners) -> None:
    client, data = _client(), _png()
    kept = client.post("/api/vault/upload", content=data, headers={
        **SAME, "cookie": _cookie(owners["a_token"]),
        "x-vault-filename": "capture%20d%27%C3%A9cran.png"})
    assert kept.status_code == 201, kept.text
    item = kept.json()["item"]
    own = client.get(f"/api/vault/items/{item['id']}/original",
                     headers={"cookie": _cookie(owners["a_token"])})
    assert own.status_code == 200 and own.content == data
    assert own.headers["content-disposition"].startswith("attachment;")
    assert own.headers["x-content-type-options"] == "nosniff"
    assert own.headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert own.headers["cache-control"] == "no-store"
    for cookie in (_cookie(owners["b_token"]), ""):
        other = client.get(f"/api/vault/items/{item['id']}/original",
                           headers={"cookie": cookie})
        assert other.status_code == 404 and other.content == b""
    assert client.get(f"/api/vault/items/{item['id']}/../../etc",
                      headers={"cookie": _cookie(owners["a_token"])}).status_code == 404
