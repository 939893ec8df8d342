"""`mlcoach bank ...`: validate, stats, export and search the question bank."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json, fail

app = typer.Typer(help="Browse and check the question bank.", no_args_is_help=True)


def _bank():  # type: ignore[no-untyped-def]
    from mlcoach.content.loader import load_bank
    from mlcoach.settings import load_settings

    settings = load_settings()
    bank = load_bank(settings.content_path)
    for p in bank.problems:
        sys.stderr.write(f"warning: {p}\n")
    return bank


@app.command()
def validate(
    directory: Annotated[Path | None, typer.Argument(help="A content pack; default: the built-in bank.")] = None,
) -> None:
    """Check a content pack; print every problem as file:line: message."""
    from mlcoach.content.loader import load_bank

    if directory is None or directory.resolve() == _builtin().resolve():
        bank = load_bank()
    else:
        if not directory.is_dir():
            fail(f"{directory} is not a directory")
        bank = load_bank([directory], include_builtin=False)
    for p in bank.problems:
        sys.stdout.write(f"{p}\n")
    if bank.problems:
        sys.stderr.write(f"{len(bank.problems)} problem(s) in {len(bank.items)} valid item(s)\n")
        raise typer.Exit(1)
    sys.stdout.write(
        f"ok: {len(bank.items)} items, {len(bank.companies)} company profiles, {len(bank.roles)} role profiles\n"
    )


def _builtin() -> Path:
    from mlcoach.content.loader import BUILTIN

    return BUILTIN


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts by kind, topic, role, company, round and difficulty."""
    from mlcoach.content.stats import bank_stats

    data = bank_stats(_bank())
    if as_json:
        emit_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{data['items']} items[/bold]")
    for key in ("by_kind", "by_round", "by_difficulty", "by_company", "by_role", "by_topic"):
        table = Table(title=key.replace("_", " "), show_header=False)
        for name, count in data[key].items():
            table.add_row(name, str(count))
        console.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one item per line) or anki (.apkg).")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Write to a file instead of stdout.")] = None,
    kind: Annotated[str, typer.Option(help="Only this kind.")] = "",
    topic: Annotated[str, typer.Option(help="Only this topic.")] = "",
    company: Annotated[str, typer.Option(help="Only this company.")] = "",
    role: Annotated[str, typer.Option(help="Only this role.")] = "",
) -> None:
    """Export items with every field."""
    from mlcoach.content.search import Query

    if fmt not in ("jsonl", "anki"):
        fail(f"unknown format '{fmt}' (supported: jsonl, anki)")
    bank = _bank()
    q = Query(kind=kind, topic=topic, company=company, role=role)
    if fmt == "anki":
        from mlcoach.services.anki import export_apkg

        if out is None or out.suffix != ".apkg":
            fail("--format anki needs --out FILE.apkg")
            return
        studyable = [i for i in bank.items.values() if q.matches(i) and i.kind.value != "estimation"]
        if not studyable:
            fail("no item matches these filters")
        name = "mlcoach" + "".join(f"::{v}" for v in (kind, topic, company, role) if v)
        count = export_apkg(studyable, out, name)
        sys.stderr.write(f"wrote {count} notes to {out}\n")
        return
    lines = [json.dumps(i.to_dict(), ensure_ascii=False) for i in bank.items.values() if q.matches(i)]
    text = "\n".join(lines) + ("\n" if lines else "")
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {len(lines)} items to {out}\n")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    kind: Annotated[str, typer.Option(help="Only this kind.")] = "",
    topic: Annotated[str, typer.Option(help="Only this topic.")] = "",
    company: Annotated[str, typer.Option(help="Only this company.")] = "",
    role: Annotated[str, typer.Option(help="Only this role.")] = "",
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
) -> None:
    """Full-text search with optional filters."""
    from mlcoach.content.search import Query, SearchIndex

    bank = _bank()
    results = SearchIndex(bank.items).search(
        Query(text=query, kind=kind, topic=topic, company=company, role=role), limit=limit
    )
    if as_json:
        emit_json(
            [
                {
                    "id": i.id,
                    "kind": i.kind.value,
                    "prompt": i.prompt,
                    "topics": list(i.topics),
                    "companies": list(i.companies),
                    "difficulty": i.difficulty,
                }
                for i in results
            ]
        )
        return
    if not results:
        sys.stdout.write("no items match\n")
    for i in results:
        sys.stdout.write(f"{i.id:45} {i.kind.value:11} {i.title}\n")
