"""The safe's one refusal type."""

from __future__ import annotations

from helpline.errors import Refused


class VaultError(Refused):
    """Refused, with a code the page says in words (``vault.error.<code>``):
    type_refused, too_big (``limit_mb``), quota_full, empty, cut_off, image_unreadable,
    not_found (never says whether it exists elsewhere), invalid, too_long, locked,
    no_session, reauth_failed, reauth_wait (``until``), reauth_unavailable, forbidden."""

    def __init__(self, code: str, *, limit_mb: int | None = None, until=None) -> None:
        super().__init__(code)
        self.limit_mb = limit_mb
        self.until = until
