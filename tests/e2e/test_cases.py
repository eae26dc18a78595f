"""Staff see what a young person shared, and only that: in « Dossiers » and in the case
file beside the chat; a withdrawal takes an item off their screen at once; an original
opens only after the counsellor re-entered their password.

The young person's safe is filled through the domain API (``helpline.vault``), in a
process of its own pointed at the server's data, as their page would fill it; their
withdrawal reaches the staff page as the domain event the victim page publishes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from harness.appserver import ROOT
from helpline.demo import DEMO_STAFF_PASSWORD
from helpline.identity.sessions import VICTIM_COOKIE
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import Console, TalkPage

SHOTS = Path("/work/shots/staff")

# Run in the server's environment: fills the safe of the victim whose session token is
# given, shares two items (a screenshot and a link) and keeps a third (a message) to
# themselves; or withdraws one share and publishes what the victim page publishes.
SCRIPT = r'''
import asyncio, json, sys
from helpline import events, vault
from helpline.db import session_scope
from helpline.identity import victims
from uikit import live
from tests.factories import run_async

command, token = sys.argv[1], sys.argv[2]
with session_scope() as db:
    me = victims.resolve(db, token)

if command == "seed":
    image = open(sys.argv[3], "rb").read()

    async def chunks():
        yield image[: len(image) // 2]
        yield image[len(image) // 2:]

    shot = run_async(vault.receive_upload(me, "capture-groupe.png", len(image), chunks()))
    with session_scope() as db:
        victims.update_profile(db, me, nickname="Inès", age_band="15_17")
        vault.describe(db, me, shot.id, vault.DetailsForm.from_form({
            "title": "Capture du groupe de classe", "platform": "snapchat",
            "happened_at": "2026-11-30T18:45", "author": "@lerieur", "description": "",
            "incident_id": ""}))
        link = vault.add_link(db, me, vault.LinkForm.from_form({
            "url": "https://www.instagram.com/p/abc123/", "platform": "",
            "description": "Compte qui publie mes photos"}))
        kept = vault.add_message(db, me, vault.MessageForm.from_form({
            "text": "Message que je garde pour moi", "author": "@lerieur",
            "platform": "whatsapp", "seen_at": "2026-11-29T21:10"}))
        vault.share(db, me, [shot.id, link.id], "counselling")
        vault.share(db, me, [shot.id], "takedown")
    print(json.dumps({"shot": shot.id, "link": link.id, "kept": kept.id,
                      "sha": shot.sha256}))
elif command == "withdraw":
    with session_scope() as db:
        vault.withdraw(db, me, sys.argv[3])
    live.publish(events.VaultShared(me.victim_id))
'''


def _png() -> bytes:
    """A small but real screenshot-like PNG (a thumbnail and working copy can be made)."""
    out = io.BytesIO()
    image = Image.new("RGB", (640, 360), (240, 236, 230))
    for x in range(40, 600):
        for y in (60, 61, 62, 140, 141, 142):
            image.putpixel((x, y), (11, 110, 105))
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def live_server(app_server, tmp_path):
    """The app with Redis for live updates, so an event published by another process
    (the victim's withdrawal, here) reaches the staff page as it would across workers."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set: the withdrawal's event needs Redis")
    yield app_server.ensure(ABRI_REDIS_URL=url, ABRI_WORKERS="1"), app_server
    app_server.stop()  # the next test file gets the default server back


def _as_victim(server, command: str, token: str, *args: str) -> str:
    env = {**server.base_env, **(server.overrides or {})}
    done = subprocess.run([sys.executable, "-c", SCRIPT, command, token, *args], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _victim_token(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == VICTIM_COOKIE)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the layout settle at its width
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_staff_see_exactly_what_was_shared(browser, live_server, tmp_path,
                                           quiet_helpline) -> None:
    url, server = live_server
    # A young person talks to the helpline and keeps three things in their safe.
    victim_ctx = browser.new_context(viewport=PHONE)
    victim = victim_ctx.new_page()
    TalkPage(victim, url).start("Ils partagent des captures de moi dans le groupe")
    token = _victim_token(victim_ctx)
    image = tmp_path / "capture.png"
    image.write_bytes(_png())
    seeded = json.loads(_as_victim(server, "seed", token, str(image)))
    assert seeded["sha"] == hashlib.sha256(image.read_bytes()).hexdigest()

    camille_ctx, camille = Console.signed_in(browser, url, "ecoutante@abri.example")

    # The case file beside the chat: the two shared items, not the kept message.
    expect(camille.get_by_role("table")).to_be_visible()  # the queue is on the page
    camille.take_next()
    expect(camille.get_by_role("log")).to_contain_text("captures de moi")
    case = camille.get_by_role("complementary", name="Dossier")
    shared = case.get_by_role("list", name="Preuves partagées").get_by_role("listitem")
    expect(shared).to_have_count(2)
    expect(case).to_contain_text(re.compile(r"Âge\s*15 à 17 ans"))  # as she told it
    expect(case).to_contain_text("Capture du groupe de classe")
    expect(case).to_contain_text("Compte qui publie mes photos")
    expect(case).not_to_contain_text("Message que je garde pour moi")
    expect(case.get_by_text(seeded["sha"][:12] + "…")).to_be_visible()
    _shot(camille, "case-file-desktop-1280")
    camille.set_viewport_size(PHONE)
    _shot(camille, "case-file-phone-390")
    camille.set_viewport_size(DESKTOP)

    # « Dossiers »: the same two, the image shown from its working copy.
    camille.get_by_role("navigation", name="Espace professionnel") \
        .get_by_role("link", name="Dossiers").click()
    expect(camille.get_by_role("heading", level=1, name="Dossiers")).to_be_visible()
    person = camille.get_by_role("region", name="Inès")  # the name she gave « Mon espace »
    items = person.get_by_role("list", name="Preuves partagées").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(person).not_to_contain_text("Message que je garde pour moi")
    thumb = person.get_by_role("img", name=re.compile("Capture du groupe de classe"))
    expect(thumb).to_be_visible()
    camille.wait_for_function("img => img.complete && img.naturalWidth > 0",
                              arg=thumb.element_handle())
    address = "https://www.instagram.com/p/abc123/"  # an untitled link: named by it
    expect(person.get_by_role("link", name=f"Ouvrir le lien : {address}")) \
        .to_have_attribute("href", address)
    _shot(camille, "dossiers-desktop-1280")
    camille.set_viewport_size(PHONE)
    _shot(camille, "dossiers-phone-390")
    camille.set_viewport_size(DESKTOP)

    # The kept item is not there to fetch either, by any variant.
    for variant in ("working", "thumbnail", "original"):
        answer = camille.request.get(f"{url}/staff/api/vault/items/{seeded['kept']}/{variant}")
        assert answer.status == 404, variant
    working = camille.request.get(f"{url}/staff/api/vault/items/{seeded['shot']}/working")
    assert working.status == 200
    assert working.headers["content-security-policy"].startswith("sandbox")
    assert working.headers["x-content-type-options"] == "nosniff"
    assert working.headers["cache-control"] == "no-store"

    # An original only after re-entering the password; a wrong one is refused kindly.
    person.get_by_role("button", name="Ouvrir l'original : Capture du groupe de classe").click()
    dialog = camille.get_by_role("dialog", name="Ouvrir l'original")
    expect(dialog).to_contain_text("registre de garde")
    dialog.get_by_label("Mot de passe").fill("pas le bon")
    dialog.get_by_role("button", name="Confirmer").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Ce n'est pas le bon mot de passe ou le bon code. Tu peux réessayer.")
    dialog.get_by_label("Mot de passe").fill(DEMO_STAFF_PASSWORD)
    dialog.get_by_role("button", name="Confirmer").click()
    with camille.expect_download() as download:
        dialog.get_by_role("link", name="Télécharger l'original").click()
    original = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(original).hexdigest() == seeded["sha"]  # byte for byte
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_have_count(0)

    # The signed dossier of what she shared to remove: working copies by default; with
    # the originals only after the password again, the original in it byte for byte.
    expect(person.get_by_role("link", name="Exporter un dossier signé")).to_be_visible()
    person.get_by_role("button", name="Dossier avec les originaux").click()
    dialog = camille.get_by_role("dialog", name="Exporter le dossier avec les originaux")
    expect(dialog).to_contain_text("registre de garde")
    dialog.get_by_label("Mot de passe").fill(DEMO_STAFF_PASSWORD)
    dialog.get_by_role("button", name="Confirmer").click()
    with camille.expect_download() as download:
        dialog.get_by_role("link", name="Télécharger le dossier avec les originaux").click()
    assert download.value.suggested_filename.startswith("dossier-")
    with zipfile.ZipFile(download.value.path()) as dossier_zip:
        inside = {hashlib.sha256(dossier_zip.read(n)).hexdigest() for n in dossier_zip.namelist()}
    assert seeded["sha"] in inside
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_have_count(0)

    # The young person withdraws the screenshot: it leaves the staff screen at once.
    _as_victim(server, "withdraw", token, seeded["shot"])
    expect(items).to_have_count(1)
    expect(person).to_contain_text("Compte qui publie mes photos")
    expect(camille.get_by_text("Capture du groupe de classe")).to_have_count(0)
    assert camille.request.get(
        f"{url}/staff/api/vault/items/{seeded['shot']}/working").status == 404

    # Back in the console, the young person attaches the message they had kept from
    # « Parler »: the counsellor sees it in the thread and in the case file, live.
    camille.get_by_role("navigation", name="Espace professionnel") \
        .get_by_role("link", name="Console").click()
    camille.get_by_role("button", name=re.compile("^Inès · ")).click()
    case = camille.get_by_role("complementary", name="Dossier")
    expect(case.get_by_role("list", name="Preuves partagées").get_by_role("listitem")) \
        .to_have_count(1)  # the withdrawn screenshot is gone from the case file too
    victim.get_by_role("button", name="Joindre une preuve de mon coffre-fort").click()
    picker = victim.get_by_role("group", name="Ce que tu veux montrer à l'écoutant·e")
    expect(picker.get_by_role("checkbox")).to_have_count(3)
    picker.get_by_label("Message", exact=True).check()
    _shot(victim, "parler-attach-phone-390")  # the young person's side of it
    victim.get_by_role("button", name="Joindre à la conversation").click()
    expect(victim.get_by_role("status").filter(has_text="C'est joint")).to_be_visible()
    thread = camille.get_by_role("list", name="Pièces jointes à la conversation")
    expect(thread.get_by_role("listitem")).to_have_count(1)
    expect(thread).to_contain_text("Envoyée dans la conversation")
    expect(case.get_by_role("list", name="Preuves partagées").get_by_role("listitem")) \
        .to_have_count(2)
    _shot(camille, "case-file-attached-desktop-1280")
    camille.set_viewport_size(PHONE)
    _shot(camille, "case-file-attached-phone-390")
    victim_ctx.close()
    camille_ctx.close()
