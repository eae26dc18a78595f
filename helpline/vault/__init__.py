"""The evidence safe (« Mon coffre-fort »): what a young person keeps as proof,
encrypted at rest, and the part of it they chose to share with the helpline.

Pages call only what is exported here. Every function takes ``db`` first and never
commits, except ``receive_upload`` (its bytes are on disk before its rows commit) and
``grant_original`` on a wrong answer (the failure is counted).
"""

from helpline.vault.capture import (
    EVIDENCE_PARTS,
    CaptureStatus,
    capture_bytes,
    request_capture,
)
from helpline.vault.capture import VARIANTS as CAPTURE_PARTS
from helpline.vault.capture import statuses as capture_statuses
from helpline.vault.dossier import export_for_staff as export_staff_dossier
from helpline.vault.dossier import export_for_victim as export_dossier
from helpline.vault.dossier import public_key_pem as dossier_public_key
from helpline.vault.dossier import staff_exportable as staff_dossier_items
from helpline.vault.dossier import verify as verify_dossier
from helpline.vault.errors import VaultError
from helpline.vault.forms import PLATFORMS, DetailsForm, LinkForm, MessageForm, guess_platform
from helpline.vault.operators import rotate_key, sweep_orphans, verify_custody
from helpline.vault.service import (
    PURPOSES,
    VARIANTS,
    add_incident,
    add_link,
    add_message,
    delete_item,
    describe,
    empty_vault,
    incidents,
    item_detail,
    list_items,
    open_for_victim,
    share,
    shred_account,
    usage,
    withdraw,
)
from helpline.vault.shapes import (
    DerivativeSummary,
    Download,
    IncidentSummary,
    ItemDetail,
    ItemSummary,
    PersonSummary,
    SharedItem,
    ShareSummary,
    Usage,
)
from helpline.vault.staff import (
    grant_dossier,
    grant_original,
    open_dossier_ticket,
    open_for_staff,
    open_original_ticket,
    people_with_evidence,
    shared_items,
    shared_with_helpline,
)
from helpline.vault.upload import receive_upload

Purpose = str  # one of PURPOSES
Variant = str  # one of VARIANTS

__all__ = [
    "CAPTURE_PARTS",
    "EVIDENCE_PARTS",
    "PLATFORMS",
    "PURPOSES",
    "VARIANTS",
    "CaptureStatus",
    "DerivativeSummary",
    "DetailsForm",
    "Download",
    "IncidentSummary",
    "ItemDetail",
    "ItemSummary",
    "LinkForm",
    "MessageForm",
    "PersonSummary",
    "Purpose",
    "ShareSummary",
    "SharedItem",
    "Usage",
    "Variant",
    "VaultError",
    "add_incident",
    "add_link",
    "add_message",
    "capture_bytes",
    "capture_statuses",
    "delete_item",
    "describe",
    "dossier_public_key",
    "empty_vault",
    "export_dossier",
    "export_staff_dossier",
    "grant_dossier",
    "grant_original",
    "guess_platform",
    "incidents",
    "item_detail",
    "list_items",
    "open_dossier_ticket",
    "open_for_staff",
    "open_for_victim",
    "open_original_ticket",
    "people_with_evidence",
    "receive_upload",
    "request_capture",
    "rotate_key",
    "share",
    "shared_items",
    "shared_with_helpline",
    "shred_account",
    "staff_dossier_items",
    "sweep_orphans",
    "usage",
    "verify_custody",
    "verify_dossier",
    "withdraw",
]
