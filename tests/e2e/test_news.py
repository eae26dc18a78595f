"""« Infos » end to end: a supervisor publishes an article full of hostile Markdown and
HTML and a young person reads it inert; a partner's feed served on 127.0.0.1 (allowed by
the test settings only) is imported by the job consumer, approved, read, and its next
import is answered 304."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.e2e.pages.staff import StaffLogin
from tests.e2e.test_accessibility import BLOCKING, audit
from tests.feed_server import rss, serve_feed

SHOTS = Path("/work/shots/feed")
SUPERVISOR = "superviseur@abri.example"
HOSTILE = """Voici **comment réagir** vite.

<script>alert('script')</script>
<img src=x onerror="alert('img')">
<p onclick="alert('click')" onmouseover="alert('over')">Passe la souris ici.</p>
<svg onload="alert('svg')"><circle r="4"/></svg>
<iframe src="javascript:alert('iframe')"></iframe>

[Un lien piégé](javascript:alert('md')) · <a href="javascript:alert('a')">un autre</a> ·
<a href="data:text/html,<script>alert('data')</script>">data</a> ·
![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ·
[Le 3018](https://e-enfance.org/)
"""
FEED_SUMMARY = "Un guide <b>pratique</b><script>alert('feed')</script> pour les parents"


@pytest.fixture(scope="module")
def news_url(app_server) -> Iterator[str]:
    """The suite's server with the job consumer and leave to fetch the test feed on
    127.0.0.1; the next module gets the default server back."""
    yield app_server.ensure(ABRI_JOBS_CONSUMER="1", ABRI_NET_ALLOW_LOOPBACK="1",
                            ABRI_NET_PORTS="[]")
    app_server.stop()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    screenshot(page, f"news-{name}")


def _no_blocking_violation(page: Page) -> None:
    found = [(v["id"], v["nodes"]) for v in audit(page) if v["impact"] in BLOCKING]
    assert found == [], found


def _widths(body) -> tuple[float, float]:
    """The article's width, and 65ch in its own font."""
    return tuple(body.evaluate("""el => {
        const width = el.getBoundingClientRect().width;
        const probe = document.createElement('span');
        probe.style.cssText = 'display:inline-block;width:65ch';
        el.appendChild(probe);
        const measure = probe.getBoundingClientRect().width;
        probe.remove();
        return [width, measure];
    }"""))


def _staff(browser, url: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    StaffLogin(page, url).sign_in(SUPERVISOR)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return context, page


def test_a_hostile_article_reaches_the_young_person_inert(browser, page, news_url,
                                                         console_errors) -> None:
    staff_context, staff = _staff(browser, news_url)
    staff.goto(news_url + "/staff/contenus")
    expect(staff.get_by_role("heading", level=1, name="Contenus")).to_be_visible()
    _shot(staff, "staff-content-desktop")
    staff.get_by_role("link", name="Articles et fiches").click()
    expect(staff.get_by_role("heading", level=1, name="Articles et fiches")).to_be_visible()
    staff.get_by_label("Titre", exact=True).fill("Réagir à un compte piégé")
    staff.get_by_label("Résumé").fill("Ce qu'il faut faire, et ne pas faire.")
    staff.get_by_label("Texte (Markdown)").fill(HOSTILE)
    staff.get_by_label("Thème").select_option(label="Se protéger")
    staff.get_by_role("combobox", name=re.compile("^Publication")).select_option(label="Publié")
    staff.get_by_role("button", name="Aperçu").click()
    preview = staff.get_by_role("region", name="Aperçu (tel que les jeunes le verront)")
    expect(preview).to_contain_text("comment réagir")
    assert preview.locator("script, img, svg, iframe, [onclick]").count() == 0
    _shot(staff, "staff-editor-desktop")
    staff.get_by_role("button", name="Enregistrer").click()
    expect(staff.get_by_role("status")).to_have_text("Article enregistré.")
    expect(staff.get_by_role("cell", name="Réagir à un compte piégé", exact=True)).to_be_visible()
    staff_context.close()

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size(PHONE)
    page.goto(news_url + "/infos")
    expect(page.get_by_role("heading", level=1, name="Infos pratiques")).to_be_visible()
    expect(page.get_by_role("button", name="Je veux signaler un compte")).to_be_visible()
    _shot(page, "feed-phone")
    page.get_by_role("link", name="Réagir à un compte piégé").click()
    expect(page.get_by_role("heading", level=1, name="Réagir à un compte piégé")).to_be_visible()
    body = page.locator(".abri-article")
    expect(body).to_contain_text("comment réagir")
    expect(body).to_contain_text("Passe la souris ici.")
    body.get_by_text("Passe la souris ici.").hover()
    body.get_by_text("Passe la souris ici.").click()
    assert page.locator("main script, main iframe, main object, main embed").count() == 0
    assert body.locator("img, svg, iframe").count() == 0
    attributes = body.evaluate("""el => [...el.querySelectorAll('*')].flatMap(
        n => [...n.attributes].map(a => a.name + '=' + a.value))""")
    assert not [a for a in attributes if a.startswith("on") or a.startswith("style=")]
    # The hostile links lost their href (inert text); the one safe link kept its own.
    hrefs = body.evaluate(
        "el => [...el.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert hrefs == ["https://e-enfance.org/"]
    expect(page.get_by_role("link", name="En parler")).to_have_attribute("href", "/parler")
    _shot(page, "article-phone")
    assert _widths(body)[0] <= 390
    page.set_viewport_size(DESKTOP)
    page.goto(page.url)
    expect(page.get_by_role("heading", level=1, name="Réagir à un compte piégé")).to_be_visible()
    width, measure = _widths(body)
    assert width <= measure + 1, "the article is wider than a readable line"
    _shot(page, "article-desktop")
    assert dialogs == []
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_a_partner_feed_item_appears_after_approval_and_304_is_honoured(
        browser, page, news_url) -> None:
    with serve_feed(rss(("p-1", "Cyberharcèlement : le guide des parents",
                         "https://partner.example/guide", FEED_SUMMARY),
                        title="Partenaire")) as feed:
        staff_context, staff = _staff(browser, news_url)
        staff.goto(news_url + "/staff/contenus")
        staff.get_by_role("link", name="Flux partenaires").click()
        expect(staff.get_by_role("heading", level=1, name="Flux partenaires")).to_be_visible()
        staff.get_by_label("Adresse du flux (RSS ou Atom)").fill(feed.url())
        staff.get_by_label("Nom du partenaire").fill("Association partenaire")
        staff.get_by_role("button", name="Ajouter le flux").click()
        expect(staff.get_by_role("status")).to_contain_text("Flux ajouté")
        staff.get_by_role("button", name="Importer maintenant : Association partenaire").click()
        expect(staff.get_by_role("status")).to_have_text("Import terminé.", timeout=20_000)
        item = staff.get_by_role("listitem").filter(has_text="le guide des parents")
        expect(item).to_contain_text("Un guide pratique pour les parents")
        _shot(staff, "staff-feeds-desktop")

        # Not shown to young people before a person approved it.
        page.goto(news_url + "/infos")
        expect(page.get_by_role("heading", level=2, name="Les dernières infos")).to_be_visible()
        expect(page.get_by_text("le guide des parents")).to_have_count(0)

        staff.get_by_role(
            "button", name="Approuver : Cyberharcèlement : le guide des parents").click()
        expect(staff.get_by_role("status")).to_contain_text("Article approuvé")

        page.set_viewport_size(PHONE)
        page.goto(news_url + "/infos")
        # Partners' links are under « Actus » (the sheets, newer, fill the first page).
        page.get_by_role("list", name="Thèmes").get_by_role("button", name="Actus").click()
        link = page.get_by_role("link", name=re.compile("le guide des parents"))
        expect(link).to_have_attribute("href", "https://partner.example/guide")
        expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
        card = page.get_by_role("listitem").filter(has=link)
        expect(card).to_contain_text("Association partenaire")
        expect(card).to_contain_text("Un guide pratique pour les parents")
        _shot(page, "feed-with-link-phone")
        page.set_viewport_size(DESKTOP)
        page.goto(news_url + "/infos")
        page.get_by_role("list", name="Thèmes").get_by_role("button", name="Actus").click()
        expect(link).to_be_visible()
        _shot(page, "feed-desktop")

        staff.get_by_role("button", name="Importer maintenant : Association partenaire").click()
        expect(staff.get_by_role("status")).to_have_text("Import terminé.", timeout=20_000)
        expect(staff.get_by_text("Rien de nouveau (le flux n'a pas changé)")).to_be_visible()
        assert feed.answered == [200, 304]
        assert feed.asked[1]["if-none-match"] == '"v1"'
        staff_context.close()


def _publish_sample_sheets(app_server) -> None:
    """The two sample sheets (fr and en) of the unit tests, published in the server's
    database as seed-demo publishes the demo folder's."""
    from sqlmodel import Session

    from helpline.db import make_engine
    from helpline.news import import_sheets
    from tests.helpline.news.conftest import SAMPLES

    engine = make_engine(f"sqlite:///{app_server.base_env['ABRI_DATA_DIR']}/abri.db")
    with Session(engine) as db:
        import_sheets(db, SAMPLES)
        db.commit()
    engine.dispose()


def test_an_entry_point_and_the_search_lead_to_a_sheet_and_its_english_pair(
        browser, app_server, news_url) -> None:
    """On a phone, with an axe audit of each screen: the entry point pressed, a search
    answered, the sheet (its sources, its pair in English), then the article the first
    test published."""
    _publish_sample_sheets(app_server)
    context = browser.new_context(bypass_csp=True, viewport=PHONE)  # to inject axe-core
    page = context.new_page()
    try:
        page.goto(news_url + "/infos")
        chosen = page.get_by_role("button", name="On me fait du chantage")
        chosen.click()
        expect(chosen).to_have_attribute("aria-pressed", "true")
        sheets = page.get_by_role("list", name="Les fiches pour ça")
        expect(sheets.get_by_role("link", name=re.compile("^On me fait du chantage"))
               ).to_be_visible()
        page.get_by_label("Chercher dans les fiches pratiques").fill("Chantâge")
        page.get_by_role("button", name="Chercher").click()
        found = page.get_by_role("list", name="Fiches trouvées")
        # The sample sheet is found (accents folded), beside the demo's own sheets on it.
        expect(found.get_by_role("link", name=re.compile("^On me fait du chantage"))
               ).to_have_count(1)
        _shot(page, "entry-point-and-search-phone")
        _no_blocking_violation(page)
        page.get_by_label("Chercher dans les fiches pratiques").fill("introuvable")
        page.get_by_role("button", name="Chercher").click()
        expect(page.get_by_role("status").filter(has_text="Aucune fiche")).to_be_visible()

        sheets.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1, name="On me fait du chantage")
               ).to_be_visible()
        expect(page.get_by_role("heading", level=2, name="Ne paie pas, ne réponds plus")
               ).to_be_visible()
        expect(page.get_by_role("link", name="e-Enfance / 3018")).to_have_attribute(
            "href", "https://e-enfance.org/")
        _shot(page, "sheet-phone")
        _no_blocking_violation(page)
        page.get_by_role("link", name="Read this in English").click()
        expect(page.get_by_role("heading", level=1, name="Someone is blackmailing me")
               ).to_be_visible()
        expect(page).to_have_url(re.compile(r"/en/info/article\?a=someone-is-blackmailing-me"))

        page.goto(news_url + "/infos")
        page.get_by_role("link", name="Réagir à un compte piégé").click()
        expect(page.get_by_role("heading", level=1, name="Réagir à un compte piégé")
               ).to_be_visible()
        _no_blocking_violation(page)
    finally:
        context.close()
