"""Coding and SQL exercises: what the judge runs. Judged by tests, not graded by a rubric."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Language(StrEnum):
    PYTHON = "python"
    SQL = "sql"


class Checker(StrEnum):
    EXACT = "exact"  # equal after normalising ints, floats, tuples and NumPy types
    FLOAT = "float"  # numbers (also nested in lists) within `tolerance`
    UNORDERED = "unordered"  # a list whose order does not matter
    CUSTOM = "custom"  # the exercise's own `check` code decides


@dataclass(frozen=True)
class TestCase:
    """One test. Python: `args` for a function, or `ops` for a class (LeetCode style); `generate` is a
    Python expression building `args` (for large inputs). `expected` may be omitted: the reference
    solution's output is then the expectation. SQL: `setup` is the data to load before the query."""

    name: str
    args: tuple[Any, ...] | None = None
    ops: tuple[tuple[Any, ...], ...] | None = None
    generate: str | None = None
    expected: Any = None
    has_expected: bool = False
    setup: str = ""


@dataclass(frozen=True)
class Limits:
    time_s: float = 2.0
    memory_mb: int = 256
    output_kb: int = 64


@dataclass(frozen=True)
class Exercise:
    id: str
    language: Language
    title: str
    prompt: str
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    companies: tuple[str, ...]
    round: str
    difficulty: int
    starter: str
    reference: str
    wrong: tuple[str, ...]
    samples: tuple[TestCase, ...]
    hidden: tuple[TestCase, ...]
    limits: Limits = field(default_factory=Limits)
    # python
    entry: str = ""  # the function or class the tests call
    checker: Checker = Checker.EXACT
    tolerance: float = 1e-6
    check: str = ""  # custom checker code
    # sql
    engine: str = "sqlite"  # sqlite | duckdb
    schema: str = ""  # CREATE TABLE statements shared by every test
    ordered: bool = False  # compare row order (only when the task asks for ORDER BY)
    mutates: bool = False  # DML exercise: compare the table named in `result_table`
    result_table: str = ""
    hints: tuple[str, ...] = ()
    source: str = ""

    @property
    def tests(self) -> tuple[TestCase, ...]:
        return self.samples + self.hidden
