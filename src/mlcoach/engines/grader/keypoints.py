"""Derive weighted key points from a bare reference answer (used when a question has no rubric).

The reference is cut into sentences, and sentences of 25 words or more into clauses. Units that add no
content word beyond the question are dropped (they restate it), fragments join their neighbour, and each
unit is weighted by how central it is to the whole reference (cosine of the unit to the reference):
the most central third gets weight 3, the least central third weight 1, examples ("for example", "e.g.")
weight 1. Long references keep their `max_points` most central units, in their original order.
"""

from __future__ import annotations

from functools import lru_cache

from mlcoach.domain.items import RubricPoint
from mlcoach.engines.grader.text import clause_spans, content_stems, sentence_spans, words

MAX_POINTS = 8
_LONG_SENTENCE = 25
_EXAMPLE_STARTS = ("for example", "for instance", "e.g.", "such as", "eg ", "like ")


def _units(question: str, reference: str) -> list[str]:
    asked = set(content_stems(question))
    units: list[str] = []
    for a, b in sentence_spans(reference):
        spans = clause_spans(reference, a, b, min_words=5) if len(words(reference[a:b])) >= _LONG_SENTENCE else [(a, b)]
        for c, d in spans:
            text = reference[c:d].strip()
            if units and len(words(text)) < 4:
                units[-1] = f"{units[-1]} {text}"
            else:
                units.append(text)
    kept = [u for u in units if any(s not in asked for s in content_stems(u))]
    return kept or [reference.strip()]


@lru_cache(maxsize=2048)
def derive_keypoints(question: str, reference: str, *, max_points: int = MAX_POINTS) -> tuple[RubricPoint, ...]:
    """Weighted key points of `reference`; one point when the reference is a single short statement."""
    if not reference.strip():
        return ()
    units = _units(question, reference)
    if len(units) == 1:
        return (RubricPoint(point=units[0], weight=2),)
    from mlcoach.engines.grader.embedder import get_embedder

    embedder = get_embedder()
    vectors = embedder.encode([reference, *units])
    centrality = [float(vectors[0] @ v) for v in vectors[1:]]
    order = sorted(range(len(units)), key=lambda i: -centrality[i])
    chosen = sorted(order[:max_points])
    ranked = [i for i in order if i in set(chosen)]
    third = max(1, len(ranked) // 3)
    weight = {}
    for rank, i in enumerate(ranked):
        weight[i] = 3 if rank < third else (1 if rank >= len(ranked) - third and len(ranked) > 2 else 2)
    points = []
    for i in chosen:
        w = 1 if units[i].lower().startswith(_EXAMPLE_STARTS) else weight[i]
        points.append(RubricPoint(point=units[i], weight=w))
    return tuple(points)
