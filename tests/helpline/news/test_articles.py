from helpline.news import published_articles, sanitise_html, upsert_article


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
