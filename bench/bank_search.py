"""Speed of bank loading and search: index build, a text query with filters, a filter-only query.

The baseline is a plain substring scan over every prompt and answer, run in the same process.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from mlcoach.content.loader import load_bank
from mlcoach.content.search import Query, SearchIndex

QUERIES = ["gradient", "attention transformer", "a/b test sample size", "recommendation cold start", "dropout"]


def timed(fn: Callable[[], object], runs: int = 200) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    start = time.perf_counter()
    bank = load_bank()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    index = SearchIndex(bank.items)
    build_s = time.perf_counter() - start
    items = list(bank.items.values())

    def fts() -> None:
        for q in QUERIES:
            index.search(Query(text=q))

    def scan() -> None:
        for q in QUERIES:
            words = q.lower().split()
            [i for i in items if all(w in (i.prompt + " " + i.answer).lower() for w in words)]

    def filtered() -> None:
        index.search(Query(company="google", kind="concept", difficulty=2))

    fts_s, scan_s, filt_s = timed(fts) / len(QUERIES), timed(scan) / len(QUERIES), timed(filtered)
    print(f"items: {len(items)}")
    print(f"load and validate bank : {load_s * 1000:8.1f} ms")
    print(f"build FTS5 index       : {build_s * 1000:8.1f} ms")
    print(f"text query (FTS5)      : {fts_s * 1000:8.3f} ms per query")
    print(f"text query (scan)      : {scan_s * 1000:8.3f} ms per query (baseline)  ratio {fts_s / scan_s:.2f}x")
    print(f"filter-only query      : {filt_s * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
