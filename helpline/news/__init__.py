"""The information feed: articles and practical sheets written by staff (Markdown,
sanitised on the server), partners' feeds imported and approved, and the young person's
« Infos » page with its search."""

from helpline.news import forms
from helpline.news.articles import (
    CATEGORIES,
    KINDS,
    STATUSES,
    TOPICS,
    WRITERS,
    ArticlePublic,
    delete_article,
    preview,
    published_article,
    published_articles,
    save_article,
    staff_articles,
    status_of,
    upsert_article,
)
from helpline.news.errors import NewsError
from helpline.news.feeds import (
    FeedItemPublic,
    FeedPublic,
    ImportResult,
    add_feed,
    feed_for_import,
    import_feed,
    pending_items,
    remove_feed,
    review_item,
    staff_feeds,
)
from helpline.news.forms import ArticleForm, FeedForm
from helpline.news.images import attach_image, published_image
from helpline.news.markdown import plain_text, render_markdown, sanitise_html
from helpline.news.search import search_sheets
from helpline.news.sheets import Sheet, SheetError, import_sheets, load_sheets, parse_sheet
from helpline.news.views import (
    ENTRY_POINTS,
    PAGE_SIZE,
    ArticleView,
    Card,
    FeedView,
    article_view,
    victim_feed,
)

__all__ = [
    "CATEGORIES",
    "ENTRY_POINTS",
    "KINDS",
    "PAGE_SIZE",
    "STATUSES",
    "TOPICS",
    "WRITERS",
    "ArticleForm",
    "ArticlePublic",
    "ArticleView",
    "Card",
    "FeedForm",
    "FeedItemPublic",
    "FeedPublic",
    "FeedView",
    "ImportResult",
    "NewsError",
    "Sheet",
    "SheetError",
    "add_feed",
    "article_view",
    "attach_image",
    "delete_article",
    "feed_for_import",
    "forms",
    "import_feed",
    "import_sheets",
    "load_sheets",
    "parse_sheet",
    "pending_items",
    "plain_text",
    "preview",
    "published_article",
    "published_articles",
    "published_image",
    "remove_feed",
    "render_markdown",
    "review_item",
    "sanitise_html",
    "save_article",
    "search_sheets",
    "staff_articles",
    "staff_feeds",
    "status_of",
    "upsert_article",
    "victim_feed",
]
