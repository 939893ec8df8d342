"""The mock interviewer's voice: the follow-up after a weak answer and the words that open a new round.

Rule-based by default (the follow-up is the grader's question about the most important missed point; the
transition is a fixed sentence). With an LLM configured (the grader's `MLCOACH_LLM_*` settings) the LLM
words both from the conversation; any failure (no endpoint, timeout, bad reply) quietly keeps the
rule-based text, so the candidate never sees an error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

SYSTEM = (
    "You are a friendly but rigorous interviewer in a machine-learning job interview. "
    "Reply with one JSON object only, with the single key the user asks for."
)
MAX_CHARS = 400


def follow_up(llm: Mapping[str, str] | None, *, question: str, answer: str, missed: str, rule_based: str) -> str:
    """One follow-up question probing `missed`, worded from the conversation when an LLM is configured."""
    prompt = (
        f"QUESTION ASKED:\n{question}\n\nCANDIDATE ANSWER:\n{answer[:3000]}\n\n"
        f"THE MOST IMPORTANT POINT THE ANSWER MISSED:\n{missed or rule_based}\n\n"
        "Ask one short follow-up question, in your own words and referring to what the candidate said, that "
        "gives them a chance to show whether they know the missed point. Do not reveal the point itself. "
        'Reply as {"follow_up": "..."}.'
    )
    return _say(llm, prompt, "follow_up", rule_based, must_ask=True)


def transition(llm: Mapping[str, str] | None, *, finished: str, next_round: str, minutes: int, questions: int) -> str:
    """What the interviewer says when a new round starts."""
    plural = "" if questions == 1 else "s"
    rule_based = (
        f"Thanks, that's the {finished} round done. Next is the {next_round} round: "
        f"{minutes} minutes, {questions} question{plural}."
    )
    prompt = (
        f"The candidate just finished the {finished} round. Introduce the next round, {next_round} "
        f"({minutes} minutes, {questions} question{plural}), in one or two friendly sentences. "
        'Reply as {"transition": "..."}.'
    )
    return _say(llm, prompt, "transition", rule_based, must_ask=False)


def _say(llm: Mapping[str, str] | None, prompt: str, key: str, rule_based: str, *, must_ask: bool) -> str:
    """The LLM's text under `key`, or `rule_based` when there is no LLM or its reply is unusable."""
    if not llm:
        return rule_based
    from mlcoach.engines.grader.llm import LlmError, complete, llm_config

    config = llm_config(llm)
    if config is None:
        return rule_based
    try:
        reply = json.loads(_strip_fence(complete(config, prompt, system=SYSTEM)))
    except (LlmError, ValueError):
        return rule_based
    text = reply.get(key) if isinstance(reply, dict) else None
    if not isinstance(text, str) or not 10 <= len(text.strip()) <= MAX_CHARS or (must_ask and "?" not in text):
        return rule_based
    return text.strip()


def _strip_fence(content: str) -> str:
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text
