"""The result of grading one written answer: a 0-5 score and the feedback behind it. Pure types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Grader = Literal["offline", "llm", "offline-fallback"]
GRADERS: tuple[Grader, ...] = ("offline", "llm", "offline-fallback")
MAX_SCORE = 5.0


@dataclass(frozen=True)
class PointResult:
    """One rubric (or derived) key point and how well the answer covers it."""

    point: str
    weight: int
    covered: bool
    strength: float  # 0-1
    span: str | None = None  # the words of the answer that cover it (best match when not covered)
    step: str | None = None  # design items: the CLEAR step of the point

    def to_dict(self) -> dict[str, Any]:
        return {
            "point": self.point,
            "weight": self.weight,
            "covered": self.covered,
            "strength": round(self.strength, 3),
            "span": self.span,
            "step": self.step,
        }


@dataclass(frozen=True)
class MisconceptionFound:
    claim: str
    correction: str
    span: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "correction": self.correction, "span": self.span}


@dataclass(frozen=True)
class GradeResult:
    score: float  # 0-5
    points: tuple[PointResult, ...]
    missed: tuple[PointResult, ...]  # most important first
    misconceptions_found: tuple[MisconceptionFound, ...] = ()
    star: dict[str, bool] | None = None  # behavioral: situation, task, action, result
    design_steps: dict[str, bool] | None = None  # design: clarify, requirements, estimate, architect, refine
    follow_up: str | None = None
    messages: tuple[str, ...] = ()
    grader: Grader = "offline"
    flags: tuple[str, ...] = ()  # machine-readable reasons: empty, gibberish, off-topic, ...
    derived_points: bool = False  # True when the key points were derived from a bare reference
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= MAX_SCORE:
            raise ValueError(f"score {self.score} is outside 0-{MAX_SCORE}")
        if self.grader not in GRADERS:
            raise ValueError(f"unknown grader {self.grader!r}")

    @property
    def covered(self) -> tuple[PointResult, ...]:
        return tuple(p for p in self.points if p.covered)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 2),
            "grader": self.grader,
            "points": [p.to_dict() for p in self.points],
            "missed": [p.to_dict() for p in self.missed],
            "misconceptions_found": [m.to_dict() for m in self.misconceptions_found],
            "star": dict(self.star) if self.star is not None else None,
            "design_steps": dict(self.design_steps) if self.design_steps is not None else None,
            "follow_up": self.follow_up,
            "messages": list(self.messages),
            "flags": list(self.flags),
            "derived_points": self.derived_points,
            **({"extra": dict(self.extra)} if self.extra else {}),
        }


def order_missed(points: tuple[PointResult, ...] | list[PointResult]) -> tuple[PointResult, ...]:
    """Missed points, most important first: higher weight, then weaker coverage, then rubric order."""
    indexed = [(i, p) for i, p in enumerate(points) if not p.covered]
    indexed.sort(key=lambda ip: (-ip[1].weight, ip[1].strength, ip[0]))
    return tuple(p for _, p in indexed)
