"""Which loops exist and which questions a mock interview asks.

Questions are drawn for each round from the bank by kind and round, preferring the company's own questions
and the role's topics, weighted toward the candidate's weak topics, and skipping what they saw recently.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest
from mlcoach.domain.interviews import ROUND_KINDS, RoundPlan

DEFAULT_MINUTES = {
    "recruiter-screen": 20,
    "phone-screen": 45,
    "coding": 45,
    "ml-coding": 45,
    "sql": 30,
    "ml-theory": 45,
    "ml-system-design": 45,
    "estimation": 20,
    "behavioral": 40,
    "hiring-manager": 30,
    "case-study": 45,
}
DEFAULT_QUESTIONS = {
    "recruiter-screen": 2,
    "phone-screen": 3,
    "coding": 1,
    "ml-coding": 1,
    "sql": 2,
    "ml-theory": 3,
    "ml-system-design": 1,
    "estimation": 1,
    "behavioral": 3,
    "hiring-manager": 2,
    "case-study": 1,
}


@dataclass(frozen=True)
class Stage:
    round: str
    minutes: int
    questions: int
    title: str


@dataclass(frozen=True)
class Loop:
    id: str
    title: str
    company: str
    stages: tuple[Stage, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "stages": [
                {"round": s.round, "minutes": s.minutes, "questions": s.questions, "title": s.title}
                for s in self.stages
            ],
        }


def company_loops(bank: Bank) -> list[Loop]:
    """One loop per company profile; stages without questions (e.g. a pure logistics chat) are skipped."""
    loops = []
    for c in sorted(bank.companies.values(), key=lambda c: c.name):
        stages = tuple(
            Stage(s.round, s.minutes, s.questions, bank.taxonomy.rounds.get(s.round, s.round))
            for s in c.loop
            if s.questions > 0
        )
        if stages:
            loops.append(Loop(c.id, f"{c.name} loop", c.id, stages))
    return loops


def custom_loop(rounds: Sequence[str], bank: Bank) -> Loop:
    if not rounds:
        raise BadRequest("pick at least one round", field="rounds")
    for r in rounds:
        if r not in bank.taxonomy.rounds:
            raise BadRequest(f"unknown round '{r}'", field="rounds")
    stages = tuple(Stage(r, DEFAULT_MINUTES[r], DEFAULT_QUESTIONS[r], bank.taxonomy.rounds[r]) for r in rounds)
    title = "Single round: " + stages[0].title if len(stages) == 1 else "Custom loop"
    return Loop("custom", title, "", stages)


def _candidates(bank: Bank, round_: str) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...], int]]:
    """(id, kind, topics, companies, difficulty) of everything a round can ask."""
    kinds = ROUND_KINDS.get(round_, ("concept",))
    out = []
    if "coding" in kinds or "sql" in kinds:
        for ex in bank.exercises.values():
            wanted = "sql" if "sql" in kinds else "python"
            if ex.language.value == wanted and (wanted == "sql" or ex.round == round_):
                out.append((ex.id, "exercise", ex.topics, ex.companies, ex.difficulty))
    for item in bank.items.values():
        if item.kind.value in kinds and (
            item.round == round_ or item.kind.value in ("design", "behavioral", "estimation")
        ):
            out.append((item.id, item.kind.value, item.topics, item.companies, item.difficulty))
    if not out:  # a round with nothing of its own falls back on its kinds anywhere in the bank
        out = [
            (i.id, i.kind.value, i.topics, i.companies, i.difficulty)
            for i in bank.items.values()
            if i.kind.value in kinds
        ]
    return out


def plan_questions(
    bank: Bank,
    loop: Loop,
    *,
    role: str,
    weakness: dict[str, float],
    recent: set[str],
    rng: random.Random,
) -> list[RoundPlan]:
    """Draw each round's questions. In a company's loop about half of each round comes from the questions
    tagged for that company (when it has any). Each draw weighs candidates 1 + 1 if on the role's topics
    + 2 x the weakness of their weakest topic (0 mastered .. 1 weak; 0.6 when unknown). Recently seen
    questions are left out when enough others remain."""
    role_topics = set(bank.roles[role].topic_weights) if role in bank.roles else set()
    used: set[str] = set()
    plans = []
    for stage in loop.stages:
        pool = [c for c in _candidates(bank, stage.round) if c[0] not in used]
        fresh = [c for c in pool if c[0] not in recent]
        pool = fresh if len(fresh) >= stage.questions else pool
        chosen: list[str] = []
        own_quota = -(-stage.questions // 2) if loop.company else 0  # about half from the company's own
        for _ in range(min(stage.questions, len(pool))):
            own = [n for n, c in enumerate(pool) if loop.company and loop.company in c[3]]
            indexes = own if own and len(chosen) < own_quota else list(range(len(pool)))
            weights = []
            for n in indexes:
                _cid, _kind, topics, _companies, _d = pool[n]
                w = 1.0 + (1.0 if role_topics & set(topics) else 0.0)
                w += 2.0 * max((weakness.get(t, 0.6) for t in topics), default=0.6)
                weights.append(w)
            pick = indexes[rng.choices(range(len(indexes)), weights=weights, k=1)[0]]
            chosen.append(pool.pop(pick)[0])
        used.update(chosen)
        plans.append(RoundPlan(stage.round, stage.minutes, tuple(chosen), stage.title))
    if not any(p.questions for p in plans):
        raise BadRequest("the bank has no question for these rounds", field="rounds")
    return [p for p in plans if p.questions]
