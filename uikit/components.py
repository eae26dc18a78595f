"""Small components both surfaces use."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx


def labelled(label: str, control: rx.Component, hint: str | None = None) -> rx.Component:
    return rx.el.label(
        rx.text(label, weight="medium", size="2"),
        control,
        rx.text(hint, size="1", color="#4a5a62") if hint else rx.fragment(),
        style={"display": "flex", "flexDirection": "column", "gap": "0.35rem", "width": "100%"},
    )


def data_table(headers: list[str], rows: rx.Var, row: Callable[[rx.Var], rx.Component],
               **props) -> rx.Component:
    """A plain table: a header cell per label ("" for an actions column), then ``row(item)``
    (an ``rx.table.row``) for each item of ``rows``."""
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(rx.foreach(rows, row)),
        variant="surface", width="100%", **props,
    )


def coded_callout(code: rx.Var, texts: dict[str, str], *, done: bool = False) -> rx.Component:
    """The sentence for the code a state holds ("" shows nothing): an alert for a
    refusal, a status for what was just done."""
    icon, scheme, role = ("circle-check", "green", "status") if done else \
        ("circle-alert", "red", "alert")
    return rx.match(code, *[(c, rx.callout(text, icon=icon, color_scheme=scheme, role=role))
                            for c, text in texts.items()], rx.fragment())
