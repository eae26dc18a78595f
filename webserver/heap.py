"""Garbage collection for a long-running server that holds many page states.

Python's full collections walk every tracked object. With hundreds of open pages that
took 0.2–0.5 s each on a 2-core machine, stalling every conversation at once (the chat
benchmark's p99). Objects that exist once the app has started (the app, its compiled
pages, the libraries) live as long as the process: freezing them takes them out of every
later walk, and fewer young collections mean fewer promotions to walk at all.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # allocations between young collections (Python's default: 700)


def settle_after_start() -> None:
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
