"""Multi-user backend: a Redis list of judging tasks consumed by `mlcoach worker` processes.

The web process pushes a task (the exercise itself, the code, which tests) and blocks on a per-task
result list; any worker on any machine pops the task, judges it in its own sandbox and pushes the
result back. The exercise travels with the task, so workers need no copy of the content packs.

A task is never lost with a worker: taking it moves it atomically (BLMOVE) onto the consumer's own
`processing` list, and it leaves that list only when its result is pushed. Each worker process keeps an
`alive` key with a short TTL fresh; a worker that finds a `processing` list whose process has no `alive`
key (it was killed, or its machine went away) moves the tasks back to the queue, where they are taken
next and judged again while the web process is still waiting.
"""

from __future__ import annotations

import dataclasses
import json
import math
import uuid
from typing import Any

from mlcoach.domain.exercises import Checker, Exercise, Language, Limits, TestCase
from mlcoach.domain.verdicts import SubmissionResult, Verdict

PREFIX = "mlcoach:judge"
RESULT_TTL_S = 600
ALIVE_TTL_S = 15  # a worker process refreshes its key every few seconds; 15 s without means it is gone


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

    def __init__(self, url: str, *, prefix: str = PREFIX, wait_s: float = 180.0, consumer: str = "") -> None:
        """`consumer` ("<process id>:<n>") names a worker thread's own list of tasks in progress."""
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix, self.wait_s = prefix, wait_s
        self.tasks = f"{prefix}:tasks"
        self.processing = f"{prefix}:processing:{consumer or uuid.uuid4().hex + ':0'}"
        self._taken: dict[str, str] = {}  # task id -> the task as stored, to remove it when finished

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
        """The oldest task, moved onto this consumer's `processing` list until `finish` or `drop`."""
        got = self.redis.blmove(self.tasks, self.processing, max(1, math.ceil(timeout)), "RIGHT", "LEFT")
        if got is None:
            return None
        raw = got.decode() if isinstance(got, bytes) else str(got)
        try:
            task = json.loads(raw)
            task_id = str(task["id"])
        except (ValueError, TypeError, KeyError):
            self.redis.lrem(self.processing, 1, raw)
            raise ValueError("a task that is not a JSON object with an id") from None
        self._taken[task_id] = raw
        return dict(task)

    def finish(self, task_id: str, result: SubmissionResult) -> None:
        key = f"{self.prefix}:result:{task_id}"
        pipe = self.redis.pipeline()
        pipe.rpush(key, json.dumps(result.to_dict()))
        pipe.expire(key, RESULT_TTL_S)
        raw = self._taken.pop(task_id, None)
        if raw is not None:
            pipe.lrem(self.processing, 1, raw)
        pipe.execute()

    def drop(self, task_id: str) -> None:
        """Forget a task that cannot be judged (malformed), without a result."""
        raw = self._taken.pop(task_id, None)
        if raw is not None:
            self.redis.lrem(self.processing, 1, raw)

    def beat(self, process_id: str) -> None:
        """Say that worker process `process_id` is alive (for `ALIVE_TTL_S` seconds)."""
        self.redis.set(f"{self.prefix}:alive:{process_id}", "1", ex=ALIVE_TTL_S)

    def recover(self) -> int:
        """Move the tasks of worker processes that are no longer alive back to the queue; how many moved."""
        moved = 0
        start = len(f"{self.prefix}:processing:")
        for key in self.redis.scan_iter(match=f"{self.prefix}:processing:*"):
            name = key.decode() if isinstance(key, bytes) else str(key)
            process_id = name[start:].rsplit(":", 1)[0]
            if self.redis.exists(f"{self.prefix}:alive:{process_id}"):
                continue
            while self.redis.lmove(name, self.tasks, "RIGHT", "RIGHT") is not None:
                moved += 1
        return moved

    def pending(self) -> int:
        return int(self.redis.llen(self.tasks))

    def close(self) -> None:
        self.redis.close()
