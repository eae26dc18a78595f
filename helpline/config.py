"""Abri's settings, read once from the environment (prefix ``ABRI_``) and ``.env``.

The embedded default needs nothing: a SQLite file and a blob folder under ``./data``
and a generated development key. Outside ``local`` mode the app refuses to start
without a key supplied by the operator (see ``helpline.keys``).
"""

from __future__ import annotations

import logging
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600  # what Abri keeps is its owner's alone
log = logging.getLogger("abri.config")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ABRI_", env_file=".env", extra="ignore", populate_by_name=True
    )

    env: Literal["local", "production"] = "local"
    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    blob_dir: Path | None = None
    key_file: Path | None = None
    redis_url: str | None = None

    port: int = Field(3000, validation_alias=AliasChoices("PORT", "ABRI_PORT"))
    public_url: str = ""
    workers: int = 0
    # Background jobs (helpline.jobs, ADR 0010): worker threads of the consumer that
    # scripts/serve.sh starts, and immediate mode (each job runs inside enqueue: tests).
    jobs_workers: int = Field(2, ge=1)
    jobs_immediate: bool = False
    victim_surface: bool = True
    staff_surface: bool = True

    quick_exit_url: str = "https://www.google.com/search?q=m%C3%A9t%C3%A9o"
    helpline_name: str = "3018"
    helpline_phone: str = "3018"
    helpline_hours_fr: str = "Tous les jours de 9 h à 23 h"
    helpline_hours_en: str = "Every day, 9 am to 11 pm"
    emergency_phone: str = "112"
    child_protection_phone: str = "119"

    staff_session_idle_minutes: int = 30
    staff_session_max_hours: int = 12
    victim_lock_minutes: int = 10
    victim_session_idle_days: int = 30
    victim_session_max_days: int = 180
    # New pseudonymous accounts one client address may create an hour (a school's or a
    # family's devices share one address; a script minting accounts does too).
    victim_accounts_per_hour: int = Field(30, ge=1)
    trusted_proxy_hops: int = 0

    timezone: str = "Europe/Paris"
    opening_hours: str = "09:00-23:00"  # every day, in ``timezone``
    chat_message_max_chars: int = 2000
    # After this long in the queue, the waiting page recalls the emergency numbers.
    chat_wait_reminder_minutes: int = Field(10, ge=1)
    # After a quick exit mid-chat, the conversation waits this long to be resumed, then
    # closes as "left".
    chat_quick_exit_keep_minutes: int = Field(30, ge=1)
    closed_page_forget_seconds: int = 60  # a closed tab's state (decrypted) is then gone

    # The safe (helpline.vault): per-kind limits and a per-account quota, in MB (MiB),
    # checked while the bytes stream in; segments of the encrypted framing.
    vault_image_max_mb: int = Field(25, ge=1)
    vault_video_max_mb: int = Field(200, ge=1)
    vault_pdf_max_mb: int = Field(50, ge=1)
    vault_text_max_mb: int = Field(5, ge=1)
    vault_quota_mb: int = Field(1024, ge=1)
    vault_segment_bytes: int = Field(65536, ge=1024, le=65536)
    vault_max_pixels: int = Field(50_000_000, ge=1)  # decoded images above: a bomb

    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_label: str = "SSO"

    # Fetching users' URLs (helpline.net): each fetch's limits. ``net_allow_loopback``
    # lets 127.0.0.1 through the address rules, for tests serving pages there; refused
    # in production.
    net_connect_timeout_seconds: float = Field(5.0, gt=0, le=60)
    net_total_timeout_seconds: float = Field(20.0, gt=0, le=300)
    net_max_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    net_max_redirects: int = Field(3, ge=0, le=10)
    net_allow_loopback: bool = False
    # Web pages live on the web's two ports; any other is a service, often an internal
    # one behind a public name. Empty allows any port (tests serving pages locally).
    net_ports: tuple[int, ...] = (80, 443)

    @model_validator(mode="after")
    def _no_loopback_in_production(self) -> Settings:
        if self.net_allow_loopback and self.env == "production":
            raise ValueError("ABRI_NET_ALLOW_LOOPBACK is for tests; never in production.")
        return self

    @model_validator(mode="after")
    def _derive_defaults(self) -> Settings:
        self.data_dir = self.data_dir.resolve()
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'abri.db'}"
        if self.blob_dir is None:
            self.blob_dir = self.data_dir / "blobs"
        if self.key_file is None:
            self.key_file = self.data_dir / "abri.key"
        if not self.public_url:
            self.public_url = f"http://localhost:{self.port}"
        self.public_url = self.public_url.rstrip("/")
        if self.workers <= 0:
            self.workers = 2 if self.redis_url else 1
        if self.workers > 1 and not self.redis_url:
            raise ValueError("ABRI_WORKERS > 1 needs ABRI_REDIS_URL (workers share state there).")
        if not (self.victim_surface or self.staff_surface):
            raise ValueError("At least one surface (victim or staff) must be enabled.")
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def public_origin(self) -> str:
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def allowed_origins(self) -> list[str]:
        """Origins allowed for CORS and the websocket: the public one, plus its
        loopback twins in local mode (a developer opens localhost or 127.0.0.1)."""
        origins = [self.public_origin]
        if self.env == "local":
            for host in ("localhost", "127.0.0.1"):
                origin = f"http://{host}:{self.port}"
                if origin not in origins:
                    origins.append(origin)
        return origins

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def private_dir(path: Path) -> Path:
    """``path`` and any missing parents, created owner-only whatever the umask."""
    if not path.exists():
        private_dir(path.parent)
        path.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if it is missing (SQLite gives its -wal and
    -shm the database file's mode); an existing file is left as it is."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return path
    try:
        os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return path


def tree(folder: Path) -> list[Path]:
    """``folder`` and everything under it, symbolic links not followed."""
    return [folder, *(Path(root, name) for root, dirs, files in os.walk(folder)
                      for name in dirs + files)] if folder.is_dir() else []


def tighten(*paths: Path) -> list[Path]:
    """Take group and other access away from these files and folders (a symbolic link
    is left alone), with a warning; returns those changed. Only paths Abri writes: an
    operator's data folder may hold other things, and is never walked as a whole."""
    changed: list[Path] = []
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:  # not there (yet), or gone (a -wal checkpointed away)
            continue
        if stat.S_ISLNK(mode) or not stat.S_IMODE(mode) & 0o077:
            continue
        wanted = PRIVATE_DIR if stat.S_ISDIR(mode) else PRIVATE_FILE
        try:
            os.chmod(path, stat.S_IMODE(mode) & wanted)
            changed.append(path)
        except OSError as exc:
            log.warning("%s is open to others (mode %o) and cannot be closed: %s",
                        path, stat.S_IMODE(mode), exc)
    if changed:
        log.warning("Made owner-only, as Abri's data must be (they were open to others): %s",
                    ", ".join(map(str, changed[:5])) + (f" and {len(changed) - 5} more"
                                                         if len(changed) > 5 else ""))
    return changed
