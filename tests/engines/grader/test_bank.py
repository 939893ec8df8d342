"""The grader against the real bank: reference answers, other items' answers, simulated weak candidates."""

from __future__ import annotations

import random
from typing import Any

import pytest

from mlcoach.domain.items import Item, Kind
from mlcoach.engines.grader import grade

FILLER = (
    "This is a really important question and a topic I have always found interesting. In my experience it "
    "comes up a lot, and it is something every good engineer should think about carefully in real projects."
)


def _gradable(bank: Any) -> list[Item]:
    return sorted(
        (i for i in bank.items.values() if i.kind is not Kind.MCQ and i.rubric and i.answer.strip()),
        key=lambda i: i.id,
    )


def _other_on_same_topic(item: Item, items: list[Item]) -> Item | None:
    """The next item (by id) sharing the item's first topic and not declared related to it (`related`: the
    same system or concept asked from another angle): a fixed choice, not a picked one."""
    same = [o for o in items if o.id != item.id and o.id not in item.related and item.topics[0] in o.topics]
    later = [o for o in same if o.id > item.id]
    return (later or same)[0] if same else None


def test_bank_consistency(bank: Any) -> None:
    """Every free-response item's own reference scores >= 4.5; the reference of another item on the same
    topic scores <= 2. Items declared `related` (the same system or concept from another angle) are not
    "another item". The items are graded as the app grades them, with their neighbours at hand (an answer
    that fits a neighbour clearly better is capped); the median of the other answers stays at 1 or below."""
    items = _gradable(bank)
    assert len(items) >= 3
    low_own, high_other, others = [], [], []
    for item in items:
        neighbours = bank.neighbours(item)
        own = grade(item, item.answer, neighbours=neighbours).score
        if own < 4.5:
            low_own.append(f"{item.id}: {own}")
        other = _other_on_same_topic(item, items)
        if other is None:
            continue
        score = grade(item, other.answer, neighbours=neighbours).score
        others.append(score)
        if score > 2.0:
            high_other.append((score, f"{item.id} <- {other.id}: {score}"))
    assert not low_own, f"reference answers below 4.5: {low_own}"
    assert not high_other, f"other items' answers above 2: {sorted(high_other)}"
    assert sorted(others)[len(others) // 2] <= 1.0


def _sentences(text: str) -> list[str]:
    from mlcoach.engines.grader.text import split_sentences

    return split_sentences(text)


def _candidates(item: Item) -> dict[str, str]:
    points = list(item.rubric)
    half = " ".join(p.point.rstrip(".") + "." for p in points[: len(points) // 2])
    wrong = " ".join(m.claim.rstrip(".") + "." for m in item.misconceptions) or (
        "I am not sure, but I think it does not matter and any approach works equally well."
    )
    return {
        "strong": item.answer,
        "half the rubric": half,
        "a wrong statement": wrong,
        "half and a wrong statement": f"{half} {wrong}",
        "the question restated": item.prompt,
        "filler": FILLER,
        "filler around half": f"{FILLER} {half} {FILLER}",
    }


@pytest.mark.parametrize(
    "kind",
    [Kind.CONCEPT, Kind.DESIGN, Kind.BEHAVIORAL, Kind.ESTIMATION],
)
def test_simulated_weak_candidates_score_clearly_below_the_strong_one(bank: Any, kind: Kind) -> None:
    items = [i for i in _gradable(bank) if i.kind is kind and len(i.rubric) >= 4]
    if not items:
        pytest.skip(f"no {kind.value} items with a rubric in the bank")
    sample = random.Random(7).sample(items, min(8, len(items)))
    for item in sample:
        neighbours = bank.neighbours(item)
        results = {name: grade(item, text, neighbours=neighbours) for name, text in _candidates(item).items()}
        taken = [name for name in ("strong", "half the rubric") if "answers-another-question" in results[name].flags]
        assert not taken, f"{item.id}: {taken} taken for answers to another question"
        scores = {name: r.score for name, r in results.items()}
        strong = scores.pop("strong")
        assert strong >= 4.0, (item.id, strong)
        for name, score in scores.items():
            assert score <= strong - 1.0, f"{item.id}: '{name}' scored {score} against strong {strong}"
        assert scores["the question restated"] <= 1.0 and scores["filler"] <= 1.0, (item.id, scores)
