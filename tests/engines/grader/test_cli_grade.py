"""`mlcoach grade`: one answer by question id, JSONL batches, and clear errors (no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from mlcoach.cli.main import run; sys.argv = ['mlcoach', *sys.argv[1:]]; run()"
    env = {"MLCOACH_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", code, "grade", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def item_id(bank: Any) -> str:
    return sorted(i.id for i in bank.items.values() if i.rubric and i.answer)[0]


def test_grade_one_answer_as_json(tmp_path: Path, item_id: str) -> None:
    out = _run("--question-id", item_id, "--answer", "I do not know.", "--json", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["question_id"] == item_id and data["grader"] == "offline"
    assert 0 <= data["score"] <= 2 and data["missed"] and data["messages"]


def test_batch_with_both_row_kinds(tmp_path: Path, item_id: str) -> None:
    rows = [
        {"question": "What is overfitting?", "reference": "A model fits noise in the training data and generalises "
         "badly to new data.", "answer": "It learns the noise of the training set, so it does badly on new data."},
        {"question_id": item_id, "answer": ""},
        {"question": "Why is the bulb off?", "reference": "The bulb is not in a closed path with the battery.",
         "references": ["The switch is open, so no current flows through the bulb."],
         "answer": "The switch was left open so current cannot flow through the bulb."},
    ]
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = _run("--batch", str(src), "--out", str(dst), tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    graded = [json.loads(line) for line in dst.read_text().splitlines()]
    assert len(graded) == 3
    assert graded[0]["score"] >= 3 and graded[0]["derived_points"]
    assert graded[1]["score"] == 0 and "empty" in graded[1]["flags"]
    assert graded[1]["question_id"] == item_id
    assert graded[2]["extra"]["reference_used"] == 1 and graded[2]["score"] >= 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"question": "q", "reference": "r", "answer": "a"}\n{not json\n', "in.jsonl:2: malformed JSON"),
        ('{"question": "q", "answer": "a"}\n', "in.jsonl:1: missing field 'reference'"),
        ('{"question_id": "no-such-item", "answer": "a"}\n', "in.jsonl:1: unknown question_id 'no-such-item'"),
        ('{"question_id": 3, "answer": "a"}\n', "in.jsonl:1: field 'question_id' must be a string"),
        ('{"question": "q", "reference": "r", "answer": "a", "references": "r2"}\n',
         "in.jsonl:1: field 'references' must be a list of strings"),
    ],
)
def test_bad_batches_name_the_line_and_field(tmp_path: Path, content: str, expected: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(content)
    out = _run("--batch", str(src), "--out", str(tmp_path / "out.jsonl"), tmp_path=tmp_path)
    assert out.returncode != 0
    assert expected in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_unknown_id_and_missing_options(tmp_path: Path) -> None:
    out = _run("--question-id", "no-such-item", "--answer", "x", tmp_path=tmp_path)
    assert out.returncode != 0 and "unknown question id 'no-such-item'" in out.stderr
    assert "Traceback" not in out.stderr
    out = _run(tmp_path=tmp_path)
    assert out.returncode != 0 and "--question-id" in out.stderr
