import time
from datetime import timedelta

import pyotp
import pytest
from sqlmodel import select

from helpline.identity import staff_auth
from helpline.identity.sessions import open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.identity.staff_auth import SignInRefused, sign_in_local, sign_in_oidc
from helpline.models import AuditEntry, StaffUser, UserSession
from helpline.models._common import utcnow

PASSWORD = "correct horse battery"
ISSUER = "https://sso.abri.example"


def _staff(db, email="camille@abri.example", roles=("counsellor",), password=PASSWORD):
    staff = create_staff(db, email=email, display_name=email.split("@")[0].title(),
                         password=password, roles=roles)
    db.commit()
    return staff


def _refused(code: str):
    return pytest.raises(SignInRefused, match=f"^{code}$")


def _principal(email: str, code: str = ""):
    return staff_auth.staff_from_token(sign_in_local(email, PASSWORD, code, "client"))


def _enrol(principal) -> pyotp.TOTP:
    enrolment = staff_auth.begin_totp(principal)
    assert enrolment.qr_data_uri.startswith("data:image/svg+xml")
    totp = pyotp.TOTP(enrolment.secret)
    assert staff_auth.confirm_totp(principal, totp.at(time.time()))
    return totp


def _admin(db, email="ada@abri.example"):
    """A full admin principal: TOTP enrolled, as it must be to hold admin rights."""
    staff = _staff(db, email=email, roles=("admin",))
    staff.totp_confirmed_at = utcnow()
    db.add(staff)
    token = open_staff_session(db, staff.id, max_hours=1)
    db.commit()
    principal = resolve_staff(db, token, idle_minutes=30)
    assert principal.has_role("admin")
    return principal


def _fresh(db, staff_id: int) -> StaffUser:
    db.expire_all()
    return db.get(StaffUser, staff_id)


# ---- password (and TOTP) sign-in -----------------------------------------------------------


def test_the_right_password_opens_a_session(db) -> None:
    staff = _staff(db)
    token = sign_in_local(" Camille@Abri.example ", PASSWORD, "", "client")
    principal = staff_auth.staff_from_token(token)
    assert principal.staff_id == staff.id and principal.roles == frozenset({"counsellor"})
    assert not principal.needs_totp
    assert db.exec(select(AuditEntry.action, AuditEntry.object_id)).all() == [
        ("staff.sign_in", str(staff.id))]
    staff_auth.sign_out(token)
    assert staff_auth.staff_from_token(token) is None


@pytest.mark.parametrize(("email", "password"), [
    ("camille@abri.example", "wrong password!"),
    ("camille@abri.example", ""),
    ("nobody@abri.example", PASSWORD),
])
def test_wrong_credentials_are_refused(db, email, password) -> None:
    _staff(db)
    with _refused("failed"):
        sign_in_local(email, password, "", "client")
    assert db.exec(select(UserSession)).all() == []


def test_repeated_failures_lock_the_account_even_for_the_right_password(db) -> None:
    staff = _staff(db)
    for attempt in range(1, staff_auth.FAILURES_BEFORE_LOCK + 1):
        with _refused("failed"):
            sign_in_local(staff.email, "wrong password!", "", f"client-{attempt}")
        assert _fresh(db, staff.id).failed_logins == attempt
    with _refused("locked"):
        sign_in_local(staff.email, PASSWORD, "", "another-client")

    locked = _fresh(db, staff.id)
    locked.locked_until = utcnow() - timedelta(seconds=1)  # the lock runs out
    db.add(locked)
    db.commit()
    assert staff_auth.staff_from_token(sign_in_local(staff.email, PASSWORD, "", "client"))
    assert _fresh(db, staff.id).failed_logins == 0


def test_a_success_resets_the_failure_count(db, monkeypatch) -> None:
    monkeypatch.setattr(staff_auth, "FAILURES_BEFORE_LOCK", 3)
    staff = _staff(db)
    for _ in range(2):
        with _refused("failed"):
            sign_in_local(staff.email, "wrong password!", "", "client")
    sign_in_local(staff.email, PASSWORD, "", "client")
    with _refused("failed"):
        sign_in_local(staff.email, "wrong password!", "", "client")
    sign_in_local(staff.email, PASSWORD, "", "client")  # not locked


def test_sign_in_attempts_are_limited_per_client(db, monkeypatch) -> None:
    monkeypatch.setattr(staff_auth, "ATTEMPTS_PER_CLIENT", 3)
    _staff(db)
    for _ in range(3):
        with _refused("failed"):
            sign_in_local("nobody@abri.example", PASSWORD, "", "guesser")
    with _refused("locked"):
        sign_in_local("camille@abri.example", PASSWORD, "", "guesser")
    assert sign_in_local("camille@abri.example", PASSWORD, "", "colleague")


def test_once_enrolled_the_totp_code_is_required_and_cannot_be_replayed(db) -> None:
    staff = _staff(db)
    totp = _enrol(_principal(staff.email))
    confirmed = _fresh(db, staff.id)
    assert confirmed.totp_confirmed_at is not None
    assert totp.secret.encode() not in confirmed.totp_secret_enc

    for code in ("", "12345", "not a code", totp.at(time.time() - 300)):
        with _refused("totp"):
            sign_in_local(staff.email, PASSWORD, code, "client")
    with _refused("failed"):
        sign_in_local(staff.email, "wrong password!", totp.at(time.time() + 30), "client")

    next_code = totp.at(time.time() + 30)  # the enrolment used the current step
    principal = staff_auth.staff_from_token(
        sign_in_local(staff.email, PASSWORD, next_code[:3] + " " + next_code[3:], "client"))
    assert principal.staff_id == staff.id
    with _refused("totp"):
        sign_in_local(staff.email, PASSWORD, next_code, "client")
    assert "password+totp" in db.exec(select(AuditEntry.detail)).all()


def test_the_enrolment_code_cannot_be_reused_to_sign_in(db) -> None:
    staff = _staff(db)
    principal = _principal(staff.email)
    secret = staff_auth.begin_totp(principal).secret
    code = pyotp.TOTP(secret).at(time.time())
    assert not staff_auth.confirm_totp(principal, "123")
    assert not staff_auth.has_totp(principal)
    assert staff_auth.confirm_totp(principal, code)
    assert staff_auth.has_totp(principal)
    with _refused("totp"):
        sign_in_local(staff.email, PASSWORD, code, "client")


def test_an_admin_without_totp_acts_without_admin_rights_until_enrolled(db) -> None:
    staff = _staff(db, email="ada@abri.example", roles=("admin", "supervisor"))
    token = sign_in_local(staff.email, PASSWORD, "", "client")
    principal = staff_auth.staff_from_token(token)
    assert principal.needs_totp and principal.roles == frozenset({"supervisor"})
    with pytest.raises(PermissionError):
        staff_auth.set_disabled(principal, _staff(db).id, True)

    _enrol(principal)
    enrolled = staff_auth.staff_from_token(token)
    assert not enrolled.needs_totp and enrolled.roles == frozenset({"admin", "supervisor"})


# ---- OpenID Connect -----------------------------------------------------------------------


def test_oidc_binds_a_precreated_account_by_email_then_by_subject(db) -> None:
    staff = _staff(db, password=None)
    with _refused("unknown"):  # an email the provider has not verified binds nothing
        sign_in_oidc(ISSUER, "subject-1", "Camille@Abri.example")
    token = sign_in_oidc(ISSUER, "subject-1", "Camille@Abri.example", email_verified=True)
    assert staff_auth.staff_from_token(token).staff_id == staff.id
    bound = _fresh(db, staff.id)
    assert (bound.oidc_issuer, bound.oidc_subject) == (ISSUER, "subject-1")

    again = sign_in_oidc(ISSUER, "subject-1", "renamed@abri.example")
    assert staff_auth.staff_from_token(again).staff_id == staff.id
    assert staff_auth.staff_from_token(sign_in_oidc(ISSUER, "subject-1", None)).staff_id == (
        staff.id)
    with _refused("unknown"):  # the email is taken by a bound account now
        sign_in_oidc(ISSUER, "subject-2", staff.email, email_verified=True)


@pytest.mark.parametrize(("subject", "email"), [
    ("subject-9", "stranger@abri.example"), ("subject-9", None), ("subject-9", ""),
])
def test_oidc_refuses_unknown_identities(db, subject, email) -> None:
    _staff(db)
    with _refused("unknown"):
        sign_in_oidc(ISSUER, subject, email, email_verified=True)
    assert db.exec(select(UserSession)).all() == []


def test_oidc_refuses_a_disabled_account(db) -> None:
    staff = _staff(db, password=None)
    sign_in_oidc(ISSUER, "subject-1", staff.email, email_verified=True)
    disabled = _fresh(db, staff.id)
    disabled.disabled_at = utcnow()
    db.add(disabled)
    db.commit()
    with _refused("unknown"):
        sign_in_oidc(ISSUER, "subject-1", staff.email, email_verified=True)


def test_an_oidc_admin_keeps_admin_rights_without_local_totp(db) -> None:
    staff = _staff(db, email="ada@abri.example", roles=("admin",), password=None)
    token = sign_in_oidc(ISSUER, "subject-1", staff.email, email_verified=True)
    principal = staff_auth.staff_from_token(token)
    assert principal.has_role("admin") and not principal.needs_totp


# ---- team management ----------------------------------------------------------------------


def test_disabling_an_account_ends_all_its_sessions_at_once(db) -> None:
    admin = _admin(db)
    staff = _staff(db)
    tokens = [sign_in_local(staff.email, PASSWORD, "", "client") for _ in range(2)]
    staff_auth.set_disabled(admin, staff.id, True)

    assert [staff_auth.staff_from_token(t) for t in tokens] == [None, None]
    db.expire_all()
    assert all(row.revoked_at is not None for row in db.exec(
        select(UserSession).where(UserSession.staff_id == staff.id)))
    with _refused("failed"):
        sign_in_local(staff.email, PASSWORD, "", "client")
    assert staff_auth.staff_from_token(tokens[0]) is None
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "staff.disabled")).one()
    assert (entry.actor_staff_id, entry.object_type, entry.object_id) == (
        admin.staff_id, "staff", str(staff.id))

    staff_auth.set_disabled(admin, staff.id, False)
    assert staff_auth.staff_from_token(sign_in_local(staff.email, PASSWORD, "", "client"))
    assert staff_auth.staff_from_token(tokens[0]) is None  # old sessions stay ended
    assert db.exec(select(AuditEntry.action).where(
        AuditEntry.action == "staff.enabled")).one()


def test_only_an_admin_disables_and_never_themselves(db) -> None:
    admin = _admin(db)
    staff = _staff(db)
    supervisor = _principal(_staff(db, email="sam@abri.example", roles=("supervisor",)).email)
    for refused_principal, target in ((None, staff.id), (supervisor, staff.id),
                                      (admin, admin.staff_id)):
        with pytest.raises(PermissionError):
            staff_auth.set_disabled(refused_principal, target, True)
    with pytest.raises(LookupError):
        staff_auth.set_disabled(admin, 9999, True)
    assert _fresh(db, staff.id).disabled_at is None
    assert _fresh(db, admin.staff_id).disabled_at is None
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "staff.disabled")).all() == []


def test_list_staff_is_for_admins_and_supervisors(db) -> None:
    admin = _admin(db)
    staff = _staff(db)
    counsellor = _principal(staff.email)
    with pytest.raises(PermissionError):
        staff_auth.list_staff(counsellor)
    members = {m.email: m for m in staff_auth.list_staff(admin)}
    assert members["camille@abri.example"].roles == ["counsellor"]
    assert members["ada@abri.example"].has_totp and not members["camille@abri.example"].has_totp
