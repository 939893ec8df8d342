"""`mlcoach guide`: roles, a comparison, company loops and the career-path quiz in the terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json, fail


def guide(
    role: Annotated[str, typer.Argument(help="A role slug, e.g. ml-engineer (omit to list).")] = "",
    company: Annotated[str, typer.Option(help="Show a company's interview loop.")] = "",
    compare: Annotated[bool, typer.Option("--compare", help="Compare every role side by side.")] = False,
    quiz: Annotated[bool, typer.Option("--quiz", help="Answer five questions; get roles that fit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The career guide."""
    from rich.console import Console
    from rich.table import Table

    from mlcoach.content.loader import load_bank

    bank = load_bank()
    console = Console()
    if quiz:
        _quiz(console, bank)
        return
    if company:
        c = bank.companies.get(company)
        if c is None:
            fail(f"no company profile '{company}' (known: {', '.join(sorted(bank.companies))})")
            return
        if as_json:
            emit_json(
                {
                    "id": c.id,
                    "name": c.name,
                    "summary": c.summary,
                    "loop": [s.__dict__ for s in c.loop],
                    "emphasizes": list(c.emphasizes),
                    "tips": list(c.tips),
                }
            )
            return
        console.print(f"[bold]{c.name}[/bold]\n{c.summary}")
        table = Table("round", "min", "what")
        for s in c.loop:
            table.add_row(bank.taxonomy.rounds.get(s.round, s.round), str(s.minutes), s.what)
        console.print(table)
        return
    roles = [bank.roles[r] for r in bank.taxonomy.roles if r in bank.roles]
    if role:
        r = bank.roles.get(role)
        if r is None:
            fail(f"no role '{role}' (known: {', '.join(bank.roles)})")
            return
        if as_json:
            emit_json(
                {
                    "id": r.id,
                    "name": r.name,
                    "summary": r.summary,
                    "skills": list(r.skills),
                    "tools": list(r.tools),
                    "rounds": r.rounds,
                    "topic_weights": r.topic_weights,
                    "transitions": [{"from": t.source_role, "plan": t.plan} for t in r.transitions],
                }
            )
            return
        console.print(f"[bold]{r.name}[/bold]\n{r.summary}\n")
        console.print("[bold]Skills[/bold]: " + "; ".join(r.skills))
        console.print("[bold]Tools[/bold]: " + ", ".join(r.tools))
        for t in r.transitions:
            console.print(f"\n[bold]From {bank.taxonomy.roles.get(t.source_role, t.source_role)}[/bold]: {t.plan}")
        return
    if compare or not role:
        if as_json:
            emit_json(
                [{"id": r.id, "name": r.name, "rounds": r.rounds, "topic_weights": r.topic_weights} for r in roles]
            )
            return
        table = Table("role", "top rounds", "top topics")
        for r in roles:
            rounds = sorted(r.rounds.items(), key=lambda kv: -kv[1])[:3]
            topics = sorted(r.topic_weights.items(), key=lambda kv: -kv[1])[:3]
            table.add_row(
                f"{r.name}\n[dim]{r.id}[/dim]",
                "\n".join(f"{k} {v:.0%}" for k, v in rounds),
                "\n".join(k for k, _v in topics),
            )
        console.print(table)
        console.print("`mlcoach guide ROLE` for one role, `--company SLUG` for a loop, `--quiz` for advice.")


def _quiz(console: object, bank: object) -> None:
    from mlcoach.domain.career import QUESTIONS, recommend

    answers: dict[str, int] = {}
    for q in QUESTIONS:
        sys.stdout.write(f"\n{q.text}\n")
        for n, o in enumerate(q.options, 1):
            sys.stdout.write(f"  {n}. {o.text}\n")
        while True:
            sys.stdout.write("choose: ")
            sys.stdout.flush()
            line = sys.stdin.readline()
            if not line:
                fail("input ended before the quiz was finished")
            if line.strip().isdigit() and 1 <= int(line) <= len(q.options):
                answers[q.id] = int(line) - 1
                break
    roles = bank.roles  # type: ignore[attr-defined]
    sys.stdout.write("\nRoles that fit your answers:\n")
    for n, rec in enumerate(recommend(answers), 1):
        name = roles[rec.role].name if rec.role in roles else rec.role
        sys.stdout.write(f"{n}. {name} ({rec.points} points) — `mlcoach guide {rec.role}`\n")
