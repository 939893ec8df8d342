"""Multi-user mode: the Redis queue and `mlcoach worker` processes, against the real Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from mlcoach.content.loader import load_bank
from mlcoach.domain.verdicts import SubmissionResult, Verdict
from mlcoach.engines.judge.queue import RedisQueue, exercise_from_dict, exercise_to_dict
from mlcoach.engines.judge.worker import serve

REDIS = os.environ.get("MLCOACH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def prefix() -> Iterator[str]:
    """A private key prefix per test, removed afterwards."""
    import redis

    try:
        client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("MLCOACH_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but does not answer: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS}")
    name = f"mlcoach-test:{uuid.uuid4().hex[:8]}"
    yield name
    for key in client.scan_iter(f"{name}:*"):
        client.delete(key)
    client.close()


def test_exercises_travel_through_the_queue_unchanged() -> None:
    for ex in load_bank().exercises.values():
        assert exercise_from_dict(exercise_to_dict(ex)) == ex


def test_worker_threads_judge_queued_submissions(prefix: str) -> None:
    ex = load_bank().exercise("two-sum-indices")
    stop = threading.Event()
    worker = threading.Thread(target=serve, args=(REDIS,), kwargs={"concurrency": 2, "stop": stop, "prefix": prefix})
    worker.start()
    try:
        queue = RedisQueue(REDIS, prefix=prefix, wait_s=60)
        ids = [queue.enqueue(ex, code, "hidden") for code in (ex.reference, ex.wrong[-1], ex.reference)]
        verdicts = [queue.result(i).verdict for i in ids]
        assert verdicts == [Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.ACCEPTED]
        assert queue.pending() == 0
        queue.close()
    finally:
        stop.set()
        worker.join(10)


def test_a_task_taken_by_a_worker_that_died_is_judged_by_another(prefix: str) -> None:
    """A worker process killed mid-task (simulated: it took the task, never finished it and never said it
    was alive) loses nothing: a live worker moves the task back to the queue and judges it."""
    ex = load_bank().exercise("two-sum-indices")
    web = RedisQueue(REDIS, prefix=prefix, wait_s=60)
    dead = RedisQueue(REDIS, prefix=prefix, consumer="deadbeef:0")
    task_id = web.enqueue(ex, ex.reference, "hidden")
    taken = dead.take(timeout=1)
    assert taken is not None and taken["id"] == task_id
    assert web.pending() == 0 and dead.redis.llen(dead.processing) == 1
    stop = threading.Event()
    worker = threading.Thread(target=serve, args=(REDIS,), kwargs={"concurrency": 1, "stop": stop, "prefix": prefix})
    worker.start()
    try:
        assert web.result(task_id).verdict is Verdict.ACCEPTED
        assert dead.redis.llen(dead.processing) == 0
    finally:
        stop.set()
        worker.join(10)
        web.close()
        dead.close()


def test_a_live_workers_task_in_progress_is_left_alone(prefix: str) -> None:
    ex = load_bank().exercise("two-sum-indices")
    web = RedisQueue(REDIS, prefix=prefix)
    busy = RedisQueue(REDIS, prefix=prefix, consumer="cafe:0")
    busy.beat("cafe")
    web.enqueue(ex, ex.reference, "hidden")
    taken = busy.take(timeout=1)
    assert taken is not None
    assert web.recover() == 0 and busy.redis.llen(busy.processing) == 1
    busy.finish(str(taken["id"]), SubmissionResult(Verdict.ACCEPTED))
    assert busy.redis.llen(busy.processing) == 0, "a finished task leaves the list"
    busy.redis.delete(f"{prefix}:alive:cafe")
    web.close()
    busy.close()


def test_no_worker_means_a_clear_internal_error(prefix: str) -> None:
    ex = load_bank().exercise("two-sum-indices")
    queue = RedisQueue(REDIS, prefix=prefix)
    result = queue.result(queue.enqueue(ex, ex.reference, "samples"), timeout=1)
    assert result.verdict is Verdict.INTERNAL_ERROR and "mlcoach worker" in result.message
    queue.close()


def test_mlcoach_worker_command_consumes_the_queue(prefix: str, tmp_path: object) -> None:
    """The real `worker()` command function in its own process, stopped with SIGTERM."""
    code = (
        "import sys, mlcoach.engines.judge.worker as w, mlcoach.engines.judge.queue as q\n"
        f"q.PREFIX = {prefix!r}\n"
        "w.PREFIX = q.PREFIX\n"
        "from mlcoach.cli.judge import worker\n"
        "import functools\n"
        "w.serve = functools.partial(w.serve, prefix=q.PREFIX)\n"
        "worker(concurrency=1)\n"
    )
    env = {**os.environ, "MLCOACH_REDIS_URL": REDIS, "MLCOACH_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)
    try:
        ex = load_bank().exercise("second-highest-salary")
        queue = RedisQueue(REDIS, prefix=prefix, wait_s=60)
        assert queue.judge(ex, ex.reference, "all").verdict is Verdict.ACCEPTED
        queue.close()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "judging from redis://" in err and "stopped after 1 submissions" in err


def test_the_worker_refuses_to_start_without_redis(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MLCOACH_REDIS_URL"}
    env["MLCOACH_DATA_DIR"] = str(tmp_path)
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", "from mlcoach.cli.judge import worker; worker(concurrency=1)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0 and "MLCOACH_REDIS_URL" in out.stderr
    assert time.monotonic() - started < 30


def test_the_service_uses_the_queue_when_redis_is_configured(tmp_path: object) -> None:
    from mlcoach.engines.judge.pool import JudgePool
    from mlcoach.services.judging import backend
    from mlcoach.settings import load_settings

    queued = backend(load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_REDIS_URL": REDIS}))
    local = backend(load_settings({"MLCOACH_DATA_DIR": str(tmp_path)}))
    assert isinstance(queued, RedisQueue) and isinstance(local, JudgePool)
