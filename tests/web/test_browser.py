"""A real browser (Debian's chromium driven by Playwright) against a real server on a real port."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcoach.settings import load_settings
from mlcoach.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    settings = load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_PORT": str(port)})
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(live_server: str) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("MLCOACH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        pg.set_default_timeout(15000)
        yield pg
        browser.close()


def test_filter_by_company_open_item_and_reveal(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/bank")
    page.select_option("select[name=company]", "amazon")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**company=amazon**")
    links = page.locator("ol.items li a")
    assert links.count() >= 1
    first = links.first.inner_text()
    links.first.click()
    page.wait_for_selector("h1.prompt")
    assert page.locator("h1.prompt").inner_text().startswith(first.rstrip("."))
    answer = page.locator("section.answer")
    assert not answer.is_visible()
    page.click("summary:has-text('Reveal the answer')")
    assert answer.is_visible()
    assert page.locator("table.rubric tr").count() >= 2


def test_mcq_and_keyboard_reveal(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/bank/regularization-l1-sparsity")
    page.check("input[name=option][value='2']")
    page.click("button:has-text('Check')")
    assert "Not quite." in page.locator(".verdict").inner_text()
    page.keyboard.press("r")
    assert page.locator("section.answer").is_visible()


def test_keyboard_review_quiz_written_and_progress(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/progress")
    before = page.locator("#progress-summary").inner_text()
    page.goto(live_server + "/review/decks")
    page.select_option("select[name=topic]", "ml-fundamentals")
    page.click("button:has-text('Add deck')")
    page.goto(live_server + "/review")
    for _ in range(5):
        card_id = page.locator("#flashcard").get_attribute("data-card")
        assert page.locator("section.answer").is_hidden()
        page.keyboard.press("Space")
        assert page.locator("section.answer").is_visible()
        page.keyboard.press("3")
        page.wait_for_function(
            "id => !document.getElementById('flashcard') || document.getElementById('flashcard').dataset.card !== id",
            arg=card_id,
        )
    page.goto(live_server + "/practice")
    page.locator("form[action='/practice/quiz'] input[name=length]").fill("1")
    page.click("button:has-text('Start quiz')")
    page.wait_for_selector("input[data-key='2']")
    page.keyboard.press("2")
    page.wait_for_selector(".verdict")
    page.keyboard.press("Enter")
    page.wait_for_selector("#quiz-score")
    page.goto(live_server + "/practice/bias-variance-tradeoff")
    page.fill("#answer", "High bias underfits and high variance overfits; regularize or add data.")
    page.click("button:has-text('Get feedback')")
    if page.locator("button[name=score]").count():
        page.click("button[name=score][value='3']")
    page.wait_for_selector("#score")
    page.goto(live_server + "/progress")
    after = page.locator("#progress-summary").inner_text()
    assert after != before and "6 reviews" in after  # five cards and the written answer
    assert page.locator("#history tr").count() >= 3


def test_create_a_plan_and_pass_an_estimation_drill(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    page.goto(live_server + "/plan")
    page.check("input[name=roles][value=ml-engineer]")
    page.check("input[name=companies][value=google]")
    page.fill("input[name=interview_date]", (date.today() + timedelta(days=30)).isoformat())
    page.fill("input[name=hours_per_day]", "2")
    page.click("button:has-text('Make my plan')")
    page.wait_for_selector("#today")
    assert page.locator("#today li").count() >= 2
    assert page.locator("#days tbody tr").count() == 14
    page.goto(live_server + "/estimate/drill/video-rec-qps")
    page.fill("#drill-answer", "23,000")
    page.click("#drill button:has-text('Check')")
    assert "Within tolerance." in page.locator("#drill-verdict").inner_text()
