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
