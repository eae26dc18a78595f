"""The victim surface, mounted at / (French) and /en (English).

Each page declares its row in the registry where it is built (``VICTIM_PAGES.page``);
importing the page modules here is what puts them on the surface.
"""

from __future__ import annotations

import reflex as rx

from victim_app.endpoints import endpoints  # noqa: F401  (its HTTP routes)
from victim_app.pages import account, home, info, sections, space, talk  # noqa: F401
from victim_app.routes import VICTIM_PAGES


def register(app: rx.App) -> None:
    VICTIM_PAGES.register(app)
