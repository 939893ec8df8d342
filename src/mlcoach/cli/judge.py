"""`mlcoach judge` (judge a solution file in the sandbox) and `mlcoach worker` (consume the judge queue).

    mlcoach judge EXERCISE_ID SOLUTION_FILE [--json] [--run]

Judges the hidden tests, as Submit does on the web (`--run`: the sample tests, as Run does). Nothing is
stored. Exit status: 0 accepted, 1 any other verdict, 2 usage or content errors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json, fail


def judge(
    exercise_id: Annotated[str, typer.Argument(help="Exercise id, e.g. two-sum-indices.")],
    solution_file: Annotated[Path, typer.Argument(help="File holding the solution (Python or SQL).")],
    json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
    run: Annotated[bool, typer.Option("--run", help="Only the sample tests (like Run on the web).")] = False,
) -> None:
    """Judge a solution file against an exercise's tests in the sandbox."""
    from mlcoach.content.loader import load_bank
    from mlcoach.domain.errors import NotFound
    from mlcoach.engines.judge.judge import Judge
    from mlcoach.engines.judge.pool import safe_judge
    from mlcoach.settings import load_settings

    try:
        code = solution_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {solution_file}: {exc}", 2)
    try:
        exercise = load_bank(load_settings().content_path).exercise(exercise_id)
    except NotFound as exc:
        fail(exc.message, 2)
    result = safe_judge(Judge(), exercise, code, "samples" if run else "hidden")
    if json:
        emit_json({"exercise": exercise.id, "tests_run": "samples" if run else "hidden", **result.to_dict()})
    else:
        _print(exercise.title, result)
    raise typer.Exit(0 if result.accepted else 1)


def _print(title: str, result: object) -> None:
    from rich.console import Console
    from rich.table import Table

    from mlcoach.domain.verdicts import SubmissionResult

    assert isinstance(result, SubmissionResult)
    console = Console()
    console.print(
        f"[bold]{title}[/bold]: {result.verdict.label} ({result.passed}/{result.total} tests, "
        f"{result.time_ms} ms, {result.memory_kb // 1024} MB; sandbox {result.sandbox})"
    )
    if result.message:
        console.print(result.message, markup=False)
    table = Table("test", "verdict", "time", "memory", "message")
    for t in result.tests:
        table.add_row(t.name, t.verdict.short, f"{t.time_ms} ms", f"{t.memory_kb // 1024} MB", t.message)
    if result.tests:
        console.print(table)


def worker(
    concurrency: Annotated[int, typer.Option(help="Sandboxes run at once (default: one per core).")] = 0,
) -> None:
    """Judge submissions from the Redis queue (multi-user mode; needs MLCOACH_REDIS_URL)."""
    import re
    import signal
    import threading

    from mlcoach.engines.judge.sandbox import detect
    from mlcoach.engines.judge.worker import serve
    from mlcoach.settings import load_settings

    settings = load_settings()
    if not settings.redis_url:
        fail("MLCOACH_REDIS_URL is not set: the worker needs the Redis queue to read from", 2)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    where = re.sub(r"//[^@/]*@", "//***@", settings.redis_url)
    sys.stderr.write(f"mlcoach worker: judging from {where} with sandbox {detect()}\n")
    done = serve(settings.redis_url, concurrency=concurrency or None, stop=stop)
    sys.stderr.write(f"mlcoach worker: stopped after {done} submissions\n")
