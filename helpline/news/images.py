"""An article's picture: the upload is decoded and re-encoded by the safe's image code
(``helpline.vault.images``: pixels only, turned upright, no EXIF, GPS, XMP or ICC), so
what young people download is Abri's bytes, never the uploader's file."""

from __future__ import annotations

import io

from PIL import Image
from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline import audit
from helpline.config import get_settings
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import NewsArticle, NewsImage
from helpline.models._common import utcnow
from helpline.news.articles import WRITERS
from helpline.news.errors import NewsError
from helpline.vault import images
from helpline.vault.errors import VaultError

IMAGE_MAX_BYTES = 10 * 1024 * 1024


def attach_image(db: DbSession, staff: StaffPrincipal | None, article_id: int,
                 data: bytes) -> str:
    """Re-encode ``data`` and make it the article's picture; the new image's id."""
    writer = require(staff, WRITERS, NewsError)
    article = db.get(NewsArticle, article_id)
    if article is None:
        raise NewsError("not_found")
    if len(data) > IMAGE_MAX_BYTES:
        raise NewsError("image_too_big")
    try:
        working = next(d for d in images.derive(data, max_pixels=get_settings().vault_max_pixels)
                       if d.variant == "working")
    except VaultError:
        raise NewsError("image_unreadable") from None
    with Image.open(io.BytesIO(working.data)) as decoded:
        width, height = decoded.size
    picture = NewsImage(content_type=working.content_type, data=working.data, width=width,
                        height=height)
    db.add(picture)
    db.flush()
    replaced = db.get(NewsImage, article.image_id) if article.image_id else None
    article.image_id = picture.id
    db.add(article)
    if replaced is not None:  # the previous picture is no one's now
        db.flush()
        db.delete(replaced)
    audit.record(db, writer, "news.image", "news_article", article_id)
    return picture.id


def published_image(db: DbSession, image_id: str) -> NewsImage | None:
    """The picture of a published article (a draft's picture is not public yet)."""
    return db.exec(select(NewsImage).join(NewsArticle, NewsArticle.image_id == NewsImage.id)
                  .where(NewsImage.id == image_id, NewsArticle.published_at.is_not(None),
                         NewsArticle.published_at <= utcnow())).first()
