"""Compile and build the frontend once per change.

The build bakes in the port and the enabled surfaces, so the fingerprint covers
them as well as every source file that shapes a page. An unchanged tree is a no-op.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["abri.py", "rxconfig.py", "assets", "victim_app", "staff_app", "helpline/i18n",
           "reflex.lock"]
SETTINGS = ["PORT", "ABRI_PORT", "ABRI_VICTIM_SURFACE", "ABRI_STAFF_SURFACE",
            "ABRI_QUICK_EXIT_URL", "ABRI_HELPLINE_NAME", "ABRI_HELPLINE_PHONE",
            "ABRI_VICTIM_LOCK_MINUTES", "ABRI_OIDC_ISSUER", "ABRI_OIDC_CLIENT_ID",
            "ABRI_OIDC_CLIENT_SECRET", "ABRI_OIDC_LABEL"]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    for key in SETTINGS:
        digest.update(f"{key}={os.environ.get(key, '')}".encode())
    return digest.hexdigest()


def main() -> int:
    web = ROOT / os.environ.get("REFLEX_WEB_WORKDIR", ".web")
    stamp = web / "build" / ".abri-fingerprint"
    wanted = fingerprint()
    if stamp.exists() and stamp.read_text() == wanted and (web / "build" / "client").is_dir():
        print("Frontend up to date.")
        return 0
    print("Building the frontend (production)…", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip",
         "--loglevel", "warning"],
        cwd=ROOT,
    )
    if result.returncode != 0:
        return result.returncode
    stamp.write_text(fingerprint())  # reflex.lock may have been refreshed by the build
    return 0


if __name__ == "__main__":
    sys.exit(main())
