"""Written practice: the candidate answers in their own words and gets feedback.

With the grader installed (mlcoach.engines.grader) the answer is scored 0-5 against the rubric; without it
the reference is shown and the candidate rates themselves. Either way the result updates the card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest
from mlcoach.domain.items import Item, Kind
from mlcoach.domain.scheduling import Rating, rating_from_score, review
from mlcoach.services.review import mistake_to_review
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Attempts, Cards, Logs, Prefs, apply_state, card_state

WRITABLE = {Kind.CONCEPT, Kind.DESIGN, Kind.BEHAVIORAL, Kind.ESTIMATION}
WEAK_SCORE = 3.0


@dataclass(frozen=True)
class WrittenResult:
    item: Item
    score: float
    feedback: dict[str, Any]
    rating: Rating
    added_to_review: bool


def grade_answer(
    item: Item, answer: str, llm: dict[str, str] | None = None, bank: Bank | None = None
) -> dict[str, Any] | None:
    """The grader's feedback as a dict, or None when the grader is not installed. With `bank`, an answer
    to another question on the item's topic is recognised as such (see engines/grader/off_target.py)."""
    try:
        from mlcoach.engines import grader
    except ImportError:
        return None
    neighbours = bank.neighbours(item) if bank is not None else ()
    data: dict[str, Any] = grader.grade(item, answer, neighbours=neighbours, llm=llm).to_dict()
    return data


def check_answer(item: Item, answer: str, limit: int) -> str:
    if item.kind not in WRITABLE:
        raise BadRequest("this item is answered by choosing an option, not in writing", field="item_id")
    text = answer.strip()
    if len(text) > limit:
        raise BadRequest(f"the answer has {len(text)} characters; the limit is {limit}", field="answer")
    return text


def record(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    item_id: str,
    answer: str,
    score: float,
    feedback: dict[str, Any],
    now: datetime,
    limit: int,
) -> WrittenResult:
    """Store the attempt and move the item's card by the score, in one transaction."""
    item = bank.get(item_id)
    text = check_answer(item, answer, limit)
    if not 0 <= score <= 5:
        raise BadRequest("score must be between 0 and 5", field="score")
    rating = rating_from_score(score)
    with transaction(sessions) as s:
        Attempts(s, user_id).add(item.id, "written", score, score >= WEAK_SCORE, text, feedback, now)
        added = mistake_to_review(s, user_id, item.id, now) if score < WEAK_SCORE else False
        card = Cards(s, user_id).for_item(item.id)
        if card is not None:
            before = card_state(card)
            retention = Prefs(s, user_id).get().desired_retention
            apply_state(card, review(before, rating, now, desired_retention=retention))
            Logs(s, user_id).add(card, int(rating), now, before, None)
    return WrittenResult(item, score, feedback, rating, added)
