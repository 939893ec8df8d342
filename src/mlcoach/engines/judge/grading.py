"""Turn one raw outcome from the sandbox into a verdict, with the details a candidate may see."""

from __future__ import annotations

import signal
from dataclasses import replace
from typing import Any

from mlcoach.domain.exercises import Exercise, Language, TestCase
from mlcoach.domain.verdicts import TestResult, Verdict
from mlcoach.engines.judge import checkers
from mlcoach.engines.judge.supervisor import Outcome

STATUS = {
    "memory": Verdict.MEMORY_LIMIT,
    "timeout": Verdict.TIME_LIMIT,
    "killed_time": Verdict.TIME_LIMIT,
    "too_big": Verdict.OUTPUT_LIMIT,
    "killed_output": Verdict.OUTPUT_LIMIT,
    "error": Verdict.RUNTIME_ERROR,
    "crashed": Verdict.RUNTIME_ERROR,
    "setup_error": Verdict.INTERNAL_ERROR,
    "skipped": Verdict.TIME_LIMIT,
}


def _error_message(error: dict[str, Any]) -> str:
    text = f"{error.get('type', 'Error')}: {error.get('message', '')}".rstrip(": ")
    return text + (f" (line {error['line']})" if error.get("line") else "")


def _crash(code: int) -> tuple[Verdict, str]:
    """bwrap and the shell report a child killed by signal N as 128+N; Popen as -N."""
    sig = -code if code < 0 else code - 128 if code > 128 else 0
    if sig == signal.SIGXCPU:
        return Verdict.TIME_LIMIT, "the CPU time limit was reached"
    if sig == signal.SIGSEGV:
        return Verdict.RUNTIME_ERROR, "the interpreter crashed (segmentation fault; very deep recursion?)"
    if sig:
        return Verdict.RUNTIME_ERROR, f"the process was killed by {signal.Signals(sig).name}"
    return Verdict.RUNTIME_ERROR, f"the solution ended the process (exit code {code}) during the test"


def _input(test: TestCase) -> str:
    if test.ops is not None:
        return checkers.show([list(op) for op in test.ops], 400)
    if test.generate is not None:
        return f"generated: {test.generate}"
    if test.setup:
        return test.setup.strip()[:600]
    return checkers.show(list(test.args or ()), 400)


def grade(exercise: Exercise, test: TestCase, hidden: bool, outcome: Outcome, expected: Any) -> TestResult:
    time_ms, memory_kb = round(outcome.time_ms), outcome.memory_kb
    limits = exercise.limits
    details: dict[str, Any] = {"input": _input(test)}
    if outcome.output:
        details["stdout"] = outcome.output
    base = TestResult(test.name, Verdict.ACCEPTED, time_ms, memory_kb, "", hidden, details)
    if outcome.status == "ok":
        if time_ms > limits.time_s * 1000:
            return replace(
                base, verdict=Verdict.TIME_LIMIT, message=f"took {time_ms} ms; the limit is {limits.time_s} s"
            )
        if memory_kb > limits.memory_mb * 1024:
            return replace(
                base,
                verdict=Verdict.MEMORY_LIMIT,
                message=f"peak memory {memory_kb // 1024} MB; the limit is {limits.memory_mb} MB",
            )
        return _check(exercise, base, outcome.value, expected)
    verdict = STATUS.get(outcome.status, Verdict.INTERNAL_ERROR)
    message = _error_message(outcome.error) if outcome.error.get("type") else ""
    if outcome.status == "crashed":
        verdict, message = _crash(int(outcome.error.get("exit", 0)))
    elif outcome.status == "killed_time":
        time_ms = max(time_ms, round(limits.time_s * 1000))
        message = f"still running after {limits.time_s} s"
    elif outcome.status == "killed_output":
        message = f"printed more than {limits.output_kb} KB"
    elif outcome.status == "skipped":
        message = "not run: earlier tests already ran out of time"
    elif outcome.status == "memory" and not message.startswith("MemoryError"):
        message = message or "out of memory"
    if outcome.error.get("trace"):
        details["trace"] = list(outcome.error["trace"])
    return replace(base, verdict=verdict, message=message, time_ms=time_ms)


def _check(exercise: Exercise, base: TestResult, value: Any, expected: Any) -> TestResult:
    details = dict(base.details)
    if exercise.language is Language.SQL:
        found = checkers.check_table(value, expected, ordered=exercise.ordered)
        if found is None:
            return base
        message, diff = found
        details["diff"] = diff
        return replace(base, verdict=Verdict.WRONG_ANSWER, message=message, details=details)
    message_or_none = checkers.check(exercise.checker, value, expected, exercise.tolerance)
    if message_or_none is None:
        return base
    if isinstance(value, dict) and "check" in value:
        details["got"] = message_or_none
    else:
        details.update(expected=checkers.show(checkers.normalize(expected), 400), got=checkers.show(value, 400))
    return replace(base, verdict=Verdict.WRONG_ANSWER, message=message_or_none, details=details)


def conceal(result: TestResult) -> TestResult:
    """A hidden test's result without its data (input, expected values, row diff, printed output)."""
    if result.verdict is Verdict.WRONG_ANSWER:
        return replace(result, message="wrong answer", details={})
    keep = {k: v for k, v in result.details.items() if k == "trace"}
    return replace(result, details=keep)
