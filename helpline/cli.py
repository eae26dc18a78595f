"""`python -m helpline …`: operator commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from helpline import migrations
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.keys import KeyringError, generate_keyring, load_keyring, write_keyring


def _migrate(args: argparse.Namespace) -> int:
    migrations.upgrade(revision=args.revision)
    print(f"Database at revision {args.revision}.")
    return 0


def _seed_demo(_args: argparse.Namespace) -> int:
    from helpline.demo import seed_demo

    if get_settings().env != "local":
        print("seed-demo only runs in local mode (ABRI_ENV=local).", file=sys.stderr)
        return 2
    with session_scope() as db:
        seed_demo(db)
    print("Demo content ready (`python -m helpline demo-logins` lists the staff sign-ins).")
    return 0


def _demo_logins(_args: argparse.Namespace) -> int:
    """What `make run` prints last, where it is seen: the demo sign-ins and how to use
    them."""
    from helpline.demo import DEMO_STAFF_PASSWORD, demo_staff

    settings = get_settings()
    if settings.env != "local":
        return 0
    print(f"  Demo staff sign-in at /staff (password for all: {DEMO_STAFF_PASSWORD}):")
    for entry in demo_staff():
        print(f"    {entry['email']:<28} {', '.join(entry['roles'])}")
    print("  To try everything at once: superviseur@abri.example opens every area.")
    print("  admin@abri.example must set up two-factor sign-in (its « Sécurité » page, any")
    print("  authenticator app) before its admin rights apply.")
    if settings.opening_hours.strip().lower() not in ("24/7", "always"):
        print(f"  The live chat follows opening hours ({settings.opening_hours}, "
              f"{settings.timezone}); outside them, young people leave a message.")
        print("  For a demo around the clock: ABRI_OPENING_HOURS=24/7 make run")
    return 0


def _create_staff(args: argparse.Namespace) -> int:
    from helpline.identity.staff_accounts import StaffAccountError, create_staff

    password = None
    if not args.sso_only:
        password = args.password or getpass.getpass("Password (12+ characters): ")
    try:
        with session_scope() as db:
            staff = create_staff(
                db, email=args.email, display_name=args.name or args.email, password=password,
                roles=args.role, specialty=args.specialty,
            )
            print(f"Created staff #{staff.id} {staff.email} ({', '.join(sorted(args.role))}).")
    except StaffAccountError as exc:
        print(f"Not created: {exc}", file=sys.stderr)
        return 2
    return 0


def _check_key(_args: argparse.Namespace) -> int:
    try:
        ring = load_keyring(get_settings())
    except KeyringError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"Keyring ready: current version {ring.current}.")
    return 0


def _generate_key(args: argparse.Namespace) -> int:
    path = Path(args.out)
    if path.exists():
        print(f"{path} exists; refusing to overwrite a key.", file=sys.stderr)
        return 2
    ring = generate_keyring()
    write_keyring(path, type(ring)(current=1, keys=ring.keys, generated=False,
                                  signing=ring.signing))
    print(f"Wrote a new keyring to {path} (mode 0600). Keep it out of database backups.")
    return 0


def _purge(_args: argparse.Namespace) -> int:
    from helpline.identity.retention import purge_unreachable_accounts

    with session_scope() as db:
        count = purge_unreachable_accounts(db)
    print(f"Removed {count} empty account(s) nobody can come back to.")
    return 0


def _verify_custody(_args: argparse.Namespace) -> int:
    from helpline.vault import verify_custody

    with session_scope() as db:
        findings = verify_custody(db)
    if findings:
        for finding in findings:
            print(f"MISMATCH {finding}", file=sys.stderr)
        return 1
    print("Custody log verified: every chain links and every item's bytes match its hash.")
    return 0


def _rotate_key(_args: argparse.Namespace) -> int:
    """A new key version, made current; the safe's data keys re-wrapped under it (its
    blobs untouched). Older versions stay in the keyring: other sealed values (chat
    messages, profiles) still name them."""
    import secrets

    from helpline import crypto
    from helpline.keys import KEY_BYTES, Keyring
    from helpline.vault import rotate_key

    settings = get_settings()
    try:
        ring = load_keyring(settings)
    except KeyringError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    version = max(ring.keys) + 1
    write_keyring(Path(settings.key_file),  # type: ignore[arg-type]
                  Keyring(current=version, signing=ring.signing,
                          keys={**ring.keys, version: secrets.token_bytes(
                      KEY_BYTES)}, generated=ring.generated))
    crypto.reset_caches()
    with session_scope() as db:
        count = rotate_key(db)
    print(f"Key version {version} is now current; re-wrapped {count} data key(s) "
          "without rewriting any blob.")
    return 0


def _add_signing_key(_args: argparse.Namespace) -> int:
    from helpline.keys import add_signing_key

    path = Path(get_settings().key_file)  # type: ignore[arg-type]
    try:
        add_signing_key(path)
    except (KeyringError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"The keyring {path} has a dossier signing key (the other keys are unchanged).")
    return 0


def _verify_dossier(args: argparse.Namespace) -> int:
    from helpline.vault.dossier import verify

    try:
        public_key = Path(args.public_key).read_bytes() if args.public_key else None
    except OSError as exc:
        print(f"FAIL: the public key cannot be read: {exc}", file=sys.stderr)
        return 1
    if not Path(args.file).is_file():
        print(f"FAIL: {args.file} is not a file", file=sys.stderr)
        return 1
    report = verify(Path(args.file), public_key=public_key)
    for line in report.problems:
        print(f"FAIL: {line}", file=sys.stderr)
    if report.ok:
        print(f"OK: signature valid; {report.files} file(s) match the manifest "
              f"({report.items} item(s), exported {report.exported_at}).")
        return 0
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="upgrade the database schema (alembic)")
    p.add_argument("--revision", default="head")
    p.set_defaults(func=_migrate)

    sub.add_parser("demo-logins", help="print the demo staff sign-ins (local mode only)") \
        .set_defaults(func=_demo_logins)
    sub.add_parser("seed-demo", help="load demo content (local mode only)").set_defaults(
        func=_seed_demo
    )

    p = sub.add_parser("create-staff", help="create a staff account")
    p.add_argument("email")
    p.add_argument("--name")
    p.add_argument("--role", action="append", required=True,
                   help="counsellor, specialist, takedown_officer, supervisor, admin (repeat)")
    p.add_argument("--specialty", help="psychologist, lawyer or digital_expert")
    p.add_argument("--password", help="prompted for when omitted")
    p.add_argument("--sso-only", action="store_true", help="no password: OpenID Connect only")
    p.set_defaults(func=_create_staff)

    sub.add_parser("check-key", help="load the keyring (creates a dev key in local mode)") \
        .set_defaults(func=_check_key)

    sub.add_parser("purge-accounts",
                   help="remove empty victim accounts whose session has idled out "
                        "(the server also does this every hour)").set_defaults(func=_purge)

    sub.add_parser("verify-custody",
                   help="recompute every custody chain and every item's hash; exit 1 and "
                        "name the first mismatch").set_defaults(func=_verify_custody)

    sub.add_parser("rotate-key",
                   help="add a new current key version to the keyring and re-wrap every "
                        "data key of the safe under it").set_defaults(func=_rotate_key)

    sub.add_parser("add-signing-key",
                   help="give the keyring a dossier signing key if it has none") \
        .set_defaults(func=_add_signing_key)

    p = sub.add_parser("verify-dossier",
                       help="check an exported dossier offline: its signature, its manifest "
                            "and every file's SHA-256; exit 1 and name what differs")
    p.add_argument("file")
    p.add_argument("--public-key", help="the helpline's public key (PEM); without it, the "
                   "key of this installation's keyring")
    p.set_defaults(func=_verify_dossier)

    p = sub.add_parser("generate-key", help="write a new operator keyring for production")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_generate_key)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
