"""The quiz's step in Chromium: from an answer submitted to the next question on screen
(the round trip to the page's state and the render), over a few whole quizzes."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from pathlib import Path

from harness.chromium import CHROMIUM_ARGS, CHROMIUM_PATH

ROUNDS = 3

# Submits the answer on screen and resolves when the next step is in the page.
_STEP = """async (next) => {
  document.querySelector('input[name=choice]').checked = true;
  const button = document.querySelector('.abri-quiz-step button[type=submit]');
  const shown = () => document.querySelector(`[data-quiz-step="${next}"] legend`);
  const started = performance.now();
  await new Promise((resolve) => {
    const seen = new MutationObserver(() => { if (shown()) { seen.disconnect(); resolve(); } });
    seen.observe(document.body, {subtree: true, childList: true, attributes: true});
    button.click();
  });
  return performance.now() - started;
}"""


def run(server, _data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    if os.environ.get("ABRI_BENCH_QUIZ", "1") == "0":
        return
    from playwright.sync_api import sync_playwright

    steps: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(server.url + "/quiz")
        page.wait_for_load_state("networkidle")
        for _ in range(ROUNDS):
            page.get_by_role("button", name="Commencer").click()
            page.locator('[data-quiz-step="1"] legend').wait_for()
            total = _total(page)
            for next_step in range(2, total + 1):
                steps.append(page.evaluate(_STEP, next_step))
            page.get_by_role("button", name="Recommencer").first.click()
        browser.close()
    report("quiz_step_ms_p50", statistics.median(steps), "ms")
    report("quiz_step_ms_p90", statistics.quantiles(steps, n=10)[-1], "ms")


def _total(page) -> int:
    """The number of questions, from « Question 1 sur N »."""
    return int(page.get_by_role("status").filter(has_text="Question").inner_text().split()[-1])
