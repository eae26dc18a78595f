"""Small components both surfaces use."""

from __future__ import annotations

import reflex as rx


def labelled(label: str, control: rx.Component, hint: str | None = None) -> rx.Component:
    return rx.el.label(
        rx.text(label, weight="medium", size="2"),
        control,
        rx.text(hint, size="1", color="#4a5a62") if hint else rx.fragment(),
        style={"display": "flex", "flexDirection": "column", "gap": "0.35rem", "width": "100%"},
    )
