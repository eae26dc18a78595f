"""« Mon coffre-fort » in a real browser, on a phone: files dropped several at once and
a screenshot pasted, a message and a link kept, the fingerprints shown, hostile files
refused in words with nothing kept, sharing and withdrawing, deleting down to the
blob on disk."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages.vault import Picked, VaultPage
from tests.e2e.pages.victim import PIN, unfold

SHOTS = Path("/work/shots/vault")
INCIDENT = "Ce qui s'est passé le 3 mars"


def _png(seed: int, size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, (seed * 40 % 256, 110, 140))
    for x in range(0, size[0], 4):
        image.putpixel((x, seed % size[1]), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _jpeg(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (200, seed * 30 % 256, 90)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _pixel_bomb() -> bytes:
    """A tiny PNG that claims 40 000 × 40 000 pixels (1.6 billion once decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


def _blobs(app_server) -> set[Path]:
    """Every file the server keeps for the safe outside the database (its blob store)."""
    store = Path(app_server.base_env["ABRI_DATA_DIR"]) / "blobs"
    return {p for p in store.rglob("*") if p.is_file()}


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    screenshot(page, f"vault-{name}")


@pytest.fixture
def safe(page, app_url) -> VaultPage:
    page.set_viewport_size(PHONE)
    return VaultPage(page, app_url).open()


def test_dropped_and_pasted_files_are_kept_with_their_fingerprints(safe, app_server,
                                                                  console_errors) -> None:
    _shot(safe.page, "empty-phone")
    first, second, third = (Picked("capture-1.png", _png(1), "image/png"),
                            Picked("photo soirée.jpg", _jpeg(2), "image/jpeg"),
                            Picked("capture-3.png", _png(3), "image/png"))
    before = _blobs(app_server)
    safe.drop(first, second, third)
    for picked in (first, second, third):
        safe.wait_kept(picked.name)
    pasted = _png(9, (120, 90))
    safe.paste(Picked("image.png", pasted, "image/png"))
    expect(safe.uploads).to_contain_text("capture-", timeout=20000)
    expect(safe.items).to_have_count(4, timeout=20000)
    assert len(_blobs(app_server)) > len(before)
    # Newest first: the pasted screenshot, then the dropped files.
    expect(safe.items.first).to_contain_text("capture-")
    # Each item opens to its fingerprint: the SHA-256 of exactly what was sent.
    safe.open_item("photo soirée.jpg")
    expect(safe.fingerprint).to_have_text(hashlib.sha256(second.data).hexdigest())
    expect(safe.page.get_by_text("données de lieu (GPS)", exact=False)).to_be_visible()
    expect(safe.page.get_by_role("link", name="Télécharger l'original")).to_have_attribute(
        "href", re.compile(r"^/api/vault/items/[^/]+/original$"))
    _shot(safe.page, "details-phone")
    safe.back()
    # The focus is back on the item just read, where the person left the list.
    expect(safe.item("photo soirée.jpg").get_by_role("button")).to_be_focused()
    expect(safe.item("capture-1.png")).to_contain_text(
        hashlib.sha256(first.data).hexdigest()[:12])
    _shot(safe.page, "items-phone")
    safe.page.set_viewport_size(DESKTOP)
    _shot(safe.page, "items-desktop")
    assert console_errors == []


def test_a_message_is_kept_exactly_and_a_link_guesses_its_platform(safe) -> None:
    # Right-to-left text, an override character and odd spacing: evidence, kept as is.
    text = "tu vas voir demain  \u202eالمدرسة\u202c\n  😡 réponds !!"
    safe.add_message(text, author="@pas_gentil", platform="instagram")
    safe.open_item("Message")
    quote = safe.page.locator("blockquote")
    expect(quote).to_have_attribute("dir", "auto")
    assert quote.evaluate("q => getComputedStyle(q).unicodeBidi") == "isolate"
    assert quote.evaluate("q => q.textContent") == text
    expect(safe.page.get_by_text("@pas_gentil")).to_be_visible()
    expect(safe.fingerprint).to_have_text(hashlib.sha256(text.encode()).hexdigest())
    safe.back()

    platform = safe.add_link("https://www.tiktok.com/@quelquun/video/123",
                             "Une vidéo qui se moque de moi")
    expect(platform).to_have_value("tiktok")
    safe.save_link()
    expect(safe.items).to_have_count(2)
    expect(safe.items.first).to_contain_text("TikTok")


@pytest.mark.parametrize("size_name,size", [("phone", PHONE), ("desktop", DESKTOP)])
def test_hostile_files_are_refused_in_words_and_nothing_is_kept(page, app_url, app_server,
                                                                size_name, size) -> None:
    page.set_viewport_size(size)
    safe = VaultPage(page, app_url).open()
    before = _blobs(app_server)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    safe.drop(Picked("dessin.svg", svg, "image/svg+xml"),
              Picked("photo.png", html, "image/png"),
              Picked("vide.png", b"", "image/png"),
              Picked("bombe.png", _pixel_bomb(), "image/png"))
    for name in ("dessin.svg", "photo.png"):
        expect(safe.upload_row(name)).to_contain_text("Ce type de fichier n'est pas accepté",
                                                      timeout=20000)
        expect(safe.upload_row(name)).to_contain_text("Rien n'a été gardé")
    expect(safe.upload_row("vide.png")).to_contain_text("Ce fichier est vide")
    expect(safe.upload_row("bombe.png")).to_contain_text("Cette image ne peut pas être lue",
                                                         timeout=20000)
    _shot(page, f"refused-{size_name}")
    page.wait_for_timeout(300)
    expect(page.get_by_text("Ton coffre-fort est vide pour l'instant.")).to_be_visible()
    assert _blobs(app_server) == before


def test_sharing_withdrawing_and_deleting(safe, app_server) -> None:
    others = _blobs(app_server)  # earlier tests' accounts: not this one's to delete
    files = [Picked(f"preuve-{i}.png", _png(10 + i), "image/png") for i in range(3)]
    safe.drop(*files)
    for picked in files:
        safe.wait_kept(picked.name)
    expect(safe.items).to_have_count(3, timeout=20000)
    mine = _blobs(app_server) - others
    assert len(mine) >= 3  # originals, and the images' working copies and thumbnails
    safe.tick("preuve-0.png")
    safe.tick("preuve-2.png")
    expect(safe.page.get_by_text("Éléments choisis : 2")).to_be_visible()
    safe.share("Pour demander le retrait du contenu")
    expect(safe.item("preuve-0.png")).to_contain_text("Partagé")
    expect(safe.item("preuve-2.png")).to_contain_text("Partagé")
    expect(safe.item("preuve-1.png")).not_to_contain_text("Partagé")
    _shot(safe.page, "shared-phone")

    safe.open_item("preuve-2.png")
    expect(safe.page.get_by_text("Pour demander le retrait du contenu")).to_be_visible()
    _shot(safe.page, "sharing-details-phone")
    safe.page.get_by_role("button", name="Retirer le partage").click()
    expect(safe.page.get_by_text("Partage retiré", exact=False)).to_be_visible()
    safe.back()
    expect(safe.item("preuve-2.png")).not_to_contain_text("Partagé")

    safe.open_item("preuve-1.png")
    safe.delete_open_item()
    expect(safe.items).to_have_count(2)
    expect(safe.item("preuve-1.png")).to_have_count(0)
    gone = mine - _blobs(app_server)
    assert gone, "deleting an item removes its blob (and its derivatives') from disk"

    safe.empty_everything()
    expect(safe.items).to_have_count(0)
    assert not _blobs(app_server) & mine
    assert _blobs(app_server) >= others  # nobody else's safe was touched


def test_another_tab_of_the_same_person_sees_a_new_item(safe, context) -> None:
    other = VaultPage(context.new_page(), safe.app_url).open()
    safe.add_message("deuxième onglet")
    expect(other.items).to_have_count(1, timeout=10000)


def test_upload_route_refuses_another_origin_and_no_session(app_url) -> None:
    import httpx

    body = _png(5)
    answer = httpx.post(app_url + "/api/vault/upload", content=body,
                        headers={"x-vault-filename": "a.png", "sec-fetch-site": "cross-site"})
    assert answer.status_code == 403
    answer = httpx.post(app_url + "/api/vault/upload", content=body,
                        headers={"x-vault-filename": "a.png", "sec-fetch-site": "same-origin"})
    assert answer.status_code == 401 and answer.json()["code"] == "session"
    assert httpx.get(app_url + "/api/vault/items/nope/original").status_code == 404


def test_details_are_edited_and_items_grouped_into_an_incident(safe) -> None:
    safe.drop(Picked("story.png", _png(21), "image/png"), Picked("dm.png", _png(22), "image/png"))
    for name in ("story.png", "dm.png"):
        safe.wait_kept(name)
    safe.page.get_by_role("button", name="Un incident").click()
    safe.page.get_by_label("Ce qui s'est passé").fill(INCIDENT)
    safe.page.get_by_label("Le jour (si tu le sais)").fill("2026-03-03")
    safe.page.get_by_role("button", name="Créer l'incident").click()
    expect(safe.page.get_by_text("L'incident est créé.", exact=False)).to_be_visible()

    safe.open_item("story.png")
    safe.page.get_by_role("button", name="Modifier les détails").click()
    safe.page.get_by_label("Titre").fill("La story du 3 mars")
    safe.page.get_by_label("Appli ou site", exact=True).select_option("snapchat")
    safe.page.get_by_label("Date et heure de l'incident").fill("2026-03-03T21:40")
    safe.page.get_by_label("Auteur", exact=False).fill("@lea_du_college")
    safe.page.get_by_label("Description").fill("Elle a posté ma photo avec des moqueries.")
    safe.page.get_by_label("Incident", exact=True).select_option(label=INCIDENT)
    safe.page.get_by_role("button", name="Enregistrer").click()
    expect(safe.page.get_by_text("Les détails sont enregistrés.")).to_be_visible()
    details = safe.page.locator(".vault-facts")
    for shown in ("Snapchat", "3 mars 2026, 21:40", "@lea_du_college",
                  "Elle a posté ma photo avec des moqueries.", "Ce qui s'est passé le 3 mars"):
        expect(details).to_contain_text(shown)
    expect(safe.page.get_by_role("heading", name="La story du 3 mars")).to_be_visible()
    _shot(safe.page, "edited-phone")
    safe.back()

    safe.page.get_by_label("Incident", exact=True).select_option(label=INCIDENT)
    expect(safe.items).to_have_count(1)
    expect(safe.items.first).to_contain_text("La story du 3 mars")
    safe.page.get_by_label("Incident", exact=True).select_option(label="Tous les incidents")
    expect(safe.items).to_have_count(2)
    safe.page.get_by_label("Appli ou site", exact=True).select_option("snapchat")
    expect(safe.items).to_have_count(1)


def test_downloads_are_the_owners_only_and_sandboxed(safe, browser, app_url) -> None:
    data = _jpeg(7)
    safe.drop(Picked("originale.jpg", data, "image/jpeg"))
    safe.wait_kept("originale.jpg")
    safe.open_item("originale.jpg")
    href = safe.page.get_by_role("link", name="Télécharger l'original").get_attribute("href")
    answer = safe.page.request.get(app_url + href)
    assert answer.status == 200 and answer.body() == data
    headers = answer.headers
    assert headers["content-disposition"].startswith("attachment;")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert headers["cache-control"] == "no-store"
    thumbnail = safe.page.request.get(app_url + href.replace("/original", "/thumbnail"))
    assert thumbnail.status == 200
    assert thumbnail.headers["content-disposition"].startswith("inline;")
    # Another person (another browser) gets nothing, not even a hint that it exists.
    other = browser.new_context()
    try:
        stranger = VaultPage(other.new_page(), app_url).open()
        refused = stranger.page.request.get(app_url + href)
        assert refused.status == 404 and refused.body() == b""
    finally:
        other.close()


def test_the_safe_at_desktop_size(page, app_url) -> None:
    page.set_viewport_size(DESKTOP)
    safe = VaultPage(page, app_url).open()
    _shot(page, "empty-desktop")
    safe.drop(Picked("capture-bureau.png", _png(30, (320, 200)), "image/png"))
    safe.wait_kept("capture-bureau.png")
    safe.add_message("on sait où tu habites", author="@anonyme123", platform="instagram")
    safe.tick("capture-bureau.png")
    safe.share("Pour en parler avec un·e écoutant·e")
    _shot(page, "sharing-desktop")
    safe.open_item("capture-bureau.png")
    _shot(page, "details-desktop")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_a_full_safe_has_no_serious_accessibility_violation(browser, app_url) -> None:
    """axe-core on what the first audit cannot see: items, a refusal, an open item."""
    from tests.e2e.test_accessibility import BLOCKING, audit

    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    try:
        safe = VaultPage(context.new_page(), app_url).open()
        safe.drop(Picked("capture.png", _png(40), "image/png"),
                  Picked("page.png", b"<html></html>", "image/png"))
        safe.wait_kept("capture.png")
        safe.add_message("un message", author="@x")
        safe.page.get_by_role("button", name="Un lien").click()
        found = [v for v in audit(safe.page) if v["impact"] in BLOCKING]
        safe.page.get_by_role("button", name="Un lien").click()
        safe.open_item("capture.png")
        found += [v for v in audit(safe.page) if v["impact"] in BLOCKING]
    finally:
        context.close()
    for violation in found:
        print(violation["id"], violation["help"], *violation["nodes"], sep="\n   ")
    assert found == []


def test_a_slow_upload_shows_its_progress_and_can_be_cancelled(safe, app_server) -> None:
    before = _blobs(app_server)
    cdp = safe.page.context.new_cdp_session(safe.page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": -1,
        "uploadThroughput": 256 * 1024})  # a slow phone connection, bytes per second
    video = (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
             + bytes(range(256)) * (3 * 4096))  # 3 MiB: a dozen seconds at that speed
    safe.drop(Picked("video.mp4", video, "video/mp4"))
    row = safe.upload_row("video.mp4")
    bar = row.get_by_role("progressbar", name="Envoi de video.mp4")
    expect(bar).to_be_visible()
    safe.page.wait_for_function(
        """() => +document.querySelector('[role=progressbar][aria-label="Envoi de video.mp4"]')
              ?.getAttribute('aria-valuenow') > 0""", timeout=15000)
    _shot(safe.page, "progress-phone")
    row.get_by_role("button", name="Annuler l'envoi de video.mp4").click()
    expect(row).to_contain_text("Envoi de video.mp4 annulé. Rien n'a été gardé.")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    safe.page.wait_for_timeout(1500)  # the server has seen the connection close
    expect(safe.items).to_have_count(0)
    assert _blobs(app_server) == before


def test_too_big_says_the_limit_and_sends_nothing(safe, app_server) -> None:
    before = _blobs(app_server)
    safe.page.evaluate("""() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(26 * 1024 * 1024)], "énorme.png",
                                    {type: "image/png"}));
        const zone = document.querySelector("[data-vault-drop]");
        for (const kind of ["dragenter", "dragover", "drop"]) {
            zone.dispatchEvent(new DragEvent(kind, {dataTransfer: transfer, bubbles: true,
                                                    cancelable: true}));
        }
    }""")
    expect(safe.upload_row("énorme.png")).to_contain_text(
        "Ce fichier est trop lourd : 25 Mo au maximum pour ce type de fichier.")
    assert _blobs(app_server) == before


def test_in_english_and_live_in_another_tab(page, context, app_url) -> None:
    page.set_viewport_size(PHONE)
    page.goto(app_url + "/en/safe")
    expect(page.get_by_role("heading", level=1, name="My safe")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Add screenshots or photos")).to_be_attached()
    other = VaultPage(context.new_page(), app_url).open()  # the same person, in French
    english = VaultPage(page, app_url)
    english.drop(Picked("screenshot.png", _png(50), "image/png"))
    expect(page.get_by_role("list", name="Files being sent")).to_contain_text(
        "screenshot.png is in your safe.", timeout=20000)
    expect(page.get_by_role("list", name="In your safe").get_by_role("listitem")) \
        .to_have_count(1)
    expect(other.items).to_have_count(1, timeout=10000)  # told by the upload route
    _shot(page, "items-english-phone")


def test_the_add_button_is_reached_with_the_keyboard(safe) -> None:
    for _ in range(40):
        safe.page.keyboard.press("Tab")
        if safe.page.evaluate("document.activeElement?.id") == "vault-files":
            break
    else:
        raise AssertionError("the file picker is not in the tab order")
    zone = safe.page.locator("[data-vault-drop]")
    assert zone.evaluate("z => getComputedStyle(z).outlineStyle") == "solid"  # focus shows
    expect(safe.picker).to_have_attribute("multiple", "")
    assert "image/*" in safe.picker.get_attribute("accept")


def test_a_locked_space_shows_nothing_of_the_safe_until_unlocked(page, app_url) -> None:
    from tests.e2e.pages.victim import SpacePage

    page.set_viewport_size(PHONE)
    SpacePage(page, app_url).open()
    unfold(page, PIN)
    page.get_by_label("Nouveau code PIN").fill("2580")
    page.get_by_role("button", name="Enregistrer le code PIN").click()
    expect(page.get_by_role("status")).to_have_text("Ton code PIN est enregistré.")
    safe = VaultPage(page, app_url).open()
    safe.add_message("ce qu'il m'a écrit hier soir")
    expect(safe.items).to_have_count(1)

    page.goto(app_url + "/espace")
    unfold(page, PIN)
    page.get_by_role("button", name="Verrouiller maintenant").click()
    expect(page.get_by_role("heading", name="Ton espace est verrouillé")).to_be_visible()
    page.goto(app_url + "/coffre-fort")
    expect(page.get_by_role("heading", name="Ton espace est verrouillé")).to_be_visible()
    expect(page.get_by_text("Dans ton coffre-fort")).to_have_count(0)
    expect(page.get_by_label("Ajouter des captures ou des photos")).to_have_count(0)
    page.get_by_label("Code PIN").fill("2580")
    page.get_by_role("button", name="Déverrouiller").click()
    expect(safe.items).to_have_count(1)  # read again once unlocked, not an empty safe


def test_a_full_safe_says_so_and_keeps_nothing(page, app_server) -> None:
    """Refused from its Content-Length before the body is read: the browser still gets
    the answer, and says it in words."""
    url = app_server.ensure(ABRI_VAULT_QUOTA_MB="1")
    try:
        page.set_viewport_size(PHONE)
        safe = VaultPage(page, url).open()
        before = _blobs(app_server)
        safe.page.evaluate("""() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(2 * 1024 * 1024)], "trop.png",
                                        {type: "image/png"}));
            document.querySelector("[data-vault-drop]").dispatchEvent(new DragEvent(
                "drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""")
        expect(safe.upload_row("trop.png")).to_contain_text("Ton coffre-fort est plein",
                                                           timeout=20000)
        expect(safe.page.get_by_text("Ton coffre-fort est vide pour l'instant.")).to_be_visible()
        assert _blobs(app_server) == before
    finally:
        app_server.ensure()


def test_reached_through_the_navigation_the_upload_script_runs_once(page, app_url) -> None:
    from tests.e2e.pages.victim import wait_for_victim_cookie

    page.set_viewport_size(PHONE)
    page.goto(app_url + "/")
    wait_for_victim_cookie(page, app_url)
    nav = page.get_by_role("navigation", name="Rubriques")
    for _ in range(2):  # there and back twice: the script is loaded again, not run twice
        nav.get_by_role("link", name="Coffre-fort").click()
        expect(page.get_by_role("heading", level=1, name="Mon coffre-fort")).to_be_visible()
        nav.get_by_role("link", name="Infos").click()
        expect(page.get_by_role("heading", level=1, name="Infos pratiques")).to_be_visible()
    nav.get_by_role("link", name="Coffre-fort").click()
    safe = VaultPage(page, app_url)
    expect(safe.picker).to_be_attached()
    page.wait_for_load_state("networkidle")
    safe.drop(Picked("une-fois.png", _png(60), "image/png"))
    safe.wait_kept("une-fois.png")
    expect(safe.items).to_have_count(1)
    expect(safe.uploads.get_by_role("listitem")).to_have_count(1)
