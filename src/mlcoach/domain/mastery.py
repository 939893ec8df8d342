"""Mastery: how well a candidate knows a topic, from memory (FSRS) and from graded answers.

For each studied item i:
    recall_i = FSRS retrievability of its card now (probability of recall), if it has been reviewed
    score_i  = mean of its last 3 graded scores / 5 (quiz, written, exercise, mock), if any
    m_i      = (recall_i + score_i) / 2 when both exist, otherwise whichever exists
For a group of items (a topic, or a round type for readiness):
    quality  = mean of m_i over the studied items of the group
    coverage = min(1, studied / min(TARGET, items in the group))
    mastery  = quality * coverage
Coverage keeps one lucky answer from reading as mastery of a whole topic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TARGET = 10
RECENT = 3


def item_mastery(recall: float | None, scores: list[float]) -> float | None:
    graded = sum(scores[-RECENT:]) / len(scores[-RECENT:]) / 5 if scores else None
    if recall is None and graded is None:
        return None
    if recall is None:
        return graded
    if graded is None:
        return recall
    return (recall + graded) / 2


@dataclass(frozen=True)
class GroupMastery:
    group: str
    mastery: float
    quality: float
    studied: int
    total: int


def group_mastery(groups: Mapping[str, Iterable[str]], per_item: Mapping[str, float]) -> list[GroupMastery]:
    """Mastery for each group of item ids, highest first."""
    out = []
    for name, ids in groups.items():
        ids = list(ids)
        if not ids:
            continue
        values = [per_item[i] for i in ids if i in per_item]
        quality = sum(values) / len(values) if values else 0.0
        coverage = min(1.0, len(values) / min(TARGET, len(ids)))
        out.append(GroupMastery(name, quality * coverage, quality, len(values), len(ids)))
    return sorted(out, key=lambda g: (-g.mastery, g.group))
