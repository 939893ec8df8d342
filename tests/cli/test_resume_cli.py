"""`mlcoach resume check`: text and JSON reports, a job description file, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from mlcoach.cli import resume
from tests.fixtures.resume import SAMPLE_MD, encrypted_pdf, sample_docx, sample_lines, sample_pdf

runner = CliRunner()
root = typer.Typer()
root.add_typer(resume.app, name="resume")  # as cli/main.py registers it


def test_json_report_for_a_pdf_with_a_job_description(tmp_path: Path) -> None:
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(sample_pdf())
    jd = tmp_path / "jd.txt"
    jd.write_text("Strong SQL, Looker dashboards and experimentation; Kubernetes is a plus.", encoding="utf-8")
    result = runner.invoke(root, ["resume", "check", str(cv), "--role", "data-analyst", "--jd", str(jd), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["role"] == {"id": "data-analyst", "name": "Data analyst", "guessed": False}
    assert 0 < data["score"]["total"] <= 100 and len(data["score"]["parts"]) == 5
    jd_missing = data["keywords"]["job_description"]["missing"]
    assert "Looker" in jd_missing and "Kubernetes" in jd_missing
    assert data["bullets"]["weak"][0]["text"] == "Responsible for weekly reporting"


def test_text_report_for_docx_and_markdown(tmp_path: Path) -> None:
    cv = tmp_path / "cv.docx"
    cv.write_bytes(sample_docx())
    result = runner.invoke(root, ["resume", "check", str(cv)])
    assert result.exit_code == 0, result.output
    assert "Resume score:" in result.stdout and "closest profile" in result.stdout and "missing:" in result.stdout
    result = runner.invoke(root, ["resume", "check", str(SAMPLE_MD), "--role", "ml-engineer"])
    assert result.exit_code == 0 and "Machine learning engineer" in result.stdout
    assert "opens with 'Responsible for'" in result.stdout


def test_errors_are_one_line_messages(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf(sample_lines()))
    result = runner.invoke(root, ["resume", "check", str(locked)])
    assert result.exit_code == 1 and "password-protected" in result.stderr and "Traceback" not in result.output
    result = runner.invoke(root, ["resume", "check", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    result = runner.invoke(root, ["resume", "check", str(SAMPLE_MD), "--role", "astronaut"])
    assert result.exit_code == 1 and "unknown role 'astronaut'" in result.stderr
