"""`mlcoach mock`: list the loops, or run one in the terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json

HELP = (
    "Type your answer; finish it with a line holding a single '.'. Commands on their own line: "
    ":ask QUESTION (clarify), :skip, :next-round, :end."
)


def _read_answer() -> str:
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if not line:
            if not lines:
                raise EOFError
            break
        if line.rstrip("\n") == ".":
            break
        if not lines and line.startswith(":"):
            return line.strip()
        lines.append(line.rstrip("\n"))
    return "\n".join(lines)


def mock(
    company: Annotated[str, typer.Option(help="Company loop, e.g. google (see --list-loops).")] = "",
    role: Annotated[str, typer.Option(help="Role slug, e.g. ml-engineer.")] = "",
    rounds: Annotated[str, typer.Option(help="A custom loop: comma-separated round slugs.")] = "",
    list_loops: Annotated[bool, typer.Option("--list-loops", help="List the loops.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (with --list-loops).")] = False,
    seed: Annotated[int | None, typer.Option(help="Seed for a reproducible draw of questions.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Account name (multi-user servers).")] = None,
) -> None:
    """Run a timed mock interview loop in the terminal and print its report."""
    from rich.console import Console
    from rich.panel import Panel

    from mlcoach.cli.context import open_coach
    from mlcoach.cli.output import fail
    from mlcoach.services import judging
    from mlcoach.services import mock as svc
    from mlcoach.services.clock import utcnow
    from mlcoach.services.mock_export import to_markdown
    from mlcoach.services.mock_plan import company_loops, custom_loop

    coach, uid = open_coach(user)
    loops = company_loops(coach.bank)
    if list_loops:
        if as_json:
            emit_json([lp.to_dict() for lp in loops])
        else:
            for lp in loops:
                sys.stdout.write(
                    f"{lp.id:14} {lp.title}: " + ", ".join(f"{s.round} {s.minutes}m" for s in lp.stages) + "\n"
                )
        return
    if rounds:
        loop = custom_loop([r.strip() for r in rounds.split(",") if r.strip()], coach.bank)
    else:
        found = next((lp for lp in loops if lp.id == company), None)
        if found is None:
            fail(f"unknown company loop '{company}'; see `mlcoach mock --list-loops`")
            return
        loop = found
    console = Console()
    mid = svc.start(coach.sessions, coach.bank, uid, loop, role, utcnow(), {}, seed=seed)
    console.print(f"[bold]{loop.title}[/bold] — {HELP}")
    try:
        while True:
            v = svc.view(coach.sessions, coach.bank, uid, mid, utcnow(), llm=coach.settings.llm)
            q = v.question
            if q is None:
                break
            left = f"{q.seconds_left // 60}:{q.seconds_left % 60:02d} left" if q.seconds_left >= 0 else "time is up"
            title = f"round {q.round_index + 1}/{q.rounds_total} {q.round_title} · {left}"
            if q.transition:
                console.print(f"[cyan]Interviewer:[/cyan] {q.transition}")
            console.print(Panel(q.prompt, title=("follow-up · " if q.is_follow_up else "") + title))
            text = _read_answer()
            if text.startswith(":ask"):
                console.print(f"[cyan]Interviewer:[/cyan] {svc.clarify(coach.bank, q.item_id, text[4:])}")
            elif text in (":skip", ":next-round"):
                svc.skip(coach.sessions, uid, mid, whole_round=text == ":next-round")
            elif text == ":end":
                break
            else:
                a = svc.submit(
                    coach.sessions,
                    coach.bank,
                    uid,
                    mid,
                    text,
                    utcnow(),
                    limit=coach.settings.max_field_chars,
                    llm=coach.settings.llm,
                    judge=lambda ex_id, code: judging.score_for_mock(coach, ex_id, code),
                )
                score = "not scored" if a.score is None else f"{a.score:.1f}/5"
                console.print(f"[dim]score {score}{' (late)' if a.late else ''}[/dim]")
    except EOFError:
        console.print("\n[yellow]input ended; finishing the interview[/yellow]")
    svc.finish(coach.sessions, coach.bank, uid, mid, utcnow())
    title, when, report = svc.report(coach.sessions, uid, mid)
    sys.stdout.write(to_markdown(title, when, report))
    coach.close()
