"""The harness that runs inside the sandbox: read the job as JSON, harden the process, run the tests,
write one JSON line per event to the result pipe.

Order matters. Everything before the first line of candidate code is trusted: close inherited file
descriptors, set the rlimits (soft = hard, so they cannot be raised), drop to the unprivileged uid when
started as root, install the seccomp filter. Only then does the executor exec the solution.
Events: ready, compile_error, begin {index}, end {index, status, value | error, time_ms, memory_kb}, done.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, BinaryIO

MAX_EVENT_BYTES = 48 * 1024 * 1024


class Reporter:
    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def __call__(self, event: dict[str, Any]) -> None:
        data = json.dumps(event, allow_nan=True, separators=(",", ":")).encode()
        if len(data) > MAX_EVENT_BYTES:
            event = {k: v for k, v in event.items() if k not in ("value", "error")}
            event.update(status="too_big", error={"type": "OutputLimit", "message": "the returned value is too large"})
            data = json.dumps(event).encode()
        self.stream.write(data + b"\n")
        self.stream.flush()


def _close_fds(keep: set[int]) -> None:
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 256))
    for fd in fds:
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def harden(job: dict[str, Any]) -> dict[str, Any]:
    """Apply limits and drop privileges; returns what was applied (reported to the judge)."""
    limits = job["rlimits"]
    for name, value in (
        ("RLIMIT_AS", limits["as_bytes"]),
        ("RLIMIT_CPU", limits["cpu_s"]),
        ("RLIMIT_FSIZE", limits["fsize_bytes"]),
        ("RLIMIT_NOFILE", limits["nofile"]),
        ("RLIMIT_NPROC", limits["nproc"]),
        ("RLIMIT_CORE", 0),
    ):
        resource.setrlimit(getattr(resource, name), (value, value))
    import ctypes
    import importlib

    from mlcoach.engines.judge import seccomp

    # the executor is loaded before the uid drop (in the fallback as root the code may be unreadable after)
    importlib.import_module(f"mlcoach.engines.judge.executors.{'sql' if job['language'] == 'sql' else 'python'}")

    for name in job.get("preimport", ()):  # fallback as root: the interpreter may be unreadable after the drop
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    applied: dict[str, Any] = {}
    drop = job.get("drop_to")
    if drop and os.getuid() == 0:
        uid, gid = int(drop[0]), int(drop[1])
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
        if os.getuid() != uid or os.geteuid() != uid:
            raise RuntimeError("could not drop privileges")
    applied["uid"] = os.getuid()
    with contextlib.suppress(OSError, AttributeError):  # dumpable again after the uid change, so the
        ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # process may reset its own peak-memory mark (PR_SET_DUMPABLE)
    applied["seccomp"] = False
    if job.get("seccomp"):
        prog = seccomp.program()
        if prog is not None:
            seccomp.install(prog)
            applied["seccomp"] = True
    return applied


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    result_fd = int(job["result_fd"])
    _close_fds({result_fd})
    report = Reporter(os.fdopen(result_fd, "wb", buffering=0))
    try:
        applied = harden(job)
    except Exception as exc:
        report({"event": "fatal", "message": f"could not harden the sandbox: {type(exc).__name__}: {exc}"})
        raise SystemExit(3) from None
    report({"event": "hardened", **applied})
    sys.setrecursionlimit(20_000)
    if job["language"] == "probe":
        pass
    elif job["language"] == "sql":
        from mlcoach.engines.judge.executors import sql

        sql.run(job, report)
    else:
        from mlcoach.engines.judge.executors import python

        python.run(job, report)
    report({"event": "done"})
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: the candidate's objects may misbehave in __del__


if __name__ == "__main__":
    main()
