import json
import random
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlcoach.content.search import Query
from mlcoach.domain.errors import BadRequest, Conflict
from mlcoach.services import quiz, review, written
from mlcoach.services.anki import export_apkg
from mlcoach.services.coach import Coach
from mlcoach.services.portability import export_user, import_user
from mlcoach.services.progress import progress

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def wrong_choice(coach: Coach, item_id: str) -> int:
    item = coach.bank.get(item_id)
    return next(i for i, o in enumerate(item.options) if not o.correct)


def test_quiz_runs_to_a_summary_and_wrong_answers_join_review(coach: Coach, user: int) -> None:
    view = quiz.start(coach.sessions, coach.index, user, Query(), 1, NOW, random.Random(1))
    assert len(view.item_ids) == 1 and view.current is not None
    result = quiz.answer(coach.sessions, coach.bank, user, view.id, wrong_choice(coach, view.current), NOW)
    assert result.correct is False and result.added_to_review is True
    done = quiz.get(coach.sessions, user, view.id)
    assert done.finished and quiz.summary(coach.bank, done).right == 0
    assert review.queue(coach.sessions, user, NOW).remaining == 1
    with pytest.raises(Conflict):
        quiz.answer(coach.sessions, coach.bank, user, view.id, 0, NOW)


def test_quiz_validates_length_and_filters(coach: Coach, user: int) -> None:
    with pytest.raises(BadRequest) as exc:
        quiz.start(coach.sessions, coach.index, user, Query(), 0, NOW)
    assert exc.value.field == "length"
    with pytest.raises(BadRequest):
        quiz.start(coach.sessions, coach.index, user, Query(text="zzqqxx"), 5, NOW)


def test_mistakes_can_be_kept_out_of_review(coach: Coach, user: int) -> None:
    review.update_settings(
        coach.sessions, user, desired_retention=0.9, new_per_day=10, reviews_per_day=100, auto_add_mistakes=False
    )
    view = quiz.start(coach.sessions, coach.index, user, Query(), 1, NOW)
    assert view.current is not None
    result = quiz.answer(coach.sessions, coach.bank, user, view.id, wrong_choice(coach, view.current), NOW)
    assert result.added_to_review is False and review.queue(coach.sessions, user, NOW).remaining == 0


def test_weak_written_answer_joins_review_and_strong_one_moves_the_card(coach: Coach, user: int) -> None:
    limit = coach.settings.max_field_chars
    weak = written.record(
        coach.sessions, coach.bank, user, "bias-variance-tradeoff", "no idea", 1.0, {"grader": "self"}, NOW, limit
    )
    assert weak.added_to_review and int(weak.rating) == 1
    cid = review.queue(coach.sessions, user, NOW + timedelta(minutes=5)).next_id
    assert cid is not None
    strong = written.record(
        coach.sessions,
        coach.bank,
        user,
        "bias-variance-tradeoff",
        "a full answer",
        5.0,
        {"grader": "self"},
        NOW + timedelta(minutes=5),
        limit,
    )
    assert not strong.added_to_review
    assert review.card(coach.sessions, user, cid).state.reps == 2
    with pytest.raises(BadRequest):
        written.record(coach.sessions, coach.bank, user, "regularization-l1-sparsity", "x", 3.0, {}, NOW, limit)


def test_progress_reflects_study(coach: Coach, user: int) -> None:
    empty = progress(coach.sessions, coach.bank, user, NOW)
    assert empty.topics == [] and empty.streak == 0
    written.record(
        coach.sessions,
        coach.bank,
        user,
        "bias-variance-tradeoff",
        "answer",
        4.0,
        {},
        NOW,
        coach.settings.max_field_chars,
    )
    p = progress(coach.sessions, coach.bank, user, NOW)
    topic = next(g for g in p.topics if g.group == "ml-fundamentals")
    assert topic.studied == 1 and 0 < topic.mastery <= topic.quality <= 1
    assert p.streak == 1 and p.history[0].item_id == "bias-variance-tradeoff"
    assert sum(n for _d, n in p.forecast) == 0  # no cards yet


def test_export_import_round_trip(coach: Coach, user: int) -> None:
    review.add_deck(coach.sessions, coach.bank, coach.index, user, Query(kind="concept"), NOW)
    cid = review.queue(coach.sessions, user, NOW).next_id
    assert cid is not None
    review.rate(coach.sessions, user, cid, 3, NOW)
    written.record(
        coach.sessions,
        coach.bank,
        user,
        "bias-variance-tradeoff",
        "answer",
        2.5,
        {"x": 1},
        NOW,
        coach.settings.max_field_chars,
    )
    quiz.start(coach.sessions, coach.index, user, Query(), 1, NOW)
    from mlcoach.services.notes import save_note

    save_note(coach.sessions, coach.bank, user, "bias-variance-tradeoff", "my note", 1000)
    _submit(coach, user, "def f():\n    return 1\n")
    data = export_user(coach.sessions, user, NOW)
    assert [x["code"] for x in data["submissions"]] == ["def f():\n    return 1\n"]
    text = json.dumps(data)
    from mlcoach.storage.db import transaction
    from mlcoach.storage.repositories import Users

    with transaction(coach.sessions) as s:
        other = Users(s).add("restored", "x").id
    counts = import_user(coach.sessions, other, json.loads(text))
    assert counts["cards"] == len(data["cards"]) and counts["review_logs"] == 2 and counts["submissions"] == 1
    again = export_user(coach.sessions, other, NOW)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in data.items() if k != "exported_at"
    }


def _submit(coach: Coach, user: int, code: str) -> None:
    from mlcoach.storage.db import transaction
    from mlcoach.storage.submissions import Submission, Submissions

    with transaction(coach.sessions) as s:
        Submissions(s, user).add(
            Submission(
                exercise_id="two-sum",
                mode="submit",
                code=code,
                verdict="accepted",
                passed=3,
                total=3,
                time_ms=12,
                memory_kb=900,
                result=json.dumps({"verdict": "accepted", "tests": []}),
                created_at=NOW,
            )
        )


def test_an_older_export_without_submissions_keeps_them(coach: Coach, user: int) -> None:
    _submit(coach, user, "print(1)")
    older = export_user(coach.sessions, user, NOW)
    del older["submissions"]
    counts = import_user(coach.sessions, user, older)
    assert counts["submissions"] == 0
    assert [x["code"] for x in export_user(coach.sessions, user, NOW)["submissions"]] == ["print(1)"]
    bad = export_user(coach.sessions, user, NOW)
    bad["submissions"][0]["mode"] = "sprint"
    with pytest.raises(BadRequest) as exc:
        import_user(coach.sessions, user, bad)
    assert exc.value.field == "submissions[0].mode"
    assert len(export_user(coach.sessions, user, NOW)["submissions"]) == 1  # nothing lost


def test_import_rejects_bad_documents_and_keeps_existing_data(coach: Coach, user: int) -> None:
    review.add_item(coach.sessions, coach.bank, user, "bias-variance-tradeoff", NOW)
    good = export_user(coach.sessions, user, NOW)
    with pytest.raises(BadRequest) as exc:
        import_user(coach.sessions, user, {"format": "something-else"})
    assert exc.value.field == "format"
    broken = json.loads(json.dumps(good))
    broken["cards"][0]["due"] = "tomorrow"
    with pytest.raises(BadRequest) as exc:
        import_user(coach.sessions, user, broken)
    assert exc.value.field == "cards[0].due"
    assert len(export_user(coach.sessions, user, NOW)["cards"]) == 1  # nothing lost


def test_anki_package_is_a_real_collection(coach: Coach, tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    items = [i for i in coach.bank.items.values() if i.kind.value in ("mcq", "concept")]
    assert export_apkg(items, out) == len(items)
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = [row[0] for row in db.execute("select flds from notes")]
    assert len(fields) == len(items)
    assert any("bias-variance-tradeoff" in f and "Key points" in f for f in fields)


def test_mock_interviews_and_the_study_plan_travel_with_the_export(coach: Coach, user: int) -> None:
    from datetime import date

    from mlcoach.services import mock, plan
    from mlcoach.services.mock_plan import custom_loop
    from mlcoach.storage.db import transaction
    from mlcoach.storage.repositories import Users

    mid = mock.start(coach.sessions, coach.bank, user, custom_loop(["ml-theory"], coach.bank), "", NOW, {}, seed=1)
    question = mock.view(coach.sessions, coach.bank, user, mid, NOW).question
    assert question is not None
    mock.submit(coach.sessions, coach.bank, user, mid, "I am not sure.", NOW, limit=20000)
    mock.finish(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=5))
    plan.save_targets(
        coach.sessions,
        coach.bank,
        user,
        roles=["ml-engineer"],
        companies=[],
        interview=date(2026, 4, 1),
        hours_per_day=1.5,
        days_off=[6],
        today=NOW.date(),
        now=NOW,
    )
    data = export_user(coach.sessions, user, NOW)
    assert len(data["mocks"]) == 1 and data["mocks"][0]["answers"][0]["answer"] == "I am not sure."
    assert data["mocks"][0]["report"] is not None and data["study_plan"]["interview_date"] == "2026-04-01"
    with transaction(coach.sessions) as s:
        other = Users(s).add("moved", "x").id
    counts = import_user(coach.sessions, other, json.loads(json.dumps(data)))
    assert counts["mocks"] == 1 and counts["study_plan"] == 1
    again = export_user(coach.sessions, other, NOW)
    assert again["mocks"] == data["mocks"] and again["study_plan"] == data["study_plan"]
    history = mock.history(coach.sessions, other)
    assert len(history) == 1 and history[0][3] is not None  # the report reads back
    broken = json.loads(json.dumps(data))
    broken["mocks"][0]["answers"][0]["answered_at"] = "yesterday"
    with pytest.raises(BadRequest) as exc:
        import_user(coach.sessions, other, broken)
    assert exc.value.field == "mocks[0].answers[0].answered_at"
    assert len(export_user(coach.sessions, other, NOW)["mocks"]) == 1  # nothing lost
