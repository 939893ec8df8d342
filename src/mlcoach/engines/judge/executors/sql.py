"""SQL executor: an in-memory SQLite or DuckDB database per test, loaded from the exercise's fixture.

Runs inside the sandbox, and guards itself too, with each engine's own controls: read-only unless the
exercise is about DML; no ATTACH, extension loading or file access; a time limit through the engine's
interrupt (SQLite's progress handler, DuckDB's `interrupt()`); a heap limit. Returns the result table.
"""

from __future__ import annotations

import datetime as dt
import decimal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from mlcoach.engines.judge.executors.python import peak_kb, peak_reset

MAX_ROWS = 10_000
SQLITE_WRITES = {
    sqlite3.SQLITE_INSERT,
    sqlite3.SQLITE_UPDATE,
    sqlite3.SQLITE_DELETE,
    sqlite3.SQLITE_ALTER_TABLE,
    sqlite3.SQLITE_REINDEX,
    sqlite3.SQLITE_ANALYZE,
    sqlite3.SQLITE_CREATE_VTABLE,
    sqlite3.SQLITE_DROP_VTABLE,
    *range(sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_VIEW + 1),  # 1-8: every CREATE
    *range(sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_VIEW + 1),  # 10-17: every DROP
}
SQLITE_NEVER = {sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH, sqlite3.SQLITE_PRAGMA}
DENIED_FUNCTIONS = {"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"}
DUCKDB_READ = {"SELECT"}
DUCKDB_WRITE = {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "TRANSACTION", "MERGE_INTO"}


class Timeout(Exception):
    pass


class Refused(Exception):
    """A statement the exercise does not allow (writes in a read-only task, ATTACH, PRAGMA, ...)."""


class TooManyRows(Exception):
    pass


class SyntaxProblem(Exception):
    pass


def sql_value(value: Any) -> Any:
    """A cell as a plain JSON value; dates become ISO text so both engines compare alike."""
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [sql_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): sql_value(v) for k, v in value.items()}
    return str(value)


def split_sqlite(script: str) -> list[str]:
    """Statements of a script, cut at semicolons that end a complete statement (not inside strings)."""
    out, start = [], 0
    for pos, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start : pos + 1]):
            out.append(script[start : pos + 1])
            start = pos + 1
    rest = script[start:]
    if rest.strip():
        out.append(rest)
    return out


def _sqlite(job: dict[str, Any], setup: str) -> tuple[Any, Callable[[], None]]:
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.execute(f"PRAGMA hard_heap_limit = {int(job['memory_mb']) * 1024 * 1024}")
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000_000)
    con.executescript(job["schema"] + "\n" + setup)
    mutates = bool(job.get("mutates"))
    if not mutates:
        con.execute("PRAGMA query_only = ON")

    def authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _trigger: Any) -> int:
        if action in SQLITE_NEVER:
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_FUNCTION and str(arg2).lower() in DENIED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
        if not mutates and action in SQLITE_WRITES:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    con.set_authorizer(authorizer)
    return con, con.interrupt


def _duckdb(job: dict[str, Any], setup: str) -> tuple[Any, Callable[[], None]]:
    import duckdb

    con = duckdb.connect(
        ":memory:",
        config={
            "threads": 1,
            "memory_limit": f"{int(job['memory_mb'])}MB",
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    if (job["schema"] + setup).strip():
        con.execute(job["schema"] + "\n" + setup)
    con.execute("SET lock_configuration = true")
    return con, con.interrupt


def _statements(job: dict[str, Any], con: Any, code: str) -> list[str]:
    if job["engine"] == "duckdb":
        import duckdb

        try:
            parsed = con.extract_statements(code)
        except duckdb.ParserException as exc:
            raise SyntaxProblem(str(exc)) from None
        allowed = DUCKDB_WRITE if job.get("mutates") else DUCKDB_READ
        for st in parsed:
            if st.type.name not in allowed:
                raise Refused(f"{st.type.name} statements are not allowed in this exercise")
        return [st.query for st in parsed]
    return split_sqlite(code)


def execute(job: dict[str, Any], code: str, setup: str, on_loaded: Callable[[], None]) -> dict[str, Any]:
    """Load the fixture, run the candidate's statements under a time limit, return the result table."""
    con, interrupt = (_duckdb if job["engine"] == "duckdb" else _sqlite)(job, setup)
    on_loaded()
    statements = _statements(job, con, code)
    deadline = time.monotonic() + float(job["time_s"])
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        interrupt()

    def progress() -> int:
        if time.monotonic() > deadline:
            timed_out.set()
            return 1  # non-zero aborts the statement
        return 0

    if job["engine"] == "sqlite":
        con.set_progress_handler(progress, 10_000)
        timer = None
    else:
        timer = threading.Timer(float(job["time_s"]), stop)
        timer.start()
    try:
        description, rows = None, []
        for statement in statements:
            cur = con.execute(statement)
            if cur.description:
                description = cur.description
                rows = cur.fetchmany(MAX_ROWS + 1)
        if job.get("mutates"):
            cur = con.execute(f'SELECT * FROM "{job["result_table"]}"')
            description, rows = cur.description, cur.fetchmany(MAX_ROWS + 1)
    except Exception:
        if timed_out.is_set():
            raise Timeout(f"the query ran longer than {job['time_s']} s") from None
        raise
    finally:
        if timer is not None:
            timer.cancel()
    if description is None:
        raise Refused("the statements returned no rows: end with a SELECT")
    if len(rows) > MAX_ROWS:
        raise TooManyRows(f"the query returned more than {MAX_ROWS} rows")
    return {"columns": [d[0] for d in description], "rows": [[sql_value(v) for v in row] for row in rows]}


def _classify(exc: Exception) -> str:
    text = f"{type(exc).__name__} {exc}".lower()
    if isinstance(exc, MemoryError) or "out of memory" in text or "outofmemory" in text:
        return "memory"
    if isinstance(exc, SyntaxProblem) or ("syntax error" in text and isinstance(exc, sqlite3.OperationalError)):
        return "syntax"
    return "error"


class _Clock:
    """Marks the start of a test once its fixture is loaded (the fixture's own time does not count)."""

    def __init__(self, index: int, report: Callable[[dict[str, Any]], None]) -> None:
        self.index, self.report, self.at = index, report, 0.0

    def start(self) -> None:
        self.report({"event": "begin", "index": self.index})
        peak_reset()
        self.at = time.perf_counter()

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.at) * 1000 if self.at else 0.0


def run(job: dict[str, Any], report: Callable[[dict[str, Any]], None]) -> None:
    report({"event": "ready"})
    for test in job["tests"]:
        index = test["index"]
        clock = _Clock(index, report)
        result: dict[str, Any] = {"event": "end", "index": index}
        try:
            result.update(status="ok", value=execute(job, job["code"], test.get("setup", ""), clock.start))
        except Timeout as exc:
            result.update(status="timeout", error={"type": "Timeout", "message": str(exc)})
        except TooManyRows as exc:
            result.update(status="too_big", error={"type": "TooManyRows", "message": str(exc)})
        except Exception as exc:
            kind = _classify(exc)
            if kind == "syntax":
                report({"event": "compile_error", "message": f"{type(exc).__name__}: {exc}"[:500], "line": None})
                return
            if not clock.at:  # the fixture itself failed: a content problem
                kind = "setup_error"
            result.update(status=kind, error={"type": type(exc).__name__, "message": str(exc)[:500], "line": None})
        result["time_ms"] = clock.elapsed_ms()
        result["memory_kb"] = peak_kb()
        report(result)
