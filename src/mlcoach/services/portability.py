"""A user's data as one JSON document: export everything, import it back (replacing what is there).

Format (version 1): {"format": "mlcoach-user-data", "version": 1, "exported_at", "settings", "cards",
"review_logs", "attempts", "quizzes", "notes", "submissions", "mocks", "study_plan"}. Card ids inside the file
are local to it: logs point at cards through `card` (the card's index in the file's list), so an import into
another database works; a mock's answers travel inside it. `submissions` (code and SQL exercise runs with
their verdicts), `mocks` (mock interviews with their answers and reports) and `study_plan` came later: a file
without one of these keys leaves that part of the user's data as it is, so importing an older export loses
nothing.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from mlcoach.domain.errors import BadRequest
from mlcoach.storage.db import transaction
from mlcoach.storage.mock_tables import Mock, MockAnswer
from mlcoach.storage.plan_tables import StudyPlan
from mlcoach.storage.practice_repo import Attempts, Cards, Logs, Prefs, Quizzes, utc, wipe_user_practice
from mlcoach.storage.repositories import Notes
from mlcoach.storage.submissions import Submission, Submissions
from mlcoach.storage.tables import Attempt, Card, Note, Quiz, ReviewLog

FORMAT = "mlcoach-user-data"
VERSION = 1


def _iso(moment: datetime | None) -> str | None:
    m = utc(moment)
    return m.isoformat() if m else None


def export_user(sessions: sessionmaker[Session], user_id: int, now: datetime) -> dict[str, Any]:
    with transaction(sessions) as s:
        prefs = Prefs(s, user_id).get()
        cards = Cards(s, user_id).all()
        index = {c.id: n for n, c in enumerate(cards)}
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": now.isoformat(),
            "settings": {
                "desired_retention": prefs.desired_retention,
                "new_per_day": prefs.new_per_day,
                "reviews_per_day": prefs.reviews_per_day,
                "auto_add_mistakes": prefs.auto_add_mistakes,
            },
            "cards": [
                {
                    "item_id": c.item_id,
                    "state": c.state,
                    "step": c.step,
                    "stability": c.stability,
                    "difficulty": c.difficulty,
                    "due": _iso(c.due),
                    "last_review": _iso(c.last_review),
                    "reps": c.reps,
                    "lapses": c.lapses,
                    "source": c.source,
                    "added_at": _iso(c.added_at),
                }
                for c in cards
            ],
            "review_logs": [
                {
                    "card": index[g.card_id],
                    "item_id": g.item_id,
                    "rating": g.rating,
                    "reviewed_at": _iso(g.reviewed_at),
                    "duration_ms": g.duration_ms,
                    "first_review": g.first_review,
                    "before": json.loads(g.before),
                }
                for g in Logs(s, user_id).all()
            ],
            "attempts": [
                {
                    "item_id": a.item_id,
                    "mode": a.mode,
                    "score": a.score,
                    "correct": a.correct,
                    "answer": a.answer,
                    "feedback": json.loads(a.feedback),
                    "created_at": _iso(a.created_at),
                }
                for a in Attempts(s, user_id).all()
            ],
            "quizzes": [
                {
                    "title": q.title,
                    "item_ids": json.loads(q.item_ids),
                    "choices": json.loads(q.choices),
                    "created_at": _iso(q.created_at),
                    "finished_at": _iso(q.finished_at),
                }
                for q in Quizzes(s, user_id).all()
            ],
            "notes": [
                {
                    "item_id": n.item_id,
                    "body": n.body,
                    "created_at": _iso(n.created_at),
                    "updated_at": _iso(n.updated_at),
                }
                for n in Notes(s, user_id).list()
            ],
            "submissions": [
                {
                    "exercise_id": x.exercise_id,
                    "mode": x.mode,
                    "code": x.code,
                    "verdict": x.verdict,
                    "passed": x.passed,
                    "total": x.total,
                    "time_ms": x.time_ms,
                    "memory_kb": x.memory_kb,
                    "result": json.loads(x.result),
                    "created_at": _iso(x.created_at),
                }
                for x in Submissions(s, user_id).all()
            ],
            "mocks": _export_mocks(s, user_id),
            "study_plan": _export_plan(s, user_id),
        }


def _export_mocks(s: Session, user_id: int) -> list[dict[str, Any]]:
    mocks = s.scalars(select(Mock).where(Mock.user_id == user_id).order_by(Mock.id)).all()
    answers: dict[int, list[MockAnswer]] = {}
    for a in s.scalars(select(MockAnswer).where(MockAnswer.user_id == user_id).order_by(MockAnswer.id)):
        answers.setdefault(a.mock_id, []).append(a)
    return [
        {
            "title": m.title,
            "company": m.company,
            "role": m.role,
            "plan": json.loads(m.plan),
            "round_started": json.loads(m.round_started or "{}"),
            "position": m.position,
            "pending_follow_up": m.pending_follow_up,
            "created_at": _iso(m.created_at),
            "finished_at": _iso(m.finished_at),
            "report": json.loads(m.report) if m.report else None,
            "answers": [
                {
                    "round_index": a.round_index,
                    "question_index": a.question_index,
                    "item_id": a.item_id,
                    "prompt": a.prompt,
                    "answer": a.answer,
                    "score": a.score,
                    "late": a.late,
                    "follow_up": a.follow_up,
                    "feedback": json.loads(a.feedback or "{}"),
                    "answered_at": _iso(a.answered_at),
                }
                for a in answers.get(m.id, [])
            ],
        }
        for m in mocks
    ]


def _export_plan(s: Session, user_id: int) -> dict[str, Any] | None:
    plan = s.get(StudyPlan, user_id)
    if plan is None:
        return None
    return {
        "roles": json.loads(plan.roles),
        "companies": json.loads(plan.companies),
        "interview_date": plan.interview_date.isoformat(),
        "minutes_per_day": plan.minutes_per_day,
        "days_off": json.loads(plan.days_off),
        "updated_at": _iso(plan.updated_at),
    }


class _Doc:
    """Reads the document with messages that name the bad field, e.g. `cards[3].due`."""

    def __init__(self, data: Any) -> None:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BadRequest(f'not an mlcoach export (expected "format": "{FORMAT}")', field="format")
        if data.get("version") != VERSION:
            raise BadRequest(f"unsupported export version {data.get('version')!r}", field="version")
        self.data = data

    def rows(self, key: str) -> list[dict[str, Any]]:
        rows = self.data.get(key, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BadRequest(f"'{key}' must be a list of objects", field=key)
        return rows

    @staticmethod
    def when(row: dict[str, Any], key: str, where: str, *, optional: bool = False) -> datetime | None:
        raw = row.get(key)
        if raw is None and optional:
            return None
        try:
            moment = datetime.fromisoformat(str(raw))
        except ValueError:
            raise BadRequest(f"{where}.{key} is not an ISO date-time: {raw!r}", field=f"{where}.{key}") from None
        if moment.tzinfo is None:
            raise BadRequest(f"{where}.{key} has no time zone", field=f"{where}.{key}")
        return moment

    @staticmethod
    def need(row: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
        value = row.get(key)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise BadRequest(f"{where}.{key} is missing or has the wrong type", field=f"{where}.{key}")
        return value


def import_user(sessions: sessionmaker[Session], user_id: int, data: Any) -> dict[str, int]:
    """Replace the user's data with the document's, all or nothing."""
    doc = _Doc(data)
    with transaction(sessions) as s:
        wipe_user_practice(s, user_id)
        s.execute(delete(Note).where(Note.user_id == user_id))
        settings = doc.data.get("settings") or {}
        prefs = Prefs(s, user_id).get()
        for key in ("desired_retention", "new_per_day", "reviews_per_day", "auto_add_mistakes"):
            if key in settings:
                setattr(prefs, key, settings[key])
        cards = []
        for n, row in enumerate(doc.rows("cards")):
            w = f"cards[{n}]"
            card = Card(
                user_id=user_id,
                item_id=doc.need(row, "item_id", str, w),
                state=doc.need(row, "state", int, w),
                step=row.get("step"),
                stability=row.get("stability"),
                difficulty=row.get("difficulty"),
                due=doc.when(row, "due", w),
                last_review=doc.when(row, "last_review", w, optional=True),
                reps=doc.need(row, "reps", int, w),
                lapses=doc.need(row, "lapses", int, w),
                source=str(row.get("source", "deck")),
                added_at=doc.when(row, "added_at", w),
            )
            cards.append(card)
        s.add_all(cards)
        s.flush()
        for n, row in enumerate(doc.rows("review_logs")):
            w = f"review_logs[{n}]"
            ref = doc.need(row, "card", int, w)
            if not 0 <= ref < len(cards):
                raise BadRequest(f"{w}.card points at no card", field=f"{w}.card")
            s.add(
                ReviewLog(
                    user_id=user_id,
                    card_id=cards[ref].id,
                    item_id=cards[ref].item_id,
                    rating=doc.need(row, "rating", int, w),
                    reviewed_at=doc.when(row, "reviewed_at", w),
                    duration_ms=row.get("duration_ms"),
                    first_review=bool(row.get("first_review")),
                    before=json.dumps(row.get("before") or {}),
                )
            )
        for n, row in enumerate(doc.rows("attempts")):
            w = f"attempts[{n}]"
            s.add(
                Attempt(
                    user_id=user_id,
                    item_id=doc.need(row, "item_id", str, w),
                    mode=doc.need(row, "mode", str, w),
                    score=float(doc.need(row, "score", (int, float), w)),
                    correct=row.get("correct"),
                    answer=str(row.get("answer", "")),
                    feedback=json.dumps(row.get("feedback") or {}),
                    created_at=doc.when(row, "created_at", w),
                )
            )
        for n, row in enumerate(doc.rows("quizzes")):
            w = f"quizzes[{n}]"
            s.add(
                Quiz(
                    user_id=user_id,
                    title=str(row.get("title", "")),
                    item_ids=json.dumps(doc.need(row, "item_ids", list, w)),
                    choices=json.dumps(doc.need(row, "choices", list, w)),
                    created_at=doc.when(row, "created_at", w),
                    finished_at=doc.when(row, "finished_at", w, optional=True),
                )
            )
        for n, row in enumerate(doc.rows("notes")):
            w = f"notes[{n}]"
            s.add(
                Note(
                    user_id=user_id,
                    item_id=doc.need(row, "item_id", str, w),
                    body=doc.need(row, "body", str, w),
                    created_at=doc.when(row, "created_at", w),
                    updated_at=doc.when(row, "updated_at", w),
                )
            )
        if "submissions" in doc.data:
            _import_submissions(s, user_id, doc)
        if "mocks" in doc.data:
            _import_mocks(s, user_id, doc)
        if "study_plan" in doc.data:
            _import_plan(s, user_id, doc)
        s.flush()
        counts = {
            k: len(doc.rows(k))
            for k in ("cards", "review_logs", "attempts", "quizzes", "notes", "submissions", "mocks")
        }
        return {**counts, "study_plan": int(doc.data.get("study_plan") is not None)}


def _import_mocks(s: Session, user_id: int, doc: _Doc) -> None:
    s.execute(delete(MockAnswer).where(MockAnswer.user_id == user_id))
    s.execute(delete(Mock).where(Mock.user_id == user_id))
    for n, row in enumerate(doc.rows("mocks")):
        w = f"mocks[{n}]"
        report = row.get("report")
        if report is not None and not isinstance(report, dict):
            raise BadRequest(f"{w}.report must be an object or null", field=f"{w}.report")
        mock = Mock(
            user_id=user_id,
            title=doc.need(row, "title", str, w),
            company=str(row.get("company") or ""),
            role=str(row.get("role") or ""),
            plan=json.dumps(doc.need(row, "plan", list, w)),
            round_started=json.dumps(row.get("round_started") or {}),
            position=doc.need(row, "position", str, w),
            pending_follow_up=str(row.get("pending_follow_up") or ""),
            created_at=doc.when(row, "created_at", w),
            finished_at=doc.when(row, "finished_at", w, optional=True),
            report=json.dumps(report) if report is not None else "",
        )
        s.add(mock)
        s.flush()
        answers = row.get("answers", [])
        if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
            raise BadRequest(f"{w}.answers must be a list of objects", field=f"{w}.answers")
        for k, a in enumerate(answers):
            wa = f"{w}.answers[{k}]"
            score = a.get("score")
            if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
                raise BadRequest(f"{wa}.score must be a number or null", field=f"{wa}.score")
            s.add(
                MockAnswer(
                    mock_id=mock.id,
                    user_id=user_id,
                    round_index=doc.need(a, "round_index", int, wa),
                    question_index=doc.need(a, "question_index", int, wa),
                    item_id=doc.need(a, "item_id", str, wa),
                    prompt=doc.need(a, "prompt", str, wa),
                    answer=doc.need(a, "answer", str, wa),
                    score=float(score) if score is not None else None,
                    late=bool(a.get("late")),
                    follow_up=bool(a.get("follow_up")),
                    feedback=json.dumps(a.get("feedback") or {}),
                    answered_at=doc.when(a, "answered_at", wa),
                )
            )


def _import_plan(s: Session, user_id: int, doc: _Doc) -> None:
    s.execute(delete(StudyPlan).where(StudyPlan.user_id == user_id))
    row = doc.data.get("study_plan")
    if row is None:
        return
    w = "study_plan"
    if not isinstance(row, dict):
        raise BadRequest("study_plan must be an object or null", field=w)
    try:
        interview = date.fromisoformat(str(row.get("interview_date")))
    except ValueError:
        raise BadRequest(f"{w}.interview_date is not an ISO date", field=f"{w}.interview_date") from None
    s.add(
        StudyPlan(
            user_id=user_id,
            roles=json.dumps(doc.need(row, "roles", list, w)),
            companies=json.dumps(doc.need(row, "companies", list, w)),
            interview_date=interview,
            minutes_per_day=doc.need(row, "minutes_per_day", int, w),
            days_off=json.dumps(doc.need(row, "days_off", list, w)),
            updated_at=doc.when(row, "updated_at", w),
        )
    )


def _import_submissions(s: Session, user_id: int, doc: _Doc) -> None:
    repo = Submissions(s, user_id)
    repo.wipe()
    for n, row in enumerate(doc.rows("submissions")):
        w = f"submissions[{n}]"
        mode = doc.need(row, "mode", str, w)
        if mode not in ("run", "submit"):
            raise BadRequest(f"{w}.mode must be 'run' or 'submit', not {mode!r}", field=f"{w}.mode")
        repo.add(
            Submission(
                exercise_id=doc.need(row, "exercise_id", str, w),
                mode=mode,
                code=doc.need(row, "code", str, w),
                verdict=doc.need(row, "verdict", str, w),
                passed=doc.need(row, "passed", int, w),
                total=doc.need(row, "total", int, w),
                time_ms=doc.need(row, "time_ms", int, w),
                memory_kb=doc.need(row, "memory_kb", int, w),
                result=json.dumps(doc.need(row, "result", dict, w)),
                created_at=doc.when(row, "created_at", w),
            )
        )
