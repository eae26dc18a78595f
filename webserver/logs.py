"""No log line carries a page token, a cookie, an event's payload or a message.

Reflex logs page tokens (bearer secrets for a page's decrypted state), and when an
event fails it logs the whole event: the socket's Cookie header and what was typed.
Every record is scrubbed where it is made — a record factory, so it covers every
logger (Reflex, socket.io, granian, Abri) whatever handlers are configured later —
before any handler formats it. Exception messages are scrubbed too (they can quote
input); the exception's type and the traceback's frames stay, for debugging.
"""

from __future__ import annotations

import logging
import re
import traceback

_REDACTED = "<redacted>"
_RULES: list[tuple[re.Pattern[str], str]] = [
    # Reflex page tokens and any other UUID-shaped id.
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                r"[0-9a-fA-F]{12}\b"), "<token>"),
    # A Cookie header, in a dict repr or as a raw header line.
    (re.compile(r"""(?i)(['"]?(?:set-)?cookie['"]?\s*[:=]\s*)(['"]).*?(?<!\\)\2"""),
     rf"\1\2{_REDACTED}\2"),
    (re.compile(r"(?i)^((?:set-)?cookie:\s*).*$", re.MULTILINE), rf"\1{_REDACTED}"),
    (re.compile(r"(abri_[A-Za-z_]+=)[^;\s'\",}\]]+"), rf"\1{_REDACTED}"),
    # An event, its router data or payload: everything after them on the line.
    (re.compile(r"(?i)\b(router_data|payload|event data|event)(\s*[=:]\s*)(?=[{\[(']|Event\().*$",
                re.MULTILINE), rf"\1\2{_REDACTED}"),
    (re.compile(r"Event\(.*$", re.MULTILINE), f"Event({_REDACTED})"),
    (re.compile(r"(?i)(input_value=).*$", re.MULTILINE), rf"\1{_REDACTED}"),
    # The message line of an exception in a formatted traceback.
    (re.compile(r"^(\s*[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt)):\s.*$",
                re.MULTILINE), rf"\1: {_REDACTED}"),
]


def scrub(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _exception_text(exc_info) -> str:
    kind, _value, tb = exc_info
    frames = "".join(traceback.format_tb(tb)) if tb else ""
    name = kind.__qualname__ if kind else "Exception"
    return f"Traceback (most recent call last):\n{frames}{name}: {_REDACTED}"


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # a record whose args do not fit its format
        message = str(record.msg)
    record.msg, record.args = scrub(message), None
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = scrub(_exception_text(record.exc_info))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


def install() -> None:
    """Scrub every log record this process makes from now on (idempotent)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "_abri_scrubs", False):
        return

    def make(*args, **kwargs) -> logging.LogRecord:
        return scrub_record(factory(*args, **kwargs))

    make._abri_scrubs = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make)
