"""The signed dossier in a real browser, on a phone: three items ticked in the safe,
« Exporter un dossier », the warning in plain words, the download; the command verifies
the ZIP with the key published at /.well-known, a copy with one flipped byte fails, and
the PDF report opens (pdftoppm) with a cover and one page per item."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages.vault import Picked, VaultPage

SHOTS = Path("/work/shots/dossier")
ROOT = Path(__file__).parents[2]


def _png() -> bytes:
    image = Image.new("RGB", (320, 200), (230, 120, 90))
    for x in range(0, 320, 8):
        for y in range(0, 200, 50):
            image.putpixel((x, y), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _verify(path: Path, key: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "ABRI_KEY_FILE": "/nonexistent/keyring.json",
           "ABRI_DATABASE_URL": "sqlite:////nonexistent/none.db", "ABRI_ENV": "production"}
    return subprocess.run([sys.executable, "-m", "helpline", "verify-dossier", str(path),
                           "--public-key", str(key)], cwd=ROOT, env=env, text=True,
                          capture_output=True, check=False)


def test_a_victim_exports_a_dossier_that_verifies_and_fails_when_changed(
        page, app_url, tmp_path) -> None:
    page.set_viewport_size(PHONE)
    safe = VaultPage(page, app_url).open()
    safe.drop(Picked("capture-insulte.png", _png(), "image/png"))
    safe.wait_kept("capture-insulte.png")
    safe.add_message("« tu vas voir demain » — reçu à 22 h", author="@pas_gentil")
    safe.add_link("https://example.org/post/42", "Le post qui se moque de moi")
    safe.save_link()
    expect(safe.items).to_have_count(3, timeout=20000)

    export = page.get_by_role("button", name="Exporter un dossier")
    expect(export).to_be_disabled()
    for n in range(3):
        box = safe.items.nth(n).get_by_role("checkbox")
        box.click()
        expect(box).to_be_checked()
    export.scroll_into_view_if_needed()
    _shot(page, "1-ticked")
    export.click()
    warning = page.get_by_role("alertdialog")
    expect(warning).to_contain_text("n'est plus protégé par le coffre-fort")
    expect(warning).to_contain_text("Si quelqu'un qui te harcèle")
    # The whole warning above the bottom navigation, as the person reads it.
    warning.evaluate("w => window.scrollBy(0, w.getBoundingClientRect().bottom"
                     " - window.innerHeight + 96)")
    page.screenshot(path=str(SHOTS / "2-warning.png"))
    link = warning.get_by_role("link", name="Télécharger le dossier")
    href = link.get_attribute("href") or ""
    assert re.fullmatch(r"/api/vault/dossier\?lang=fr&items=[^,]+,[^,]+,[^,]+", href), href
    probe = page.request.get(app_url + href)
    assert probe.status == 200, (probe.status, probe.headers, probe.text()[:500])
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith("dossier-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    warning.get_by_role("button", name="Annuler").click()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    _shot(page, "3-after-download")

    # The route's headers: an attachment, never sniffed or cached.
    ids = page.locator("[data-item-id]").evaluate_all(
        "els => els.map(e => e.dataset.itemId)")
    answer = page.request.get(f"{app_url}/api/vault/dossier?items={','.join(ids)}")
    assert answer.status == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in answer.headers["cache-control"]

    key = tmp_path / "abri-dossier-key.pem"
    published = page.request.get(f"{app_url}/.well-known/abri-dossier-key.pem")
    assert published.status == 200
    key.write_bytes(published.body())
    assert key.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")

    good = _verify(target, key)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "3 item(s)" in good.stdout

    with zipfile.ZipFile(target) as zf:
        info_ = next(i for i in zf.infolist() if i.filename.endswith("original.png"))
        pdf = zf.read("report.pdf")
    raw = bytearray(target.read_bytes())
    start = info_.header_offset + 30 + int.from_bytes(
        raw[info_.header_offset + 26:info_.header_offset + 28], "little") + int.from_bytes(
        raw[info_.header_offset + 28:info_.header_offset + 30], "little")
    raw[start + 200] ^= 0x40
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(raw))
    bad = _verify(flipped, key)
    assert bad.returncode == 1
    assert info_.filename in bad.stderr and "changed" in bad.stderr

    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm (Debian poppler-utils) is needed: apt-get install poppler-utils")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(tmp_path / "report.pdf"),
                    str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 4  # the cover, then one page per item
    for n, png in enumerate(pages[:2], start=1):
        shutil.copyfile(png, SHOTS / f"pdf-page-{n}.png")
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Dossier de preuves" in text and "Empreinte SHA-256" in text
    assert "capture-insulte.png" in text and "example.org/post/42" in text
