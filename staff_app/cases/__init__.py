"""« Dossiers » and the evidence staff see: only what a young person shared."""

from helpline.identity.access import STAFF_AREAS

# Who reads shared evidence: the « Dossiers » area's roles, as helpline.vault checks them.
CASE_ROLES = tuple(sorted(STAFF_AREAS["cases"]))
