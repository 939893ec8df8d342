"""The Python and SQL executors, run for real in the sandbox through the judge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mlcoach.domain.exercises import Checker, Limits
from mlcoach.domain.exercises import TestCase as Case
from mlcoach.domain.verdicts import Verdict
from mlcoach.engines.judge.judge import Judge

from .conftest import python_exercise, sql_exercise


def one(name: str = "t", **fields: object) -> tuple[Case, ...]:
    return (Case(name=name, **fields),)  # type: ignore[arg-type]


def test_numpy_values_are_normalised(bwrap_judge: Judge) -> None:
    ex = python_exercise(hidden=one(args=(3,), expected=[[0, 1, 2], 3.0, True, [1, 2]], has_expected=True))
    code = "import numpy as np\ndef attack(n):\n    return np.arange(n), np.float32(3), np.bool_(True), (1, 2)\n"
    result = bwrap_judge.judge(ex, code)
    assert result.verdict is Verdict.ACCEPTED, result.tests


def test_float_checker_and_missing_expectation_from_the_reference(bwrap_judge: Judge) -> None:
    ex = python_exercise(
        checker=Checker.FLOAT,
        tolerance=1e-6,
        reference="def attack(xs):\n    return sum(xs) / len(xs)\n",
        hidden=one(generate="[[random.Random(3).random() for _ in range(1000)]]"),
    )
    assert bwrap_judge.judge(ex, "def attack(xs):\n    return sum(sorted(xs)) / len(xs)\n").accepted
    wrong = bwrap_judge.judge(ex, "def attack(xs):\n    return sum(xs) / (len(xs) - 1)\n")
    assert wrong.verdict is Verdict.WRONG_ANSWER


def test_class_operations(bwrap_judge: Judge) -> None:
    ops = (("Counter",), ("add", 2), ("add", 3), ("total",))
    ex = python_exercise(entry="Counter", hidden=one(ops=ops, expected=[None, None, None, 5], has_expected=True))
    code = (
        "class Counter:\n    def __init__(self):\n        self.n = 0\n    def add(self, k):\n        self.n += k\n"
        "    def total(self):\n        return self.n\n"
    )
    assert bwrap_judge.judge(ex, code).accepted


def test_custom_check_gets_the_module(bwrap_judge: Judge) -> None:
    check = "def check(module, x):\n    return None if module.double(x) == 2 * x else 'double is wrong'\n"
    ex = python_exercise(entry="double", checker=Checker.CUSTOM, check=check, hidden=one(args=(21,)))
    assert bwrap_judge.judge(ex, "def double(x):\n    return x + x\n").accepted
    bad = bwrap_judge.judge(ex, "def double(x):\n    return x\n")
    assert bad.verdict is Verdict.WRONG_ANSWER and bad.tests[0].message == "double is wrong"


def test_syntax_error_is_a_compile_error_with_its_line(bwrap_judge: Judge) -> None:
    result = bwrap_judge.judge(python_exercise(), "def attack(:\n    pass\n")
    assert result.verdict is Verdict.COMPILE_ERROR and "line 1" in result.message and not result.tests


def test_runtime_error_names_the_exception_and_line(bwrap_judge: Judge) -> None:
    result = bwrap_judge.judge(python_exercise(), "def attack():\n    xs = []\n    return xs[3]\n")
    t = result.tests[0]
    assert t.verdict is Verdict.RUNTIME_ERROR and t.message.startswith("IndexError") and "(line 3)" in t.message


def test_missing_entry_is_a_runtime_error_that_says_so(bwrap_judge: Judge) -> None:
    result = bwrap_judge.judge(python_exercise(), "def something_else():\n    pass\n")
    assert result.tests[0].verdict is Verdict.RUNTIME_ERROR and "does not define 'attack'" in result.tests[0].message


def test_each_test_gets_a_fresh_module(bwrap_judge: Judge) -> None:
    ex = python_exercise(hidden=one("a", args=(), expected=1, has_expected=True) * 3)
    assert bwrap_judge.judge(ex, "calls = []\ndef attack():\n    calls.append(1)\n    return len(calls)\n").accepted


def test_per_test_time_and_memory_are_reported(bwrap_judge: Judge) -> None:
    code = (
        "import time\ndef attack():\n    x = bytearray(60 * 1024 * 1024)\n    time.sleep(0.2)\n    return 'contained'\n"
    )
    t = bwrap_judge.judge(python_exercise(), code).tests[0]
    assert t.verdict is Verdict.ACCEPTED and 180 <= t.time_ms < 1000 and t.memory_kb > 60 * 1024


def test_run_and_submit_use_the_same_limits(bwrap_judge: Judge) -> None:
    slow = "import time\ndef attack():\n    time.sleep(0.6)\n    return 'contained'\n"
    ex = python_exercise(limits=Limits(time_s=1.0, memory_mb=128, output_kb=16))
    assert bwrap_judge.judge(ex, slow, "samples").accepted and bwrap_judge.judge(ex, slow, "hidden").accepted
    tight = replace(ex, limits=Limits(time_s=0.3, memory_mb=128, output_kb=16))
    assert bwrap_judge.judge(tight, slow, "samples").verdict is Verdict.TIME_LIMIT
    assert bwrap_judge.judge(tight, slow, "hidden").verdict is Verdict.TIME_LIMIT


def test_only_the_first_failing_hidden_test_shows_its_data(bwrap_judge: Judge) -> None:
    ex = python_exercise(hidden=one("a", args=(), expected="x", has_expected=True) * 2)
    first, second = bwrap_judge.judge(ex, "def attack():\n    return 'y'\n").tests
    assert first.details.get("expected") == '"x"' and second.details == {} and second.message == "wrong answer"


@pytest.mark.parametrize("engine", ["sqlite", "duckdb"])
def test_sql_result_is_compared_as_a_table(bwrap_judge: Judge, engine: str) -> None:
    ex = sql_exercise(engine)
    assert bwrap_judge.judge(ex, "SELECT name, salary FROM employee ORDER BY salary DESC;").accepted
    wrong = bwrap_judge.judge(ex, "SELECT name, salary FROM employee WHERE salary > 100")
    assert wrong.verdict is Verdict.WRONG_ANSWER
    assert wrong.tests[0].details["diff"]["missing"] == [["Ana", 100]]


@pytest.mark.parametrize("engine", ["sqlite", "duckdb"])
def test_sql_order_counts_only_when_asked(bwrap_judge: Judge, engine: str) -> None:
    ex = sql_exercise(engine, ordered=True, reference="SELECT name FROM employee ORDER BY salary DESC")
    assert bwrap_judge.judge(ex, "SELECT name FROM employee ORDER BY salary DESC").accepted
    result = bwrap_judge.judge(ex, "SELECT name FROM employee ORDER BY salary")
    assert result.verdict is Verdict.WRONG_ANSWER and "wrong order" in result.tests[0].message


@pytest.mark.parametrize("engine", ["sqlite", "duckdb"])
def test_sql_syntax_error_is_a_compile_error(bwrap_judge: Judge, engine: str) -> None:
    assert bwrap_judge.judge(sql_exercise(engine), "SELEC name FROM employee").verdict is Verdict.COMPILE_ERROR


@pytest.mark.parametrize("engine", ["sqlite", "duckdb"])
def test_sql_is_read_only_unless_the_exercise_is_dml(bwrap_judge: Judge, engine: str) -> None:
    ex = sql_exercise(engine)
    result = bwrap_judge.judge(ex, "DELETE FROM employee; SELECT name, salary FROM employee")
    assert result.verdict is Verdict.RUNTIME_ERROR
    dml = sql_exercise(
        engine,
        mutates=True,
        result_table="employee",
        reference="UPDATE employee SET salary = salary * 2 WHERE salary < 250;",
    )
    assert bwrap_judge.judge(dml, "UPDATE employee SET salary = 2 * salary WHERE salary <= 200").accepted
    assert bwrap_judge.judge(dml, "UPDATE employee SET salary = 2 * salary").verdict is Verdict.WRONG_ANSWER


@pytest.mark.parametrize(
    ("engine", "query"),
    [
        ("sqlite", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i), 1 FROM n"),
        ("duckdb", "SELECT count(*), 1 FROM range(100000000000) a"),
    ],
)
def test_sql_time_limit_uses_the_engine_interrupt(bwrap_judge: Judge, engine: str, query: str) -> None:
    t = bwrap_judge.judge(sql_exercise(engine), query).tests[0]
    assert t.verdict is Verdict.TIME_LIMIT and t.message.startswith("Timeout")
