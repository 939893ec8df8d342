"""A real browser solves an exercise: a wrong submission first (typed with the editor's keys), then an
accepted one; the verdict table and the history update."""

from __future__ import annotations

import pytest

from tests.web.test_browser import live_server, page  # noqa: F401 - fixtures reused here
from tests.web.test_code_pages import RIGHT

pytestmark = pytest.mark.browser


def test_wrong_then_accepted_submission(page, live_server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(live_server + "/code?language=python")
    page.click("a[href='/code/two-sum-indices']")
    page.wait_for_selector("textarea#code")
    editor = page.locator("textarea#code")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("def two_sum(nums, target):")
    page.keyboard.press("Enter")  # the editor indents the body by itself
    page.keyboard.type("return [0, 1]")
    assert editor.input_value() == "def two_sum(nums, target):\n    return [0, 1]"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert editor.input_value().endswith("\n    ")  # Tab inserted spaces instead of leaving the editor
    page.click("button#submit")
    page.wait_for_selector("#verdict")
    assert page.locator("#verdict").inner_text() == "Wrong answer"
    assert page.locator("#verdicts tr[data-verdict='wrong_answer']").count() >= 1
    editor = page.locator("textarea#code")
    editor.fill(RIGHT)
    page.click("button#submit")
    page.wait_for_function("document.getElementById('verdict').innerText === 'Accepted'")
    assert page.locator("#verdicts tr[data-verdict='accepted']").count() == 4
    assert page.locator("#history tbody tr").count() == 2
    page.goto(live_server + "/code?status=solved")
    assert page.locator("a[href='/code/two-sum-indices']").count() == 1
