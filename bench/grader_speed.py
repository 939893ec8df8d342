"""Speed of the offline grader: model load, latency per answer after warm-up, and batch throughput.

    .venv/bin/python bench/grader_speed.py [--answers 1000]

Load: a fresh process times `get_embedder()` (ONNX session + tokenizer). Latency: p50/p95 of `grade_text`
over SemEval-2013 answers (short, a sentence or two, like most written answers), then of `grade` over
bank items with answers of bank length (60-150 words, the rubric's embeddings already cached; the item's
neighbours passed as the app passes them, a neighbour's reference encoded when the check first needs it). Batch:
answers per second over `--answers` SemEval rows graded one after the other, as `mlcoach grade --batch`
does. Targets: load < 1 s, p50 < 20 ms on a 2-core machine. The machine's load average is printed,
because other processes on a shared machine slow every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "eval" / "semeval2013_2way.jsonl"


def load_seconds() -> float:
    code = (
        "import time; t = time.perf_counter();"
        "from mlcoach.engines.grader.embedder import get_embedder; get_embedder();"
        "print(time.perf_counter() - t)"
    )
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout) for _ in range(3)]
    return statistics.median(runs)


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
    return f"p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    args = parser.parse_args()
    from mlcoach.content.loader import load_bank
    from mlcoach.engines.grader import grade, grade_text, warm_up

    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"model load (fresh process, median of 3): {load_seconds() * 1000:.0f} ms   target < 1000 ms")
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    rows = [r for r in rows if r["split"] == "test_unseen-questions"]
    warm_up()
    for r in rows[:20]:
        grade_text(r["question"], r["reference"], r["answer"])
    times = []
    for r in rows[20:220]:
        started = time.perf_counter()
        grade_text(r["question"], r["reference"], r["answer"])
        times.append(time.perf_counter() - started)
    print(f"short answers (SemEval, grade_text): {percentiles(times)}   target p50 < 20 ms")

    bank = load_bank()
    items = [i for i in sorted(bank.items.values(), key=lambda i: i.id) if i.rubric and i.answer][:60]
    times = []
    for item in items:
        words = item.answer.split()
        answer = " ".join(words[: min(len(words), 60 + len(words) % 90)])
        grade(item, "warm the rubric cache")
        started = time.perf_counter()
        grade(item, answer, neighbours=bank.neighbours(item))  # as the app calls it
        times.append(time.perf_counter() - started)
    print(f"bank-length answers (60-150 words, grade with neighbours): {percentiles(times)}")

    batch = [rows[i % len(rows)] for i in range(args.answers)]
    started = time.perf_counter()
    for r in batch:
        grade_text(r["question"], r["reference"], r["answer"] + " ")
    elapsed = time.perf_counter() - started
    print(f"batch of {len(batch)} answers: {elapsed:.1f} s = {len(batch) / elapsed:.0f} answers/s")


if __name__ == "__main__":
    main()
