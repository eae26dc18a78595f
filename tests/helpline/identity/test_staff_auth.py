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
from helpline.ratelimit import NO_WAIT

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


def _enrol(principal, current: str = "") -> pyotp.TOTP:
    enrolment = staff_auth.begin_totp(principal, PASSWORD, current, "client")
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


def _fail(email: str, client: str, password: str = "wrong password!", code: str = ""):
    """One refused sign-in: its code and the wait it announced."""
    with pytest.raises(SignInRefused) as refused:
        sign_in_local(email, password, code, client)
    return refused.value.code, refused.value.wait


def test_each_failure_makes_the_next_try_wait_longer_then_the_right_password_works(
        db, clock) -> None:
    staff = _staff(db)
    free = staff_auth.PER_ACCOUNT_CLIENT.free
    assert [_fail(staff.email, "client") for _ in range(free)] == [("failed", NO_WAIT)] * free
    assert _fail(staff.email, "client") == ("failed", timedelta(seconds=2))
    # While waiting, even the right password is not tried, and nothing more is counted.
    for _ in range(5):
        assert _fail(staff.email, "client", PASSWORD) == ("locked", timedelta(seconds=2))
    clock.advance(timedelta(seconds=2))
    assert _fail(staff.email, "client") == ("failed", timedelta(seconds=4))
    clock.advance(timedelta(seconds=3))
    assert _fail(staff.email, "client", PASSWORD) == ("locked", timedelta(seconds=1))
    clock.advance(timedelta(seconds=1))
    assert staff_auth.staff_from_token(sign_in_local(staff.email, PASSWORD, "", "client"))
    # The success forgot this account's failures.
    assert _fail(staff.email, "client") == ("failed", NO_WAIT)


def test_the_wait_doubles_up_to_a_cap(db, clock) -> None:
    staff = _staff(db)
    waits = []
    for _ in range(staff_auth.PER_ACCOUNT_CLIENT.free + 12):
        waits.append(_fail(staff.email, "client")[1])
        clock.advance(waits[-1])
    grown = [w.total_seconds() for w in waits if w]
    assert grown[:4] == [2, 4, 8, 16] and max(grown) == 15 * 60 == grown[-1]


def test_an_unknown_email_is_slowed_the_same_way(db, clock) -> None:
    free = staff_auth.PER_ACCOUNT_CLIENT.free
    for _ in range(free):
        assert _fail("nobody@abri.example", "client", PASSWORD) == ("failed", NO_WAIT)
    assert _fail("nobody@abri.example", "client", PASSWORD)[1] > NO_WAIT


def test_a_flood_from_one_address_leaves_colleagues_elsewhere_signing_in(db, clock) -> None:
    staff = _staff(db)
    for _ in range(200):
        _fail(staff.email, "attacker")
    assert staff_auth.staff_from_token(sign_in_local(staff.email, PASSWORD, "", "office"))
    # Spraying many accounts from that address slows the address itself.
    for n in range(staff_auth.PER_CLIENT.free):
        _fail(f"guess{n}@abri.example", "attacker")
    colleague = _staff(db, email="sam@abri.example")
    assert _fail(colleague.email, "attacker", PASSWORD)[0] == "locked"
    assert sign_in_local(colleague.email, PASSWORD, "", "office")


def test_a_shared_office_is_not_blocked_by_a_few_typos(db, clock) -> None:
    """The finding: 30 failures from one address blocked every sign-in from it."""
    staff = [_staff(db, email=f"person{n}@abri.example") for n in range(10)]
    for member in staff:  # everyone mistypes twice in the morning
        for _ in range(2):
            _fail(member.email, "office")
    for member in staff:
        assert sign_in_local(member.email, PASSWORD, "", "office")


def test_a_flood_against_one_account_from_many_addresses_only_slows_that_account(
        db, clock) -> None:
    target, colleague = _staff(db), _staff(db, email="sam@abri.example")
    for n in range(staff_auth.PER_ACCOUNT.free + 1):
        _fail(target.email, f"bot-{n}")
    code, waiting = _fail(target.email, "home", PASSWORD)
    assert code == "locked" and NO_WAIT < waiting <= staff_auth.PER_ACCOUNT.cap
    assert sign_in_local(colleague.email, PASSWORD, "", "bot-0")  # the addresses still work
    clock.advance(waiting)
    assert sign_in_local(target.email, PASSWORD, "", "home")  # and after the wait, so does it


def test_once_enrolled_the_totp_code_is_required_and_cannot_be_replayed(db) -> None:
    staff = _staff(db)
    totp = _enrol(_principal(staff.email))
    confirmed = _fresh(db, staff.id)
    assert confirmed.totp_confirmed_at is not None
    assert totp.secret.encode() not in confirmed.totp_secret_enc

    for n, code in enumerate(("", "12345", "not a code", totp.at(time.time() - 300))):
        with _refused("totp"):  # from several devices: no wait in the way
            sign_in_local(staff.email, PASSWORD, code, f"client-{n}")
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
    secret = staff_auth.begin_totp(principal, PASSWORD, "", "client").secret
    code = pyotp.TOTP(secret).at(time.time())
    assert not staff_auth.confirm_totp(principal, "123")
    assert not staff_auth.has_totp(principal)
    assert staff_auth.confirm_totp(principal, code)
    assert staff_auth.has_totp(principal)
    with _refused("totp"):
        sign_in_local(staff.email, PASSWORD, code, "client")


def test_a_new_enrolment_keeps_the_factor_in_force_until_it_is_confirmed(db) -> None:
    """The finding: starting an enrolment cleared the factor, so the password alone
    signed in next."""
    staff = _staff(db)
    principal = _principal(staff.email)
    old = pyotp.TOTP(staff_auth.begin_totp(principal, PASSWORD, "", "client").secret)
    assert staff_auth.confirm_totp(principal, old.at(time.time() - 30))
    new_secret = staff_auth.begin_totp(principal, PASSWORD, old.at(time.time()),
                                       "client").secret
    assert staff_auth.has_totp(principal)
    with _refused("totp"):
        sign_in_local(staff.email, PASSWORD, "", "client")
    new = pyotp.TOTP(new_secret)
    with _refused("totp"):  # the unconfirmed secret opens nothing
        sign_in_local(staff.email, PASSWORD, new.at(time.time() + 30), "client")
    pending = _fresh(db, staff.id).totp_pending_enc
    assert pending and new_secret.encode() not in pending

    assert staff_auth.confirm_totp(principal, new.at(time.time()))
    assert _fresh(db, staff.id).totp_pending_enc is None
    with _refused("totp"):  # the old factor is gone now
        sign_in_local(staff.email, PASSWORD, old.at(time.time() + 30), "client")
    assert sign_in_local(staff.email, PASSWORD, new.at(time.time() + 30), "client")
    assert db.exec(select(AuditEntry.action).where(
        AuditEntry.action == "staff.totp_replaced")).one()


def test_starting_an_enrolment_asks_for_the_password_and_the_current_code(db, clock) -> None:
    staff = _staff(db)
    principal = _principal(staff.email)
    with _refused("failed"):
        staff_auth.begin_totp(principal, "wrong password!", "", "client")
    old = _enrol(principal)
    with _refused("totp"):
        staff_auth.begin_totp(principal, PASSWORD, "", "client")
    with _refused("totp"):
        staff_auth.begin_totp(principal, PASSWORD, old.at(time.time() - 300), "client")
    assert _fresh(db, staff.id).totp_pending_enc is None
    # These failures are the account's: two more at sign-in, and the next try waits.
    assert _fail(staff.email, "client", PASSWORD, "12345") == ("totp", NO_WAIT)
    assert _fail(staff.email, "client", PASSWORD, "12345") == ("totp", timedelta(seconds=2))


def test_wrong_totp_codes_slow_the_account_down(db, clock) -> None:
    """The finding: 12 wrong codes, then the right one was accepted."""
    staff = _staff(db)
    totp = _enrol(_principal(staff.email))
    for n in range(12):
        code, waiting = _fail(staff.email, "client", PASSWORD, f"{n:06d}")
        assert code in ("totp", "locked")
    assert _fail(staff.email, "client", PASSWORD, totp.at(time.time() + 30))[0] == "locked"
    clock.advance(waiting)
    assert sign_in_local(staff.email, PASSWORD, totp.at(time.time() + 30), "client")


def test_an_account_without_a_password_cannot_enrol_locally(db) -> None:
    staff = _staff(db, password=None)
    principal = staff_auth.staff_from_token(
        sign_in_oidc(ISSUER, "subject-1", staff.email, email_verified=True))
    with _refused("sso"):
        staff_auth.begin_totp(principal, "", "", "client")


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


def test_the_team_list_offers_to_disable_neither_oneself_nor_the_last_admin(db) -> None:
    ada = _admin(db)
    _staff(db)
    supervisor = _principal(_staff(db, email="sam@abri.example", roles=("supervisor",)).email)
    assert {m.display_name: m.can_disable for m in staff_auth.list_staff(ada)} == {
        "Ada": False, "Camille": True, "Sam": True}
    # Read by a supervisor, Ada is still the last admin: no « Désactiver » for her.
    assert {m.display_name: m.can_disable for m in staff_auth.list_staff(supervisor)}[
        "Ada"] is False
    bob = _admin(db, email="bob@abri.example")
    assert {m.display_name: m.can_disable for m in staff_auth.list_staff(bob)}["Ada"] is True
    staff_auth.set_disabled(bob, ada.staff_id, True)
    assert {m.display_name: m.can_disable for m in staff_auth.list_staff(bob)}["Bob"] is False


def test_list_staff_is_for_admins_and_supervisors(db) -> None:
    admin = _admin(db)
    staff = _staff(db)
    counsellor = _principal(staff.email)
    with pytest.raises(PermissionError):
        staff_auth.list_staff(counsellor)
    members = {m.email: m for m in staff_auth.list_staff(admin)}
    assert members["camille@abri.example"].roles == ["counsellor"]
    assert members["ada@abri.example"].has_totp and not members["camille@abri.example"].has_totp
