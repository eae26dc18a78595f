"""The staff dossier: only what the person shared for a takedown or a report, working
copies and captures but never an image's original (F4), for the case roles only; the
staff and victim routes answer attachments that are never sniffed or cached."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from helpline import vault
from helpline.config import get_settings
from helpline.identity.sessions import STAFF_COOKIE, open_staff_session
from helpline.vault import dossier
from staff_app.cases.export import dossier_routes
from tests.factories import staff as _staff
from tests.helpline.vault.conftest import jpeg_with_gps, refused, upload


@pytest.fixture
def shared(db, victim):
    photo = upload(victim, jpeg_with_gps((120, 60)), "IMG_0001.JPG")
    note = vault.add_message(db, victim, vault.MessageForm(text="pour le retrait"))
    private = vault.add_message(db, victim, vault.MessageForm(text="pour en parler"))
    vault.share(db, victim, [photo.id, note.id], "takedown")
    vault.share(db, victim, [private.id], "counselling")
    db.commit()
    return photo, note, private


def test_staff_export_the_takedown_items_without_an_images_original(db, victim, shared,
                                                                    tmp_path) -> None:
    photo, note, _private = shared
    counsellor = _staff(db)
    made = dossier.export_for_staff(db, counsellor, victim.victim_id)
    target = tmp_path / "staff.zip"
    shutil.copyfile(made.path, target)
    made.discard()
    assert dossier.verify(target, public_key=dossier.public_key_pem()).ok
    with zipfile.ZipFile(target) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = zf.namelist()
    assert [i["id"] for i in manifest["items"]] == [photo.id, note.id]  # not the private one
    assert manifest["exporter"] == {"kind": "staff"}
    photo_files = manifest["items"][0]["files"]
    assert any(f.endswith("working.jpg") for f in photo_files)
    assert not any(f.endswith("original.jpg") for f in names)
    assert any(f.endswith("original.txt") for f in manifest["items"][1]["files"])


def test_other_roles_and_unshared_people_get_nothing(db, victim, other, shared) -> None:
    admin = _staff(db, "Admin", roles=("admin",))
    with refused("forbidden"):
        dossier.export_for_staff(db, admin, victim.victim_id)
    with refused("not_found"):
        dossier.export_for_staff(db, _staff(db, "Lou"), other.victim_id)


def test_the_staff_route_is_an_attachment_for_a_case_role(db, victim, shared) -> None:
    photo, _note, _private = shared
    member = _staff(db, "Nora")
    token = open_staff_session(db, member.staff_id, max_hours=8)
    db.commit()
    client = TestClient(Starlette(routes=dossier_routes(get_settings())))
    assert client.get(f"/staff/api/vault/dossier/{photo.id}").status_code == 401
    client.cookies.set(STAFF_COOKIE, token)
    answer = client.get(f"/staff/api/vault/dossier/{photo.id}")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith('attachment; filename="dossier-')
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.content.startswith(b"PK")
    assert client.get("/staff/api/vault/dossier/nope").status_code == 404


def test_the_victim_route_and_the_published_key(db) -> None:
    from helpline.identity import victims
    from helpline.identity.sessions import VICTIM_COOKIE
    from victim_app.vault.endpoints import endpoints

    token = victims.start(db)
    owner = victims.resolve(db, token)
    note = vault.add_message(db, owner, vault.MessageForm(text="« preuve »"))
    db.commit()
    client = TestClient(Starlette(routes=endpoints(get_settings())))
    assert client.get(f"/api/vault/dossier?items={note.id}").status_code == 404  # no session
    client.cookies.set(VICTIM_COOKIE, token)
    answer = client.get(f"/api/vault/dossier?lang=fr&items={note.id}")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"].startswith('attachment; filename="dossier-')
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    key = client.get("/.well-known/abri-dossier-key.pem")
    assert key.status_code == 200 and key.content == dossier.public_key_pem()


def test_the_originals_go_in_only_with_a_ticket_from_the_password_again(
        db, victim, shared, tmp_path) -> None:
    from sqlmodel import select

    from helpline.models import AuditEntry, CustodyEntry
    from tests.helpline.vault.test_staff import PASSWORD, _with_password

    photo, _note, private = shared
    lina = _with_password(db)
    with refused("reauth_failed"):
        vault.grant_dossier(db, lina, photo.id, password="not my password")
    ticket = vault.grant_dossier(db, lina, photo.id, password=PASSWORD)
    db.commit()
    with refused("not_found"):  # a dossier ticket never opens one original, nor the reverse
        vault.open_original_ticket(db, lina, ticket)
    with refused("not_found"):
        vault.open_dossier_ticket(db, lina, vault.grant_original(db, lina, photo.id,
                                                                 password=PASSWORD))
    with refused("not_found"):  # another session of the same person
        vault.open_dossier_ticket(db, _with_password(db, "Noé"), ticket)
    made = vault.open_dossier_ticket(db, lina, ticket)
    db.commit()
    target = tmp_path / "originals.zip"
    shutil.copyfile(made.path, target)
    made.discard()
    assert dossier.verify(target, public_key=dossier.public_key_pem()).ok
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        original = next(n for n in names if n.endswith("original.jpg"))
        assert zf.read(original) == jpeg_with_gps((120, 60))  # as stored, metadata included
    assert private.id not in json.dumps(names)
    granted = db.exec(select(AuditEntry).where(
        AuditEntry.action == "vault.dossier_originals_granted")).one()
    assert granted.object_id == photo.id
    exported = db.exec(select(CustodyEntry).where(CustodyEntry.action == "export",
                                                  CustodyEntry.item_id == photo.id)).all()
    assert len(exported) == 1 and exported[0].actor_kind == "staff"


def test_no_dossier_ticket_for_a_person_who_shared_nothing_to_report(db, victim) -> None:
    from tests.helpline.vault.test_staff import PASSWORD, _with_password

    note = vault.add_message(db, victim, vault.MessageForm(text="juste pour en parler"))
    vault.share(db, victim, [note.id], "counselling")
    db.commit()
    with refused("not_found"):
        vault.grant_dossier(db, _with_password(db), note.id, password=PASSWORD)


def test_the_originals_route_needs_the_ticket_of_this_session(db, victim, shared) -> None:
    from helpline.identity.sessions import resolve_staff
    from helpline.identity.staff_accounts import create_staff
    from tests.helpline.vault.test_staff import PASSWORD

    photo, _note, _private = shared
    member = create_staff(db, email="ines@abri.example", display_name="Inès",
                          password=PASSWORD, roles=["counsellor"])
    db.flush()
    token = open_staff_session(db, member.id, max_hours=8)
    ines = resolve_staff(db, token, idle_minutes=30)
    ticket = vault.grant_dossier(db, ines, photo.id, password=PASSWORD)
    db.commit()
    client = TestClient(Starlette(routes=dossier_routes(get_settings())))
    url = f"/staff/api/vault/dossier/originals/{ticket}"
    assert client.get(url).status_code == 401
    client.cookies.set(STAFF_COOKIE, token)
    answer = client.get(url)
    assert answer.status_code == 200 and answer.content.startswith(b"PK")
    assert answer.headers["cache-control"] == "no-store"
    assert client.get(url[:-3] + "xyz").status_code == 404
    assert client.get("/staff/api/vault/dossier/originals/" + "a" * 500).status_code == 404
