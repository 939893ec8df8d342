"""Multi-user backend: a Redis list of judging tasks consumed by `mlcoach worker` processes.

The web process pushes a task (the exercise itself, the code, which tests) and blocks on a per-task
result list; any worker on any machine pops the task, judges it in its own sandbox and pushes the
result back. The exercise travels with the task, so workers need no copy of the content packs.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

from mlcoach.domain.exercises import Checker, Exercise, Language, Limits, TestCase
from mlcoach.domain.verdicts import SubmissionResult, Verdict

PREFIX = "mlcoach:judge"
RESULT_TTL_S = 600


def exercise_to_dict(exercise: Exercise) -> dict[str, Any]:
    return json.loads(json.dumps(dataclasses.asdict(exercise), default=str))


def exercise_from_dict(data: dict[str, Any]) -> Exercise:
    def test(t: dict[str, Any]) -> TestCase:
        return TestCase(
            name=t["name"],
            args=tuple(t["args"]) if t.get("args") is not None else None,
            ops=tuple(tuple(o) for o in t["ops"]) if t.get("ops") is not None else None,
            generate=t.get("generate"),
            expected=t.get("expected"),
            has_expected=bool(t.get("has_expected")),
            setup=t.get("setup", ""),
        )

    fields = dict(data)
    fields.update(
        language=Language(data["language"]),
        checker=Checker(data["checker"]),
        limits=Limits(**data["limits"]),
        samples=tuple(test(t) for t in data["samples"]),
        hidden=tuple(test(t) for t in data["hidden"]),
        **{k: tuple(data[k]) for k in ("topics", "roles", "companies", "wrong", "hints")},
    )
    return Exercise(**fields)


class RedisQueue:
    """Both sides of the queue: `judge` for the web process, `take`/`finish` for workers."""

    def __init__(self, url: str, *, prefix: str = PREFIX, wait_s: float = 180.0) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix, self.wait_s = prefix, wait_s
        self.tasks = f"{prefix}:tasks"

    def enqueue(self, exercise: Exercise, code: str, which: str) -> str:
        task_id = uuid.uuid4().hex
        task = {"id": task_id, "exercise": exercise_to_dict(exercise), "code": code, "which": which}
        self.redis.lpush(self.tasks, json.dumps(task))
        return task_id

    def result(self, task_id: str, timeout: float | None = None) -> SubmissionResult:
        got = self.redis.blpop([f"{self.prefix}:result:{task_id}"], timeout=timeout or self.wait_s)
        if got is None:
            return SubmissionResult(
                Verdict.INTERNAL_ERROR,
                message=f"no judge worker answered within {timeout or self.wait_s:.0f} s; is `mlcoach worker` running?",
            )
        return SubmissionResult.from_dict(json.loads(got[1]))

    def judge(self, exercise: Exercise, code: str, which: str) -> SubmissionResult:
        return self.result(self.enqueue(exercise, code, which))

    def take(self, timeout: float = 1.0) -> dict[str, Any] | None:
        got = self.redis.brpop([self.tasks], timeout=timeout)
        return None if got is None else json.loads(got[1])

    def finish(self, task_id: str, result: SubmissionResult) -> None:
        key = f"{self.prefix}:result:{task_id}"
        pipe = self.redis.pipeline()
        pipe.rpush(key, json.dumps(result.to_dict()))
        pipe.expire(key, RESULT_TTL_S)
        pipe.execute()

    def pending(self) -> int:
        return int(self.redis.llen(self.tasks))

    def close(self) -> None:
        self.redis.close()
