"""Watch one runner from outside: per-test wall-clock deadlines, the output cap, crashes.

The runner announces `begin i` and `end i`; between them the judge's own clock runs. A test that does not
end within its time limit (plus a small grace) or prints more than the output limit gets the whole
sandbox killed; the tests after it then run in a fresh sandbox. Results are raw `Outcome`s; turning them
into verdicts is the grader's job.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mlcoach.engines.judge.sandbox import ProcessLimits, Sandbox

SETUP_S = 20.0  # interpreter start, NumPy import, generating large inputs, loading an SQL fixture
GRACE_S = 0.5
EXCERPT_BYTES = 2048


@dataclass
class Outcome:
    """What happened to one test: status is ok, error, memory, timeout, too_big (reported by the
    runner), killed_time, killed_output, crashed (seen from outside) or setup_error (a content fault)."""

    status: str
    value: Any = None
    error: dict[str, Any] = field(default_factory=dict)
    time_ms: float = 0.0
    memory_kb: int = 0
    output: str = ""


class CompileError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


class SandboxFailure(Exception):
    """The sandbox itself failed (not the candidate's code): an internal error."""


@dataclass
class Session:
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    finished: bool = False


def run_session(
    sandbox: Sandbox, job: dict[str, Any], limits: ProcessLimits, order: Sequence[int], time_s: float, output_kb: int
) -> Session:
    """Run `job` once; returns the outcomes of the tests that ran (the rest are for the next session)."""
    session = Session()
    current: int | None = None
    started = 0.0
    printed = 0
    excerpt = bytearray()
    deadline = time.monotonic() + SETUP_S
    cap = output_kb * 1024
    with sandbox.spawn(job, limits) as proc:
        while True:
            now = time.monotonic()
            if now >= deadline:
                proc.kill()
                if current is None:
                    raise SandboxFailure("the sandbox did not get to the next test in time (setup took too long)")
                session.outcomes[current] = Outcome(
                    "killed_time", time_ms=(now - started) * 1000, output=_text(excerpt)
                )
                return session
            for kind, data in proc.read(min(deadline - now, 1.0)):
                if kind == "output":
                    printed += len(data)
                    if len(excerpt) < EXCERPT_BYTES:
                        excerpt += data[: EXCERPT_BYTES - len(excerpt)]
                    if printed > cap:
                        proc.kill()
                        target = current if current is not None else _next(order, session)
                        if target is not None:
                            elapsed = (time.monotonic() - started) * 1000 if current is not None else 0.0
                            session.outcomes[target] = Outcome("killed_output", time_ms=elapsed, output=_text(excerpt))
                        return session
                elif kind == "exit":
                    if current is not None and current not in session.outcomes:
                        session.outcomes[current] = Outcome(
                            "crashed",
                            error={"exit": data},
                            time_ms=(time.monotonic() - started) * 1000,
                            output=_text(excerpt),
                        )
                    elif "fatal" in session.info:
                        raise SandboxFailure(session.info["fatal"])
                    return session
                else:
                    event = data.get("event")
                    if event == "begin":
                        current, started, printed, excerpt = int(data["index"]), time.monotonic(), 0, bytearray()
                        deadline = started + time_s + GRACE_S
                    elif event == "end":
                        index = int(data["index"])
                        session.outcomes[index] = Outcome(
                            status=str(data.get("status", "error")),
                            value=data.get("value"),
                            error=data.get("error") or {},
                            time_ms=float(data.get("time_ms", 0.0)),
                            memory_kb=int(data.get("memory_kb", 0)),
                            output=_text(excerpt),
                        )
                        current, excerpt = None, bytearray()
                        deadline = time.monotonic() + SETUP_S
                    elif event == "compile_error":
                        proc.kill()
                        raise CompileError(str(data.get("message", "")), data.get("line"))
                    elif event == "hardened":
                        session.info.update(uid=data.get("uid"), seccomp=bool(data.get("seccomp")))
                    elif event == "fatal":
                        session.info["fatal"] = str(data.get("message", "the sandbox failed"))
                    elif event == "done":
                        session.finished = True
                    elif event == "overflow" and current is not None:
                        session.outcomes[current] = Outcome("too_big", error={"message": "the result is too large"})
                        return session


def _next(order: Sequence[int], session: Session) -> int | None:
    return next((i for i in order if i not in session.outcomes), None)


def _text(data: bytes | bytearray) -> str:
    return bytes(data).decode("utf-8", errors="replace")
