"""What every page object shares: the Playwright page it wraps."""

from __future__ import annotations

from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


class Screen:
    def __init__(self, page: Page, app_url: str = "") -> None:
        self.page = page
        self.app_url = app_url

    def __getattr__(self, name: str):
        return getattr(self.page, name)  # get_by_role, locator, goto… as on the page
