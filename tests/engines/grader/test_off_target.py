"""An answer to a neighbouring question is recognised as such: capped, flagged and explained."""

from __future__ import annotations

from typing import Any

from mlcoach.engines.grader import grade

ASKED, ANSWERED = "transformers-vs-rnns", "vision-transformer-vit"


def test_the_answer_to_a_neighbouring_question_is_capped_and_named(bank: Any) -> None:
    item, other = bank.get(ASKED), bank.get(ANSWERED)
    neighbours = bank.neighbours(item)
    assert other in neighbours
    alone = grade(item, other.answer)
    assert alone.score > 2.0, "without its neighbours the grader gives this answer partial credit"
    result = grade(item, other.answer, neighbours=neighbours)
    assert result.score <= 2.0
    assert "answers-another-question" in result.flags
    assert result.extra["answers_instead"] == ANSWERED
    assert other.prompt.strip() in result.messages[0]
    assert not any(m.startswith(("Covers", "Partly there")) for m in result.messages), result.messages


def test_answers_to_the_question_asked_are_not_taken_for_another(bank: Any) -> None:
    item = bank.get(ASKED)
    neighbours = bank.neighbours(item)
    strong = grade(item, item.answer, neighbours=neighbours)
    assert strong.score >= 4.5 and "answers-another-question" not in strong.flags
    points = [p.point for p in item.rubric]
    partial = " ".join(p.rstrip(".") + "." for p in points[: len(points) // 2])
    result = grade(item, partial, neighbours=neighbours)
    assert "answers-another-question" not in result.flags
    assert result.score == grade(item, partial).score


def test_the_cli_recognises_an_answer_to_another_question(bank: Any) -> None:
    import json

    from typer.testing import CliRunner

    from mlcoach.cli.main import app

    answer = bank.get(ANSWERED).answer
    out = CliRunner().invoke(app, ["grade", "--question-id", ASKED, "--answer", answer, "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["score"] <= 2.0 and "answers-another-question" in data["flags"]
