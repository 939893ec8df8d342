"""Checkers: pure functions that compare values, never printed strings.

Both sides are first normalised to plain JSON values (tuples become lists, NumPy was already turned into
Python numbers by the executor). Ints and floats compare as numbers; bools only equal bools. Each
checker returns None when the answer is right, or a short message saying where it differs.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from mlcoach.domain.exercises import Checker

Equal = Callable[[Any, Any], bool]
SHOW = 160


def normalize(value: Any) -> Any:
    """Plain JSON shape: tuples to lists, dict keys to text, dates to ISO text (YAML may parse them)."""
    if isinstance(value, tuple | list):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {str(k): normalize(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return json.loads(json.dumps(value, default=str))


def show(value: Any, limit: int = SHOW) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _structural(a: Any, b: Any, leaf: Equal) -> bool:
    if _number(a) and _number(b):
        return leaf(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_structural(x, y, leaf) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_structural(a[k], b[k], leaf) for k in a)
    return type(a) is type(b) and a == b


def exact_equal(a: Any, b: Any) -> bool:
    return _structural(a, b, lambda x, y: x == y or (_nan(x) and _nan(y)))


def _nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


def close(a: float, b: float, tolerance: float) -> bool:
    """Within `tolerance`, absolute or relative (whichever is looser)."""
    if _nan(a) or _nan(b):
        return _nan(a) and _nan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def float_equal(tolerance: float) -> Equal:
    return lambda a, b: _structural(a, b, lambda x, y: close(float(x), float(y), tolerance))


def _where(got: Any, expected: Any, equal: Equal, path: str = "") -> str:
    """The first place where two values differ, as a readable message."""
    if isinstance(got, list) and isinstance(expected, list):
        if len(got) != len(expected):
            return f"{path or 'the result'} has {len(got)} elements; expected {len(expected)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if not equal(g, e):
                return _where(g, e, equal, f"{path}[{i}]")
    if isinstance(got, dict) and isinstance(expected, dict) and got.keys() == expected.keys():
        for k in expected:
            if not equal(got[k], expected[k]):
                return _where(got[k], expected[k], equal, f"{path}[{k!r}]")
    where = f"at {path}: " if path else ""
    return f"{where}expected {show(expected)}, got {show(got)}"


def _sort_key(value: Any) -> str:
    def canon(x: Any) -> Any:
        if _number(x) and not _nan(x) and not math.isinf(x):
            return round(float(x), 6)
        if isinstance(x, list):
            return [canon(v) for v in x]
        if isinstance(x, dict):
            return {k: canon(v) for k, v in x.items()}
        return x

    return json.dumps(canon(value), sort_keys=True, default=str)


def _unordered(got: Any, expected: Any, tolerance: float) -> str | None:
    if not isinstance(got, list):
        return f"expected a list, got {show(got)}"
    if len(got) != len(expected):
        return f"the result has {len(got)} elements; expected {len(expected)}"
    equal = float_equal(tolerance)
    g_sorted, e_sorted = sorted(got, key=_sort_key), sorted(expected, key=_sort_key)
    if all(equal(g, e) for g, e in zip(g_sorted, e_sorted, strict=True)):
        return None
    missing = Counter(map(_sort_key, expected)) - Counter(map(_sort_key, got))
    extra = Counter(map(_sort_key, got)) - Counter(map(_sort_key, expected))
    parts = []
    if missing:
        parts.append("missing " + ", ".join(list(missing)[:3]))
    if extra:
        parts.append("unexpected " + ", ".join(list(extra)[:3]))
    return "; ".join(parts) or "the elements differ (order is ignored)"


def check(checker: Checker, got: Any, expected: Any, tolerance: float = 1e-6) -> str | None:
    """None when `got` matches `expected` under `checker`, else what is wrong. Custom checks ran in the
    sandbox: their value is {"check": None | message}."""
    got, expected = normalize(got), normalize(expected)
    if isinstance(got, dict) and "__object__" in got:
        return f"the solution returned a {got['__object__']} object ({got.get('repr', '')}), not a plain value"
    if checker is Checker.CUSTOM:
        message = got.get("check") if isinstance(got, dict) else "the check did not run"
        return None if message is None else str(message)
    if checker is Checker.UNORDERED and isinstance(expected, list):
        return _unordered(got, expected, tolerance)
    equal = float_equal(tolerance) if checker is Checker.FLOAT else exact_equal
    return None if equal(got, expected) else _where(got, expected, equal)


def _row_equal(a: list[Any], b: list[Any], tolerance: float) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if _number(x) and _number(y):
            if not close(float(x), float(y), tolerance):
                return False
        elif x != y or type(x) is not type(y):
            return False
    return True


def _match(got: list[list[Any]], expected: list[list[Any]], tolerance: float) -> tuple[list[Any], list[Any]]:
    """Rows of `expected` without a partner in `got`, and rows of `got` left over (multiset, with tolerance)."""
    by_key: dict[str, list[int]] = {}
    for i, row in enumerate(got):
        by_key.setdefault(_sort_key(row), []).append(i)
    used = [False] * len(got)
    missing = []
    for row in expected:
        candidates = by_key.get(_sort_key(row), [])
        hit = next((i for i in candidates if not used[i] and _row_equal(got[i], row, tolerance)), None)
        if hit is None:  # rounding put a near-equal row under another key: look everywhere
            hit = next((i for i, g in enumerate(got) if not used[i] and _row_equal(g, row, tolerance)), None)
        if hit is None:
            missing.append(row)
        else:
            used[hit] = True
    return missing, [g for g, u in zip(got, used, strict=True) if not u]


def check_table(
    got: dict[str, Any], expected: dict[str, Any], *, ordered: bool, tolerance: float = 1e-6
) -> tuple[str, dict[str, Any]] | None:
    """Compare two result tables. None when they match; else a message and a row-level diff
    (`missing`: expected rows not produced, `unexpected`: rows produced but not expected)."""
    g_rows, e_rows = normalize(got["rows"]), normalize(expected["rows"])
    g_cols, e_cols = len(got["columns"]), len(expected["columns"])
    diff: dict[str, Any] = {"columns": got["columns"], "expected_columns": expected["columns"]}
    if g_cols != e_cols:
        return f"the result has {g_cols} columns; expected {e_cols} ({', '.join(map(str, expected['columns']))})", diff
    missing, unexpected = _match(g_rows, e_rows, tolerance)
    if missing or unexpected:
        diff.update(missing=missing[:20], unexpected=unexpected[:20], expected_rows=len(e_rows), got_rows=len(g_rows))
        parts = [f"{len(missing)} expected row{'s' if len(missing) != 1 else ''} missing"] if missing else []
        if unexpected:
            parts.append(f"{len(unexpected)} unexpected row{'s' if len(unexpected) != 1 else ''}")
        return "; ".join(parts), diff
    if ordered:
        for i, (g, e) in enumerate(zip(g_rows, e_rows, strict=True)):
            if not _row_equal(g, e, tolerance):
                diff.update(position=i + 1, expected_row=e, got_row=g)
                return f"the rows are right but in the wrong order (first difference at row {i + 1})", diff
    return None
