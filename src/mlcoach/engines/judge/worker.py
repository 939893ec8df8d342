"""`mlcoach worker`: judge tasks from the Redis queue until told to stop."""

from __future__ import annotations

import logging
import os
import threading
import uuid

from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.pool import safe_judge
from mlcoach.engines.judge.queue import ALIVE_TTL_S, PREFIX, RedisQueue, exercise_from_dict

log = logging.getLogger("mlcoach.judge")


def serve(
    url: str, *, concurrency: int | None = None, stop: threading.Event | None = None, prefix: str = PREFIX
) -> int:
    """Run `concurrency` consumer threads (one per core by default); returns how many tasks were judged.

    A heartbeat thread keeps this process's `alive` key fresh and, every few seconds, gives the tasks of
    workers that died while judging back to the queue (see queue.py)."""
    stop = stop or threading.Event()
    judge = Judge()
    count = [0]
    lock = threading.Lock()
    process_id = uuid.uuid4().hex
    alive = threading.Event()  # set once the first beat was attempted: consumers take tasks only after it

    def heartbeat() -> None:
        import redis

        queue = RedisQueue(url, prefix=prefix)
        try:
            while True:
                try:
                    queue.beat(process_id)
                    moved = queue.recover()
                    if moved:
                        log.warning("requeued %d task(s) of a worker that stopped while judging", moved)
                except redis.RedisError as exc:
                    log.warning("the judge queue is unreachable (%s); retrying", exc)
                alive.set()
                if stop.wait(ALIVE_TTL_S / 5):
                    break
        finally:
            queue.close()

    def consume(n: int) -> None:
        import redis

        queue = RedisQueue(url, prefix=prefix, consumer=f"{process_id}:{n}")
        alive.wait(10.0)
        try:
            while not stop.is_set():
                try:
                    task = queue.take(timeout=1.0)
                except redis.RedisError as exc:  # Redis restarting: wait and try again
                    log.warning("the judge queue is unreachable (%s); retrying", exc)
                    stop.wait(2.0)
                    continue
                except ValueError as exc:
                    log.error("dropping a malformed task: %s", exc)
                    continue
                if task is None:
                    continue
                try:
                    exercise = exercise_from_dict(task["exercise"])
                except (KeyError, TypeError, ValueError) as exc:
                    log.error("dropping a malformed task: %s", exc)
                    queue.drop(str(task["id"]))
                    continue
                result = safe_judge(judge, exercise, str(task["code"]), str(task["which"]))
                queue.finish(str(task["id"]), result)
                with lock:
                    count[0] += 1
        finally:
            queue.close()

    beating = threading.Thread(target=heartbeat, name="mlcoach-worker-heartbeat", daemon=True)
    beating.start()
    threads = [
        threading.Thread(target=consume, args=(n,), name=f"mlcoach-worker-{n}", daemon=True)
        for n in range(concurrency or os.cpu_count() or 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    beating.join()
    return count[0]
