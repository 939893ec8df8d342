"""The optional LLM judge, tested against a small local HTTP server that stands in for an
OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server or a hosted API). It is a stand-in written for
this test, bound to 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from mlcoach.domain.items import Item
from mlcoach.engines.grader import grade, grade_text
from mlcoach.engines.grader.llm import LlmError, llm_config, parse_reply


class StandIn(BaseHTTPRequestHandler):
    """Answers POST /v1/chat/completions with the reply the test sets in `mode`."""

    mode: ClassVar[str] = "good"
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StandIn.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        if self.mode == "slow":
            time.sleep(1.5)
        prompt = body["messages"][-1]["content"]
        n_points = prompt.split("RUBRIC")[1].split("CANDIDATE ANSWER")[0].count("(weight ")
        if self.mode == "bad-json":
            content = "Sure! The score is 4/5, great answer."
        elif self.mode == "bad-schema":
            content = json.dumps({"score": 9, "points": [], "misconceptions": [], "follow_up": None, "feedback": []})
        else:
            content = "```json\n" + json.dumps(
                {
                    "score": 3.5,
                    "points": [
                        {"index": i, "covered": i % 2 == 0, "strength": 0.9 if i % 2 == 0 else 0.1, "span": None}
                        for i in range(n_points)
                    ],
                    "misconceptions": [],
                    "follow_up": "What happens to variance as k grows?",
                    "feedback": ["Covers the definitions; misses the fixes."],
                }
            ) + "\n```"
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        if self.mode == "http-error":
            self.send_response(500)
            payload = b'{"error": "boom"}'
        else:
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[dict[str, str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.mode, StandIn.requests = "good", []
    try:
        yield {
            "MLCOACH_LLM_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1",
            "MLCOACH_LLM_MODEL": "stand-in",
            "MLCOACH_LLM_API_KEY": "test-key",
            "MLCOACH_LLM_TIMEOUT": "0.5",
        }
    finally:
        server.shutdown()
        server.server_close()


def test_llm_grades_with_the_rubric_in_its_prompt(bias_variance: Item, endpoint: dict[str, str]) -> None:
    result = grade(bias_variance, "Bias is underfitting and variance is overfitting.", llm=endpoint)
    assert result.grader == "llm"
    assert result.score == 3.5
    assert [p.covered for p in result.points] == [i % 2 == 0 for i in range(len(bias_variance.rubric))]
    assert result.missed[0].weight == 3  # most important first
    assert result.follow_up == "What happens to variance as k grows?"
    sent = StandIn.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer test-key"
    prompt = sent["body"]["messages"][-1]["content"]
    assert all(p.point in prompt for p in bias_variance.rubric)
    assert bias_variance.misconceptions[0].claim in prompt


@pytest.mark.parametrize("mode", ["bad-json", "bad-schema", "http-error", "slow"])
def test_offline_grader_answers_when_the_llm_cannot(
    bias_variance: Item, endpoint: dict[str, str], mode: str
) -> None:
    StandIn.mode = mode
    result = grade(bias_variance, "Bias is underfitting and variance is overfitting.", llm=endpoint)
    assert result.grader == "offline-fallback"
    assert any("LLM judge was not used" in m for m in result.messages)
    assert 0.0 <= result.score <= 5.0


def test_no_endpoint_means_offline_and_nothing_sent(bias_variance: Item, endpoint: dict[str, str]) -> None:
    result = grade(bias_variance, "Bias is underfitting and variance is overfitting.")
    assert result.grader == "offline"
    result = grade_text("What is bias?", "Error from wrong assumptions.", "Underfitting error.", llm={})
    assert result.grader == "offline"
    assert StandIn.requests == []


def test_endpoint_that_is_down_falls_back() -> None:
    settings = {"MLCOACH_LLM_BASE_URL": "http://127.0.0.1:9/v1", "MLCOACH_LLM_MODEL": "m",
                "MLCOACH_LLM_TIMEOUT": "1"}
    result = grade_text("What is bias?", "Error from simple assumptions.", "Error from simple models.", llm=settings)
    assert result.grader == "offline-fallback"


def test_settings_mapping() -> None:
    assert llm_config({}) is None
    assert llm_config({"MLCOACH_LLM_BASE_URL": "http://x/v1"}) is None  # a model name is needed too
    config = llm_config(
        {"MLCOACH_LLM_BASE_URL": "http://x/v1/", "MLCOACH_LLM_MODEL": "llama3", "MLCOACH_LLM_TIMEOUT": "bad"}
    )
    assert config is not None and config.base_url == "http://x/v1" and config.timeout == 20.0


def test_reply_validation() -> None:
    good = {"score": 2, "points": [{"index": 0, "covered": True, "strength": 1}], "misconceptions": [],
            "follow_up": None, "feedback": []}
    assert parse_reply(json.dumps(good), 1, 0)["score"] == 2
    for broken in (
        {**good, "score": "2"},
        {**good, "points": [{"index": 3, "covered": True, "strength": 1}]},
        {**good, "points": [{"index": 0, "covered": "yes", "strength": 1}]},
        {**good, "misconceptions": [0]},
        {k: v for k, v in good.items() if k != "feedback"},
        {**good, "star": {"situation": True}},
    ):
        with pytest.raises(LlmError):
            parse_reply(json.dumps(broken), 1, 0)


def test_an_estimate_without_its_number_is_capped_whichever_grader_scores_it(
    bank: Any, endpoint: dict[str, str]
) -> None:
    """The stand-in LLM gives 3.5 to anything; the final-number check is arithmetic and still applies."""
    item = next(i for i in bank.items.values() if i.expected is not None and i.tolerance)
    answer = "I would multiply the number of users by the requests each makes and divide by the seconds in a day."
    result = grade(item, answer, llm=endpoint)
    assert result.grader == "llm"
    assert result.score == 2.5
    assert "no-final-number" in result.flags
    assert any("An estimate ends with a number" in m for m in result.messages)
    assert StandIn.requests, "the LLM was asked"
