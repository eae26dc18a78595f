"""Articles and sheets: written by supervisors, sanitised, published now or later."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image
from sqlmodel import select

from helpline.models import NewsArticle, NewsImage
from helpline.news import (
    ArticleForm,
    NewsError,
    attach_image,
    delete_article,
    preview,
    published_article,
    published_articles,
    published_image,
    sanitise_html,
    save_article,
    staff_articles,
    upsert_article,
)
from tests import factories


def test_sanitiser_keeps_formatting_and_drops_anything_active() -> None:
    dirty = (
        '<p onclick="x()">Hi <strong>there</strong></p><script>alert(1)</script>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">bad</a>'
        '<a href="https://e-enfance.org">good</a><iframe src="https://evil"></iframe>'
    )
    clean = sanitise_html(dirty)
    assert "<strong>there</strong>" in clean
    for banned in ("onclick", "<script", "onerror", "<img", "javascript:", "<iframe"):
        assert banned not in clean
    assert 'href="https://e-enfance.org"' in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


def test_articles_are_sanitised_on_save_and_listed_per_locale(db) -> None:
    upsert_article(db, locale="fr", slug="a", title=" Titre ", summary="Résumé",
                   body_html="<p>ok</p><script>bad()</script>")
    upsert_article(db, locale="en", slug="a", title="Title", summary="Summary", body_html="x")
    upsert_article(db, locale="fr", slug="brouillon", title="B", summary="B", body_html="b",
                   publish=False)
    fr = published_articles(db, "fr")
    assert [a.title for a in fr] == ["Titre"]
    assert fr[0].body_html == "<p>ok</p>"
    assert [a.title for a in published_articles(db, "en")] == ["Title"]


# ---- writing in « Contenus » ------------------------------------------------------------

def _form(**fields) -> ArticleForm:
    values = {"title": "Garder des preuves", "summary": "Avant qu'elles disparaissent.",
              "body": "**Fais une capture.**", "category": "safety", "locale": "fr",
              "kind": "article", "status": "published", "publish_at": ""}
    return ArticleForm.from_form({**values, **fields})


def test_a_supervisor_publishes_now_and_young_people_read_it(db, supervisor) -> None:
    saved = save_article(db, supervisor, _form())
    assert saved.status == "published" and saved.slug == "garder-des-preuves"
    assert saved.body_html == "<p><strong>Fais une capture.</strong></p>"
    assert [a.title for a in published_articles(db, "fr")] == ["Garder des preuves"]
    assert published_article(db, "fr", "garder-des-preuves") is not None


def test_a_scheduled_article_appears_only_once_its_time_has_come(db, supervisor) -> None:
    now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    saved = save_article(db, supervisor, _form(status="scheduled",
                                               publish_at="2026-12-03T09:30"), now=now)
    assert saved.status == "scheduled"
    # 09:30 in Paris is 08:30 UTC in December.
    assert saved.published_at == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    assert published_articles(db, "fr", now=now) == []
    assert published_article(db, "fr", saved.slug, now=now) is None
    later = datetime(2026, 12, 3, 8, 31, tzinfo=UTC)
    assert [a.slug for a in published_articles(db, "fr", now=later)] == [saved.slug]


@pytest.mark.parametrize(("fields", "code"), [
    ({"status": "scheduled", "publish_at": "2020-01-01T10:00"}, "when_past"),
    ({"status": "scheduled", "publish_at": "demain"}, "when_invalid"),
    ({"status": "sometime"}, "status_invalid"),
    ({"title": "  "}, "title_missing"),
    ({"summary": ""}, "summary_missing"),
    ({"category": "gossip"}, "category_invalid"),
    ({"locale": "de"}, "locale_invalid"),
    ({"kind": "ad"}, "kind_invalid"),
])
def test_a_form_no_page_would_send_is_refused_and_nothing_is_written(
        db, supervisor, fields, code) -> None:
    with pytest.raises(NewsError) as refused:
        save_article(db, supervisor, _form(**fields))
    assert refused.value.code == code
    assert db.exec(select(NewsArticle)).all() == []


def test_a_draft_stays_unseen_and_editing_a_published_one_keeps_its_date(db, supervisor) -> None:
    draft = save_article(db, supervisor, _form(status="draft"))
    assert draft.status == "draft" and published_articles(db, "fr") == []
    published = save_article(db, supervisor, _form(status="published"), article_id=draft.id)
    edited = save_article(db, supervisor, _form(title="Garder des preuves, vite"),
                          article_id=draft.id)
    assert edited.published_at == published.published_at and edited.slug == draft.slug
    assert [a.status for a in staff_articles(db, supervisor)] == ["published"]


def test_the_preview_is_what_young_people_will_get(supervisor) -> None:
    assert preview(supervisor, "<script>x()</script>\n\n*ok*") == "<p><em>ok</em></p>"


@pytest.mark.parametrize("roles", [("counsellor",), ("specialist",), ("takedown_officer",)])
def test_only_supervisors_and_admins_write(db, roles) -> None:
    other = factories.staff(db, "Noa", roles=roles)
    for call in (lambda: save_article(db, other, _form()),
                 lambda: staff_articles(db, other),
                 lambda: preview(other, "x"),
                 lambda: delete_article(db, other, 1),
                 lambda: attach_image(db, other, 1, b"")):
        with pytest.raises(NewsError) as refused:
            call()
        assert refused.value.code == "forbidden"
    for call in (lambda: save_article(db, None, _form()), lambda: preview(None, "x")):
        with pytest.raises(NewsError):
            call()
    admin = factories.staff(db, "Ada", roles=("admin",))
    assert save_article(db, admin, _form()).status == "published"


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPSInfo: a latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_an_article_picture_is_re_encoded_without_its_metadata(db, supervisor) -> None:
    article = save_article(db, supervisor, _form())
    upload = _jpeg_with_gps()
    assert b"PhoneMaker" in upload
    image_id = attach_image(db, supervisor, article.id, upload)
    stored = published_image(db, image_id)
    assert stored is not None and stored.content_type == "image/jpeg"
    assert b"PhoneMaker" not in stored.data and stored.data != upload
    with Image.open(io.BytesIO(stored.data)) as decoded:
        assert decoded.size == (40, 30) and not decoded.getexif()
    with pytest.raises(NewsError) as refused:
        attach_image(db, supervisor, article.id, b"not an image")
    assert refused.value.code == "image_unreadable"
    second = attach_image(db, supervisor, article.id, _jpeg_with_gps())
    assert [i.id for i in db.exec(select(NewsImage))] == [second]  # the first one went
    delete_article(db, supervisor, article.id)
    assert db.exec(select(NewsImage)).all() == []


def test_a_picture_is_served_only_once_its_article_is_published(db, supervisor) -> None:
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from victim_app.news.endpoints import endpoints

    article = save_article(db, supervisor, _form(status="draft"))
    image_id = attach_image(db, supervisor, article.id, _jpeg_with_gps())
    db.commit()
    client = TestClient(Starlette(routes=endpoints()))
    assert client.get(f"/api/news/image/{image_id}").status_code == 404
    save_article(db, supervisor, _form(status="published"), article_id=article.id)
    db.commit()
    answer = client.get(f"/api/news/image/{image_id}")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert b"PhoneMaker" not in answer.content
    assert client.get("/api/news/image/../../etc").status_code == 404


def test_the_editor_sends_a_picture_through_the_staff_route(db) -> None:
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from helpline.config import get_settings
    from helpline.identity.sessions import STAFF_COOKIE, open_staff_session
    from helpline.identity.staff_accounts import create_staff
    from staff_app.news.endpoints import news_routes

    def signed_in(name: str, roles: tuple[str, ...]) -> str:
        member = create_staff(db, email=f"{name}@abri.example", display_name=name,
                              password=None, roles=roles)
        db.flush()
        return open_staff_session(db, member.id, max_hours=8)

    writer, counsellor = signed_in("sacha", ("supervisor",)), signed_in("noa", ("counsellor",))
    article = save_article(db, factories.staff(db, "Ada", roles=("admin",)), _form())
    db.commit()
    client = TestClient(Starlette(routes=news_routes(get_settings())), follow_redirects=False)

    def send(token: str, data: bytes, site: str = "same-origin"):
        client.cookies.set(STAFF_COOKIE, token)
        return client.post(f"/staff/api/news/articles/{article.id}/image",
                           files={"image": ("photo.jpg", data, "image/jpeg")},
                           headers={"sec-fetch-site": site})

    assert send(counsellor, _jpeg_with_gps()).headers["location"].endswith("?image=forbidden")
    assert send(writer, _jpeg_with_gps(), "cross-site").headers["location"].endswith(
        "?image=invalid")
    assert send(writer, b"nope").headers["location"].endswith("?image=image_unreadable")
    db.expire_all()
    assert db.get(NewsArticle, article.id).image_id is None
    answer = send(writer, _jpeg_with_gps())
    assert answer.status_code == 303 and answer.headers["location"] == (
        "/staff/contenus/articles?image=saved")
    db.expire_all()
    assert db.get(NewsArticle, article.id).image_id is not None
