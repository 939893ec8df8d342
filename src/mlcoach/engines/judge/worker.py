"""`mlcoach worker`: judge tasks from the Redis queue until told to stop."""

from __future__ import annotations

import logging
import os
import threading

from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.pool import safe_judge
from mlcoach.engines.judge.queue import PREFIX, RedisQueue, exercise_from_dict

log = logging.getLogger("mlcoach.judge")


def serve(
    url: str, *, concurrency: int | None = None, stop: threading.Event | None = None, prefix: str = PREFIX
) -> int:
    """Run `concurrency` consumer threads (one per core by default); returns how many tasks were judged."""
    stop = stop or threading.Event()
    judge = Judge()
    count = [0]
    lock = threading.Lock()

    def consume() -> None:
        import redis

        queue = RedisQueue(url, prefix=prefix)
        try:
            while not stop.is_set():
                try:
                    task = queue.take(timeout=1.0)
                except redis.RedisError as exc:  # Redis restarting: wait and try again
                    log.warning("the judge queue is unreachable (%s); retrying", exc)
                    stop.wait(2.0)
                    continue
                if task is None:
                    continue
                try:
                    exercise = exercise_from_dict(task["exercise"])
                except (KeyError, TypeError, ValueError) as exc:
                    log.error("dropping a malformed task: %s", exc)
                    continue
                result = safe_judge(judge, exercise, str(task["code"]), str(task["which"]))
                queue.finish(str(task["id"]), result)
                with lock:
                    count[0] += 1
        finally:
            queue.close()

    threads = [
        threading.Thread(target=consume, name=f"mlcoach-worker-{n}", daemon=True)
        for n in range(concurrency or os.cpu_count() or 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0]
