"""The study plan: from now to the interview, day by day, recomputed from the candidate's state each day.

Rules (docs/plan.md):
- Study days are the days before the interview except the chosen days off; each has `minutes` to spend.
- Reviews due come first (about 1 minute a card; the 30-day forecast tells how many fall on each day).
- Mock interviews: in the final 7 days, on every second study day, one mock (about 90 minutes).
- One coding exercise per study day (30 minutes) and a design question every third day (40 minutes) when
  the role's rounds include them.
- The rest goes to new items (about 5 minutes each), spread over topics by need:
  need = role topic weight x (1.2 - mastery), so weak topics that the role weighs heavily come first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

REVIEW_MIN = 1.0
NEW_ITEM_MIN = 5.0
EXERCISE_MIN = 30
DESIGN_MIN = 40
MOCK_MIN = 90
FINAL_WEEK = 7


@dataclass(frozen=True)
class PlanInput:
    today: date
    interview: date
    minutes_per_day: int
    days_off: frozenset[int]  # weekday numbers, Monday = 0
    topic_weights: dict[str, float]  # the target roles' weights, summing to about 1
    mastery: dict[str, float]  # 0-1 per topic (missing = 0)
    reviews_due: dict[date, int]  # forecast of cards due per day
    coding: bool = True
    design: bool = True


@dataclass
class Task:
    kind: str  # review | new | exercise | design | mock
    minutes: int
    count: int = 1
    topic: str = ""


@dataclass
class Day:
    day: date
    tasks: list[Task] = field(default_factory=list)
    off: bool = False

    @property
    def minutes(self) -> int:
        return sum(t.minutes for t in self.tasks)


def topic_need(weights: dict[str, float], mastery: dict[str, float]) -> dict[str, float]:
    need = {t: w * (1.2 - min(1.0, mastery.get(t, 0.0))) for t, w in weights.items() if w > 0}
    total = sum(need.values()) or 1.0
    return {t: v / total for t, v in need.items()}


def build_plan(p: PlanInput) -> list[Day]:
    if p.interview <= p.today:
        return []
    days: list[Day] = []
    need = topic_need(p.topic_weights, p.mastery)
    given: dict[str, float] = dict.fromkeys(need, 0.0)  # new-item minutes handed out so far per topic
    study_index = 0
    d = p.today
    while d < p.interview:
        if d.weekday() in p.days_off:
            days.append(Day(d, off=True))
            d += timedelta(days=1)
            continue
        day = Day(d)
        budget = float(p.minutes_per_day)
        due = p.reviews_due.get(d, 0)
        if due:
            review_min = min(budget, due * REVIEW_MIN)
            day.tasks.append(Task("review", round(review_min), due))
            budget -= review_min
        in_final_week = (p.interview - d).days <= FINAL_WEEK
        if in_final_week and study_index % 2 == 0 and budget >= MOCK_MIN * 0.5:
            day.tasks.append(Task("mock", MOCK_MIN))
            budget -= MOCK_MIN
        if p.coding and budget >= EXERCISE_MIN * 0.5:
            day.tasks.append(Task("exercise", EXERCISE_MIN))
            budget -= EXERCISE_MIN
        if p.design and study_index % 3 == 0 and budget >= DESIGN_MIN * 0.75:
            day.tasks.append(Task("design", DESIGN_MIN))
            budget -= DESIGN_MIN
        if need and budget >= NEW_ITEM_MIN:
            # the rest goes to the one or two topics furthest below their share of new-item time so far,
            # split between them in proportion to their need
            total = sum(given.values()) + budget
            ranked = sorted(need, key=lambda t: need[t] * total - given[t], reverse=True)[:2]
            weight = sum(need[t] for t in ranked)
            for n, topic in enumerate(ranked):
                share = budget if n == len(ranked) - 1 else budget * need[topic] / weight
                count = int(share // NEW_ITEM_MIN)
                if count == 0:
                    continue
                day.tasks.append(Task("new", round(count * NEW_ITEM_MIN), count, topic))
                given[topic] += count * NEW_ITEM_MIN
                budget -= count * NEW_ITEM_MIN
        days.append(day)
        study_index += 1
        d += timedelta(days=1)
    return days
