"""An axe-core audit in Chromium of the first screens a person meets, on a phone and a
desktop: no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.appserver import ROOT
from tests.e2e.conftest import DESKTOP, PHONE, screenshot

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def audited(browser, app_url):
    """A page that may inject axe-core despite Abri's strict CSP."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def audit(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document)).violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))""")


@pytest.mark.parametrize("size_name,size", [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("path,heading,name", [
    ("/", "Tu es au bon endroit", "home"),
    ("/parler", "Parler à quelqu'un", "talk"),
    ("/coffre-fort", "Mon coffre-fort", "vault"),
    ("/staff/login", "Connexion", "staff-login"),
])
def test_no_serious_accessibility_violation(audited, app_url, path, heading, name,
                                            size_name, size) -> None:
    audited.set_viewport_size(size)
    audited.goto(app_url + path)
    expect(audited.get_by_role("heading", level=1, name=heading)).to_be_visible()
    audited.wait_for_load_state("networkidle")
    screenshot(audited, f"a11y-{name}-{size_name}")
    blocking = [v for v in audit(audited) if v["impact"] in BLOCKING]
    for violation in blocking:
        print(f"{violation['impact']}: {violation['id']} ({violation['help']})")
        for node in violation["nodes"]:
            print("   ", node)
    assert blocking == [], f"{path} on a {size_name}: " + ", ".join(v["id"] for v in blocking)
