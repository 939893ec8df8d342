"""Optional LLM judge over any OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server, hosted APIs).

Used only when the user sets `MLCOACH_LLM_BASE_URL` and `MLCOACH_LLM_MODEL`; otherwise no answer leaves
the machine. The rubric goes in the prompt and the reply must be JSON matching `RESPONSE_SCHEMA`; any
timeout, HTTP error, bad JSON or schema mismatch raises `LlmError`, and the caller falls back to the
offline grader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mlcoach.domain.grading import GradeResult, MisconceptionFound, PointResult, order_missed
from mlcoach.domain.items import DESIGN_STEPS, STAR_PARTS, Misconception, RubricPoint

DEFAULT_TIMEOUT = 20.0

RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["score", "points", "misconceptions", "follow_up", "feedback"],
    "properties": {
        "score": {"type": "number", "minimum": 0, "maximum": 5},
        "points": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["index", "covered", "strength"],
                "properties": {
                    "index": {"type": "integer"},
                    "covered": {"type": "boolean"},
                    "strength": {"type": "number", "minimum": 0, "maximum": 1},
                    "span": {"type": ["string", "null"]},
                },
            },
        },
        "misconceptions": {"type": "array", "items": {"type": "integer"}},
        "star": {"type": ["object", "null"]},
        "design_steps": {"type": ["object", "null"]},
        "follow_up": {"type": ["string", "null"]},
        "feedback": {"type": "array", "items": {"type": "string"}},
    },
}

_SYSTEM = (
    "You grade written answers in ML and data-science job interviews. Be strict and honest: never reward "
    "length, flattery or restating the question; empty, off-topic or gibberish answers score 0-1. "
    "Judge only against the rubric and the reference. Reply with one JSON object and nothing else."
)


class LlmError(Exception):
    """The LLM judge could not give a valid verdict (the offline grader answers instead)."""


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str = ""
    timeout: float = DEFAULT_TIMEOUT


def llm_config(settings: Mapping[str, str]) -> LlmConfig | None:
    """The judge's configuration from `MLCOACH_LLM_*` values; None when no endpoint is configured."""
    base_url = (settings.get("MLCOACH_LLM_BASE_URL") or "").strip()
    model = (settings.get("MLCOACH_LLM_MODEL") or "").strip()
    if not base_url or not model:
        return None
    try:
        timeout = float(settings.get("MLCOACH_LLM_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    return LlmConfig(
        base_url=base_url.rstrip("/"),
        model=model,
        api_key=(settings.get("MLCOACH_LLM_API_KEY") or "").strip(),
        timeout=timeout if timeout > 0 else DEFAULT_TIMEOUT,
    )


def build_prompt(
    question: str,
    reference: str,
    rubric: Sequence[RubricPoint],
    misconceptions: Sequence[Misconception],
    answer: str,
    *,
    star: bool = False,
    design: bool = False,
) -> str:
    lines = [f"QUESTION:\n{question}", f"REFERENCE ANSWER:\n{reference}", "RUBRIC (index, weight 1-3, point):"]
    lines += [f"{i}. (weight {p.weight}) {p.point}" for i, p in enumerate(rubric)]
    if misconceptions:
        lines.append("MISCONCEPTIONS TO FLAG (index, wrong claim):")
        lines += [f"{i}. {m.claim}" for i, m in enumerate(misconceptions)]
    lines.append(f"CANDIDATE ANSWER:\n{answer}")
    extra = ""
    if star:
        extra += ', "star": {"situation": bool, "task": bool, "action": bool, "result": bool}'
    if design:
        extra += ', "design_steps": {' + ", ".join(f'"{s}": bool' for s in DESIGN_STEPS) + "}"
    lines.append(
        "Reply with JSON: {\"score\": number 0-5, \"points\": [{\"index\": int, \"covered\": bool, "
        "\"strength\": number 0-1, \"span\": the words of the answer that cover it or null}] (one entry per "
        "rubric index), \"misconceptions\": [indices the answer states], \"follow_up\": one question aimed "
        f"at the most important gap, \"feedback\": [short sentences]{extra}}}"
    )
    return "\n\n".join(lines)


def _fail(why: str) -> LlmError:
    return LlmError(f"invalid reply: {why}")


def parse_reply(content: str, n_points: int, n_misconceptions: int) -> dict[str, Any]:
    """Parse and validate the model's JSON against `RESPONSE_SCHEMA` and the rubric's size."""
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise _fail("not a JSON object")
    for key in RESPONSE_SCHEMA["required"]:
        if key not in data:
            raise _fail(f"missing '{key}'")
    score = data["score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 5:
        raise _fail("'score' must be a number from 0 to 5")
    points = data["points"]
    if not isinstance(points, list):
        raise _fail("'points' must be a list")
    seen = set()
    for p in points:
        if not isinstance(p, dict) or not isinstance(p.get("index"), int) or not 0 <= p["index"] < n_points:
            raise _fail("each point needs an 'index' within the rubric")
        if not isinstance(p.get("covered"), bool):
            raise _fail("'covered' must be true or false")
        strength = p.get("strength")
        if isinstance(strength, bool) or not isinstance(strength, int | float) or not 0 <= strength <= 1:
            raise _fail("'strength' must be a number from 0 to 1")
        if p.get("span") is not None and not isinstance(p["span"], str):
            raise _fail("'span' must be a string or null")
        seen.add(p["index"])
    if seen != set(range(n_points)):
        raise _fail("'points' must have one entry per rubric point")
    mis = data["misconceptions"]
    if not isinstance(mis, list) or not all(isinstance(i, int) and 0 <= i < n_misconceptions for i in mis):
        raise _fail("'misconceptions' must list valid indices")
    if data["follow_up"] is not None and not isinstance(data["follow_up"], str):
        raise _fail("'follow_up' must be a string")
    if not isinstance(data["feedback"], list) or not all(isinstance(s, str) for s in data["feedback"]):
        raise _fail("'feedback' must be a list of strings")
    for key, names in (("star", STAR_PARTS), ("design_steps", DESIGN_STEPS)):
        value = data.get(key)
        if value is not None and (
            not isinstance(value, dict) or not all(isinstance(value.get(n), bool) for n in names)
        ):
            raise _fail(f"'{key}' must map each of {', '.join(names)} to true or false")
    return data


def complete(config: LlmConfig, prompt: str, system: str | None = None) -> str:
    """Send one chat completion (with the grader's system message unless another is given); return its text."""
    import httpx

    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    body = {
        "model": config.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": system or _SYSTEM}, {"role": "user", "content": prompt}],
    }
    try:
        response = httpx.post(f"{config.base_url}/chat/completions", json=body, headers=headers, timeout=config.timeout)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    except httpx.TimeoutException as exc:
        raise LlmError(f"no reply within {config.timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise LlmError(f"request failed: {exc}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LlmError("the endpoint's reply is not an OpenAI-style chat completion") from exc
    if not isinstance(content, str):
        raise LlmError("the endpoint's reply has no message content")
    return content


def judge(
    config: LlmConfig,
    question: str,
    reference: str,
    rubric: Sequence[RubricPoint],
    misconceptions: Sequence[Misconception],
    answer: str,
    *,
    star: bool = False,
    design: bool = False,
) -> GradeResult:
    prompt = build_prompt(question, reference, rubric, misconceptions, answer, star=star, design=design)
    data = parse_reply(complete(config, prompt), len(rubric), len(misconceptions))
    by_index = {p["index"]: p for p in data["points"]}
    points = tuple(
        PointResult(
            point=rp.point,
            weight=rp.weight,
            covered=bool(by_index[i]["covered"]),
            strength=float(by_index[i]["strength"]),
            span=by_index[i].get("span"),
            step=rp.step,
        )
        for i, rp in enumerate(rubric)
    )
    found = tuple(
        MisconceptionFound(claim=misconceptions[i].claim, correction=misconceptions[i].correction)
        for i in dict.fromkeys(data["misconceptions"])
    )
    return GradeResult(
        score=float(data["score"]),
        points=points,
        missed=order_missed(points),
        misconceptions_found=found,
        star={n: bool(data["star"][n]) for n in STAR_PARTS} if star and data.get("star") else None,
        design_steps={s: bool(data["design_steps"][s]) for s in DESIGN_STEPS}
        if design and data.get("design_steps")
        else None,
        follow_up=data["follow_up"],
        messages=tuple(data["feedback"]),
        grader="llm",
    )
