"""The dossier's readable report (report.pdf), made with fpdf2, in the victim's language:
a cover page (the helpline, the export time, how to check the dossier), then one page
per item with its thumbnail (images), metadata, hashes and capture details.

Text is drawn with DejaVu Sans when the system has it (Debian's fonts-dejavu-core, any
Unicode); otherwise with the PDF core font Helvetica, the text reduced to Latin-1
(accents and « » kept, other characters transliterated or replaced by « ? »).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from helpline.i18n import Locale, catalog, t

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
)
KEY_URL = "/.well-known/abri-dossier-key.pem"
_NEXT = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def _font() -> Path | None:
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


def _latin1(text: str) -> str:
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode(
                "latin-1")
            out.append(plain or "?")
    return "".join(out)


class _Report(FPDF):
    def __init__(self, footer: str) -> None:
        super().__init__(format="A4")
        self._footer = footer
        font = _font()
        if font is not None:
            self.add_font("body", "", str(font))
            self.family, self.unicode = "body", True
        else:
            self.family, self.unicode = "helvetica", False
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def clean(self, text: object) -> str:
        value = "" if text is None else str(text)
        value = "".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cf")
                        or c == "\n")
        return value if self.unicode else _latin1(value)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(110)
        self.cell(0, 6, self.clean(f"{self._footer} · {self.page_no()}"), align="C")
        self.set_text_color(0)

    def heading(self, text: str, size: int = 16) -> None:
        self.set_font(self.family, size=size)
        self.multi_cell(0, size * 0.55, self.clean(text), **_NEXT)
        self.ln(2)

    def field(self, label: str, value: object, *, mono: bool = False) -> None:
        value = self.clean(value)
        if not value:
            return
        self.set_font(self.family, size=9)
        self.set_text_color(90)
        self.multi_cell(0, 4.5, self.clean(label), **_NEXT)
        self.set_text_color(0)
        self.set_font(self.family, size=8 if mono else 10)
        self.multi_cell(0, 5, value, wrapmode="CHAR" if mono else "WORD", **_NEXT)
        self.ln(1.5)


def _when(value: str | None) -> str:
    if not value:
        return ""
    return value.replace("T", " ").replace("+00:00", " UTC")


def render(items: list[dict[str, Any]], *, entries_thumbnails: list[bytes | None],
           exported_at: datetime, locale: str, exporter_kind: str) -> bytes:
    lang: Locale = "en" if locale == "en" else "fr"

    def s(key: str, **values: str) -> str:
        return t(lang, f"vault.export.pdf.{key}", **values)

    pdf = _Report(footer=s("footer"))
    pdf.set_title(s("title"))
    pdf.set_creator("Abri")
    pdf.set_creation_date(exported_at)

    pdf.add_page()
    pdf.ln(40)
    pdf.heading(s("title"), size=26)
    pdf.heading(s("helpline"), size=14)
    pdf.ln(6)
    pdf.field(s("exported_at"), _when(exported_at.isoformat()))
    pdf.field(s("exporter"), s(f"exporter_{exporter_kind}"))
    pdf.field(s("count"), str(len(items)))
    pdf.ln(6)
    pdf.field(s("verify_title"), s("verify_body", url=KEY_URL))

    for number, (item, thumb) in enumerate(zip(items, entries_thumbnails, strict=True), 1):
        pdf.add_page()
        pdf.heading(f"{s('item')} {number} · {item['title'] or s('kind_' + item['kind'])}")
        if thumb:
            try:
                y = pdf.get_y()
                placed = pdf.image(io.BytesIO(thumb), x=pdf.l_margin, y=y, w=80, h=55,
                                   keep_aspect_ratio=True)
                pdf.set_y(y + float(getattr(placed, "rendered_height", 55)) + 4)
            except Exception:  # a thumbnail that will not draw is left out
                pdf.field(s("thumbnail"), s("thumbnail_missing"))
        pdf.field(s("kind"), s("kind_" + item["kind"]))
        slug = item["platform"]
        pdf.field(s("platform"), catalog(lang).get(f"vault.platform.{slug}", slug) if slug else "")
        pdf.field(s("happened"), _when(item["happened_at_claimed"]))
        pdf.field(s("received"), _when(item["received_at"]))
        pdf.field(s("filename"), item["filename"])
        pdf.field(s("url"), item["url"])
        pdf.field(s("author"), item["author"])
        pdf.field(s("description"), item["description"])
        pdf.field(s("size"), f"{item['size']:,}".replace(",", " ") + " o" if lang == "fr"
                  else f"{item['size']:,} bytes")
        pdf.field(s("sha256"), item["sha256"], mono=True)
        for child in item["derivatives"]:
            pdf.field(f"{s('sha256')} · {child['role']}", child["sha256"], mono=True)
        capture = item.get("capture")
        if capture:
            pdf.field(s("capture"), "")
            pdf.field(s("final_url"), capture.get("final_url"))
            pdf.field(s("status"), capture.get("status"))
            pdf.field(s("server_ip"), capture.get("server_ip"))
            pdf.field(s("fetched_at"), _when(capture.get("fetched_at")))
            tls = capture.get("tls") or {}
            if isinstance(tls, dict):
                pdf.field(s("tls"), tls.get("subject"))
                pdf.field(s("tls_sha256"), tls.get("sha256"), mono=True)
        pdf.field(s("files"), "\n".join(item["files"]), mono=True)
        words = catalog(lang)
        pdf.field(s("custody"), "\n".join(
            f"{_when(e['at'][:19] + '+00:00')}  "
            f"{words.get('vault.export.pdf.action.' + e['action'], e['action'])} · "
            f"{words.get('vault.export.pdf.actor.' + e['actor_kind'], e['actor_kind'])}"
            for e in item["custody"][-12:]))
    return bytes(pdf.output())
