"""Multiple-choice quizzes by tag and length: immediate feedback, a summary, results feed mastery."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.content.search import Query, SearchIndex
from mlcoach.domain.errors import BadRequest, Conflict
from mlcoach.domain.items import Item, Kind
from mlcoach.services.review import mistake_to_review
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Attempts, Quizzes
from mlcoach.storage.tables import Quiz

MAX_QUESTIONS = 50


@dataclass(frozen=True)
class QuizView:
    id: int
    title: str
    item_ids: list[str]
    choices: list[int]
    finished: bool

    @property
    def position(self) -> int:
        return len(self.choices)

    @property
    def current(self) -> str | None:
        return self.item_ids[self.position] if self.position < len(self.item_ids) else None


@dataclass(frozen=True)
class Answered:
    item: Item
    choice: int
    correct: bool
    added_to_review: bool


def _view(q: Quiz) -> QuizView:
    return QuizView(q.id, q.title, json.loads(q.item_ids), json.loads(q.choices), q.finished_at is not None)


def start(
    sessions: sessionmaker[Session],
    index: SearchIndex,
    user_id: int,
    query: Query,
    length: int,
    now: datetime,
    rng: random.Random | None = None,
) -> QuizView:
    if not 1 <= length <= MAX_QUESTIONS:
        raise BadRequest(f"a quiz has 1 to {MAX_QUESTIONS} questions", field="length")
    pool = [i.id for i in index.search(Query(**{**query.__dict__, "kind": "mcq"}))]
    if not pool:
        raise BadRequest("no multiple-choice question matches these filters", field="topic")
    chosen = (rng or random.Random()).sample(pool, min(length, len(pool)))
    title = " · ".join(v for v in (query.topic, query.company, query.role, query.round) if v) or "mixed"
    with transaction(sessions) as s:
        return _view(Quizzes(s, user_id).add(title, chosen, now))


def get(sessions: sessionmaker[Session], user_id: int, quiz_id: int) -> QuizView:
    with transaction(sessions) as s:
        return _view(Quizzes(s, user_id).get(quiz_id))


def answer(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    quiz_id: int,
    choice: int,
    now: datetime,
) -> Answered:
    """Record the choice for the current question; a wrong answer puts the item into review."""
    with transaction(sessions) as s:
        quiz = Quizzes(s, user_id).get(quiz_id)
        view = _view(quiz)
        if view.current is None:
            raise Conflict("this quiz is already finished", field="quiz")
        item = bank.get(view.current)
        if item.kind is not Kind.MCQ or not 0 <= choice < len(item.options):
            raise BadRequest("choose one of the options", field="option")
        correct = item.options[choice].correct
        quiz.choices = json.dumps([*view.choices, choice])
        if len(view.choices) + 1 == len(view.item_ids):
            quiz.finished_at = now
        Attempts(s, user_id).add(item.id, "quiz", 5.0 if correct else 0.0, correct, str(choice), {"quiz": quiz_id}, now)
        added = False if correct else mistake_to_review(s, user_id, item.id, now)
        return Answered(item, choice, correct, added)


@dataclass(frozen=True)
class Summary:
    total: int
    right: int
    wrong_items: list[Item]

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


def summary(bank: Bank, view: QuizView) -> Summary:
    wrong, right = [], 0
    for item_id, choice in zip(view.item_ids, view.choices, strict=False):
        item = bank.items.get(item_id)
        if item is None:
            continue
        if item.options[choice].correct:
            right += 1
        else:
            wrong.append(item)
    return Summary(total=len(view.choices), right=right, wrong_items=wrong)
