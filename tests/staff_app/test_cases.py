"""The staff side of the safe: the rows « Dossiers » and the case file show, their
state, and the download routes — staff reach what was shared and nothing else."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from helpline import vault
from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.sessions import STAFF_COOKIE, VICTIM_COOKIE, open_staff_session
from helpline.identity.staff_accounts import create_staff
from helpline.models import AuditEntry
from staff_app.cases.endpoints import vault_routes
from staff_app.cases.evidence import evidence_row
from staff_app.cases.original import OriginalState
from staff_app.cases.state import CasesState
from tests.factories import call_handler, run_async, run_handler

PASSWORD = "un mot de passe assez long"  # a test value


def _item(**fields) -> SimpleNamespace:
    base = {"id": "it1", "kind": "image", "title": "Capture", "platform": "snapchat",
            "happened_at": datetime(2026, 11, 30, 17, 45, tzinfo=UTC),
            "created_at": datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            "shared_at": datetime(2026, 12, 1, 9, 5, tzinfo=UTC), "purpose": "takedown",
            "sha256": "ab" * 32, "size": 10, "has_thumbnail": True, "url": "",
            "conversation_id": None, "author": "@x", "description": "", "filename": ""}
    return SimpleNamespace(**{**base, **fields})


def test_an_image_row_shows_its_thumbnail_and_opens_its_working_copy() -> None:
    row = evidence_row(_item(), "fr")
    assert row["thumb"] == "/staff/api/vault/items/it1/thumbnail"
    assert row["open"] == "/staff/api/vault/items/it1/working"
    assert row["when"] == "30/11/2026 18:45"  # in the helpline's time zone
    assert row["shared"] == "01/12/2026"
    assert row["purpose"] == "une demande de retrait"
    assert row["sha_short"] == "ab" * 6 and row["sha"] == "ab" * 32
    assert row["url"] == ""


def test_a_link_is_its_address_and_other_kinds_download() -> None:
    link = evidence_row(_item(kind="link", url="https://x.example/p/1", has_thumbnail=False,
                              title="", sha256=""), "en")
    assert (link["url"], link["open"], link["thumb"]) == ("https://x.example/p/1", "", "")
    assert link["title"] == "https://x.example/p/1"  # no title given: its address
    assert evidence_row(_item(kind="message", title=""), "en")["title"] == "Message"
    pdf = evidence_row(_item(kind="pdf", has_thumbnail=False, platform="unknown-one"), "fr")
    assert pdf["thumb"] == "" and pdf["image"] == ""
    assert pdf["open"] == "/staff/api/vault/items/it1/working"
    assert pdf["platform"] == "Unknown-one"  # a platform without a name: its slug


# ---- with the real safe ---------------------------------------------------------------


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _upload(victim, data: bytes, name: str = "capture.png"):
    async def chunks():
        yield data

    return run_async(vault.receive_upload(victim, name, len(data), chunks()))


@pytest.fixture
def safe(db):
    """A victim with two images, one shared; a counsellor and an admin signed in."""
    token = victims.start(db)
    me = victims.resolve(db, token)
    db.commit()
    shared, kept = _upload(me, _png()), _upload(me, _png(), "autre.png")
    vault.share(db, me, [shared.id], "counselling")
    counsellor = create_staff(db, email="camille@abri.example", display_name="Camille",
                              password=PASSWORD, roles=["counsellor"])
    admin = create_staff(db, email="root@abri.example", display_name="Root", password=None,
                         roles=["admin"])
    db.flush()
    tokens = {"counsellor": open_staff_session(db, counsellor.id, max_hours=1),
              "admin": open_staff_session(db, admin.id, max_hours=1)}
    db.commit()
    return SimpleNamespace(victim=me, victim_token=token, shared=shared, kept=kept,
                           tokens=tokens)


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(Starlette(routes=vault_routes(get_settings())))


def _get(client: TestClient, path: str, cookie: str = ""):
    return client.get(path, headers={"cookie": cookie} if cookie else {})


def test_staff_fetch_a_shared_working_copy_sandboxed(safe, client) -> None:
    answer = _get(client, f"/staff/api/vault/items/{safe.shared.id}/working",
                  f"{STAFF_COOKIE}={safe.tokens['counsellor']}")
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-disposition"].startswith("inline")  # a re-encoded image
    assert answer.headers["content-type"].startswith("image/")
    Image.open(io.BytesIO(answer.content)).verify()


@pytest.mark.parametrize("who", ["nobody", "victim", "admin"])
def test_only_the_chat_team_reaches_the_route(safe, client, who) -> None:
    cookie = {"nobody": "", "victim": f"{VICTIM_COOKIE}={safe.victim_token}",
              "admin": f"{STAFF_COOKIE}={safe.tokens['admin']}"}[who]
    answer = _get(client, f"/staff/api/vault/items/{safe.shared.id}/working", cookie)
    assert answer.status_code == 401
    assert answer.content == b""


def test_staff_cannot_reach_an_unshared_or_withdrawn_item(db, safe, client) -> None:
    cookie = f"{STAFF_COOKIE}={safe.tokens['counsellor']}"
    for variant in ("working", "thumbnail", "original", "../original"):
        assert _get(client, f"/staff/api/vault/items/{safe.kept.id}/{variant}",
                    cookie).status_code == 404
    # Not even the shared one's original without a ticket.
    assert _get(client, f"/staff/api/vault/items/{safe.shared.id}/original",
                cookie).status_code == 404
    vault.withdraw(db, safe.victim, safe.shared.id)
    db.commit()
    assert _get(client, f"/staff/api/vault/items/{safe.shared.id}/working",
                cookie).status_code == 404
    assert _get(client, "/staff/api/vault/original/not-a-ticket", cookie).status_code == 404


def _state(cls, safe, role: str = "counsellor", name: str = "load", *args):
    return call_handler(cls, name, f"{STAFF_COOKIE}={safe.tokens[role]}", list(args))


def test_cases_list_what_was_shared_only(safe) -> None:
    state = _state(CasesState, safe)
    assert state.error == ""
    [person] = state.people
    assert [row["id"] for row in person.evidence] == [safe.shared.id]
    assert safe.kept.id not in repr(state.dict())
    assert _state(CasesState, safe, "admin").people == []  # not of the chat team


def test_an_original_opens_after_the_password_only(db, safe, client) -> None:
    state = _state(OriginalState, safe, "counsellor", "ask_original", safe.shared.id, "Capture")
    assert state.original_id == safe.shared.id and not state.with_code
    cookie = f"{STAFF_COOKIE}={safe.tokens['counsellor']}"
    run_handler(state, "confirm_original", {"password": "pas le bon"})
    assert state.original_error == "reauth_failed" and state.original_link == ""
    run_handler(state, "confirm_original", {"password": PASSWORD})
    assert state.original_error == ""
    assert state.original_link.startswith("/staff/api/vault/original/")
    answer = _get(client, state.original_link, cookie)
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment")
    assert answer.headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert answer.content == _png()  # the original, byte for byte
    # Another staff member's session cannot use the ticket.
    assert _get(client, state.original_link,
                f"{STAFF_COOKIE}={safe.tokens['admin']}").status_code == 401
    db.expire_all()
    assert db.exec(select(AuditEntry).where(
        AuditEntry.action == "vault.original_opened")).one().object_id == safe.shared.id
    run_handler(state, "close_original", False)
    assert (state.original_id, state.original_link) == ("", "")


def test_a_closed_dialog_grants_nothing(safe) -> None:
    state = _state(OriginalState, safe, "counsellor", "confirm_original", {"password": PASSWORD})
    assert state.original_link == ""


def test_an_item_attached_in_the_chat_shows_in_the_thread_and_case_file(db, safe) -> None:
    from helpline import chat
    from staff_app.console.state import ConsoleState
    from tests.factories import OPEN_AT
    from victim_app.chat.state import ChatState

    conversation = chat.open_conversation(db, safe.victim, topics=[], urgency=0, consent=True,
                                          now=OPEN_AT)
    db.commit()
    staff_cookie = f"{STAFF_COOKIE}={safe.tokens['counsellor']}"
    console = call_handler(ConsoleState, "take_next", staff_cookie, [])
    assert console.current_id == conversation.id
    assert [e["id"] for e in console.case_evidence] == [safe.shared.id]
    assert console.case_attached == []  # shared from the safe, not in this chat

    page = call_handler(ChatState, "load", f"{VICTIM_COOKIE}={safe.victim_token}", [])
    run_handler(page, "ask_attach")
    assert {i["id"] for i in page.attachable} == {safe.shared.id, safe.kept.id}
    run_handler(page, "attach", {f"attach:{safe.kept.id}": "on"})
    assert page.attached == "1" and not page.attach_open

    run_handler(console, "refresh_case_from_push")  # what the VaultShared push calls
    assert [e["id"] for e in console.case_attached] == [safe.kept.id]
    assert {e["id"] for e in console.case_evidence} == {safe.shared.id, safe.kept.id}
