"""The result types (no model needed)."""

from __future__ import annotations

import json

import pytest

from mlcoach.domain.grading import GradeResult, PointResult, order_missed


def _p(point: str, weight: int, covered: bool, strength: float) -> PointResult:
    return PointResult(point=point, weight=weight, covered=covered, strength=strength)


def test_missed_points_most_important_first() -> None:
    points = (_p("a", 1, False, 0.1), _p("b", 3, False, 0.4), _p("c", 3, False, 0.2), _p("d", 2, True, 0.9))
    assert [p.point for p in order_missed(points)] == ["c", "b", "a"]


def test_to_dict_is_json_and_complete() -> None:
    points = (_p("a", 2, True, 0.91234), _p("b", 3, False, 0.2))
    result = GradeResult(score=2.5, points=points, missed=order_missed(points), star={"situation": True},
                         follow_up="Why?", messages=("m",))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["score"] == 2.5 and data["grader"] == "offline"
    assert data["points"][0]["strength"] == 0.912
    assert data["missed"][0]["point"] == "b"
    assert set(data) >= {"misconceptions_found", "star", "design_steps", "follow_up", "messages", "flags"}


def test_invalid_results_are_refused() -> None:
    with pytest.raises(ValueError):
        GradeResult(score=5.5, points=(), missed=())
    with pytest.raises(ValueError):
        GradeResult(score=1.0, points=(), missed=(), grader="magic")  # type: ignore[arg-type]
