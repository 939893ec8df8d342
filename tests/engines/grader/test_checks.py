"""Honest, never flattering: bad answers get a low score and a message saying why (real model)."""

from __future__ import annotations

import pytest

from mlcoach.domain.items import Item
from mlcoach.engines.grader import grade, grade_text

STRONG = (
    "Expected test error decomposes into bias squared, variance and irreducible noise. Bias is systematic error "
    "from a model that is too simple for the data, so it underfits. Variance is how much the model changes with "
    "the training sample, which leads to overfitting. With high bias both training and validation error are high; "
    "with high variance training error is low and there is a large gap to validation error. To fix variance use "
    "more data, regularization, a simpler model or bagging; to fix bias add features, use a more flexible model "
    "or reduce regularization."
)


@pytest.mark.parametrize(
    ("answer", "flag"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("...?!", "empty"),
        ("asdkjh qwrtzp xkcdvb mnbvcx lkjhg", "gibberish"),
        ("zzzzzz bbbbbbb kkkkkk", "gibberish"),
        ("overfitting", "too-short"),
        ("bias variance", "too-short"),
        ("variance variance variance variance variance variance variance variance", "repetitive"),
    ],
)
def test_degenerate_answers_score_low_with_a_reason(bias_variance: Item, answer: str, flag: str) -> None:
    result = grade(bias_variance, answer)
    assert flag in result.flags
    assert result.score <= 1.0
    assert result.messages, "a low score must say why"
    assert not any(m.startswith("Covers") for m in result.messages)
    assert result.grader == "offline"
    assert result.follow_up  # still tells the candidate what to work on


def test_off_topic_answer(bias_variance: Item) -> None:
    answer = (
        "To bake sourdough bread, feed the starter the night before, mix flour, water and salt, let the dough "
        "rise for several hours, shape it, and bake it in a very hot Dutch oven until the crust is dark."
    )
    result = grade(bias_variance, answer)
    assert "off-topic" in result.flags
    assert result.score <= 1.0
    assert any("something else" in m for m in result.messages)


def test_copied_question(bias_variance: Item) -> None:
    result = grade(bias_variance, bias_variance.prompt)
    assert "copied-question" in result.flags
    assert result.score <= 1.0
    assert any("restates the question" in m for m in result.messages)


def test_copied_question_from_bare_reference() -> None:
    q = "What is the role of a prototype program in problem solving?"
    ref = "To simulate the behaviour of portions of the desired software product."
    result = grade_text(q, ref, "The role of a prototype program in problem solving.")
    assert result.score <= 1.0
    assert "copied-question" in result.flags


def test_long_answers_earn_nothing_for_length(bias_variance: Item) -> None:
    strong = grade(bias_variance, STRONG)
    repeated = grade(bias_variance, " ".join([STRONG] * 6))
    padded = grade(
        bias_variance,
        STRONG
        + " "
        + " ".join(
            "In my experience this is a really important and interesting topic that comes up a lot in practice "
            "and that every data scientist should think about carefully when working on real projects."
            for _ in range(12)
        ),
    )
    assert repeated.score <= strong.score + 0.05
    assert padded.score <= strong.score + 0.05
    assert "too-long" in repeated.flags
    assert any("length earns nothing" in m for m in repeated.messages)


def test_strong_answer_is_praised_only_when_it_deserves_it(bias_variance: Item) -> None:
    result = grade(bias_variance, STRONG)
    assert result.score >= 4.0
    assert not result.flags
    assert result.messages[0].startswith("Covers")


def test_a_terse_answer_to_a_terse_reference_is_not_too_short() -> None:
    """'A heap' is the right length when the reference is 'A binary heap': only the evidence decides."""
    question = "Which data structure gives the smallest element of a changing set in O(log n) per operation?"
    right = grade_text(question, "A binary heap.", "A heap")
    assert "too-short" not in right.flags
    wrong = grade_text(question, "A binary heap.", "A queue")
    assert "too-short" not in wrong.flags
    assert right.score > wrong.score
    long_reference = grade_text(question, "A binary heap, kept as an array, with sift-up and sift-down.", "A heap")
    assert "too-short" in long_reference.flags and long_reference.score <= 1.0
