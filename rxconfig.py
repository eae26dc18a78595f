"""Reflex configuration. Every value comes from Abri's settings (helpline/config.py)."""

import reflex as rx

from helpline.config import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="abri",
    app_module_import="abri",
    frontend_port=_settings.port,
    backend_port=_settings.port,
    api_url=f"http://localhost:{_settings.port}",
    redis_url=_settings.redis_url,
    # A page's state holds decrypted messages: it lives in memory (or Redis), never in
    # pickles on disk (Reflex's default). See docs/adr/0006.
    state_manager_mode="redis" if _settings.redis_url else "memory",
    cors_allowed_origins=_settings.allowed_origins,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # A sitemap would advertise the staff workspace; Abri publishes none.
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="teal", gray_color="sand", radius="large",
                           appearance="light")
        )
    ],
)
