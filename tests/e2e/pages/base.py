"""What every page object shares: the Playwright page it wraps."""

from __future__ import annotations

from typing import Self

from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


class Screen:
    path = ""  # where the screen is, after the app's address

    def __init__(self, page: Page, app_url: str = "") -> None:
        self.page = page
        self.app_url = app_url

    def open(self) -> Self:
        self.page.goto(self.app_url + self.path)
        return self

    def fill_and_press(self, label: str, value: str, button: str) -> None:
        """Type ``value`` into the field labelled ``label`` and press ``button``."""
        self.page.get_by_label(label).fill(value)
        self.page.get_by_role("button", name=button).click()

    def __getattr__(self, name: str):
        return getattr(self.page, name)  # get_by_role, locator, goto… as on the page
