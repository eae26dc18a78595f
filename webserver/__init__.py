"""The HTTP edge of Abri: security headers for every response, and the few plain
HTTP routes that must set or clear HttpOnly cookies (Reflex events cannot)."""
