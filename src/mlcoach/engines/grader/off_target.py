"""Answers to the wrong question: a well-formed answer to a neighbouring bank item is not a fair answer here.

Candidates often answer the question they prepared rather than the one asked (asked to compare transformers
with RNNs, they explain how a vision transformer cuts an image into patches). Such an answer shares enough
vocabulary and rubric points with the asked item to earn partial credit from evidence alone, so the grader
asks one more question when a neighbouring item (same primary topic, not declared `related`) is at hand:
would this answer score clearly better there? If so it is capped and the candidate is told which question it
answers. The check is cheap unless it may fire: one word-overlap pass over the neighbours picks at most one
candidate, and only an answer that overlaps that neighbour's reference more than its own is graded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mlcoach.domain.grading import MAX_SCORE, GradeResult
from mlcoach.domain.items import Item
from mlcoach.engines.grader.text import content_stems

CAP = 2.0  # the same bar as "another item's reference answer scores at most 2"
STRONG_THERE = 4.0  # the answer must be a good answer to the other question...
MARGIN = 1.5  # ...and clearly better there than here


@dataclass(frozen=True)
class OffTarget:
    item: Item
    score: float  # the answer's score as an answer to `item`


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _overlap(answer: frozenset[str], item: Item) -> float:
    """The share of the answer's words that a good answer to `item` uses (its reference and rubric)."""
    vocabulary = _stems(item.answer) | _stems(" ".join(p.point for p in item.rubric))
    return len(answer & vocabulary) / len(answer) if answer else 0.0


def closest_neighbour(item: Item, answer: str, neighbours: Sequence[Item]) -> Item | None:
    """The neighbour whose vocabulary the answer shares most, if it shares more of it than of `item`'s."""
    stems = frozenset(content_stems(answer))
    own = _overlap(stems, item)
    best, best_overlap = None, own
    for other in neighbours:
        if other.id == item.id or not other.rubric:  # `Bank.neighbours` chose the rest; a rubric is graded
            continue
        overlap = _overlap(stems, other)
        if overlap > best_overlap:
            best, best_overlap = other, overlap
    return best


def find(item: Item, answer: str, result: GradeResult, neighbours: Sequence[Item]) -> OffTarget | None:
    """The neighbouring item this answer answers instead of `item`, when it clearly does."""
    if not neighbours or result.score <= CAP or result.score > MAX_SCORE - MARGIN:
        return None
    if result.flags and set(result.flags) - {"too-long"}:
        return None  # already capped for another reason
    other = closest_neighbour(item, answer, neighbours)
    if other is None:
        return None
    from mlcoach.engines.grader.offline import grade_points

    there = grade_points(
        other.prompt, other.answer, other.rubric, answer, item=other, misconceptions=other.misconceptions
    ).score
    if there >= STRONG_THERE and there - result.score >= MARGIN:
        return OffTarget(other, there)
    return None


def cap(result: GradeResult, found: OffTarget) -> GradeResult:
    """`result` capped, flagged and explained."""
    from dataclasses import replace

    message = (
        f"This reads as an answer to another question, \u201c{found.item.prompt.strip()}\u201d (it would score"
        f" {found.score:.1f} there), more than to the one asked. Answer the question in front of you first."
    )
    # `find` only fires on an unflagged result, whose first message is the "covers n of m points" summary:
    # it would read as praise beside the cap, so the explanation takes its place.
    return replace(
        result,
        score=min(result.score, CAP),
        flags=(*result.flags, "answers-another-question"),
        messages=(message, *result.messages[1:]),
        extra={**result.extra, "answers_instead": found.item.id},
    )
