"""« Mon coffre-fort »: the list, one item's details, adding a message, a link or an
incident, sharing with the helpline, withdrawing, deleting. Files arrive through the
streaming upload route (victim_app/vault/endpoints.py); the page's script then clicks
the hidden refresh button, so this state only ever reads what the database holds."""

from __future__ import annotations

from datetime import date, datetime

from helpline import clock, events, vault
from helpline.i18n import Locale, t
from helpline.identity.victims import VictimPrincipal
from helpline.text import InputError, client_string
from uikit import live
from uikit.attempt import REFUSED, attempt
from victim_app.state import VictimState, current_victim, victim_event

ALL = "all"  # a filter that keeps everything
NO_INCIDENT = "none"  # the details' « Aucun incident »


_local = clock.local


def _when(value: datetime | date | None, locale: Locale) -> str:
    """« 3 mars 2026, 14:05 »: the months from the catalog, the time only when known."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    month = t(locale, "vault.months").split()[value.month - 1]
    day = f"{value.day} {month} {value.year}" if locale == "fr" \
        else f"{month} {value.day}, {value.year}"
    if isinstance(value, datetime):
        return f"{day}, {value:%H:%M}"
    return day


def _local_input(value: datetime | None) -> str:
    """The value of an <input type=datetime-local>."""
    return f"{_local(value):%Y-%m-%dT%H:%M}" if value else ""


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} Mo".replace(".0 ", " ")
    if n >= 1024:
        return f"{n // 1024} Ko"
    return f"{n} o"


def _choice(value: object) -> str:
    """A filter's value as the page sends it; anything else keeps everything."""
    try:
        return client_string(value) or ALL
    except InputError:
        return ALL


def _row(item, locale: Locale) -> dict[str, str]:
    thumbnail = f"/api/vault/items/{item.id}/thumbnail" if item.has_thumbnail else ""
    return {"id": item.id, "kind": item.kind, "title": item.title or item.filename or "",
            "platform": item.platform or "", "incident_id": item.incident_id or "",
            "when": _when(item.happened_at or item.created_at, locale),
            "sha256": item.sha256 or "", "short_hash": (item.sha256 or "")[:12],
            "thumbnail": thumbnail, "shared": "1" if item.shared else ""}


class VaultState(VictimState):
    """What the safe page shows. Text the victim wrote (titles, a message's text) is
    theirs to see; ids are random and open nothing without the session cookie."""

    items: list[dict[str, str]] = []  # newest first; see _row
    incidents: list[dict[str, str]] = []  # id, title, when, count
    filter_incident: str = ALL
    filter_platform: str = ALL
    used_mb: str = "0"
    quota_mb: str = "0"
    used_percent: int = 0
    error: str = ""  # a vault.error.* code
    notice: str = ""  # a catalog key saying what just worked
    adding: str = ""  # "", message, link, incident: the form open
    # The item open: its details, derivatives and shares.
    open_id: str = ""
    detail: dict[str, str] = {}
    derivatives: list[dict[str, str]] = []
    shares: list[dict[str, str]] = []
    editing: bool = False
    link_platform: str = ""  # guessed from the link's address, then the person's choice
    selected: list[str] = []  # ticked for sharing
    confirm: str = ""  # "", "delete", "empty": the question on screen
    _locale: str = "fr"
    _loaded: bool = False  # forgotten with everything else when the space locks
    _platform_chosen: bool = False  # the person picked the link's platform: no more guessing

    @property
    def _lang(self) -> Locale:
        return "en" if self._locale == "en" else "fr"

    # ---- reading -----------------------------------------------------------------

    def _reload(self, db, victim: VictimPrincipal) -> None:
        incident = None if self.filter_incident == ALL else self.filter_incident
        platform = None if self.filter_platform == ALL else self.filter_platform
        lang = self._lang
        self.items = [_row(i, lang) for i in vault.list_items(
            db, victim, incident_id=incident, platform=platform)]
        self.incidents = [{"id": i.id, "title": i.title, "when": _when(i.happened_on, lang),
                           "count": str(i.item_count)} for i in vault.incidents(db, victim)]
        used = vault.usage(db, victim)
        mib = used.used_bytes / (1024 * 1024)
        shown = f"{max(mib, 0.1):.1f}".removesuffix(".0") if used.used_bytes else "0"
        self.used_mb = shown.replace(".", ",") if lang == "fr" else shown
        self.quota_mb = str(used.quota_bytes // (1024 * 1024))
        self.used_percent = min(100, round(100 * used.used_bytes / used.quota_bytes)) \
            if used.quota_bytes else 0
        shown = {row["id"] for row in self.items}
        self.selected = [i for i in self.selected if i in shown]
        if self.open_id:
            self._show_detail(db, victim, self.open_id)

    def _show_detail(self, db, victim: VictimPrincipal, item_id: str) -> None:
        try:
            found = vault.item_detail(db, victim, item_id)
        except vault.VaultError:  # deleted in another tab: back to the list
            self.open_id, self.detail, self.derivatives, self.shares = "", {}, [], []
            self.editing = False
            return
        lang = self._lang
        self.open_id = found.id
        self.detail = {
            "id": found.id, "kind": found.kind, "title": found.title or found.filename or "",
            "own_title": found.title or "",
            "platform": found.platform or "", "author": found.author or "",
            "description": found.description or "", "incident_id": found.incident_id or "",
            "happened_at": _when(found.happened_at, lang),
            "happened_input": _local_input(found.happened_at),
            "added": _when(found.created_at, lang), "sha256": found.sha256 or "",
            "size": _size(found.size or 0), "filename": found.filename or "",
            "content_type": found.content_type or "", "text": found.text or "",
            "url": found.url or "",
            "incident": next((i["title"] for i in self.incidents
                              if i["id"] == found.incident_id), ""),
            # The preview is the working copy we re-encoded (no location data in it).
            "preview": f"/api/vault/items/{found.id}/working"
            if found.has_thumbnail and found.kind == "image" else "",
            "download": f"/api/vault/items/{found.id}/original",
        }
        self.derivatives = [{"variant": d.variant, "sha256": d.sha256, "size": _size(d.size)}
                            for d in found.derivatives]
        self.detail["shared"] = "1" if any(not s.withdrawn_at for s in found.shares) else ""
        self.shares = [{"id": s.id, "purpose": s.purpose, "when": _when(s.shared_at, lang),
                        "live": "" if s.withdrawn_at else "1"} for s in found.shares]

    def _refresh(self) -> None:
        victim = current_victim()
        attempt(self, lambda db: self._reload(db, victim))

    def _changed(self, *, staff_sees: bool = False) -> None:
        """Committed: the owner's other tabs show it too (this one already does), and
        the helpline's pages about this person when what they may see changed."""
        victim_id = current_victim().victim_id
        live.publish(events.VaultChanged(victim_id), skip=self.router.session.client_token)
        if staff_sees:
            live.publish(events.VaultShared(victim_id))

    @victim_event
    def load(self, locale: str = "fr") -> None:
        """on_load: the safe as the database has it; this tab then hears changes."""
        self._load(locale)

    def _load(self, locale: object) -> None:
        victim = current_victim()  # who it is was shown by VictimState.hydrate
        self._locale = "en" if locale == "en" else "fr"
        self.error, self.notice, self.adding, self.confirm = "", "", "", ""
        self.open_id, self.detail, self.editing, self.selected = "", {}, False, []
        self.filter_incident = self.filter_platform = ALL
        self._refresh()
        self._loaded = True
        for channel in events.VaultChanged(victim.victim_id).channels():
            live.watch(channel, VaultState, self.router.session.client_token)

    @victim_event
    def show_after_unlock(self, locale: str = "fr") -> None:
        """The page's content appears: after the lock screen, the safe is read again
        (the lock forgot it); on a plain page load, load has done it already."""
        if not self._loaded:
            self._load(locale)

    @victim_event
    def refresh(self) -> None:
        """Clicked by the upload script when a file has arrived."""
        self.notice = ""
        self._refresh()
        self._changed()

    @victim_event(touch=False)
    def refresh_from_push(self) -> None:
        self._refresh()

    @victim_event
    def filter_by_incident(self, value: str) -> None:
        self.filter_incident = _choice(value)
        self._refresh()

    @victim_event
    def filter_by_platform(self, value: str) -> None:
        self.filter_platform = _choice(value)
        self._refresh()

    @victim_event
    def open_item(self, item_id: str) -> None:
        self.editing, self.confirm, self.notice = False, "", ""
        victim = current_victim()
        attempt(self, lambda db: self._show_detail(db, victim, client_string(item_id)))

    @victim_event
    def close_item(self) -> None:
        self.open_id, self.detail, self.derivatives, self.shares = "", {}, [], []
        self.editing, self.confirm = False, ""

    # ---- adding ------------------------------------------------------------------

    @victim_event
    def show_form(self, which: str) -> None:
        self.adding = which if which in ("message", "link", "incident") else ""
        self.error = self.notice = self.link_platform = ""
        self._platform_chosen = False

    def _add(self, action, notice: str) -> None:
        victim = current_victim()

        def run(db) -> None:
            action(db, victim)
            self._reload(db, victim)

        if attempt(self, run) is not REFUSED:
            self.adding, self.notice = "", notice
            self._changed()

    @victim_event
    def add_message(self, form: dict) -> None:
        self._add(lambda db, v: vault.add_message(db, v, vault.MessageForm.from_form(form)),
                  "vault.message.saved")

    @victim_event
    def add_link(self, form: dict):
        added: list = []
        self._add(lambda db, v: added.append(
            vault.add_link(db, v, vault.LinkForm.from_form(form))), "vault.link.saved")
        if added:  # committed: its capture starts (victim_app/vault/capture.py)
            from victim_app.vault.capture import started

            return started(current_victim(), added[0].id)
        return None

    @victim_event
    def guess_platform(self, url: str) -> None:
        """The link's address was typed: its platform, unless the person chose one."""
        if not self._platform_chosen and isinstance(url, str) and len(url) <= 4000:
            self.link_platform = vault.guess_platform(url) if url.strip() else ""

    @victim_event
    def choose_link_platform(self, value: str) -> None:
        self.link_platform = _choice(value) if value else ""
        self._platform_chosen = bool(self.link_platform)

    @victim_event
    def add_incident(self, form: dict) -> None:
        def add(db, victim) -> None:
            title = client_string(form.get("title"), 200, token=False)
            day = client_string(form.get("happened_on"), 10)
            try:
                happened_on = date.fromisoformat(day) if day else None
            except ValueError:
                raise vault.VaultError("invalid") from None
            vault.add_incident(db, victim, title, happened_on)

        self._add(add, "vault.incident.saved")

    # ---- details -----------------------------------------------------------------

    @victim_event
    def edit(self) -> None:
        self.editing, self.notice = bool(self.open_id), ""

    @victim_event
    def cancel_edit(self) -> None:
        self.editing, self.error = False, ""

    @victim_event
    def save_details(self, form: dict) -> None:
        item_id, victim = self.open_id, current_victim()
        if not item_id:
            return
        fields = dict(form) if isinstance(form, dict) else {}
        if fields.get("incident_id") == NO_INCIDENT:
            fields["incident_id"] = ""

        def save(db) -> None:
            vault.describe(db, victim, item_id, vault.DetailsForm.from_form(fields))
            self._reload(db, victim)

        if attempt(self, save) is not REFUSED:
            self.editing, self.notice = False, "vault.detail.saved"
            self._changed()

    # ---- sharing -----------------------------------------------------------------

    @victim_event
    def toggle(self, item_id: str) -> None:
        item_id = client_string(item_id)
        if item_id in self.selected:
            self.selected = [i for i in self.selected if i != item_id]
        elif any(row["id"] == item_id for row in self.items):
            self.selected = [*self.selected, item_id]
        self.notice = ""

    @victim_event
    def share(self, form: dict) -> None:
        purpose = form.get("purpose") if isinstance(form, dict) else None
        if purpose not in vault.PURPOSES:
            self.error = "purpose_required"
            return
        if not self.selected:
            self.error = "nothing_selected"
            return
        victim, chosen = current_victim(), list(self.selected)

        def share(db) -> None:
            vault.share(db, victim, chosen, purpose)
            self._reload(db, victim)

        if attempt(self, share) is not REFUSED:
            self.selected, self.notice = [], "vault.share.done"
            self._changed(staff_sees=True)

    @victim_event
    def withdraw(self, item_id: str) -> None:
        victim = current_victim()

        def withdraw(db) -> None:
            vault.withdraw(db, victim, client_string(item_id))
            self._reload(db, victim)

        if attempt(self, withdraw) is not REFUSED:
            self.notice = "vault.detail.withdrawn"
            self._changed(staff_sees=True)

    # ---- removing ----------------------------------------------------------------

    @victim_event
    def ask(self, question: str) -> None:
        """First step of a deletion: the question, said plainly."""
        self.confirm = question if question in ("delete", "empty") else ""
        self.notice = ""

    @victim_event
    def cancel_confirm(self) -> None:
        self.confirm = ""

    @victim_event
    def delete(self) -> None:
        item_id, victim = self.open_id, current_victim()
        if not item_id or self.confirm != "delete":
            return

        def delete(db) -> None:
            vault.delete_item(db, victim, item_id)
            self.open_id = ""
            self._reload(db, victim)

        self.confirm = ""
        if attempt(self, delete) is not REFUSED:
            self.detail, self.derivatives, self.shares, self.editing = {}, [], [], False
            self.notice = "vault.delete.done"
            self._changed(staff_sees=True)

    @victim_event
    def empty(self) -> None:
        if self.confirm != "empty":
            return
        victim = current_victim()

        def empty(db) -> None:
            vault.empty_vault(db, victim)
            self.open_id = ""
            self._reload(db, victim)

        self.confirm = ""
        if attempt(self, empty) is not REFUSED:
            self.detail, self.derivatives, self.shares, self.selected = {}, [], [], []
            self.notice = "vault.empty_all.done"
            self._changed(staff_sees=True)


# Another tab of the same person added, changed or removed something.
live.subscribe(VaultState, {events.VaultChanged: "refresh_from_push"})
