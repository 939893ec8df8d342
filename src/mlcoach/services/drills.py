"""Estimation drills: a scenario, the candidate's number, pass within tolerance, the worked solution."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest
from mlcoach.domain.estimation import parse_number, qps, within
from mlcoach.domain.items import Kind, SolutionStep
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Attempts

GENERATED_TOLERANCE = 0.2


@dataclass(frozen=True)
class Drill:
    key: str  # an item id, or "gen:DAU:REQ:PEAK" for a generated scenario
    prompt: str
    unit: str
    expected: float
    tolerance: float
    solution: tuple[SolutionStep, ...]


@dataclass(frozen=True)
class DrillResult:
    drill: Drill
    answer: float
    passed: bool
    error: float  # relative


def generated(dau_m: int, requests: int, peak: int) -> Drill:
    """The video-recommendation pattern: peak QPS of a feed from daily users and opens per user."""
    est = qps(dau_m * 1e6, requests, peak)
    steps = tuple(SolutionStep(s.name.replace("_", " "), s.formula, round(s.value), s.unit) for s in est.steps)
    prompt = (
        f"A video app has {dau_m} million daily active users; each opens the recommendation feed "
        f"{requests} times a day and every open calls the ranking service once. Traffic at the busiest "
        f"hour is {peak}x the daily average. What peak QPS must the ranking service handle?"
    )
    return Drill(
        f"gen:{dau_m}:{requests}:{peak}", prompt, "requests/s", est.results()["peak_qps"], GENERATED_TOLERANCE, steps
    )


def drill_for(bank: Bank, key: str) -> Drill:
    if key.startswith("gen:"):
        try:
            _g, d, r, p = key.split(":")
            dau_m, req, peak = int(d), int(r), int(p)
        except ValueError:
            raise BadRequest("unknown drill", field="drill") from None
        if not (1 <= dau_m <= 5000 and 1 <= req <= 500 and 1 <= peak <= 20):
            raise BadRequest("unknown drill", field="drill")
        return generated(dau_m, req, peak)
    item = bank.get(key)
    if item.kind is not Kind.ESTIMATION or item.expected is None or item.tolerance is None:
        raise BadRequest(f"'{key}' is not an estimation drill", field="drill")
    return Drill(item.id, item.prompt, item.expected.unit, item.expected.value, item.tolerance, item.solution)


def random_drill(bank: Bank, rng: random.Random) -> Drill:
    items = sorted(i.id for i in bank.items.values() if i.kind is Kind.ESTIMATION)
    if items and rng.random() < 0.7:
        return drill_for(bank, rng.choice(items))
    return generated(rng.choice([20, 50, 100, 200, 500, 800]), rng.choice([3, 5, 8, 10, 20]), rng.choice([2, 3, 4]))


def check(sessions: sessionmaker[Session], bank: Bank, user_id: int, key: str, raw: str, now: datetime) -> DrillResult:
    drill = drill_for(bank, key)
    try:
        answer = parse_number(raw)
    except ValueError as exc:
        raise BadRequest(str(exc), field="answer") from None
    passed = within(answer, drill.expected, drill.tolerance)
    error = abs(answer - drill.expected) / abs(drill.expected) if drill.expected else abs(answer)
    if not key.startswith("gen:"):
        with transaction(sessions) as s:
            Attempts(s, user_id).add(
                key,
                "estimation",
                5.0 if passed else max(0.0, 5.0 * (1 - error)),
                passed,
                raw,
                {"answer": answer, "expected": drill.expected},
                now,
            )
    return DrillResult(drill, answer, passed, error)
