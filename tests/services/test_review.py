from datetime import UTC, datetime, timedelta

import pytest

from mlcoach.content.search import Query
from mlcoach.domain.errors import BadRequest, NotFound
from mlcoach.services import review
from mlcoach.services.coach import Coach
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Prefs

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_deck_adds_studyable_items_once(coach: Coach, user: int) -> None:
    added = review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(kind="mcq"), NOW)
    assert added >= 1
    assert review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(kind="mcq"), NOW) == 0
    with pytest.raises(BadRequest):
        review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(kind="estimation"), NOW)


def test_new_card_limit_and_review_order(coach: Coach, user: int) -> None:
    review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(), NOW)
    review.update_settings(
        coach.sessions, user, desired_retention=0.9, new_per_day=2, reviews_per_day=100, auto_add_mistakes=True
    )
    q = review.queue(coach.sessions, user, NOW)
    assert len(q.new) == 2 and q.due == []
    first = q.next_id
    assert first is not None
    review.rate(coach.sessions, user, first, 3, NOW)
    q = review.queue(coach.sessions, user, NOW)
    assert q.new_today == 1 and len(q.new) == 1 and first not in q.new


def test_rating_moves_due_date_and_again_counts_as_wrong(coach: Coach, user: int) -> None:
    review.add_item(coach.sessions, coach.bank, user, "bias-variance-tradeoff", NOW)
    cid = review.queue(coach.sessions, user, NOW).next_id
    assert cid is not None
    after = review.rate(coach.sessions, user, cid, 1, NOW)
    assert after.lapses == 1 and after.due is not None and after.due > NOW
    after = review.rate(coach.sessions, user, cid, 3, after.due)
    after = review.rate(coach.sessions, user, cid, 3, after.due)  # type: ignore[arg-type]
    assert after.due is not None and after.due - NOW > timedelta(days=1)
    assert review.card(coach.sessions, user, cid).state.lapses == 1


def test_undo_restores_the_previous_state(coach: Coach, user: int) -> None:
    review.add_item(coach.sessions, coach.bank, user, "bias-variance-tradeoff", NOW)
    cid = review.queue(coach.sessions, user, NOW).next_id
    assert cid is not None
    before = review.card(coach.sessions, user, cid).state
    review.rate(coach.sessions, user, cid, 4, NOW)
    assert review.undo_last(coach.sessions, user) == cid
    restored = review.card(coach.sessions, user, cid).state
    assert restored.reps == before.reps == 0 and restored.due == before.due
    assert review.queue(coach.sessions, user, NOW).new_today == 0
    with pytest.raises(NotFound):
        review.undo_last(coach.sessions, user)


def test_backlog_is_capped_and_most_at_risk_first(coach: Coach, user: int) -> None:
    review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(), NOW)
    review.update_settings(
        coach.sessions, user, desired_retention=0.9, new_per_day=500, reviews_per_day=2, auto_add_mistakes=True
    )
    ids = review.queue(coach.sessions, user, NOW).new
    assert len(ids) >= 3
    for n, cid in enumerate(ids[:3]):  # three cards learned on different days
        t = NOW - timedelta(days=40 - 10 * n)
        s = review.rate(coach.sessions, user, cid, 3, t)
        review.rate(coach.sessions, user, cid, 3, s.due)  # type: ignore[arg-type]
    later = NOW + timedelta(days=60)
    q = review.queue(coach.sessions, user, later)
    assert q.due_total >= 3 and len(q.due) == 2  # the cap holds the rest back
    states = [review.card(coach.sessions, user, c).state for c in q.due]
    from mlcoach.domain.scheduling import retrievability

    assert retrievability(states[0], later) <= retrievability(states[1], later)


def test_fuzz_spreads_due_dates(coach: Coach, user: int) -> None:
    review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(), NOW)
    review.update_settings(
        coach.sessions, user, desired_retention=0.9, new_per_day=500, reviews_per_day=5000, auto_add_mistakes=True
    )
    dues = set()
    for cid in review.queue(coach.sessions, user, NOW).new[:8]:
        s = review.rate(coach.sessions, user, cid, 4, NOW)
        for _ in range(3):
            s = review.rate(coach.sessions, user, cid, 3, s.due)  # type: ignore[arg-type]
        dues.add(s.due.date())  # type: ignore[union-attr]
    assert len(dues) > 1


def test_settings_are_validated_and_cards_are_private(coach: Coach, user: int) -> None:
    with pytest.raises(BadRequest) as exc:
        review.update_settings(
            coach.sessions, user, desired_retention=1.5, new_per_day=1, reviews_per_day=1, auto_add_mistakes=True
        )
    assert exc.value.field == "desired_retention"
    review.add_item(coach.sessions, coach.bank, user, "bias-variance-tradeoff", NOW)
    cid = review.queue(coach.sessions, user, NOW).next_id
    from mlcoach.storage.repositories import Users

    with transaction(coach.sessions) as s:
        other = Users(s).add("other", "x").id
        assert Prefs(s, other).get().new_per_day == 15
    with pytest.raises(NotFound):
        review.rate(coach.sessions, other, cid, 3, NOW)  # type: ignore[arg-type]
