"""What the safe's forms send, parsed and bounded once (helpline.text): a value no page
sends is a refusal code, never an exception further in. A message's text is evidence:
it is taken exactly as sent, no character changed or removed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from helpline import clock
from helpline.text import TEXT_MAX, InputError, client_string, form_text
from helpline.vault.errors import VaultError

PLATFORMS = ("instagram", "tiktok", "snapchat", "whatsapp", "youtube", "x", "facebook",
             "discord", "twitch", "telegram", "reddit", "other")
TITLE_MAX = 200
AUTHOR_MAX = 200
DESCRIPTION_MAX = 5000
URL_MAX = 2048
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LOCAL_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")


def _field(form: dict, name: str, max_chars: int) -> str:
    try:
        return form_text(form, name, max_chars)
    except InputError as refused:
        raise VaultError(refused.code) from None


def clean_line(text: str) -> str:
    """A title or handle: one line, no control or direction-override characters."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def clean_block(text: str) -> str:
    """A description: line breaks kept, other controls removed."""
    return "\n".join(clean_line(line) for line in text.replace("\r\n", "\n").split("\n")).strip()


def platform_field(form: dict, name: str = "platform") -> str:
    value = _field(form, name, 40)
    if value and value not in PLATFORMS:
        raise VaultError("invalid")
    return value


def moment_field(form: dict, name: str) -> datetime | None:
    """A datetime-local value ("YYYY-MM-DDTHH:MM"), in the viewer's time zone, as UTC."""
    value = _field(form, name, 32).strip()
    if not value:
        return None
    if not _LOCAL_MOMENT.fullmatch(value):
        raise VaultError("invalid")
    try:
        local = datetime.fromisoformat(value)
    except ValueError:
        raise VaultError("invalid") from None
    return local.replace(tzinfo=clock.zone()).astimezone(UTC)


def check_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise VaultError("empty")
    if len(url) > URL_MAX:
        raise VaultError("too_long")
    if _CONTROLS.search(url) or any(c.isspace() for c in url):
        raise VaultError("invalid")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise VaultError("invalid") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise VaultError("invalid")
    return url


@dataclass(frozen=True)
class MessageForm:
    text: str  # exactly as pasted
    author: str = ""
    platform: str = ""
    seen_at: datetime | None = None
    title: str = ""

    @classmethod
    def from_form(cls, form: dict) -> MessageForm:
        try:
            text = client_string(form.get("text") if isinstance(form, dict) else None,
                                 TEXT_MAX * 50, token=False)
        except InputError as refused:
            raise VaultError(refused.code) from None
        return cls(text=text, author=clean_line(_field(form, "author", AUTHOR_MAX)),
                   platform=platform_field(form), seen_at=moment_field(form, "seen_at"),
                   title=clean_line(_field(form, "title", TITLE_MAX)))


@dataclass(frozen=True)
class LinkForm:
    url: str
    platform: str = ""
    description: str = ""
    title: str = ""
    author: str = ""
    happened_at: datetime | None = None

    @classmethod
    def from_form(cls, form: dict) -> LinkForm:
        return cls(url=_field(form, "url", URL_MAX), platform=platform_field(form),
                   description=clean_block(_field(form, "description", DESCRIPTION_MAX)),
                   title=clean_line(_field(form, "title", TITLE_MAX)),
                   author=clean_line(_field(form, "author", AUTHOR_MAX)),
                   happened_at=moment_field(form, "happened_at"))


@dataclass(frozen=True)
class DetailsForm:
    title: str = ""
    platform: str = ""
    happened_at: datetime | None = None
    author: str = ""
    description: str = ""
    incident_id: str = ""  # "" = none

    @classmethod
    def from_form(cls, form: dict) -> DetailsForm:
        return cls(title=clean_line(_field(form, "title", TITLE_MAX)),
                   platform=platform_field(form),
                   happened_at=moment_field(form, "happened_at"),
                   author=clean_line(_field(form, "author", AUTHOR_MAX)),
                   description=clean_block(_field(form, "description", DESCRIPTION_MAX)),
                   incident_id=_token(form, "incident_id"))


def _token(form: dict, name: str) -> str:
    try:
        return form_text(form, name, 64, token=True)
    except InputError as refused:
        raise VaultError(refused.code) from None


_HOSTS = {
    "instagram": ("instagram.com", "instagr.am"),
    "tiktok": ("tiktok.com",),
    "snapchat": ("snapchat.com",),
    "whatsapp": ("whatsapp.com", "wa.me"),
    "youtube": ("youtube.com", "youtu.be"),
    "x": ("x.com", "twitter.com", "t.co"),
    "facebook": ("facebook.com", "fb.com", "fb.watch", "messenger.com"),
    "discord": ("discord.com", "discord.gg", "discordapp.com"),
    "twitch": ("twitch.tv",),
    "telegram": ("t.me", "telegram.org", "telegram.me"),
    "reddit": ("reddit.com", "redd.it"),
}


def guess_platform(url: str) -> str:
    """The platform an address belongs to (a PLATFORMS slug), or "other"."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        host = (urlsplit(text).hostname or "").lower().rstrip(".")
    except ValueError:
        return "other"
    for slug, domains in _HOSTS.items():
        if any(host == d or host.endswith("." + d) for d in domains):
            return slug
    return "other"
