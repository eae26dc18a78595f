"""The space, lock screen and security forms, parsed and bounded once."""

import pytest

from helpline.audit import AuditFilter
from helpline.identity.forms import Pin, Profile, RecoveryCode, StaffProof, TotpCode
from helpline.text import InputError

LONE = "\ud800"


def test_a_profile_reads_none_as_no_age_band() -> None:
    assert Profile.from_form({"nickname": "Lou", "age_band": "none"}) == Profile("Lou", "")
    assert Profile.from_form({"age_band": "15_17"}) == Profile("", "15_17")


@pytest.mark.parametrize(("parse", "form", "code"), [
    (Pin.from_form, {"pin": "2" * 21}, "too_long"),
    (Pin.from_form, {"pin": ["2580"]}, "invalid"),
    (RecoveryCode.from_form, {"code": LONE}, "invalid"),
    (Profile.from_form, {"nickname": "Lou", "age_band": "15 17"}, "invalid"),
    (StaffProof.from_form, {"password": LONE}, "invalid"),
    (TotpCode.from_form, {"code": "12 34"}, "invalid"),
    (AuditFilter.from_form, {"object_id": "x" * 65}, "too_long"),
])
def test_a_value_no_page_sends_is_a_refusal_code(parse, form, code) -> None:
    with pytest.raises(InputError, match=f"^{code}$"):
        parse(form)


def test_the_audit_filter_reads_a_person_only_when_it_is_a_number() -> None:
    assert AuditFilter.from_form({"staff_id": "7", "object_id": "c1"}) == AuditFilter(7, "c1")
    assert AuditFilter.from_form({"staff_id": "someone"}).staff_id is None
