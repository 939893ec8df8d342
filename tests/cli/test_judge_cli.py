"""`mlcoach judge EXERCISE_ID SOLUTION_FILE --json`, driven through Typer as the CLI runs it."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from mlcoach.cli.judge import judge
from mlcoach.content.loader import load_bank


def app() -> typer.Typer:
    """The command as main.py registers it (built here so the test does not depend on that)."""
    from mlcoach.cli import main

    registered = {c.name for c in main.app.registered_commands}
    if "judge" in registered:
        return main.app
    a = typer.Typer()
    a.command(name="judge")(judge)
    a.command(name="noop")(lambda: None)  # two commands, so Typer keeps the sub-command name
    return a


def test_json_verdict_per_test_time_and_memory(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MLCOACH_DATA_DIR", str(tmp_path))
    ex = load_bank().exercise("two-sum-indices")
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(ex.reference)
    bad.write_text(ex.wrong[-1])
    out = CliRunner().invoke(app(), ["judge", "two-sum-indices", str(good), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["verdict"] == "accepted" and data["passed"] == data["total"] == len(ex.hidden)
    assert {"time_ms", "memory_kb", "verdict", "name"} <= set(data["tests"][0]) and data["memory_kb"] > 0
    out = CliRunner().invoke(app(), ["judge", "two-sum-indices", str(bad), "--json"])
    assert out.exit_code == 1 and json.loads(out.stdout)["verdict"] == "wrong_answer"
    out = CliRunner().invoke(app(), ["judge", "two-sum-indices", str(bad)])
    assert out.exit_code == 1 and "Wrong answer" in out.stdout


def test_unknown_exercise_or_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MLCOACH_DATA_DIR", str(tmp_path))
    f = tmp_path / "s.py"
    f.write_text("pass\n")
    out = CliRunner().invoke(app(), ["judge", "no-such-exercise", str(f), "--json"])
    assert out.exit_code == 2 and "no exercise with id" in out.output
    out = CliRunner().invoke(app(), ["judge", "two-sum-indices", str(tmp_path / "missing.py")])
    assert out.exit_code == 2 and "cannot read" in out.output
