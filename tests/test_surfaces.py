"""A host serving one surface registers nothing of the other: no state, no handler, no
page, and so ships none of its code to browsers (the frontend is built from what is
registered). Each surface reaches the other only through domain events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import json, sys
import reflex as rx
import abri
states, stack = [], list(rx.State.get_substates())
while stack:
    cls = stack.pop(); stack.extend(cls.get_substates()); states.append(cls.__module__)
print(json.dumps({"states": states, "pages": sorted(abri.app._unevaluated_pages),
                  "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                                    ("victim_app", "staff_app"))}))
"""


def _served(tmp_path: Path, **surfaces: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ABRI_")}
    env.update({"ABRI_DATA_DIR": str(tmp_path), **surfaces})
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize(("surfaces", "kept", "absent"), [
    ({"ABRI_STAFF_SURFACE": "false"}, "victim_app", "staff_app"),
    ({"ABRI_VICTIM_SURFACE": "false"}, "staff_app", "victim_app"),
])
def test_one_surface_registers_nothing_of_the_other(tmp_path, surfaces, kept, absent) -> None:
    served = _served(tmp_path, **surfaces)
    assert any(m.startswith(kept) for m in served["states"])
    assert not [m for m in served["states"] if m.startswith(absent)]
    assert not [m for m in served["modules"] if m.startswith(absent)]
    staff_pages = [p for p in served["pages"] if p.startswith("staff")]
    assert bool(staff_pages) == (kept == "staff_app")
