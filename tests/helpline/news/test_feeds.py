"""Partners' feeds: imported through the safe client, conditionally, capped, once per
entry, as plain-text links waiting for approval."""

from __future__ import annotations

import pytest
from sqlmodel import select

from helpline.config import get_settings
from helpline.models import NewsFeed, NewsFeedItem
from helpline.news import (
    FeedForm,
    NewsError,
    add_feed,
    import_feed,
    pending_items,
    review_item,
    staff_feeds,
)
from helpline.news import feeds as feeds_module
from tests import factories
from tests.feed_server import rss

ITEMS = (("a-1", "Un guide <b>utile</b>", "https://partner.example/guide",
          "<p>Lire <script>alert(1)</script><img src=x onerror=alert(2)> la suite</p>"),
         ("a-2", "Deuxième", "https://partner.example/deux", "Simple"))


def _feed(db, supervisor, url: str) -> int:
    return add_feed(db, supervisor, FeedForm.from_form(
        {"url": url, "title": "Partenaire", "locale": "fr"})).id


def test_an_import_keeps_new_entries_as_plain_text_links_waiting(
        db, supervisor, feed_server, loopback) -> None:
    feed_server.body = rss(*ITEMS)
    feed_id = _feed(db, supervisor, feed_server.url())
    result = import_feed(db, feed_id)
    assert (result.status, result.added, result.code) == (200, 2, "")
    waiting = pending_items(db, supervisor)
    assert {i.title for i in waiting} == {"Un guide utile", "Deuxième"}
    guide = next(i for i in waiting if i.link.endswith("/guide"))
    assert guide.summary == "Lire la suite" and guide.source == "Partenaire"
    assert not guide.approved
    asked = feed_server.asked[0]
    assert "cookie" not in asked and "abri" not in asked["user-agent"].lower()


def test_the_next_import_asks_conditionally_and_a_304_changes_nothing(
        db, supervisor, feed_server, loopback) -> None:
    feed_server.body = rss(*ITEMS)
    feed_id = _feed(db, supervisor, feed_server.url())
    import_feed(db, feed_id)
    again = import_feed(db, feed_id)
    assert (again.status, again.added) == (304, 0)
    assert feed_server.asked[1]["if-none-match"] == '"v1"'
    assert feed_server.asked[1]["if-modified-since"] == "Wed, 02 Dec 2026 08:00:00 GMT"
    assert feed_server.answered == [200, 304]
    assert len(db.exec(select(NewsFeedItem)).all()) == 2


def test_an_entry_seen_again_is_kept_once(db, supervisor, feed_server, loopback) -> None:
    feed_server.body = rss(*ITEMS)
    feed_id = _feed(db, supervisor, feed_server.url())
    import_feed(db, feed_id)
    feed_server.etag = '"v2"'  # the feed changed: one entry new, the others known
    feed_server.last_modified = "Thu, 03 Dec 2026 08:00:00 GMT"
    feed_server.body = rss(*ITEMS, ("a-3", "Troisième", "https://partner.example/trois", ""))
    assert import_feed(db, feed_id).added == 1
    assert sorted(i.title for i in db.exec(select(NewsFeedItem))) == [
        "Deuxième", "Troisième", "Un guide utile"]


def test_entries_without_a_web_link_are_dropped(db, supervisor, feed_server, loopback) -> None:
    feed_server.body = rss(("x", "Piège", "javascript:alert(1)", ""),
                           ("y", "Relatif", "/local", ""),
                           ("z", "Bon", "https://partner.example/bon", ""))
    assert import_feed(db, _feed(db, supervisor, feed_server.url())).added == 1


def test_a_feed_over_the_size_cap_is_refused_whole(db, supervisor, feed_server, loopback,
                                                   monkeypatch) -> None:
    feed_server.body = rss(*ITEMS)
    monkeypatch.setattr(feeds_module, "FEED_MAX_BYTES", 1024 if len(feed_server.body) > 1024
                        else len(feed_server.body) - 1)
    feed_id = _feed(db, supervisor, feed_server.url())
    result = import_feed(db, feed_id)
    assert (result.status, result.added, result.code) == (0, 0, "too_big")
    assert db.get(NewsFeed, feed_id).last_code == "too_big"
    assert db.exec(select(NewsFeedItem)).all() == []


def test_a_feed_on_an_internal_address_is_refused_and_never_reached(
        db, supervisor, feed_server, data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_NET_PORTS", "[]")  # any port, but loopback refused as deployed
    feed_server.body = rss(*ITEMS)
    feed_id = _feed(db, supervisor, feed_server.url())
    result = import_feed(db, feed_id)
    assert result.code == "address_refused"
    assert feed_server.asked == []
    assert staff_feeds(db, supervisor)[0].last_code == "address_refused"


def test_an_approved_entry_is_no_longer_waiting(db, supervisor, feed_server, loopback) -> None:
    feed_server.body = rss(*ITEMS)
    import_feed(db, _feed(db, supervisor, feed_server.url()))
    first, second = pending_items(db, supervisor)
    review_item(db, supervisor, first.id, approve=True)
    review_item(db, supervisor, second.id, approve=False)
    assert pending_items(db, supervisor) == []
    assert db.get(NewsFeedItem, first.id).approved_at is not None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/f", "/relative",
                                 "https://exa mple.org/"])
def test_a_feed_url_that_is_not_a_web_address_is_refused(db, supervisor, url) -> None:
    with pytest.raises(NewsError) as refused:
        _feed(db, supervisor, url)
    assert refused.value.code == "url_invalid"


def test_only_writers_manage_feeds(db, feed_server) -> None:
    counsellor = factories.staff(db, "Noa", roles=("counsellor",))
    form = FeedForm.from_form({"url": feed_server.url(), "title": "x", "locale": "fr"})
    for call in (lambda: add_feed(db, counsellor, form), lambda: staff_feeds(db, counsellor),
                 lambda: pending_items(db, counsellor),
                 lambda: review_item(db, counsellor, 1, approve=True)):
        with pytest.raises(NewsError) as refused:
            call()
        assert refused.value.code == "forbidden"


def test_the_job_imports_a_feed_and_the_periodic_run_asks_every_feed_again(
        data_dir, feed_server, monkeypatch) -> None:
    from helpline import migrations
    from helpline.db import session_scope
    from helpline.jobs import outcome
    from helpline.jobs.news import import_feeds, queue_import

    for name, value in (("ABRI_JOBS_IMMEDIATE", "1"), ("ABRI_NET_ALLOW_LOOPBACK", "1"),
                        ("ABRI_NET_PORTS", "[]")):
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    migrations.upgrade()
    feed_server.body = rss(*ITEMS)
    with session_scope() as db:
        feed_id = _feed(db, factories.staff(db, "Sacha", roles=("supervisor",)),
                        feed_server.url())
    done = outcome(queue_import(feed_id))
    assert done.state == "done" and done.value == {"status": 200, "added": 2, "code": ""}
    assert import_feeds.call_local() == 1
    assert feed_server.answered == [200, 304]
    assert outcome(queue_import(feed_id + 1)).value["code"] == "not_found"  # gone: no retry
