"""Time to compute today's review queue for a user with 10,000 cards and 100,000 review logs.

Target: under 50 ms. Pass the URL of an empty PostgreSQL database as the argument to measure it
there. The baseline, run in the same process, loads every card of the user and filters and
sorts in Python, which is what the indexed query avoids.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from mlcoach.domain.scheduling import retrievability
from mlcoach.services.accounts import local_user_id
from mlcoach.services.coach import Coach
from mlcoach.services.review import today_queue
from mlcoach.settings import load_settings
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Cards, card_state
from mlcoach.storage.tables import Card, ReviewLog

CARDS, LOGS = 10_000, 100_000
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def populate(coach: Coach, uid: int) -> None:
    rng = random.Random(7)
    cards = []
    for n in range(CARDS):
        last = NOW - timedelta(days=rng.uniform(1, 120))
        stability = rng.uniform(0.5, 90)
        cards.append(
            {
                "user_id": uid,
                "item_id": f"item-{n}",
                "state": 2,
                "step": None,
                "stability": stability,
                "difficulty": rng.uniform(1, 10),
                "due": last + timedelta(days=stability),
                "last_review": last,
                "reps": rng.randint(1, 20),
                "lapses": rng.randint(0, 3),
                "source": "deck",
                "added_at": last,
            }
        )
    with transaction(coach.sessions) as s:
        s.execute(insert(Card), cards)
    before = json.dumps({"state": 2, "reps": 1})
    with transaction(coach.sessions) as s:
        for chunk in range(0, LOGS, 20_000):
            s.execute(
                insert(ReviewLog),
                [
                    {
                        "user_id": uid,
                        "card_id": 1 + rng.randrange(CARDS),
                        "item_id": "x",
                        "rating": rng.randint(1, 4),
                        "reviewed_at": NOW - timedelta(minutes=rng.randint(0, 200_000)),
                        "duration_ms": 4000,
                        "first_review": False,
                        "before": before,
                    }
                    for _ in range(chunk, min(LOGS, chunk + 20_000))
                ],
            )


def median_ms(fn: Callable[[], object], runs: int = 15) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main(url: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"MLCOACH_DATA_DIR": tmp}
        if url:
            env["MLCOACH_DATABASE_URL"] = url
        coach = Coach(load_settings(env))
        coach.migrate()
        uid = local_user_id(coach.sessions)
        populate(coach, uid)

        def queue() -> None:
            with transaction(coach.sessions) as s:
                today_queue(s, uid, NOW)

        def baseline() -> None:
            with transaction(coach.sessions) as s:
                every = [(c.id, card_state(c)) for c in Cards(s, uid).all()]
                due = [(i, st) for i, st in every if st.due and st.due <= NOW]
                sorted(due, key=lambda e: retrievability(e[1], NOW))

        q_ms, b_ms = median_ms(queue), median_ms(baseline, runs=5)
        with transaction(coach.sessions) as s:
            due = today_queue(s, uid, NOW).due_total
        print(f"database: {coach.settings.database.split(':')[0]}  cards: {CARDS}  logs: {LOGS}  due now: {due}")
        print(f"today's queue         : {q_ms:7.1f} ms  (target < 50 ms)")
        print(f"load-everything scan  : {b_ms:7.1f} ms  (baseline)  ratio {q_ms / b_ms:.2f}x")
        coach.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
