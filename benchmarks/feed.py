"""« Infos » with 5,000 articles: ``BENCH feed_page_ms_p50`` is the median time of the
feed page's server-side read model (``helpline.news.victim_feed``: the visit's date read
and moved, the page of cards, the counts, « nouveau »), one unit of work each, on SQLite;
``feed_page_vs_plain_query`` compares it with a bare query of the ten newest rows in the
same run. With a running server, ``feed_page_chromium_ms_p50`` is the page in Chromium,
from navigation to the first card shown (``ABRI_BENCH_FEED_BROWSER=0`` skips it;
``ABRI_BENCH_FEED=0`` skips all)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ARTICLES = 5_000
RUNS = 200


def fill(url: str, count: int = ARTICLES) -> None:
    """``count`` published articles (and a few approved partner links) in ``url``."""
    from sqlmodel import Session

    from helpline.db import make_engine
    from helpline.models import NewsArticle, NewsFeed, NewsFeedItem
    from helpline.models._common import utcnow

    engine = make_engine(url)
    now = utcnow()
    with Session(engine) as db:
        categories = ("report", "accounts", "intimate", "rights", "school", "safety", "news")
        db.add_all(NewsArticle(
            locale="fr", slug=f"article-{n}", title=f"Article numéro {n}",
            summary="Un résumé de quelques mots pour la carte.", body_md="Texte. " * 80,
            body_html="<p>" + "Texte. " * 80 + "</p>", category=categories[n % 7],
            published_at=now - timedelta(minutes=n)) for n in range(count))
        feed = NewsFeed(url="https://partner.example/feed.xml", title="Partenaire",
                        locale="fr")
        db.add(feed)
        db.flush()
        db.add_all(NewsFeedItem(feed_id=feed.id, key=str(n), title=f"Lien {n}",
                                link=f"https://partner.example/{n}", approved_at=now,
                                published_at=now - timedelta(minutes=7 * n))
                   for n in range(100))
        db.commit()
    engine.dispose()


def _median_ms(run: Callable[[], object], times: int = RUNS) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def read_model(data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    from sqlmodel import Session, select

    from helpline import migrations
    from helpline.db import make_engine
    from helpline.identity import victims
    from helpline.models import NewsArticle
    from helpline.news import victim_feed

    url = f"sqlite:///{data_dir / 'feed-bench.db'}"
    migrations.upgrade(url)
    fill(url)
    engine = make_engine(url)
    with Session(engine) as db:
        reader = victims.resolve(db, victims.start(db))
        db.commit()

    def page() -> None:
        with Session(engine) as db:
            victim_feed(db, reader, "fr")
            db.commit()

    def plain() -> None:
        with Session(engine) as db:
            db.exec(select(NewsArticle).order_by(NewsArticle.published_at.desc())
                    .limit(10)).all()

    page()  # warm the caches as a running server's are
    feed_ms, plain_ms = _median_ms(page), _median_ms(plain)
    report("feed_page_ms_p50", feed_ms, "ms")
    report("feed_page_vs_plain_query", feed_ms / plain_ms, "ratio")
    engine.dispose()


def in_browser(server, data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS

    fill(f"sqlite:///{data_dir / 'abri.db'}")
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{server.url}/infos")  # the account's first visit opens it
        page.get_by_role("link", name="Article numéro 0").wait_for()

        def load() -> None:
            page.goto(f"{server.url}/infos")
            page.get_by_role("link", name="Article numéro 0").wait_for()

        report("feed_page_chromium_ms_p50", _median_ms(load, 15), "ms")
        browser.close()


def run(server, data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    if os.environ.get("ABRI_BENCH_FEED", "1") == "0":
        return
    read_model(data_dir, report)
    if server is not None and os.environ.get("ABRI_BENCH_FEED_BROWSER", "1") != "0":
        in_browser(server, data_dir, report)


if __name__ == "__main__":  # this figure alone: python -m benchmarks.feed
    import sys
    import tempfile

    from harness.appserver import AppServer

    def _print(name: str, value: float, unit: str) -> None:
        print(f"BENCH {name} {value:.3f} {unit}", flush=True)

    with tempfile.TemporaryDirectory(prefix="abri-bench-feed-") as folder:
        os.environ.setdefault("ABRI_DATA_DIR", folder)
        if os.environ.get("ABRI_BENCH_FEED_BROWSER", "1") == "0":
            run(None, Path(folder), _print)
            sys.exit(0)
        app = AppServer.isolated(Path(folder), int(os.environ.get("ABRI_BENCH_PORT", "3702")))
        app.build()
        try:
            app.ensure()
            run(app, Path(folder), _print)
        finally:
            app.stop()
