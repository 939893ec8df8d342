"""Flashcard review: decks, today's queue, ratings saved atomically, undo, and mistakes turned into cards."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.content.search import Query, SearchIndex
from mlcoach.domain.errors import BadRequest, NotFound
from mlcoach.domain.items import Kind
from mlcoach.domain.scheduling import CardState, Rating, interval_text, review
from mlcoach.services.clock import day_start
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Cards, Logs, Prefs, apply_state, card_state, utc

STUDYABLE = {Kind.CONCEPT, Kind.MCQ, Kind.BEHAVIORAL, Kind.DESIGN}


@dataclass(frozen=True)
class CardView:
    id: int
    item_id: str
    state: CardState
    source: str


@dataclass(frozen=True)
class Queue:
    due: list[int]  # card ids, most at risk first, already capped by the daily review limit
    new: list[int]  # unseen card ids allowed today
    due_total: int  # every due card, before the cap
    reviewed_today: int
    new_today: int

    @property
    def next_id(self) -> int | None:
        """Reviews first, then new cards."""
        if self.due:
            return self.due[0]
        return self.new[0] if self.new else None

    @property
    def remaining(self) -> int:
        return len(self.due) + len(self.new)


def today_queue(s: Session, user_id: int, now: datetime) -> Queue:
    prefs = Prefs(s, user_id).get()
    reviewed, introduced = Logs(s, user_id).counts_since(day_start(now))
    review_room = max(0, prefs.reviews_per_day - reviewed)
    due, due_total = Cards(s, user_id).most_at_risk(now, review_room)
    new_room = max(0, prefs.new_per_day - introduced)
    new = [c.id for c in Cards(s, user_id).unseen(new_room)] if new_room else []
    return Queue(due=due, new=new, due_total=due_total, reviewed_today=reviewed, new_today=introduced)


def queue(sessions: sessionmaker[Session], user_id: int, now: datetime) -> Queue:
    with transaction(sessions) as s:
        return today_queue(s, user_id, now)


def card(sessions: sessionmaker[Session], user_id: int, card_id: int) -> CardView:
    with transaction(sessions) as s:
        c = Cards(s, user_id).get(card_id)
        return CardView(c.id, c.item_id, card_state(c), c.source)


def preview_intervals(state: CardState, now: datetime, retention: float) -> dict[int, str]:
    """What each rating would schedule (shown on the buttons, as Anki does), without fuzz."""
    return {
        int(r): interval_text(now, review(state, r, now, desired_retention=retention, fuzz=False).due or now)
        for r in Rating
    }


def retention_of(sessions: sessionmaker[Session], user_id: int) -> float:
    with transaction(sessions) as s:
        return float(Prefs(s, user_id).get().desired_retention)


def rate(
    sessions: sessionmaker[Session],
    user_id: int,
    card_id: int,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
) -> CardState:
    """Apply a rating and store its log in one transaction: committed before the next card is shown."""
    if rating not in (1, 2, 3, 4):
        raise BadRequest("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)", field="rating")
    with transaction(sessions) as s:
        c = Cards(s, user_id).get(card_id)
        before = card_state(c)
        retention = Prefs(s, user_id).get().desired_retention
        after = review(before, Rating(rating), now, desired_retention=retention)
        apply_state(c, after)
        Logs(s, user_id).add(c, rating, now, before, duration_ms)
        return after


def undo_last(sessions: sessionmaker[Session], user_id: int) -> int:
    """Undo the newest rating: restore the card's previous state and drop the log. Returns the card id."""
    with transaction(sessions) as s:
        logs = Logs(s, user_id)
        last = logs.last()
        if last is None:
            raise NotFound("there is no rating to undo")
        c = Cards(s, user_id).get(last.card_id)
        apply_state(c, CardState.from_dict(json.loads(last.before)))
        c.due = utc(CardState.from_dict(json.loads(last.before)).due) or c.due
        logs.remove(last)
        return c.id


def add_deck(
    sessions: sessionmaker[Session],
    bank: Bank,
    index: SearchIndex,
    user_id: int,
    query: Query,
    now: datetime,
) -> int:
    """Add every studyable item matching the query to the user's cards; returns how many were new."""
    ids = [i.id for i in index.search(query) if i.kind in STUDYABLE]
    if not ids:
        raise BadRequest("no studyable item matches that deck", field="deck")
    with transaction(sessions) as s:
        return Cards(s, user_id).add_many(ids, now, "deck")


def add_item(sessions: sessionmaker[Session], bank: Bank, user_id: int, item_id: str, now: datetime) -> bool:
    bank.get(item_id)
    with transaction(sessions) as s:
        return Cards(s, user_id).add(item_id, now, "manual")[1]


def mistake_to_review(s: Session, user_id: int, item_id: str, now: datetime) -> bool:
    """Within an answer's transaction: put a missed item into review (unless the user turned it off)."""
    if not Prefs(s, user_id).get().auto_add_mistakes:
        return False
    c, created = Cards(s, user_id).add(item_id, now, "mistake")
    if not created and c.reps > 0:
        c.due = min(utc(c.due) or now, now)  # due again now
    return True


def update_settings(
    sessions: sessionmaker[Session],
    user_id: int,
    *,
    desired_retention: float,
    new_per_day: int,
    reviews_per_day: int,
    auto_add_mistakes: bool,
) -> None:
    if not 0.7 <= desired_retention <= 0.97:
        raise BadRequest("desired retention must be between 0.70 and 0.97", field="desired_retention")
    if not 0 <= new_per_day <= 500:
        raise BadRequest("new cards per day must be between 0 and 500", field="new_per_day")
    if not 1 <= reviews_per_day <= 5000:
        raise BadRequest("reviews per day must be between 1 and 5000", field="reviews_per_day")
    with transaction(sessions) as s:
        p = Prefs(s, user_id).get()
        p.desired_retention, p.new_per_day = desired_retention, new_per_day
        p.reviews_per_day, p.auto_add_mistakes = reviews_per_day, auto_add_mistakes
