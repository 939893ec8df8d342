"""`mlcoach resume check FILE`: score a resume against a role profile and, optionally, a job description."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlcoach.cli.output import emit_json, fail

if TYPE_CHECKING:
    from mlcoach.services.resume.check import ResumeReport

app = typer.Typer(help="Check a resume the way ATS software and a recruiter would.", no_args_is_help=True)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The resume: PDF, DOCX, TXT or Markdown.")],
    role: Annotated[str, typer.Option(help="Target role, e.g. ml-engineer (default: the closest profile).")] = "",
    jd: Annotated[Path | None, typer.Option("--jd", help="A job description to match (TXT, MD, PDF or DOCX).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Sections, contact line, keyword coverage, bullet quality and a 0-100 score. Nothing leaves your machine."""
    from mlcoach.content.loader import load_bank
    from mlcoach.content.search import SearchIndex
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.services.resume.check import check_resume
    from mlcoach.services.resume.extract import MAX_BYTES, extract
    from mlcoach.settings import load_settings

    data = _read(file, MAX_BYTES)
    try:
        jd_text = extract(_read(jd, MAX_BYTES), jd.name).text if jd is not None else ""
        bank = load_bank(load_settings().content_path)
        report = check_resume(data, file.name, bank=bank, index=SearchIndex(bank.items), role_id=role,
                              job_description=jd_text)
    except MlcoachError as exc:
        fail(f"{file if exc.field == 'file' else exc.field or file}: {exc.message}")
        return
    if as_json:
        emit_json(report.to_dict())
    else:
        _print(report)


def _read(path: Path, limit: int) -> bytes:
    from mlcoach.services.resume.extract import megabytes

    if not path.is_file():
        fail(f"{path}: no such file")
    if path.stat().st_size > limit:
        fail(f"{path}: the file is {megabytes(path.stat().st_size)}; the limit is {megabytes(limit)}")
    return path.read_bytes()


def _print(report: ResumeReport) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    guessed = " (closest profile; choose another with --role)" if report.role_guessed else ""
    out.print(f"[bold]Resume score: {report.score.total}/100[/bold] for {report.role_name}{guessed}")
    pages = f"{report.pages} page(s)" if report.pages else f"about {report.estimated_pages} page(s)"
    out.print(f"{report.filename}: {report.format}, {report.words} words, {pages}")
    table = Table(show_header=True)
    for column in ("part", "points", "weight", "how it is scored"):
        table.add_column(column)
    for p in report.score.parts:
        table.add_row(p.name, f"{p.points:g}", str(p.weight), p.detail)
    out.print(table)
    c = report.contact
    out.print(f"[bold]Contact[/bold]: email {c.email or '-'} · phone {c.phone or '-'} · links "
              f"{', '.join(c.links) or '-'}")
    out.print(f"[bold]Sections[/bold]: {', '.join(report.sections) or '-'}")
    if report.missing_required or report.missing_recommended:
        out.print(f"  missing: {', '.join(report.missing_required + report.missing_recommended)}")
    coverages = [report.role_coverage] + ([report.jd_coverage] if report.jd_coverage else [])
    for cov in coverages:
        out.print(f"[bold]Keywords, {cov.label}[/bold]: {len(cov.found)}/{len(cov.keywords)} ({cov.percent}%)")
        out.print("  found: " + (", ".join(k.name for k in cov.found) or "-"))
        for k in cov.missing:
            study = "; ".join(f"{i.id}" for i in k.items)
            out.print(f"  missing: {k.name}" + (f"  → study: {study}" if study else ""))
    out.print(f"[bold]Bullets[/bold]: {len(report.bullets)}, {len(report.bullets) - len(report.weak_bullets)} strong")
    for b in report.weak_bullets:
        out.print(f"  • {b.text}")
        for problem in b.problems:
            out.print(f"      - {problem}")
    if report.tips:
        out.print("[bold]Tips[/bold]")
        for tip in report.tips:
            out.print(f"  • {tip}")
    sys.stdout.flush()
