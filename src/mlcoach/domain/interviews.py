"""Mock interviews: loops, rounds, the competencies they measure, and the report's rules.

Pure: time and randomness come in as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Which competency each round type measures (a round may feed several).
COMPETENCIES: dict[str, tuple[str, ...]] = {
    "recruiter-screen": ("communication",),
    "phone-screen": ("ml-knowledge", "communication"),
    "coding": ("coding",),
    "ml-coding": ("coding", "ml-knowledge"),
    "sql": ("coding",),
    "ml-theory": ("ml-knowledge",),
    "ml-system-design": ("system-design", "communication"),
    "estimation": ("system-design",),
    "behavioral": ("behavioral", "communication"),
    "hiring-manager": ("behavioral", "communication"),
    "case-study": ("ml-knowledge", "communication"),
}
COMPETENCY_NAMES = {
    "coding": "Coding",
    "ml-knowledge": "ML knowledge",
    "system-design": "System design",
    "communication": "Communication and structure",
    "behavioral": "Behavioral",
}
# Which bank kinds a round draws from, in order of preference.
ROUND_KINDS: dict[str, tuple[str, ...]] = {
    "recruiter-screen": ("behavioral",),
    "phone-screen": ("concept",),
    "coding": ("coding",),
    "ml-coding": ("coding",),
    "sql": ("sql",),
    "ml-theory": ("concept",),
    "ml-system-design": ("design",),
    "estimation": ("estimation",),
    "behavioral": ("behavioral",),
    "hiring-manager": ("behavioral",),
    "case-study": ("concept", "design"),
}
# Hire signal from the overall score (0-5) and the weakest competency, documented in docs/mock.md.
SIGNALS = (
    ("strong-hire", 4.2, 3.5),
    ("hire", 3.4, 2.5),
    ("lean-no", 2.5, 0.0),
)
FOLLOW_UP_BELOW = 3.0  # a written answer under this score draws a follow-up


@dataclass(frozen=True)
class RoundPlan:
    round: str
    minutes: int
    questions: tuple[str, ...]  # item or exercise ids
    title: str = ""


@dataclass
class Answer:
    round_index: int
    question_index: int
    item_id: str
    prompt: str
    answer: str
    score: float | None  # None: not gradable (e.g. skipped)
    late: bool
    follow_up: bool = False
    feedback: dict[str, Any] = field(default_factory=dict)


def hire_signal(overall: float, weakest: float) -> str:
    for name, min_overall, min_weakest in SIGNALS:
        if overall >= min_overall and weakest >= min_weakest:
            return name
    return "no-hire"


def seconds_left(minutes: int, started_at: datetime | None, now: datetime) -> int:
    if started_at is None:
        return minutes * 60
    return int(minutes * 60 - (now - started_at).total_seconds())


@dataclass(frozen=True)
class Report:
    overall: float
    rounds: list[dict[str, Any]]
    competencies: dict[str, float]
    strengths: list[str]
    gaps: list[dict[str, Any]]  # {"item_id", "reason", "score"}
    signal: str
    late_answers: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "rounds": self.rounds,
            "competencies": self.competencies,
            "strengths": self.strengths,
            "gaps": self.gaps,
            "signal": self.signal,
            "late_answers": self.late_answers,
        }


def build_report(plan: list[RoundPlan], answers: list[Answer], titles: dict[str, str]) -> Report:
    """Scores per round and competency, strengths, gaps to study and the hire signal.

    A planned question with no answer counts as 0: an interviewer scores what was said, not what could have
    been. Follow-up answers count half as much as the main answer to their question.
    """
    per_round: list[dict[str, Any]] = []
    comp_scores: dict[str, list[float]] = {}
    gaps: list[dict[str, Any]] = []
    strong: list[str] = []
    for r_index, rp in enumerate(plan):
        weighted, weight = 0.0, 0.0
        for q_index, item_id in enumerate(rp.questions):
            main = [a for a in answers if a.round_index == r_index and a.question_index == q_index]
            first = next((a for a in main if not a.follow_up), None)
            score = first.score if first and first.score is not None else 0.0
            weighted += score
            weight += 1
            for fu in (a for a in main if a.follow_up and a.score is not None):
                weighted += 0.5 * (fu.score or 0.0)
                weight += 0.5
            if score < FOLLOW_UP_BELOW:
                reason = "not answered" if first is None else "weak answer"
                gaps.append(
                    {
                        "item_id": item_id,
                        "title": titles.get(item_id, item_id),
                        "reason": reason,
                        "score": round(score, 1),
                        "round": rp.round,
                    }
                )
            elif score >= 4.0:
                strong.append(titles.get(item_id, item_id))
        avg = weighted / weight if weight else 0.0
        per_round.append(
            {"round": rp.round, "title": rp.title or rp.round, "score": round(avg, 2), "questions": len(rp.questions)}
        )
        for comp in COMPETENCIES.get(rp.round, ("ml-knowledge",)):
            comp_scores.setdefault(comp, []).append(avg)
    competencies = {c: round(sum(v) / len(v), 2) for c, v in comp_scores.items()}
    overall = round(sum(r["score"] for r in per_round) / len(per_round), 2) if per_round else 0.0
    weakest = min(competencies.values()) if competencies else 0.0
    gaps.sort(key=lambda g: g["score"])
    return Report(
        overall=overall,
        rounds=per_round,
        competencies=competencies,
        strengths=strong[:8],
        gaps=gaps,
        signal=hire_signal(overall, weakest),
        late_answers=sum(1 for a in answers if a.late),
    )
