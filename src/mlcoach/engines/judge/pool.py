"""The default backend: an in-process pool of judging threads.

The work itself runs in sandboxed child processes, so threads are enough here; the pool only bounds how
many sandboxes run at once (one per core by default), so a burst of submissions queues instead of
overloading the machine.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from mlcoach.domain.exercises import Exercise
from mlcoach.domain.verdicts import SubmissionResult, Verdict
from mlcoach.engines.judge.judge import Judge

log = logging.getLogger("mlcoach.judge")


class Backend(Protocol):
    def judge(self, exercise: Exercise, code: str, which: str) -> SubmissionResult: ...

    def close(self) -> None: ...


def safe_judge(judge: Judge, exercise: Exercise, code: str, which: str) -> SubmissionResult:
    """Never raises: a bug or an OS failure in the judge becomes an internal-error verdict."""
    try:
        return judge.judge(exercise, code, which)
    except Exception as exc:
        log.exception("judging %s failed", exercise.id)
        return SubmissionResult(Verdict.INTERNAL_ERROR, message=f"the judge failed: {type(exc).__name__}: {exc}")


class JudgePool:
    def __init__(self, workers: int | None = None, judge: Judge | None = None) -> None:
        self.workers = workers or os.cpu_count() or 2
        self.judge_engine = judge or Judge()
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="mlcoach-judge")

    def submit(self, exercise: Exercise, code: str, which: str) -> Future[SubmissionResult]:
        return self._executor.submit(safe_judge, self.judge_engine, exercise, code, which)

    def judge(self, exercise: Exercise, code: str, which: str) -> SubmissionResult:
        return self.submit(exercise, code, which).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
