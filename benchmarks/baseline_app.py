"""The baseline: a bare Starlette app with the same health route, served by granian
exactly like Abri, so a ratio isolates what Abri's stack adds."""

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def health(_request):
    return JSONResponse({"status": "ok"})


def app():
    return Starlette(routes=[Route("/api/health", health)])
