"""`mlcoach grade`: grade one answer to a bank question, or a JSONL batch of answers.

    mlcoach grade --question-id ID --answer TEXT [--json]
    mlcoach grade --batch IN.jsonl --out OUT.jsonl

Batch rows are `{"question", "reference", "answer"}` (key points derived from the reference; an optional
`"references"` list names other correct answers, and the answer is graded against the one it matches best)
or `{"question_id", "answer"}` (the bank's rubric). Every row is checked before any is graded; a bad row is
reported as `IN.jsonl:LINE: message` and the command exits 1. Output rows are the input rows plus `score`
and the feedback fields.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mlcoach.cli.output import emit_json, fail


def _load_bank() -> Any:
    from mlcoach.content.loader import load_bank
    from mlcoach.settings import load_settings

    return load_bank(load_settings().content_path)


def _llm_settings() -> dict[str, str]:
    from mlcoach.settings import load_settings

    return load_settings().llm


def _read_batch(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text")
    rows, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{path}:{number}: a row must be a JSON object")
            continue
        needed = ("question_id", "answer") if "question_id" in row else ("question", "reference", "answer")
        for name in needed:
            if name not in row:
                problems.append(f"{path}:{number}: missing field '{name}'")
            elif not isinstance(row[name], str):
                problems.append(f"{path}:{number}: field '{name}' must be a string")
        alternatives = row.get("references")
        if alternatives is not None and (
            not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives)
        ):
            problems.append(f"{path}:{number}: field 'references' must be a list of strings")
        rows.append((number, row))
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        fail(f"{len(problems)} problem(s) in {path}; nothing was graded")
    if not rows:
        fail(f"{path} has no rows")
    return rows


def _print_result(data: dict[str, Any]) -> None:
    out = [f"score: {data['score']:.1f} / 5   (grader: {data['grader']})"]
    out += [f"  {m}" for m in data["messages"]]
    for p in data["points"]:
        mark = "+" if p["covered"] else "-"
        out.append(f"  [{mark}] ({p['weight']}) {p['point']}")
        if p["covered"] and p["span"]:
            out.append(f"        \u2190 \u201c{p['span']}\u201d")
    for m in data["misconceptions_found"]:
        out.append(f"  misconception: {m['claim']} \u2192 {m['correction']}")
    for key in ("star", "design_steps"):
        if data[key]:
            out.append(f"  {key}: " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in data[key].items()))
    if data["follow_up"]:
        out.append(f"follow-up: {data['follow_up']}")
    sys.stdout.write("\n".join(out) + "\n")


def _grade_batch(batch: Path, out: Path | None) -> None:
    from mlcoach.engines.grader import grade as grade_item
    from mlcoach.engines.grader import grade_text

    rows = _read_batch(batch)
    bank = _load_bank() if any("question_id" in row for _, row in rows) else None
    unknown = [
        f"{batch}:{n}: unknown question_id '{row['question_id']}'"
        for n, row in rows
        if bank is not None and "question_id" in row and row["question_id"] not in bank.items
    ]
    if unknown:
        sys.stderr.write("\n".join(unknown) + "\n")
        fail(f"{len(unknown)} problem(s) in {batch}; nothing was graded")
    llm = _llm_settings()
    lines = []
    for _, row in rows:
        if "question_id" in row and bank is not None:
            item = bank.items[row["question_id"]]
            result = grade_item(item, row["answer"], neighbours=bank.neighbours(item), llm=llm)
        else:
            result = grade_text(
                row["question"], row["reference"], row["answer"], alternatives=row.get("references") or (), llm=llm
            )
        lines.append(json.dumps({**row, **result.to_dict()}, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    sys.stderr.write(f"graded {len(lines)} answer(s) into {out}\n")


def grade(
    question_id: Annotated[str | None, typer.Option("--question-id", help="A bank item id.")] = None,
    answer: Annotated[str | None, typer.Option("--answer", help="The answer text ('-' reads stdin).")] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="A JSONL file of answers to grade.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where to write the graded JSONL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Grade written answers offline (or with the LLM judge when one is configured)."""
    from mlcoach.domain.errors import MlcoachError

    if batch is not None:
        if question_id is not None or answer is not None:
            fail("use either --batch or --question-id with --answer, not both")
        _grade_batch(batch, out)
        return
    if question_id is None:
        fail("give --question-id ID --answer TEXT, or --batch IN.jsonl --out OUT.jsonl")
    if answer is None:
        fail("--answer is required with --question-id")
    text = sys.stdin.read() if answer == "-" else answer
    bank = _load_bank()
    if question_id not in bank.items:
        fail(f"unknown question id '{question_id}' (see `mlcoach bank search`)")
    from mlcoach.engines.grader import grade as grade_item

    try:
        item = bank.items[question_id]
        result = grade_item(item, text or "", neighbours=bank.neighbours(item), llm=_llm_settings())
    except MlcoachError as exc:
        fail(exc.message)
    data = result.to_dict()
    if as_json:
        emit_json({"question_id": question_id, **data})
    else:
        _print_result(data)
