"""A short mock loop end to end in a real browser: a written round, a coding round, the report."""

from __future__ import annotations

import pytest

from mlcoach.content.loader import load_bank
from tests.web.test_browser import live_server, page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_written_and_coding_round_to_report(page, live_server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    bank = load_bank()
    page.goto(live_server + "/mock")
    page.check("#start-custom input[value=ml-theory]")
    page.check("#start-custom input[value=coding]")
    page.click("#start-custom button:has-text('Start')")
    page.wait_for_selector("#timer")
    assert "left" in page.locator("#timer").inner_text()
    coded = written = 0
    for _ in range(12):  # answer every question, follow-ups included, until the report shows
        if page.locator("#overall").count():
            break
        if "Coding" in page.locator(".round-line").inner_text():
            question = page.locator("#question").inner_text()
            exercise = next(e for e in bank.exercises.values() if question.startswith(e.title))
            page.fill("#answer", exercise.reference)
            coded += 1
        else:
            page.fill("#answer", "Regularization adds a penalty to the loss so the model generalizes better.")
            written += 1
        page.click("button:has-text('Submit answer')")
        page.wait_for_selector("#answer, #overall", timeout=60000)
    assert coded == 1 and written >= 3
    assert "/ 5" in page.locator("#overall").inner_text()
    rounds = page.locator("#rounds tbody tr")
    assert rounds.count() == 2
    scores = {rounds.nth(i).locator("td").nth(0).inner_text(): rounds.nth(i).locator("td").nth(2).inner_text()
              for i in range(2)}
    assert scores["Coding (data structures and algorithms)"] == "5.0"  # the reference passes every test
    assert float(scores["ML theory and fundamentals"]) < 3  # a one-line answer is not enough
    assert page.locator("#signal").inner_text() in ("Strong hire", "Hire", "Lean no hire", "No hire")
