"""``GET /api/news/image/{id}``: the picture of a published article, as Abri re-encoded
it (no metadata). A draft's picture, or an unknown id, is the same 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from helpline import news
from helpline.db import session_scope

MAX_ID = 32
_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
            "Content-Security-Policy": "sandbox; default-src 'none'"}


def endpoints() -> list[Route]:
    def image(request: Request) -> Response:
        image_id = request.path_params["image_id"]
        if not 0 < len(image_id) <= MAX_ID or not image_id.isalnum():
            return PlainTextResponse("", status_code=404, headers=_HEADERS)
        with session_scope() as db:
            found = news.published_image(db, image_id)
            if found is None:
                return PlainTextResponse("", status_code=404, headers=_HEADERS)
            data, kind = found.data, found.content_type
        return Response(data, media_type=kind, headers=_HEADERS)

    return [Route("/api/news/image/{image_id}", image, methods=["GET"])]
