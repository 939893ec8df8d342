"""Judge one submission: pick the tests, get the expectations, run everything in the sandbox, grade.

Run and Submit differ only in which tests they pick (`samples` or `hidden`); the sandbox, the limits and
the per-test deadlines are the same, so what passes in Run can only fail in Submit on the hidden tests.
Expectations missing from the exercise (and every SQL expectation) come from running the reference
solution in the same sandbox, once per exercise version (cached).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from mlcoach.domain.exercises import Checker, Exercise, Language, TestCase
from mlcoach.domain.verdicts import SubmissionResult, TestResult, Verdict, overall
from mlcoach.engines.judge import grading
from mlcoach.engines.judge.sandbox import ProcessLimits, Sandbox
from mlcoach.engines.judge.supervisor import CompileError, Outcome, SandboxFailure, run_session

WHICH = ("samples", "hidden", "all")
MAX_TIME_KILLS = 2  # after this many tests killed on time, the remaining ones are not run
CACHE_SIZE = 256


@dataclass(frozen=True)
class Case:
    index: int
    test: TestCase
    hidden: bool


class ReferenceFailed(Exception):
    pass


def cases(exercise: Exercise, which: str) -> list[Case]:
    if which not in WHICH:
        raise ValueError(f"which must be one of {WHICH}")
    n = len(exercise.samples)
    out = [Case(i, t, i >= n) for i, t in enumerate(exercise.tests)]
    if which == "samples":
        return out[:n]
    return out[n:] if which == "hidden" else out


def process_limits(exercise: Exercise, count: int) -> ProcessLimits:
    """The interpreter and NumPy need address space of their own; DuckDB reserves much more up front."""
    overhead = 1024 if exercise.language is Language.SQL and exercise.engine == "duckdb" else 256
    cpu = math.ceil(count * (exercise.limits.time_s + 1) + 30)
    return ProcessLimits(address_space_mb=exercise.limits.memory_mb + overhead, cpu_s=cpu)


def build_job(exercise: Exercise, code: str, chosen: list[Case]) -> dict[str, Any]:
    if exercise.language is Language.SQL:
        return {
            "language": "sql",
            "code": code,
            "engine": exercise.engine,
            "schema": exercise.schema,
            "mutates": exercise.mutates,
            "result_table": exercise.result_table,
            "time_s": exercise.limits.time_s,
            "memory_mb": exercise.limits.memory_mb,
            "tests": [{"index": c.index, "setup": c.test.setup} for c in chosen],
        }
    tests: list[dict[str, Any]] = []
    for c in chosen:
        t = c.test
        if t.ops is not None:
            tests.append({"index": c.index, "ops": [list(op) for op in t.ops]})
        elif t.generate is not None:
            tests.append({"index": c.index, "generate": t.generate})
        else:
            tests.append({"index": c.index, "args": list(t.args or ())})
    job: dict[str, Any] = {"language": "python", "code": code, "entry": exercise.entry, "tests": tests}
    if exercise.checker is Checker.CUSTOM:
        job["check"] = exercise.check
    return json.loads(json.dumps(job, default=str))  # plain JSON (YAML may hold dates)


class Judge:
    """Thread-safe; one per process is enough (the pool shares it)."""

    def __init__(self, sandbox: Sandbox | None = None) -> None:
        self.sandbox = sandbox or Sandbox()
        self._cache: OrderedDict[str, dict[int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def judge(self, exercise: Exercise, code: str, which: str = "hidden") -> SubmissionResult:
        chosen = cases(exercise, which)
        try:
            expected = self._expectations(exercise, chosen)
            outcomes, info = self._run(exercise, code, chosen)
        except CompileError as exc:
            where = f" (line {exc.line})" if exc.line else ""
            return SubmissionResult(Verdict.COMPILE_ERROR, message=exc.message + where, sandbox=self._label({}))
        except (SandboxFailure, ReferenceFailed) as exc:
            return SubmissionResult(Verdict.INTERNAL_ERROR, message=str(exc), sandbox=self._label({}))
        results: list[TestResult] = []
        revealed = False
        for c in chosen:
            result = grading.grade(exercise, c.test, c.hidden, outcomes[c.index], expected.get(c.index))
            failed = result.verdict is not Verdict.ACCEPTED
            if c.hidden and (revealed or not failed):
                result = grading.conceal(result)  # LeetCode's rule: only the first failing hidden test is shown
            revealed = revealed or (c.hidden and failed)
            results.append(result)
        tests = tuple(results)
        return SubmissionResult(overall(tests), tests, sandbox=self._label(info))

    def _label(self, info: dict[str, Any]) -> str:
        return self.sandbox.kind + ("+seccomp" if info.get("seccomp") else "")

    def _run(self, exercise: Exercise, code: str, chosen: list[Case]) -> tuple[dict[int, Outcome], dict[str, Any]]:
        """Every chosen test's outcome; a killed or crashed test ends its sandbox, the rest go on in a new one."""
        outcomes: dict[int, Outcome] = {}
        info: dict[str, Any] = {}
        pending = [c.index for c in chosen]
        by_index = {c.index: c for c in chosen}
        kills = 0
        while pending:
            job = build_job(exercise, code, [by_index[i] for i in pending])
            limits = process_limits(exercise, len(pending))
            session = run_session(self.sandbox, job, limits, pending, exercise.limits.time_s, exercise.limits.output_kb)
            info.update(session.info)
            outcomes.update(session.outcomes)
            kills += sum(o.status == "killed_time" for o in session.outcomes.values())
            left = [i for i in pending if i not in outcomes]
            if left and len(left) == len(pending):
                raise SandboxFailure(session.info.get("fatal", "the sandbox stopped before running any test"))
            if left and kills >= MAX_TIME_KILLS:
                for i in left:
                    outcomes[i] = Outcome("skipped")
                break
            pending = left
        return outcomes, info

    def _expectations(self, exercise: Exercise, chosen: list[Case]) -> dict[int, Any]:
        """Expected values by test index: from the exercise, else from the reference (cached)."""
        out = {c.index: c.test.expected for c in chosen if c.test.has_expected}
        if exercise.language is Language.PYTHON and exercise.checker is Checker.CUSTOM:
            return out
        need = [c for c in chosen if c.index not in out]
        if not need:
            return out
        key = _fingerprint(exercise)
        with self._lock:
            cached = self._cache.get(key, {})
        missing = [c for c in need if c.index not in cached]
        if missing:
            try:
                outcomes, _ = self._run(exercise, exercise.reference, missing)
            except CompileError as exc:
                raise ReferenceFailed(f"the reference solution does not compile: {exc.message}") from None
            fresh = {}
            for c in missing:
                o = outcomes[c.index]
                if o.status != "ok":
                    detail = o.error.get("message") or o.error.get("type") or ""
                    raise ReferenceFailed(f"the reference solution fails test '{c.test.name}': {o.status} {detail}")
                fresh[c.index] = o.value
            with self._lock:
                cached = {**self._cache.get(key, {}), **fresh}
                self._cache[key] = cached
                self._cache.move_to_end(key)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        out.update({c.index: cached[c.index] for c in need})
        return out


def _fingerprint(exercise: Exercise) -> str:
    """Changes whenever anything that shapes the reference's output changes (content edits, packs)."""
    parts = [exercise.id, exercise.reference, exercise.schema, exercise.engine, exercise.entry, str(exercise.mutates)]
    parts += [json.dumps([t.args, t.ops, t.generate, t.setup], default=str) for t in exercise.tests]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()
