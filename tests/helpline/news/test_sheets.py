"""Practical sheets kept as files: read strictly, published by seed-demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpline import demo
from helpline.news import SheetError, import_sheets, load_sheets, published_articles
from tests.helpline.news.conftest import write_sheet


def test_the_sample_sheets_are_read_with_their_front_matter(sheets_dir: Path) -> None:
    sheets = {s.slug: s for s in load_sheets(sheets_dir)}
    fr = sheets["on-me-fait-du-chantage"]
    assert (fr.locale, fr.category, fr.pair) == ("fr", "intimate", "someone-is-blackmailing-me")
    assert fr.topics == ["blackmail", "intimate_images", "evidence"]
    assert fr.sources == [{"title": "e-Enfance / 3018", "url": "https://e-enfance.org/"}]
    assert fr.body_md.startswith("## Ne paie pas")
    assert sheets["someone-is-blackmailing-me"].locale == "en"


@pytest.mark.parametrize(("extra", "fields", "problem"), [
    ("", {"category": "gossip"}, "category"),
    ("", {"topics": ("report_account", "gossip")}, "topics"),
    ('sources = [{ title = "x", url = "javascript:alert(1)" }]\n', {}, "sources"),
    ('pair = "../../etc"\n', {}, "pair"),
    ("", {"title": ""}, "title"),
    ("", {"body": ""}, "body"),
    ("title = [\n", {}, "front"),
])
def test_a_malformed_sheet_is_named_and_nothing_is_published(
        db, sheets_dir: Path, extra, fields, problem) -> None:
    bad = write_sheet(sheets_dir, "fr", "mauvaise", extra=extra, **fields)
    if problem == "front":
        bad.write_text("no front matter at all", "utf-8")
    with pytest.raises(SheetError) as refused:
        import_sheets(db, sheets_dir)
    assert "fr/mauvaise.md" in refused.value.where
    assert published_articles(db, "fr") == []


def test_sheets_are_published_once_and_replaced_when_their_file_changes(
        db, sheets_dir: Path) -> None:
    assert import_sheets(db, sheets_dir) == 2
    path = write_sheet(sheets_dir, "fr", "signaler-un-compte", title="Signaler un compte")
    assert import_sheets(db, sheets_dir) == 3
    path.write_text(path.read_text("utf-8").replace("Signaler un compte", "Signaler"), "utf-8")
    import_sheets(db, sheets_dir)
    fr = {a.slug: a for a in published_articles(db, "fr", kind="sheet")}
    assert set(fr) == {"on-me-fait-du-chantage", "signaler-un-compte"}
    assert fr["signaler-un-compte"].title == "Signaler"
    assert "<h2>Ne paie pas, ne réponds plus</h2>" in fr["on-me-fait-du-chantage"].body_html


def test_seed_demo_publishes_every_sheet_of_the_demo_folder(db, sheets_dir, monkeypatch) -> None:
    monkeypatch.setattr(demo, "resources", _Folder(sheets_dir.parent))
    assert demo.seed_news(db) == 2
    assert [a.kind for a in published_articles(db, "en")] == ["sheet"]


class _Folder:
    """``importlib.resources`` as seed-demo uses it, pointed at a test folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def files(self, _package: str) -> Path:
        return self.folder
