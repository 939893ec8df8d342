"""Repositories for practice data. Each is bound to one user and filters every query on it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, delete, func, literal, select
from sqlalchemy.orm import Session

from mlcoach.domain.errors import NotFound
from mlcoach.domain.scheduling import CardState
from mlcoach.storage.tables import Attempt, Card, Quiz, ReviewLog, UserSettings


def utc(moment: datetime | None) -> datetime | None:
    """SQLite drops the zone of stored datetimes; everything we store is UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def card_state(card: Card) -> CardState:
    return CardState(
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=utc(card.due),
        last_review=utc(card.last_review),
        reps=card.reps,
        lapses=card.lapses,
    )


def apply_state(card: Card, s: CardState) -> None:
    card.state, card.step, card.stability, card.difficulty = s.state, s.step, s.stability, s.difficulty
    card.due = s.due or card.due
    card.last_review, card.reps, card.lapses = s.last_review, s.reps, s.lapses


class Cards:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def _q(self):  # type: ignore[no-untyped-def]
        return select(Card).where(Card.user_id == self.user_id)

    def get(self, card_id: int) -> Card:
        card = self.s.scalar(self._q().where(Card.id == card_id))
        if card is None:
            raise NotFound(f"no card {card_id}")
        return card

    def for_item(self, item_id: str) -> Card | None:
        return self.s.scalar(self._q().where(Card.item_id == item_id))

    def item_ids(self) -> set[str]:
        return set(self.s.scalars(select(Card.item_id).where(Card.user_id == self.user_id)))

    def add(self, item_id: str, now: datetime, source: str) -> tuple[Card, bool]:
        """The card for an item, created (due now, unseen) when missing; the flag says if it was new."""
        existing = self.for_item(item_id)
        if existing is not None:
            return existing, False
        card = Card(
            user_id=self.user_id,
            item_id=item_id,
            state=1,
            step=0,
            due=now,
            reps=0,
            lapses=0,
            source=source,
            added_at=now,
        )
        self.s.add(card)
        self.s.flush()
        return card, True

    def add_many(self, item_ids: Sequence[str], now: datetime, source: str) -> int:
        have = self.item_ids()
        fresh = [i for i in dict.fromkeys(item_ids) if i not in have]
        self.s.add_all(
            Card(
                user_id=self.user_id, item_id=i, state=1, step=0, due=now, reps=0, lapses=0, source=source, added_at=now
            )
            for i in fresh
        )
        self.s.flush()
        return len(fresh)

    def due_reviewed(self, now: datetime) -> list[Card]:
        """Cards seen before and due now."""
        return list(self.s.scalars(self._q().where(Card.due <= now, Card.reps > 0)))

    def most_at_risk(self, now: datetime, limit: int) -> tuple[list[int], int]:
        """The `limit` due cards least likely to be recalled, and how many are due in all.

        FSRS retrievability falls as elapsed/stability grows, so the database orders by that ratio
        (then by how overdue) and returns only what fits today: no card rows are loaded into Python.
        """
        due_filter = (Card.user_id == self.user_id, Card.due <= now, Card.reps > 0)
        total = int(self.s.scalar(select(func.count()).select_from(Card).where(*due_filter)) or 0)
        if not total or limit <= 0:
            return [], total
        bind = self.s.get_bind()
        if bind.dialect.name == "sqlite":
            stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
            elapsed = func.julianday(stamp) - func.julianday(Card.last_review)
        else:
            elapsed = func.extract("epoch", literal(now, DateTime(timezone=True)) - Card.last_review) / 86400.0
        ratio = elapsed / func.nullif(Card.stability, 0.0)
        ids = self.s.scalars(select(Card.id).where(*due_filter).order_by(ratio.desc(), Card.due).limit(limit))
        return list(ids), total

    def unseen(self, limit: int) -> list[Card]:
        return list(self.s.scalars(self._q().where(Card.reps == 0).order_by(Card.added_at, Card.id).limit(limit)))

    def all(self) -> list[Card]:
        return list(self.s.scalars(self._q().order_by(Card.id)))

    def count(self) -> int:
        return int(self.s.scalar(select(func.count()).select_from(Card).where(Card.user_id == self.user_id)) or 0)

    def remove(self, card_id: int) -> None:
        self.s.delete(self.get(card_id))
        self.s.flush()


class Logs:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def add(self, card: Card, rating: int, now: datetime, before: CardState, duration_ms: int | None) -> ReviewLog:
        log = ReviewLog(
            user_id=self.user_id,
            card_id=card.id,
            item_id=card.item_id,
            rating=rating,
            reviewed_at=now,
            duration_ms=duration_ms,
            first_review=before.reps == 0,
            before=json.dumps(before.to_dict()),
        )
        self.s.add(log)
        self.s.flush()
        return log

    def last(self) -> ReviewLog | None:
        return self.s.scalar(
            select(ReviewLog).where(ReviewLog.user_id == self.user_id).order_by(ReviewLog.id.desc()).limit(1)
        )

    def counts_since(self, start: datetime) -> tuple[int, int]:
        """(reviews of seen cards, first reviews of new cards) since `start`."""
        rows = self.s.execute(
            select(ReviewLog.first_review, func.count())
            .where(ReviewLog.user_id == self.user_id, ReviewLog.reviewed_at >= start)
            .group_by(ReviewLog.first_review)
        ).all()
        by = {bool(k): int(v) for k, v in rows}
        return by.get(False, 0), by.get(True, 0)

    def since(self, start: datetime) -> list[ReviewLog]:
        return list(
            self.s.scalars(select(ReviewLog).where(ReviewLog.user_id == self.user_id, ReviewLog.reviewed_at >= start))
        )

    def all(self) -> list[ReviewLog]:
        return list(self.s.scalars(select(ReviewLog).where(ReviewLog.user_id == self.user_id).order_by(ReviewLog.id)))

    def remove(self, log: ReviewLog) -> None:
        self.s.delete(log)
        self.s.flush()


class Attempts:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def add(
        self,
        item_id: str,
        mode: str,
        score: float,
        correct: bool | None,
        answer: str,
        feedback: dict[str, Any],
        now: datetime,
    ) -> Attempt:
        a = Attempt(
            user_id=self.user_id,
            item_id=item_id,
            mode=mode,
            score=score,
            correct=correct,
            answer=answer,
            feedback=json.dumps(feedback),
            created_at=now,
        )
        self.s.add(a)
        self.s.flush()
        return a

    def recent(self, limit: int = 50) -> list[Attempt]:
        return list(
            self.s.scalars(
                select(Attempt).where(Attempt.user_id == self.user_id).order_by(Attempt.id.desc()).limit(limit)
            )
        )

    def all(self) -> list[Attempt]:
        return list(self.s.scalars(select(Attempt).where(Attempt.user_id == self.user_id).order_by(Attempt.id)))


class Prefs:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def get(self) -> UserSettings:
        prefs = self.s.get(UserSettings, self.user_id)
        if prefs is None:
            prefs = UserSettings(
                user_id=self.user_id, desired_retention=0.9, new_per_day=15, reviews_per_day=150, auto_add_mistakes=True
            )
            self.s.add(prefs)
            self.s.flush()
        return prefs


class Quizzes:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def add(self, title: str, item_ids: list[str], now: datetime) -> Quiz:
        quiz = Quiz(user_id=self.user_id, title=title, item_ids=json.dumps(item_ids), choices="[]", created_at=now)
        self.s.add(quiz)
        self.s.flush()
        return quiz

    def get(self, quiz_id: int) -> Quiz:
        quiz = self.s.scalar(select(Quiz).where(Quiz.id == quiz_id, Quiz.user_id == self.user_id))
        if quiz is None:
            raise NotFound(f"no quiz {quiz_id}")
        return quiz

    def all(self) -> list[Quiz]:
        return list(self.s.scalars(select(Quiz).where(Quiz.user_id == self.user_id).order_by(Quiz.id)))


def wipe_user_practice(session: Session, user_id: int) -> None:
    """Remove a user's practice data (used by import, which replaces it)."""
    for table in (ReviewLog, Attempt, Quiz, Card):
        session.execute(delete(table).where(table.user_id == user_id))
    session.execute(delete(UserSettings).where(UserSettings.user_id == user_id))
