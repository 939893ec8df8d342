"""Python executor: runs inside the sandbox, one fresh module per test, and reports raw return values.

A test calls `entry(*args)`, drives a class through `ops`, or hands the module to the exercise's own
`check` function. Expected values never enter the sandbox: the checker compares outside it.
"""

from __future__ import annotations

import math
import os
import random
import string
import sys
import time
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

SOLUTION_FILE = "solution.py"
MAX_DEPTH = 100


class MissingEntry(Exception):
    """The solution does not define the function or class the tests call."""


def to_jsonable(value: Any, depth: int = 0) -> Any:
    """Plain JSON values: NumPy arrays and scalars become lists and numbers, tuples lists, sets sorted lists."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if depth > MAX_DEPTH:
        raise ValueError("the returned value is nested too deeply")
    np = sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            return to_jsonable(value.tolist(), depth + 1)
        if isinstance(value, np.generic):
            return to_jsonable(value.item(), depth + 1)
    if isinstance(value, list | tuple):
        return [to_jsonable(v, depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        items = [to_jsonable(v, depth + 1) for v in value]
        return sorted(items, key=lambda v: (type(v).__name__, repr(v)))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, depth + 1) for k, v in value.items()}
    if hasattr(value, "__float__") and type(value).__name__ in ("Decimal", "Fraction"):
        return float(value)
    return {"__object__": type(value).__name__, "repr": _short(repr(value))}


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_error(exc: BaseException) -> dict[str, Any]:
    """Exception name, message and the line of the solution where it happened."""
    line = None
    frames = []
    try:
        import traceback

        extracted: list[Any] = list(traceback.extract_tb(exc.__traceback__))
    except Exception:  # e.g. the module cannot be read any more after the uid drop
        extracted = []
    for frame in extracted:
        if frame.filename == SOLUTION_FILE:
            line = frame.lineno
            frames.append(f"line {frame.lineno}, in {frame.name}: {frame.line or ''}".rstrip(": "))
    if isinstance(exc, SyntaxError) and exc.filename == SOLUTION_FILE:
        line = exc.lineno
    return {
        "type": type(exc).__name__,
        "message": _short(str(exc), 500),
        "line": line,
        "trace": frames[-5:],
    }


def generate_args(expression: str) -> list[Any]:
    """A test's arguments from its `generate` expression (content, trusted, but still evaluated here)."""
    namespace = {"random": random, "math": math, "string": string}
    value = eval(expression, namespace)
    if not isinstance(value, list | tuple):
        raise TypeError("a 'generate' expression must give the list of arguments")
    return list(value)


def _load(compiled: types.CodeType) -> types.ModuleType:
    module = types.ModuleType("solution")
    module.__file__ = SOLUTION_FILE
    sys.modules["solution"] = module
    exec(compiled, module.__dict__)
    return module


def _attr(module: types.ModuleType, name: str) -> Any:
    if not hasattr(module, name):
        raise MissingEntry(f"the solution does not define '{name}'")
    return getattr(module, name)


def _call(module: types.ModuleType, test: dict[str, Any], job: dict[str, Any], check: Callable[..., Any] | None) -> Any:
    if "ops" in test:
        ops = test["ops"]
        obj = _attr(module, str(ops[0][0]))(*ops[0][1:])
        out: list[Any] = [None]
        for op in ops[1:]:
            out.append(getattr(obj, str(op[0]))(*op[1:]))
        return out
    if check is not None:
        message = check(module, *test["args"])
        return {"check": None if message is None else str(message)}
    return _attr(module, job["entry"])(*test["args"])


def _check_function(source: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {"__name__": "check"}
    exec(compile(source, "check.py", "exec"), namespace)
    return namespace["check"]


def peak_reset() -> None:
    """Reset the peak-RSS mark so each test reports its own peak (Linux clear_refs, value 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_kb() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(job: dict[str, Any], report: Callable[[dict[str, Any]], None]) -> None:
    code = job["code"]
    try:
        compiled = compile(code, SOLUTION_FILE, "exec")
    except (SyntaxError, ValueError) as exc:
        report(
            {"event": "compile_error", "message": f"{type(exc).__name__}: {exc}", "line": getattr(exc, "lineno", None)}
        )
        return
    if "numpy" in code or "numpy" in job.get("check", ""):
        import numpy  # noqa: F401 - warm the import outside the timed part of the first test
    report({"event": "ready"})
    main_pid = os.getpid()
    for test in job["tests"]:
        index = test["index"]
        try:
            if "generate" in test:
                test = {**test, "args": generate_args(test["generate"])}
            check = _check_function(job["check"]) if job.get("check") and "ops" not in test else None
        except Exception as exc:  # broken content: the grader reports an internal error
            report({"event": "end", "index": index, "status": "setup_error", "error": describe_error(exc)})
            continue
        report({"event": "begin", "index": index})
        peak_reset()
        status, value, error = "ok", None, None
        start = time.perf_counter()
        try:
            value = _call(_load(compiled), test, job, check)
        except MemoryError as exc:
            status, error = "memory", describe_error(exc)
        except MissingEntry as exc:
            status, error = "error", {"type": "NameError", "message": str(exc), "line": None, "trace": []}
        except BaseException as exc:  # SystemExit and KeyboardInterrupt are the candidate's errors too
            status, error = "error", describe_error(exc)
        finally:
            if os.getpid() != main_pid:  # a fork of the solution must never report results
                os._exit(0)
        elapsed_ms = (time.perf_counter() - start) * 1000
        sys.stdout.flush()
        result: dict[str, Any] = {"event": "end", "index": index, "status": status, "time_ms": elapsed_ms}
        result["memory_kb"] = peak_kb()
        if status == "ok":
            try:
                result["value"] = to_jsonable(value)
            except (ValueError, RecursionError) as exc:
                result.update(status="error", error={"type": "ValueError", "message": str(exc), "line": None})
        else:
            result["error"] = error
        report(result)
        del value
