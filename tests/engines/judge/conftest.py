"""Fixtures for the judge: a real sandbox (bubblewrap when it works here) and small synthetic exercises."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mlcoach.domain.exercises import Checker, Exercise, Language, Limits, TestCase
from mlcoach.engines.judge.judge import Judge
from mlcoach.engines.judge.process import UID_SLOTS
from mlcoach.engines.judge.sandbox import Sandbox, detect


@pytest.fixture(scope="session")
def bwrap_judge() -> Judge:
    """The real sandbox. On machines without working bubblewrap the hostile battery is skipped with a
    notice (or fails when MLCOACH_REQUIRE_BWRAP=1, as in CI); the rlimits fallback has its own tests."""
    if detect() != "bwrap":
        if os.environ.get("MLCOACH_REQUIRE_BWRAP") == "1":
            pytest.fail("bubblewrap is required but does not work here")
        pytest.skip("bubblewrap does not work on this machine")
    return Judge(Sandbox("bwrap", uid_base=UID_BASE))


@pytest.fixture(scope="session")
def rlimits_judge() -> Judge:
    return Judge(Sandbox("rlimits", uid_base=UID_BASE))


# This session's own uid range, so the leftover check is not confused by other judges on the machine.
UID_BASE = 1_000_000 + random.Random().randrange(1000) * UID_SLOTS


def judge_uid_processes() -> list[int]:
    """Processes still running under one of the judge's uids (none may survive a submission)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                uid = os.stat(f"/proc/{entry}").st_uid
            except OSError:
                continue
            if UID_BASE <= uid < UID_BASE + UID_SLOTS:
                out.append(int(entry))
    return out


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    yield
    left = judge_uid_processes()
    assert left == [], f"sandboxed processes outlived their submission: {[_describe(p) for p in left]}"


def _describe(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read()[:120]
    except OSError:
        return f"{pid} (gone)"


def python_exercise(**overrides: Any) -> Exercise:
    fields: dict[str, Any] = dict(
        id="attack",
        language=Language.PYTHON,
        title="attack",
        prompt="",
        topics=("python",),
        roles=("ml-engineer",),
        companies=(),
        round="coding",
        difficulty=1,
        starter="",
        reference="def attack():\n    return 'contained'\n",
        wrong=(),
        samples=(TestCase(name="sample", args=(), expected="contained", has_expected=True),),
        hidden=(TestCase(name="attack", args=(), expected="contained", has_expected=True),),
        limits=Limits(time_s=1.0, memory_mb=128, output_kb=16),
        entry="attack",
        checker=Checker.EXACT,
    )
    fields.update(overrides)
    return Exercise(**fields)


def sql_exercise(engine: str = "sqlite", **overrides: Any) -> Exercise:
    schema = "CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL);"
    setup = "INSERT INTO employee VALUES (1, 'Ana', 100), (2, 'Bo', 200), (3, 'Cy', 300);"
    fields: dict[str, Any] = dict(
        id="sql-attack",
        language=Language.SQL,
        title="sql",
        prompt="",
        topics=("sql",),
        roles=("data-analyst",),
        companies=(),
        round="sql",
        difficulty=1,
        starter="",
        reference="SELECT name, salary FROM employee",
        wrong=(),
        samples=(TestCase(name="sample", setup=setup),),
        hidden=(TestCase(name="hidden", setup=setup),),
        limits=Limits(time_s=1.0, memory_mb=128, output_kb=16),
        engine=engine,
        schema=schema,
    )
    fields.update(overrides)
    return Exercise(**fields)


@pytest.fixture
def make_python() -> Callable[..., Exercise]:
    return python_exercise
