import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mlcoach import __version__
from mlcoach.cli.main import app
from mlcoach.content.loader import load_bank

runner = CliRunner()


def test_version_is_fast_to_import_and_prints_version() -> None:
    code = "import sys; sys.argv=['mlcoach','--version']; from mlcoach.cli.main import run; run()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == f"mlcoach {__version__}"
    probe = "import sys; import mlcoach.cli.main; print(' '.join(sys.modules))"
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    heavy = {"numpy", "onnxruntime", "sqlalchemy", "fastapi", "uvicorn", "yaml", "tokenizers", "jinja2"}
    assert not loaded & heavy, f"the CLI imports {sorted(loaded & heavy)} at start-up"


def test_stats_json_counts_match_the_bank() -> None:
    result = runner.invoke(app, ["bank", "stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    bank = load_bank()
    assert data["items"] == len(bank.items)
    assert sum(data["by_kind"].values()) == len(bank.items)
    assert set(data) >= {"by_kind", "by_topic", "by_role", "by_company", "by_difficulty", "by_round"}


def test_export_jsonl_has_every_field() -> None:
    result = runner.invoke(app, ["bank", "export", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    bank = load_bank()
    assert len(rows) == len(bank.items)
    by_id = {r["id"]: r for r in rows}
    mcq = by_id["regularization-l1-sparsity"]
    assert sum(o["correct"] for o in mcq["options"]) == 1 and all(o["why"] for o in mcq["options"])
    design = by_id["design-news-feed-ranking"]
    assert {p["step"] for p in design["rubric"]} == {"clarify", "requirements", "estimate", "architect", "refine"}
    assert design["clarifying_questions"][0]["answer"]
    est = by_id["video-rec-qps"]
    assert est["expected"]["value"] == 23148 and est["tolerance"] == 0.2


def test_export_rejects_unknown_format() -> None:
    result = runner.invoke(app, ["bank", "export", "--format", "csv"])
    assert result.exit_code == 1 and "unknown format 'csv'" in result.output


def test_search_json() -> None:
    result = runner.invoke(app, ["bank", "search", "bias variance", "--json"])
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "bias-variance-tradeoff"


def test_validate_builtin_bank_is_clean() -> None:
    result = runner.invoke(app, ["bank", "validate"])
    assert result.exit_code == 0, result.stdout[:2000]
    assert result.stdout.startswith("ok: ")


def test_console_script_reports_config_errors_without_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("mlcoach")
    env = {**os.environ, "MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_PORT": "not-a-port"}
    proc = subprocess.run([str(exe), "serve"], capture_output=True, text=True, env=env, timeout=30)
    assert proc.returncode == 2
    assert "MLCOACH_PORT" in proc.stderr and "Traceback" not in proc.stderr
