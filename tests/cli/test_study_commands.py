"""The terminal journeys, driven through stdin as a user at a terminal would."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlcoach.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MLCOACH_DATABASE_URL", raising=False)
    return tmp_path


def test_review_session_rates_cards_and_undoes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "--add-topic", "ml-fundamentals"], input="\n3\n\n1\n\nu\nq\n")
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "undid the last rating" in result.output
    assert runner.invoke(app, ["export", "--out", str(tmp_path / "me.json")]).exit_code == 0
    data = json.loads((tmp_path / "me.json").read_text())
    assert [log["rating"] for log in data["review_logs"]] == [3]  # the Again was undone


def test_quiz_in_the_terminal() -> None:
    result = runner.invoke(app, ["quiz", "--topic", "statistics", "--length", "2"], input="x\n1\n2\n")
    assert result.exit_code == 0, result.output
    assert "please type 1, 2, 3 or 4" in result.output and "Score: " in result.output


def test_export_import_round_trip_and_bad_file(tmp_path: Path) -> None:
    runner.invoke(app, ["review", "--add-topic", "sql"], input="\n4\nq\n")
    out = tmp_path / "me.json"
    assert runner.invoke(app, ["export", "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["import", str(out)])
    assert result.exit_code == 0 and "imported" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mlcoach-user-data",\n "version": 1,\n oops}')
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 1 and "bad.json:3: not valid JSON" in result.output


def test_mock_lists_loops_and_runs_a_round() -> None:
    loops = json.loads(runner.invoke(app, ["mock", "--list-loops", "--json"]).stdout)
    assert {lp["id"] for lp in loops} >= {"google", "tesla", "byd", "hugging-face"}
    result = runner.invoke(app, ["mock", "--rounds", "behavioral", "--seed", "4"], input=":skip\n:end\n")
    assert result.exit_code == 0, result.output
    assert "# Single round: Behavioral" in result.output and "## Study next" in result.output
    result = runner.invoke(app, ["mock", "--company", "acme"])
    assert result.exit_code == 1 and "unknown company loop" in result.output


def test_estimate_qps_json() -> None:
    result = runner.invoke(app, ["estimate", "qps", "--dau", "100000000", "--requests-per-user", "10",
                                 "--peak-factor", "2", "--json"])
    data = json.loads(result.stdout)
    assert round(data["qps"]) == 11574 and round(data["peak_qps"]) == 23148
    result = runner.invoke(app, ["estimate", "model-memory", "--params", "7e9", "--precision", "fp8"])
    assert result.exit_code == 1 and "precision must be one of" in result.output


def test_plan_and_guide_commands() -> None:
    assert runner.invoke(app, ["plan"]).exit_code == 1
    result = runner.invoke(app, ["plan", "--role", "data-scientist", "--date", "2099-01-01"])
    # the console script prints MlcoachError as "error: ..." (tests/cli/test_cli.py checks that path)
    assert result.exit_code == 1 and "within a year" in str(result.exception)
    from datetime import date, timedelta

    when = (date.today() + timedelta(days=40)).isoformat()
    result = runner.invoke(app, ["plan", "--role", "mlops-engineer", "--date", when, "--days-off", "sun", "--json"])
    data = json.loads(result.stdout)
    assert data["roles"] == ["mlops-engineer"] and data["days"][0]["tasks"]
    guide = runner.invoke(app, ["guide", "ml-engineer", "--json"])
    assert json.loads(guide.stdout)["transitions"]
    quiz = runner.invoke(app, ["guide", "--quiz"], input="3\n1\n4\n1\n1\n")
    assert "1. MLOps engineer" in quiz.output
