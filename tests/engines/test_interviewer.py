"""The LLM-worded follow-up, against a small local HTTP server standing in for an OpenAI-compatible
endpoint (written for this test, bound to 127.0.0.1), and its silent fallback to the rule-based question."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from mlcoach.engines.interviewer import follow_up

RULE = "What does regularization do to variance?"


class StandIn(BaseHTTPRequestHandler):
    reply: ClassVar[str] = ""
    prompts: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StandIn.prompts.append(body["messages"][-1]["content"])
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": StandIn.reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def llm() -> Iterator[dict[str, str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    StandIn.prompts = []
    yield {
        "MLCOACH_LLM_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1",
        "MLCOACH_LLM_MODEL": "m",
        "MLCOACH_LLM_TIMEOUT": "2",
    }
    server.shutdown()
    server.server_close()


def ask(llm: dict[str, str] | None) -> str:
    return follow_up(
        llm,
        question="Explain overfitting.",
        answer="It is when the model is big.",
        missed="Regularization reduces variance",
        rule_based=RULE,
    )


def test_llm_words_the_follow_up_from_the_conversation(llm: dict[str, str]) -> None:
    StandIn.reply = json.dumps({"follow_up": "You said the model is big; how would you rein it in?"})
    assert ask(llm) == "You said the model is big; how would you rein it in?"
    assert (
        "It is when the model is big." in StandIn.prompts[0] and "Regularization reduces variance" in StandIn.prompts[0]
    )


@pytest.mark.parametrize(
    "reply", ["not json", json.dumps({"follow_up": 3}), json.dumps({"follow_up": "ok"}), json.dumps({"other": "What?"})]
)
def test_bad_replies_fall_back_to_the_rule_based_question(llm: dict[str, str], reply: str) -> None:
    StandIn.reply = reply
    assert ask(llm) == RULE


def test_no_endpoint_or_a_dead_one_falls_back() -> None:
    assert ask(None) == RULE
    assert (
        ask({"MLCOACH_LLM_BASE_URL": "http://127.0.0.1:9/v1", "MLCOACH_LLM_MODEL": "m", "MLCOACH_LLM_TIMEOUT": "1"})
        == RULE
    )


def test_transition_is_llm_worded_or_falls_back(llm: dict[str, str]) -> None:
    from mlcoach.engines.interviewer import transition

    args: dict[str, Any] = {"finished": "ML theory", "next_round": "Coding", "minutes": 45, "questions": 1}
    assert transition(None, **args) == (
        "Thanks, that's the ML theory round done. Next is the Coding round: 45 minutes, 1 question."
    )
    StandIn.reply = json.dumps({"transition": "Nice work on theory. Let's write some code for 45 minutes."})
    assert transition(llm, **args) == "Nice work on theory. Let's write some code for 45 minutes."
    assert "Coding" in StandIn.prompts[-1]
    StandIn.reply = "nope"
    assert transition(llm, **args).startswith("Thanks, that's the ML theory round done.")
