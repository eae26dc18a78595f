"""The SSRF-safe client: every fetch of a URL a user gave goes through here.

``fetch(url)`` returns a ``FetchResult`` or raises ``FetchRefused(code)``;
``request_allowed(url)`` is the same rule for a headless browser's requests
(``helpline.net.browser.guard_page`` installs it).
"""

from helpline.net.addresses import FetchRefused, address_refusal, check_url, request_allowed
from helpline.net.client import USER_AGENT, FetchResult, Hop, TlsPeer, fetch

__all__ = ["USER_AGENT", "FetchRefused", "FetchResult", "Hop", "TlsPeer", "address_refusal",
           "check_url", "fetch", "request_allowed"]
