"""The feed's refusals, each a code its pages say in plain words."""

from __future__ import annotations

from helpline.errors import Refused


class NewsError(Refused):
    """title_missing, summary_missing, body_too_long, category_invalid, locale_invalid,
    status_invalid, when_invalid, when_past, url_invalid, feed_exists, not_found,
    image_unreadable, image_too_big, sheet_invalid, forbidden."""
