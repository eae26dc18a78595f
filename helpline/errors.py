"""One refusal type for every service: a code the page turns into a kind sentence.

A service refuses by raising a ``Refused`` subclass (``ChatError``, ``VictimError``…);
the handler's unit of work rolls back, so nothing half-written stays behind.
"""

from __future__ import annotations


class Refused(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
