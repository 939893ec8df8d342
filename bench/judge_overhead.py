"""Judge benchmark: what the sandbox costs, and how many submissions per second a machine judges.

    .venv/bin/python bench/judge_overhead.py [--runs 30] [--submissions 40] [--json]

1. Overhead, measured in the same run: a bare `python3 -I -c pass` (the same interpreter binary the
   judge uses, called directly, not through a shim) against the sandbox doing the same nothing (bwrap,
   namespaces, mounts, the runner starting, setting rlimits, dropping the uid, installing seccomp), and
   against a whole one-test submission (sandbox + executor + checker).
2. Throughput: Run (samples) and Submit (hidden tests) of a Python and an SQL exercise through the
   in-process pool with one worker per core, submissions per second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from mlcoach.content.loader import load_bank
from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.pool import JudgePool
from mlcoach.engines.judge.sandbox import ProcessLimits, Sandbox, detect, interpreter


def timed(fn: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def empty_sandbox(sandbox: Sandbox) -> None:
    with sandbox.spawn({"language": "probe"}, ProcessLimits(address_space_mb=512, cpu_s=10)) as proc:
        while not any(kind == "exit" for kind, _ in proc.read(10)):
            pass


def throughput(pool: JudgePool, jobs: list[tuple[Any, str, str]]) -> float:
    start = time.perf_counter()
    futures = [pool.submit(ex, code, which) for ex, code, which in jobs]
    results = [f.result() for f in futures]
    elapsed = time.perf_counter() - start
    assert all(r.accepted for r in results), [r.message for r in results if not r.accepted]
    return len(jobs) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    exe, _ = interpreter()
    kind = detect()
    sandbox = Sandbox(kind)
    bank = load_bank()
    two_sum, salary = bank.exercise("two-sum-indices"), bank.exercise("second-highest-salary")
    judge = Judge(sandbox)
    judge.judge(salary, salary.reference, "all")  # warm the reference cache and the page cache

    bare = timed(lambda: subprocess.run([exe, "-I", "-c", "pass"], check=True), args.runs)
    empty = timed(lambda: empty_sandbox(sandbox), args.runs)
    one_test = timed(lambda: judge.judge(two_sum, two_sum.reference, "samples"), args.runs)
    workers = os.cpu_count() or 2
    pool = JudgePool(workers, judge)
    n = args.submissions
    rates = {
        "python_run_samples": throughput(pool, [(two_sum, two_sum.reference, "samples")] * n),
        "python_submit_hidden": throughput(pool, [(two_sum, two_sum.reference, "hidden")] * n),
        "sql_submit_hidden": throughput(pool, [(salary, salary.reference, "hidden")] * n),
    }
    pool.close()
    med = statistics.median
    report = {
        "sandbox": kind,
        "cores": workers,
        "interpreter": exe,
        "bare_python_ms": round(med(bare), 1),
        "empty_sandbox_ms": round(med(empty), 1),
        "sandbox_overhead_ms": round(med(empty) - med(bare), 1),
        "sandbox_ratio": round(med(empty) / med(bare), 2),
        "run_two_samples_ms": round(med(one_test), 1),
        "submissions_per_second": {k: round(v, 2) for k, v in rates.items()},
    }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    sys.stdout.write(
        f"sandbox: {kind} on {workers} cores ({exe})\n"
        f"bare `python3 -I -c pass`          {report['bare_python_ms']:7.1f} ms (median of {args.runs})\n"
        f"empty sandboxed run                {report['empty_sandbox_ms']:7.1f} ms  "
        f"(+{report['sandbox_overhead_ms']} ms, x{report['sandbox_ratio']})\n"
        f"Run of two-sum (2 sample tests)    {report['run_two_samples_ms']:7.1f} ms\n"
    )
    for name, rate in report["submissions_per_second"].items():
        sys.stdout.write(f"{name:34s} {rate:7.2f} submissions/s\n")


if __name__ == "__main__":
    main()
