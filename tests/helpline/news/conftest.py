"""Fixtures of the feed's tests: writers and readers, sheets in a folder of their own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpline.config import get_settings
from tests import factories
from tests.feed_server import serve_feed

SAMPLES = Path(__file__).parent / "sheets"


@pytest.fixture
def supervisor(db):
    return factories.staff(db, "Sacha", roles=("supervisor",))


@pytest.fixture
def sheets_dir(tmp_path: Path) -> Path:
    """A copy of the two sample sheets (fr and en), for a test to add to."""
    folder = tmp_path / "sheets"
    shutil.copytree(SAMPLES, folder)
    return folder


def write_sheet(folder: Path, locale: str, slug: str, *, title: str = "Une fiche",
                summary: str = "Un résumé", category: str = "report",
                topics: tuple[str, ...] = ("report_account",), body: str = "Le corps.",
                extra: str = "") -> Path:
    path = folder / locale / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    topic_list = ", ".join(f'"{t}"' for t in topics)
    path.write_text(f'+++\ntitle = "{title}"\nsummary = "{summary}"\ncategory = "{category}"\n'
                    f'topics = [{topic_list}]\n{extra}+++\n{body}\n', "utf-8")
    return path


@pytest.fixture
def feed_server():
    with serve_feed() as feed:
        yield feed


@pytest.fixture
def loopback(data_dir, monkeypatch: pytest.MonkeyPatch):
    """The test setting that lets the client fetch the feed served on 127.0.0.1."""
    monkeypatch.setenv("ABRI_NET_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("ABRI_NET_PORTS", "[]")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
