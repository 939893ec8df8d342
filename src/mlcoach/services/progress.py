"""Progress: mastery by topic, readiness by round, reviews per day, the review forecast, streaks, history."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.mastery import GroupMastery, group_mastery, item_mastery
from mlcoach.domain.scheduling import retrievability
from mlcoach.services.clock import day_start
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Attempts, Cards, Logs, card_state, utc


@dataclass(frozen=True)
class AttemptRow:
    item_id: str
    mode: str
    score: float
    correct: bool | None
    at: datetime


@dataclass(frozen=True)
class Progress:
    topics: list[GroupMastery]
    rounds: list[GroupMastery]
    reviews_per_day: list[tuple[date, int]]  # last 30 days, oldest first
    forecast: list[tuple[date, int]]  # next 30 days, today first (overdue counted today)
    streak: int
    active_days: set[date]
    history: list[AttemptRow]
    cards: int
    reviews_total: int


def _local_day(moment: datetime) -> date:
    return day_start(moment).astimezone().date()


def progress(sessions: sessionmaker[Session], bank: Bank, user_id: int, now: datetime) -> Progress:
    with transaction(sessions) as s:
        cards = Cards(s, user_id).all()
        logs = Logs(s, user_id).all()
        attempts = Attempts(s, user_id).all()
        recall = {c.item_id: retrievability(card_state(c), now) for c in cards if c.reps > 0}
        scores: dict[str, list[float]] = defaultdict(list)
        for a in attempts:
            scores[a.item_id].append(a.score)
        history = [
            AttemptRow(a.item_id, a.mode, a.score, a.correct, utc(a.created_at) or now)
            for a in reversed(attempts[-100:])
        ]
        log_days = [_local_day(utc(entry.reviewed_at) or now) for entry in logs]
        due_days = [_local_day(max(utc(c.due) or now, now)) for c in cards]
    per_item = {}
    for item_id in set(recall) | set(scores):
        m = item_mastery(recall.get(item_id), scores.get(item_id, []))
        if m is not None and (item_id in bank.items or item_id in bank.exercises):
            per_item[item_id] = m
    by_topic: dict[str, list[str]] = defaultdict(list)
    by_round: dict[str, list[str]] = defaultdict(list)
    tagged: list[tuple[str, tuple[str, ...], str]] = [(i.id, i.topics, i.round) for i in bank.items.values()]
    tagged += [(e.id, e.topics, e.round) for e in bank.exercises.values()]
    for entry_id, topics, round_ in tagged:
        for t in topics:
            by_topic[t].append(entry_id)
        by_round[round_].append(entry_id)
    today = _local_day(now)
    per_day = Counter(log_days)
    active = set(per_day) | {_local_day(a.at) for a in history}
    due = Counter(due_days)
    streak, day = 0, today
    if day not in active:
        day -= timedelta(days=1)  # today not started yet: the streak still counts up to yesterday
    while day in active:
        streak += 1
        day -= timedelta(days=1)
    return Progress(
        topics=[g for g in group_mastery(by_topic, per_item) if g.studied],
        rounds=group_mastery(by_round, per_item),
        reviews_per_day=[
            (today - timedelta(days=d), per_day.get(today - timedelta(days=d), 0)) for d in range(29, -1, -1)
        ],
        forecast=[(today + timedelta(days=d), due.get(today + timedelta(days=d), 0)) for d in range(30)],
        streak=streak,
        active_days=active,
        history=history,
        cards=len(cards),
        reviews_total=len(logs),
    )
