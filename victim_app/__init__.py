"""The victim surface, mounted at / (French) and /en (English).

Each page declares its row in the registry where it is built (``VICTIM_PAGES.page``);
importing the page modules here is what puts them on the surface.
"""

from __future__ import annotations

import reflex as rx

# The surface's pages: importing each module declares its rows.
from victim_app import home  # noqa: F401
from victim_app.chat import page as chat_page  # noqa: F401
from victim_app.endpoints import endpoints  # noqa: F401  (its HTTP routes)
from victim_app.news import page as news_page  # noqa: F401
from victim_app.quiz import page as quiz_page  # noqa: F401
from victim_app.routes import VICTIM_PAGES
from victim_app.space import page as space_page  # noqa: F401
from victim_app.space import restore  # noqa: F401
from victim_app.vault import page as vault_page  # noqa: F401


def register(app: rx.App) -> None:
    VICTIM_PAGES.register(app)
