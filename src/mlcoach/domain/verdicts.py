"""What the judge says about a submission: one verdict per test and one for the whole submission.

Pure data: the judge (mlcoach.engines.judge) produces these, the services store them, the web and the
CLI render them. `to_dict`/`from_dict` carry them through the work queue and into the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    COMPILE_ERROR = "compile_error"
    INTERNAL_ERROR = "internal_error"

    @property
    def short(self) -> str:
        return _SHORT[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_SHORT = {
    Verdict.ACCEPTED: "AC",
    Verdict.WRONG_ANSWER: "WA",
    Verdict.TIME_LIMIT: "TLE",
    Verdict.MEMORY_LIMIT: "MLE",
    Verdict.OUTPUT_LIMIT: "OLE",
    Verdict.RUNTIME_ERROR: "RE",
    Verdict.COMPILE_ERROR: "CE",
    Verdict.INTERNAL_ERROR: "IE",
}
_LABEL = {
    Verdict.ACCEPTED: "Accepted",
    Verdict.WRONG_ANSWER: "Wrong answer",
    Verdict.TIME_LIMIT: "Time limit exceeded",
    Verdict.MEMORY_LIMIT: "Memory limit exceeded",
    Verdict.OUTPUT_LIMIT: "Output limit exceeded",
    Verdict.RUNTIME_ERROR: "Runtime error",
    Verdict.COMPILE_ERROR: "Compile error",
    Verdict.INTERNAL_ERROR: "Internal error",
}


@dataclass(frozen=True)
class TestResult:
    """One test: its verdict, wall time and peak memory, and what went wrong.

    `details` holds what the candidate may see (input, expected, got, a row diff, printed output);
    the judge leaves it empty for hidden tests other than the first failing one."""

    __test__ = False  # not a pytest class

    name: str
    verdict: Verdict
    time_ms: int = 0
    memory_kb: int = 0
    message: str = ""
    hidden: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "verdict": self.verdict.value,
            "time_ms": self.time_ms,
            "memory_kb": self.memory_kb,
            "message": self.message,
            "hidden": self.hidden,
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestResult:
        return cls(
            name=str(data["name"]),
            verdict=Verdict(data["verdict"]),
            time_ms=int(data.get("time_ms", 0)),
            memory_kb=int(data.get("memory_kb", 0)),
            message=str(data.get("message", "")),
            hidden=bool(data.get("hidden", False)),
            details=dict(data.get("details") or {}),
        )


@dataclass(frozen=True)
class SubmissionResult:
    """All tests of one run. The verdict is that of the first test that failed (DMOJ's rule), or a
    compile or internal error that stopped the run before any test."""

    verdict: Verdict
    tests: tuple[TestResult, ...] = ()
    message: str = ""
    sandbox: str = ""  # "bwrap" or "rlimits" (the weaker fallback)

    @property
    def passed(self) -> int:
        return sum(t.verdict is Verdict.ACCEPTED for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPTED

    @property
    def time_ms(self) -> int:
        return max((t.time_ms for t in self.tests), default=0)

    @property
    def memory_kb(self) -> int:
        return max((t.memory_kb for t in self.tests), default=0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "label": self.verdict.label,
            "passed": self.passed,
            "total": self.total,
            "time_ms": self.time_ms,
            "memory_kb": self.memory_kb,
            "message": self.message,
            "sandbox": self.sandbox,
            "tests": [t.to_dict() for t in self.tests],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        return cls(
            verdict=Verdict(data["verdict"]),
            tests=tuple(TestResult.from_dict(t) for t in data.get("tests", ())),
            message=str(data.get("message", "")),
            sandbox=str(data.get("sandbox", "")),
        )


def overall(tests: tuple[TestResult, ...]) -> Verdict:
    """The first non-accepted verdict in test order; accepted when every test passed."""
    for t in tests:
        if t.verdict is not Verdict.ACCEPTED:
            return t.verdict
    return Verdict.ACCEPTED
