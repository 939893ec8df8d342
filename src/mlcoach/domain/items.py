"""Bank items: the questions, their reference answers and the rubrics a grader checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    CONCEPT = "concept"
    MCQ = "mcq"
    DESIGN = "design"
    BEHAVIORAL = "behavioral"
    ESTIMATION = "estimation"


DESIGN_STEPS = ("clarify", "requirements", "estimate", "architect", "refine")
STAR_PARTS = ("situation", "task", "action", "result")


@dataclass(frozen=True)
class RubricPoint:
    point: str
    weight: int = 2
    step: str | None = None  # design items: one of DESIGN_STEPS


@dataclass(frozen=True)
class Misconception:
    claim: str
    correction: str


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class ClarifyingQuestion:
    question: str
    answer: str


@dataclass(frozen=True)
class CompanyAngle:
    company: str
    angle: str


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str


@dataclass(frozen=True)
class SolutionStep:
    step: str
    formula: str
    value: float
    unit: str


@dataclass(frozen=True)
class Item:
    """One question of the bank. Kind-specific fields are empty for other kinds."""

    id: str
    kind: Kind
    prompt: str
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    companies: tuple[str, ...]
    round: str
    difficulty: int
    answer: str
    rubric: tuple[RubricPoint, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    follow_ups: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    # mcq
    options: tuple[Option, ...] = ()
    # design
    level: str | None = None
    clarifying_questions: tuple[ClarifyingQuestion, ...] = ()
    pitfalls: tuple[str, ...] = ()
    # behavioral
    star: dict[str, str] = field(default_factory=dict)
    signals: tuple[str, ...] = ()
    company_angles: tuple[CompanyAngle, ...] = ()
    # estimation
    parameters: dict[str, Quantity] = field(default_factory=dict)
    solution: tuple[SolutionStep, ...] = ()
    expected: Quantity | None = None
    tolerance: float | None = None
    # other items asking about the same system or concept from another angle: a good answer to one is a
    # fair answer to the other (the bank loader makes the relation symmetric)
    related: tuple[str, ...] = ()
    # where it came from (a path, for messages); not part of the content
    source: str = ""

    @property
    def title(self) -> str:
        """The prompt's first sentence, for lists."""
        first = self.prompt.strip().split("\n", 1)[0]
        return first if len(first) <= 140 else first[:137] + "..."

    @property
    def correct_option(self) -> int | None:
        for i, opt in enumerate(self.options):
            if opt.correct:
                return i
        return None

    def tags(self) -> dict[str, tuple[str, ...]]:
        return {
            "topics": self.topics,
            "roles": self.roles,
            "companies": self.companies,
        }

    def to_dict(self) -> dict[str, Any]:
        """Every content field, in a JSON-friendly shape (used by `bank export`)."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "prompt": self.prompt,
            "topics": list(self.topics),
            "roles": list(self.roles),
            "companies": list(self.companies),
            "round": self.round,
            "difficulty": self.difficulty,
            "answer": self.answer,
            "rubric": [
                {"point": p.point, "weight": p.weight, **({"step": p.step} if p.step else {})} for p in self.rubric
            ],
            "misconceptions": [{"claim": m.claim, "correction": m.correction} for m in self.misconceptions],
            "follow_ups": list(self.follow_ups),
            "hints": list(self.hints),
        }
        if self.kind is Kind.MCQ:
            out["options"] = [{"text": o.text, "correct": o.correct, "why": o.why} for o in self.options]
        if self.kind is Kind.DESIGN:
            out["level"] = self.level
            out["clarifying_questions"] = [
                {"question": c.question, "answer": c.answer} for c in self.clarifying_questions
            ]
            out["pitfalls"] = list(self.pitfalls)
        if self.kind is Kind.BEHAVIORAL:
            out["star"] = dict(self.star)
            out["signals"] = list(self.signals)
            out["company_angles"] = [{"company": a.company, "angle": a.angle} for a in self.company_angles]
            out["pitfalls"] = list(self.pitfalls)
        if self.kind is Kind.ESTIMATION:
            out["parameters"] = {k: {"value": q.value, "unit": q.unit} for k, q in self.parameters.items()}
            out["solution"] = [
                {"step": s.step, "formula": s.formula, "value": s.value, "unit": s.unit} for s in self.solution
            ]
            out["expected"] = {"value": self.expected.value, "unit": self.expected.unit} if self.expected else None
            out["tolerance"] = self.tolerance
        return out
