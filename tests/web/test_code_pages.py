"""Code and SQL pages: list with filters, exercise page, Run and Submit through the real sandbox, history."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of
from tests.web.test_multi_user import register

WRONG = "def two_sum(nums, target):\n    return [0, 1]\n"
RIGHT = (
    "def two_sum(nums, target):\n    seen = {}\n    for i, x in enumerate(nums):\n"
    "        if target - x in seen:\n            return [seen[target - x], i]\n        seen[x] = i\n"
)


@pytest.fixture
def web(client: TestClient) -> TestClient:
    return client


def verdicts(html: str) -> list[str]:
    table = html.split('id="verdicts"', 1)[1].split("</table>", 1)[0] if 'id="verdicts"' in html else ""
    return re.findall(r'<tr data-verdict="(\w+)"', table)


def test_list_filters_and_bad_filters(web: TestClient) -> None:
    page = web.get("/code").text
    assert 'href="/code/two-sum-indices"' in page and 'href="/code/second-highest-salary"' in page
    sql = web.get("/code?language=sql").text
    assert "second-highest-salary" in sql and "two-sum-indices" not in sql
    assert web.get("/code?difficulty=1&language=python").status_code == 200
    r = web.get("/code?language=cobol")
    assert r.status_code == 400 and "unknown language" in r.text
    assert web.get("/code/no-such-exercise").status_code == 404


def test_exercise_page_has_the_editor_and_the_starter(web: TestClient) -> None:
    page = web.get("/code/two-sum-indices").text
    assert 'data-editor="python"' in page and "/static/editor.js" in page
    assert "def two_sum(nums: list[int], target: int) -&gt; list[int]:" in page
    assert 'formaction="/code/two-sum-indices/run"' in page and 'name="csrf_token"' in page
    assert "2.0 s" in page or "2 s" in page
    assert web.get("/static/editor.js").status_code == 200


def test_run_wrong_then_submit_right_keeps_history(web: TestClient) -> None:
    token = csrf_of(web)
    r = web.post("/code/two-sum-indices/run", data={"code": WRONG, "csrf_token": token})
    assert r.status_code == 200 and 'id="verdict"' in r.text and "Wrong answer" in r.text
    assert verdicts(r.text) == ["accepted", "wrong_answer"]  # the two samples
    assert "expected" in r.text and "[1, 2]" in r.text  # a sample's data is shown
    r = web.post("/code/two-sum-indices/submit", data={"code": RIGHT, "csrf_token": token})
    assert "Accepted" in r.text and set(verdicts(r.text)) == {"accepted"} and len(verdicts(r.text)) == 4
    history = r.text.split('id="history"', 1)[1]
    assert history.count("<tr data-verdict") == 2 and "Submit" in history and "Run" in history
    link = re.search(r'href="(/code/two-sum-indices/submissions/\d+)"', history).group(1)  # type: ignore[union-attr]
    assert "seen = {}" in web.get(link).text
    assert "two-sum-indices" in web.get("/code?status=solved").text
    assert "two-sum-indices" not in web.get("/code?status=new").text
    assert "two-sum-indices" in web.get("/progress").text  # the Submit counts as an attempt


def test_sql_submission_shows_a_row_diff(web: TestClient) -> None:
    token = csrf_of(web)
    wrong = "SELECT salary AS second_highest FROM employee ORDER BY salary DESC LIMIT 1 OFFSET 1"
    r = web.post("/code/second-highest-salary/submit", data={"code": wrong, "csrf_token": token})
    assert "Wrong answer" in r.text and "diff-missing" in r.text


def test_compile_error_and_bad_input(web: TestClient) -> None:
    token = csrf_of(web)
    r = web.post("/code/two-sum-indices/run", data={"code": "def two_sum(:\n", "csrf_token": token})
    assert "Compile error" in r.text and 'id="message"' in r.text
    r = web.post("/code/two-sum-indices/run", data={"code": "   ", "csrf_token": token})
    assert r.status_code == 400 and "write some code first" in r.text
    r = web.post("/code/two-sum-indices/run", data={"code": RIGHT})
    assert r.status_code == 403
    assert web.post("/code/nope/run", data={"code": RIGHT, "csrf_token": token}).status_code == 404


def test_submissions_are_private(multi_client: Callable[[], TestClient]) -> None:
    alice, bob = multi_client(), multi_client()
    token = register(alice, "alice")
    r = alice.post("/code/two-sum-indices/run", data={"code": WRONG, "csrf_token": token})
    link = re.search(r'href="(/code/two-sum-indices/submissions/\d+)"', r.text).group(1)  # type: ignore[union-attr]
    register(bob, "bobby")
    assert bob.get(link).status_code == 404
    assert "No submissions yet" in bob.get("/code/two-sum-indices").text
