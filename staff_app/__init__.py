"""The staff workspace, mounted at /staff (French) and /staff/en (English).

Each page declares its row in the registry where it is built (``STAFF_PAGES.page``);
importing the page modules here is what puts them on the surface.
"""

from __future__ import annotations

import reflex as rx

from staff_app.endpoints import endpoints  # noqa: F401  (its HTTP routes)
from staff_app.pages import admin, console, content, login, security, workspace  # noqa: F401
from staff_app.routes import STAFF_PAGES


def register(app: rx.App) -> None:
    STAFF_PAGES.register(app)
