"""The staff workspace, mounted at /staff (French) and /staff/en (English).

Each page declares its row in the registry where it is built (``STAFF_PAGES.page``);
importing the page modules here is what puts them on the surface.
"""

from __future__ import annotations

import reflex as rx

# The workspace's pages: importing each module declares its rows.
from staff_app import login, workspace  # noqa: F401
from staff_app.admin import page as admin_page  # noqa: F401
from staff_app.cases import page as cases_page  # noqa: F401
from staff_app.console import page as console_page  # noqa: F401
from staff_app.content import page as content_page  # noqa: F401
from staff_app.endpoints import endpoints  # noqa: F401  (its HTTP routes)
from staff_app.news import page as news_page  # noqa: F401
from staff_app.quiz import page as quiz_editor_page  # noqa: F401
from staff_app.routes import STAFF_PAGES
from staff_app.security import page as security_page  # noqa: F401


def register(app: rx.App) -> None:
    STAFF_PAGES.register(app)
