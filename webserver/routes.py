"""The HTTP routes beside Reflex's: the edge's own health check, and the plain
routes each enabled surface brings (its ``endpoints``)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from webserver.requests import Endpoints


async def health(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def build_routes(*surfaces: Endpoints) -> Starlette:
    routes = [Route("/api/health", health, methods=["GET"])]
    middleware = []
    for surface in surfaces:
        routes += surface.routes
        middleware += surface.middleware
    return Starlette(routes=routes, middleware=middleware)
