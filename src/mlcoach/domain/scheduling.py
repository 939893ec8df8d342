"""Spaced repetition on top of FSRS (the `fsrs` package, the algorithm Anki uses).

Pure functions: time is always passed in, never read, so tests are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

DEFAULT_RETENTION = 0.9
# FSRS's forgetting curve: R(t) = (1 + FACTOR * t / S) ** DECAY, with t and S in days.
DECAY = -0.1542
FACTOR = 0.9 ** (1 / DECAY) - 1


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True)
class CardState:
    """What the scheduler needs of a card; storage keeps these columns."""

    state: int = 1  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0  # times the candidate got it wrong (rated Again)

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat() if self.due else None,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CardState:
        return cls(
            state=int(d["state"]),
            step=d.get("step"),
            stability=d.get("stability"),
            difficulty=d.get("difficulty"),
            due=datetime.fromisoformat(d["due"]) if d.get("due") else None,
            last_review=datetime.fromisoformat(d["last_review"]) if d.get("last_review") else None,
            reps=int(d.get("reps", 0)),
            lapses=int(d.get("lapses", 0)),
        )


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC)


def review(
    card: CardState,
    rating: Rating,
    now: datetime,
    *,
    desired_retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
) -> CardState:
    """The card after a rating at `now`. Fuzz spreads due dates so backlogs do not pile up on one day."""
    import fsrs

    now = _aware(now)
    scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)
    current = fsrs.Card(
        card_id=1,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_aware(card.due) if card.due else now,
        last_review=_aware(card.last_review) if card.last_review else None,
    )
    updated, _log = scheduler.review_card(current, fsrs.Rating(int(rating)), review_datetime=now)
    return replace(
        card,
        state=int(updated.state),
        step=updated.step,
        stability=updated.stability,
        difficulty=updated.difficulty,
        due=updated.due,
        last_review=now,
        reps=card.reps + 1,
        lapses=card.lapses + (1 if rating is Rating.AGAIN else 0),
    )


def retrievability(card: CardState, now: datetime) -> float:
    """Probability of recall now; 0 for a card never reviewed."""
    if card.stability is None or card.last_review is None:
        return 0.0
    days = max(0.0, (_aware(now) - _aware(card.last_review)).total_seconds() / 86400)
    return float((1 + FACTOR * days / card.stability) ** DECAY)


def rating_from_score(score: float) -> Rating:
    """Map a 0-5 graded score onto a rating: what a candidate would honestly press."""
    if score < 2.0:
        return Rating.AGAIN
    if score < 3.0:
        return Rating.HARD
    if score < 4.3:
        return Rating.GOOD
    return Rating.EASY


def interval_text(now: datetime, due: datetime) -> str:
    delta = _aware(due) - _aware(now)
    if delta < timedelta(hours=1):
        return f"{max(1, round(delta.total_seconds() / 60))} min"
    if delta < timedelta(days=1):
        return f"{round(delta.total_seconds() / 3600)} h"
    days = delta.total_seconds() / 86400
    return f"{round(days)} d" if days < 60 else f"{days / 30:.1f} mo"
