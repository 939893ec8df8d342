"""A real browser uploads a resume, reads the report and follows a link to a bank item that teaches a keyword."""

from __future__ import annotations

import pytest

from tests.fixtures.resume import SAMPLE_MD, encrypted_pdf, sample_lines, sample_pdf
from tests.web.test_browser import live_server, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_upload_pdf_and_read_the_report(page, live_server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(live_server + "/resume")
    page.set_input_files("#file", files=[{"name": "tomas.pdf", "mimeType": "application/pdf", "buffer": sample_pdf()}])
    page.select_option("#role", "data-scientist")
    page.fill("#jd", "Looking for SQL, Spark, causal inference and Looker experience.")
    page.click("button:has-text('Check my resume')")
    page.wait_for_selector("#resume-score")
    score = int(page.locator("#resume-score").inner_text())
    assert 0 < score <= 100
    assert page.locator("#score-parts tr").count() == 6  # header and five parts
    assert "Responsible for weekly reporting" in page.locator("#bullets").inner_text()
    jd = page.locator("#keywords-jd").inner_text()
    assert "causal inference" in jd and "Looker" in jd
    assert page.locator("#role").input_value() == "data-scientist"
    link = page.locator("#keywords-role ul.missing a").first
    title = link.inner_text()
    link.click()
    page.wait_for_selector("h1.prompt")
    assert page.locator("h1.prompt").inner_text().startswith(title.rstrip(".")[:40])


def test_markdown_upload_then_a_bad_file_shows_the_reason(page, live_server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(live_server + "/resume")
    page.set_input_files(
        "#file", files=[{"name": "priya.md", "mimeType": "text/markdown", "buffer": SAMPLE_MD.read_bytes()}]
    )
    page.click("button:has-text('Check my resume')")
    page.wait_for_selector("#resume-score")
    assert "the closest one" in page.locator("#report").inner_text()
    page.set_input_files(
        "#file", files=[{"name": "locked.pdf", "mimeType": "application/pdf", "buffer": encrypted_pdf(sample_lines())}]
    )
    page.click("button:has-text('Check my resume')")
    page.wait_for_selector("#resume-error")
    assert "password-protected" in page.locator("#resume-error").inner_text()
    assert page.locator("#resume-score").count() == 0
