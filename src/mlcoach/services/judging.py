"""Run and Submit for code and SQL exercises: judge in the sandbox, keep the submission, record the attempt.

Run judges the sample tests, Submit the hidden ones; both go through the same backend, sandbox and limits.
The backend is the in-process pool, or the Redis queue consumed by `mlcoach worker` when
MLCOACH_REDIS_URL is set. It is built on first use (never at import) and shared by the process.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mlcoach.domain.errors import BadRequest
from mlcoach.domain.exercises import Exercise
from mlcoach.domain.verdicts import SubmissionResult, Verdict
from mlcoach.services.review import mistake_to_review
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Attempts, utc
from mlcoach.storage.submissions import Submission, Submissions

if TYPE_CHECKING:
    from mlcoach.engines.judge.pool import Backend
    from mlcoach.services.coach import Coach
    from mlcoach.settings import Settings

MODES = {"run": "samples", "submit": "hidden"}
MAX_CODE_CHARS = 50_000
_backends: dict[str, Backend] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class SubmissionView:
    id: int
    exercise_id: str
    mode: str
    code: str
    result: SubmissionResult
    created_at: datetime

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict


def backend(settings: Settings) -> Backend:
    """The process-wide judging backend for these settings."""
    key = settings.redis_url
    with _lock:
        if key not in _backends:
            if settings.redis_url:
                from mlcoach.engines.judge.queue import RedisQueue

                _backends[key] = RedisQueue(settings.redis_url)
            else:
                from mlcoach.engines.judge.pool import JudgePool

                _backends[key] = JudgePool()
        return _backends[key]


def check_code(code: str) -> str:
    if not code.strip():
        raise BadRequest("write some code first", field="code")
    if len(code) > MAX_CODE_CHARS:
        raise BadRequest(f"the code has {len(code)} characters; the limit is {MAX_CODE_CHARS}", field="code")
    return code


def judge(coach: Coach, user_id: int, exercise_id: str, code: str, mode: str, now: datetime) -> SubmissionView:
    """Judge `code` (mode "run" = sample tests, "submit" = hidden tests) and store the submission.

    A Submit also records an attempt (mode "exercise", score 5 when accepted, else 0) for progress."""
    if mode not in MODES:
        raise BadRequest("mode must be run or submit", field="mode")
    exercise = coach.bank.exercise(exercise_id)
    code = check_code(code)
    result = backend(coach.settings).judge(exercise, code, MODES[mode])
    return record(coach, user_id, exercise, code, mode, result, now)


def score_for_mock(coach: Coach, exercise_id: str, code: str) -> dict[str, Any]:
    """Judge a mock interview's coding answer on the hidden tests: score = 5 x the share of tests passed."""
    exercise = coach.bank.exercise(exercise_id)
    result = backend(coach.settings).judge(exercise, check_code(code), MODES["submit"])
    return {**result.to_dict(), "score": round(5.0 * result.passed / max(1, result.total), 2)}


def record(
    coach: Coach, user_id: int, exercise: Exercise, code: str, mode: str, result: SubmissionResult, now: datetime
) -> SubmissionView:
    with transaction(coach.sessions) as s:
        row = Submissions(s, user_id).add(
            Submission(
                exercise_id=exercise.id,
                mode=mode,
                code=code,
                verdict=result.verdict.value,
                passed=result.passed,
                total=result.total,
                time_ms=result.time_ms,
                memory_kb=result.memory_kb,
                result=json.dumps(result.to_dict()),
                created_at=now,
            )
        )
        if mode == "submit":
            summary = {
                "verdict": result.verdict.value,
                "passed": result.passed,
                "total": result.total,
                "submission": row.id,
            }
            Attempts(s, user_id).add(
                exercise.id, "exercise", 5.0 if result.accepted else 0.0, result.accepted, code, summary, now
            )
            if not result.accepted:  # a failed exercise becomes a review card
                mistake_to_review(s, user_id, exercise.id, now)
        return _view(row)


def _view(row: Submission) -> SubmissionView:
    return SubmissionView(
        id=row.id,
        exercise_id=row.exercise_id,
        mode=row.mode,
        code=row.code,
        result=SubmissionResult.from_dict(json.loads(row.result)),
        created_at=utc(row.created_at) or row.created_at,
    )


def history(coach: Coach, user_id: int, exercise_id: str, limit: int = 20) -> list[SubmissionView]:
    with transaction(coach.sessions) as s:
        return [_view(r) for r in Submissions(s, user_id).for_exercise(exercise_id, limit)]


def get(coach: Coach, user_id: int, submission_id: int) -> SubmissionView:
    with transaction(coach.sessions) as s:
        return _view(Submissions(s, user_id).get(submission_id))


def statuses(coach: Coach, user_id: int) -> dict[str, str]:
    with transaction(coach.sessions) as s:
        return Submissions(s, user_id).statuses()
