"""Staff-written Markdown to HTML a young person's browser may render, and feeds' text
to plain text.

Markdown is rendered by markdown-it-py (CommonMark, raw HTML passed through), then
everything goes through nh3's allowlist on the server: whatever a writer or a stolen
staff account puts in, no script, handler, style, frame, SVG or image from elsewhere
reaches the page, and links are http(s), mailto or tel only.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt

# No <img>: a picture from another site tells it who reads the article (the article's own
# picture is an upload, re-encoded and served by Abri).
ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "br",
                "blockquote", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
_SPACES = re.compile(r"\s+")

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})


def sanitise_html(markup: str) -> str:
    """Keep only a small allowlist of tags; links are http(s)/mailto/tel and rel=noopener."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """The sanitised HTML of a Markdown body (headings start at h2: the page has the h1)."""
    rendered = _markdown.render(source)
    rendered = re.sub(r"<(/?)h1\b", r"<\1h2", rendered)
    return sanitise_html(rendered).strip()


def plain_text(markup: str, max_chars: int) -> str:
    """What a feed sent as a title or summary, as plain text: every tag gone (a script's
    or style's content with it), entities decoded, spaces collapsed, cut at a word."""
    text = html.unescape(nh3.clean(markup or "", tags=set(), clean_content_tags={
        "script", "style", "iframe", "object", "embed", "svg", "math", "noscript",
        "template"}))
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars - 1].rsplit(" ", 1)[0]
    return cut + "…"
