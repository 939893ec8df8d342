"""How long `mlcoach --version` takes, against a bare `python -c pass` measured in the same run.

Target: under 0.3 s. Prints the median of several runs and the ratio to the baseline.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def median_seconds(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    exe = Path(sys.executable).with_name("mlcoach")
    baseline = median_seconds([sys.executable, "-c", "pass"])
    version = median_seconds([str(exe), "--version"])
    print(f"python -c pass      : {baseline * 1000:7.1f} ms (baseline)")
    print(f"mlcoach --version   : {version * 1000:7.1f} ms  ratio {version / baseline:4.1f}x  target < 300 ms")


if __name__ == "__main__":
    main()
