"""Checkers compare values, not printed strings."""

from __future__ import annotations

import math

import pytest

from mlcoach.domain.exercises import Checker
from mlcoach.engines.judge.checkers import check, check_table, normalize


def test_exact_treats_ints_floats_and_tuples_as_values() -> None:
    assert check(Checker.EXACT, [1, 2.0], (1.0, 2)) is None
    assert check(Checker.EXACT, {"a": (1, 2)}, {"a": [1, 2]}) is None
    assert check(Checker.EXACT, [0, 1], [1, 0]) == "at [0]: expected 1, got 0"


def test_exact_keeps_bools_apart_from_numbers() -> None:
    assert check(Checker.EXACT, True, True) is None
    assert check(Checker.EXACT, 1, True) is not None


def test_exact_says_where_a_nested_value_differs() -> None:
    message = check(Checker.EXACT, [[1, 2], [3, 4]], [[1, 2], [3, 5]])
    assert message == "at [1][1]: expected 5, got 4"
    assert "has 2 elements; expected 3" in (check(Checker.EXACT, [1, 2], [1, 2, 3]) or "")


def test_float_uses_the_tolerance_absolute_or_relative() -> None:
    assert check(Checker.FLOAT, [0.1 + 0.2, [1e9 + 1]], [0.3, [1e9]], 1e-6) is None
    assert check(Checker.FLOAT, 0.30001, 0.3, 1e-6) is not None
    assert check(Checker.FLOAT, 0.30001, 0.3, 1e-3) is None
    assert check(Checker.FLOAT, math.nan, math.nan) is None
    assert check(Checker.FLOAT, math.inf, 1e308) is not None


def test_unordered_ignores_order_but_not_multiplicity() -> None:
    assert check(Checker.UNORDERED, [3, 1, 2], [1, 2, 3]) is None
    assert check(Checker.UNORDERED, [[1, 2], [0]], [[0], [1, 2]]) is None
    message = check(Checker.UNORDERED, [1, 1, 2], [1, 2, 2])
    assert message is not None and "missing 2" in message and "unexpected 1" in message


def test_custom_reads_the_message_from_the_sandboxed_check() -> None:
    assert check(Checker.CUSTOM, {"check": None}, None) is None
    assert check(Checker.CUSTOM, {"check": "lost the docstring"}, None) == "lost the docstring"


def test_an_opaque_object_is_never_equal() -> None:
    message = check(Checker.EXACT, {"__object__": "Foo", "repr": "<Foo>"}, [1])
    assert message is not None and "Foo" in message


def test_normalize_turns_yaml_values_into_json_values() -> None:
    import datetime

    assert normalize((1, {2: datetime.date(2024, 1, 2)})) == [1, {"2": "2024-01-02"}]


def table(columns: list[str], rows: list[list[object]]) -> dict[str, object]:
    return {"columns": columns, "rows": rows}


def test_tables_compare_as_multisets_unless_ordered() -> None:
    got = table(["a", "b"], [[2, "y"], [1, "x"]])
    expected = table(["id", "name"], [[1, "x"], [2, "y"]])
    assert check_table(got, expected, ordered=False) is None
    found = check_table(got, expected, ordered=True)
    assert found is not None and "wrong order" in found[0] and found[1]["position"] == 1


def test_tables_compare_numbers_within_tolerance() -> None:
    assert check_table(table(["r"], [[0.1 + 0.2]]), table(["r"], [[0.3]]), ordered=True) is None
    assert check_table(table(["r"], [[1]]), table(["r"], [[1.0]]), ordered=True) is None


def test_a_table_mismatch_comes_with_a_row_diff() -> None:
    got = table(["x"], [[1], [1], [3]])
    expected = table(["x"], [[1], [2], [3]])
    message, diff = check_table(got, expected, ordered=False) or ("", {})
    assert message == "1 expected row missing; 1 unexpected row"
    assert diff["missing"] == [[2]] and diff["unexpected"] == [[1]]
    assert diff["expected_rows"] == 3 and diff["got_rows"] == 3


@pytest.mark.parametrize("got_cols", [["x"], ["x", "y", "z"]])
def test_a_wrong_column_count_is_named(got_cols: list[str]) -> None:
    found = check_table(table(got_cols, []), table(["x", "y"], []), ordered=False)
    assert found is not None and "expected 2" in found[0]


def test_null_is_only_equal_to_null() -> None:
    assert check_table(table(["x"], [[None]]), table(["x"], [[None]]), ordered=True) is None
    assert check_table(table(["x"], [[0]]), table(["x"], [[None]]), ordered=True) is not None
