"""``POST /staff/api/news/articles/{id}/image``: an article's picture, sent by the editor's
plain form (multipart). The bytes go to ``helpline.news.attach_image``, which re-encodes
them without metadata; the page comes back saying how it went."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from helpline import news
from helpline.config import Settings
from helpline.db import session_scope
from helpline.identity.sessions import STAFF_COOKIE, resolve_staff
from helpline.news.images import IMAGE_MAX_BYTES
from staff_app.routes import staff_url
from webserver.requests import same_origin

_ENVELOPE = 64 * 1024  # the multipart framing around the file


def news_routes(settings: Settings) -> list[Route]:
    idle = settings.staff_session_idle_minutes

    async def image(request: Request) -> Response:
        locale = "en" if request.query_params.get("lang") == "en" else "fr"
        back = staff_url(locale, "news_articles")
        article_id = request.path_params["article_id"]
        declared = request.headers.get("content-length", "")
        if not same_origin(request, settings) or not declared.isdigit():
            return RedirectResponse(f"{back}?image=invalid", status_code=303)
        if int(declared) > IMAGE_MAX_BYTES + _ENVELOPE:
            return RedirectResponse(f"{back}?image=image_too_big", status_code=303)
        form = await request.form(max_files=1, max_fields=2)
        upload = form.get("image")
        data = await upload.read(IMAGE_MAX_BYTES + 1) if hasattr(upload, "read") else b""
        await form.close()
        outcome = "saved"
        with session_scope() as db:
            staff = resolve_staff(db, request.cookies.get(STAFF_COOKIE), idle_minutes=idle)
            try:
                news.attach_image(db, staff, int(article_id), data)
            except news.NewsError as refused:
                db.rollback()
                outcome = refused.code
        return RedirectResponse(f"{back}?image={outcome}", status_code=303)

    return [Route("/staff/api/news/articles/{article_id:int}/image", image, methods=["POST"])]
