"""Feedback: spans, missed points in order, misconceptions, STAR, CLEAR steps, follow-up, bare references."""

from __future__ import annotations

from typing import Any

from mlcoach.domain.items import Item, Kind
from mlcoach.engines.grader import grade, grade_text

HALF = (
    "Bias is systematic error that comes from a model too simple for the data, so it underfits. "
    "Variance means the model is very sensitive to the particular training sample, so it overfits."
)


def test_points_covered_with_their_span_and_gaps_in_order(bias_variance: Item) -> None:
    result = grade(bias_variance, HALF)
    by_point = {p.point: p for p in result.points}
    bias = by_point[bias_variance.rubric[1].point]
    variance = by_point[bias_variance.rubric[2].point]
    assert bias.covered and "too simple" in (bias.span or "")
    assert variance.covered and "training sample" in (variance.span or "")
    assert result.missed, "half an answer misses points"
    weights = [p.weight for p in result.missed]
    assert weights == sorted(weights, reverse=True)
    assert not any(p.covered for p in result.missed)
    assert 1.0 <= result.score <= 3.5
    assert result.follow_up


def test_misconception_is_flagged_and_costs(bias_variance: Item) -> None:
    clean = grade(bias_variance, HALF)
    wrong = grade(bias_variance, HALF + " More data always fixes a model that performs badly.")
    assert [m.claim for m in wrong.misconceptions_found] == [bias_variance.misconceptions[0].claim]
    assert wrong.score < clean.score
    assert any("Misconception" in m for m in wrong.messages)
    negated = grade(bias_variance, HALF + " More data does not always fix a model that performs badly.")
    assert not negated.misconceptions_found


def test_follow_up_targets_the_most_important_gap(bias_variance: Item) -> None:
    answer = "Test error splits into bias squared, variance and irreducible noise."
    result = grade(bias_variance, answer)
    top = result.missed[0]
    assert top.weight == 3
    assert result.follow_up is not None
    assert top.point.rstrip(".") in result.follow_up or result.follow_up in bias_variance.follow_ups


def test_star_parts_for_behavioral_answers(bank: Any) -> None:
    item = next(i for i in sorted(bank.items.values(), key=lambda i: i.id) if i.kind is Kind.BEHAVIORAL and i.rubric)
    full = (
        "At my previous company our product manager wanted to ship a churn model on offline accuracy alone. "
        "I was responsible for the model and my goal was a launch both of us could trust. "
        "I listened to her reasons, then I proposed a two-week A/B test and we agreed the success metric in advance. "
        "As a result the model cut churn by 4% and we shipped it; since then we agree metrics before building."
    )
    result = grade(item, full)
    assert result.star == {"situation": True, "task": True, "action": True, "result": True}
    partial = grade(item, "We had a disagreement about a model once and talked it through.")
    assert partial.star is not None and not partial.star["result"]
    assert partial.follow_up is not None and "result" in partial.follow_up.lower()
    assert grade_text("q?", "a reference.", "an answer.").star is None


def test_design_steps_for_design_answers(bank: Any) -> None:
    item = next(i for i in sorted(bank.items.values(), key=lambda i: i.id) if i.kind is Kind.DESIGN and i.rubric)
    result = grade(item, item.answer)
    assert result.design_steps is not None
    assert set(result.design_steps) == {"clarify", "requirements", "estimate", "architect", "refine"}
    assert sum(result.design_steps.values()) >= 4
    thin = grade(item, "I would train a deep learning model on the data and deploy it.")
    assert thin.design_steps is not None and not all(thin.design_steps.values())
    assert thin.score < result.score


def test_grades_from_a_bare_question_and_reference() -> None:
    question = "What is the role of a prototype program in problem solving?"
    reference = (
        "A prototype simulates the behaviour of parts of the desired software product. It lets you test "
        "ideas and requirements cheaply before building the full system, and it gets early feedback from users."
    )
    good = grade_text(question, reference, "It mimics part of the final software so you can check ideas and "
                      "requirements early and cheaply, and get feedback from users before the real build.")
    weak = grade_text(question, reference, "A prototype is a program written in a programming language.")
    assert good.derived_points and len(good.points) >= 2
    assert good.score >= weak.score + 1.5
    assert good.grader == "offline"


def test_alternative_references_accept_another_correct_route() -> None:
    question = "Why does the bulb in circuit C stay off?"
    reference = "The bulb is not in a closed path with the battery."
    other_route = "The switch is open, so no current can flow through the bulb."
    answer = "Because the switch was left open, current cannot flow through the bulb."
    alone = grade_text(question, reference, answer)
    both = grade_text(question, reference, answer, alternatives=[other_route])
    assert both.score >= alone.score + 1.0, (alone.score, both.score)
    assert both.extra["reference_used"] == 1
    assert both.points[0].point.startswith("The switch is open")
    wrong = grade_text(question, reference, "The bulb is broken and too old.", alternatives=[other_route])
    assert wrong.score <= 2.0 and "reference_used" in wrong.extra


def test_estimation_answer_is_checked_against_the_expected_number(bank: Any) -> None:
    item = bank.items["ranking-service-cpu-servers"]
    right = grade(item, item.answer)
    assert right.extra["final_number"]["within"] is True
    assert "final-number-off" not in right.flags and right.score >= 4.5
    wrong_answer = item.answer.replace("25 servers", "10 servers").replace("800 cores", "300 cores").replace(
        "so 27-30 in practice", "so about a dozen in practice"
    ).replace("480 cores", "200 cores").replace("25 requests per second", "60 requests per second")
    wrong = grade(item, wrong_answer)
    assert "final-number-off" in wrong.flags
    assert wrong.score <= 3.0 < right.score
    assert any("within 20% of the expected 25 servers" in m for m in wrong.messages)
    vague = grade(
        item,
        "Work out how many requests one core completes per second from the CPU time, divide the peak by it, "
        "leave headroom for the utilisation target and divide by the cores per server.",
    )
    assert "no-final-number" in vague.flags and vague.score <= 2.5
