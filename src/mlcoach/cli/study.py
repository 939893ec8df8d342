"""Terminal study sessions: `mlcoach review` and `mlcoach quiz`. Input is read line by line, so the
sessions work in any terminal and can be driven by another program."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

UserOpt = Annotated[str | None, typer.Option("--user", help="Account name (multi-user servers).")]


def _ask(prompt: str) -> str:
    from rich.console import Console

    Console().print(prompt, end="")
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip().lower()


def review(
    user: UserOpt = None,
    deck_topic: Annotated[str, typer.Option("--add-topic", help="First add a topic's items as cards.")] = "",
    deck_company: Annotated[str, typer.Option("--add-company", help="First add a company's items.")] = "",
) -> None:
    """Study today's flashcards: Enter shows the answer, 1-4 rates, u undoes, q quits."""
    from rich.console import Console
    from rich.panel import Panel

    from mlcoach.cli.context import open_coach
    from mlcoach.content.search import Query
    from mlcoach.domain.errors import NotFound
    from mlcoach.services import review as svc
    from mlcoach.services.clock import utcnow

    console = Console()
    coach, uid = open_coach(user)
    if deck_topic or deck_company:
        added = svc.add_deck(
            coach.sessions, coach.bank, coach.index, uid, Query(topic=deck_topic, company=deck_company), utcnow()
        )
        console.print(f"added {added} new cards")
    done = 0
    try:
        while True:
            now = utcnow()
            q = svc.queue(coach.sessions, uid, now)
            if q.next_id is None:
                console.print(f"[green]Nothing more due today.[/green] Reviewed {done} card(s) this session.")
                return
            card = svc.card(coach.sessions, uid, q.next_id)
            item = coach.bank.items.get(card.item_id)
            exercise = coach.bank.exercises.get(card.item_id)
            if item is not None:
                body = item.prompt + "".join(f"\n  {chr(65 + i)}. {o.text}" for i, o in enumerate(item.options))
                kind, back = item.kind.value, item.answer.strip()
            elif exercise is not None:
                body, kind, back = f"{exercise.title}\n\n{exercise.prompt}", "exercise", exercise.reference
            else:  # its content pack was removed
                console.print(f"[yellow]skipping {card.item_id}: no longer in the bank[/yellow]")
                return
            console.print(f"[dim]{len(q.due)} due · {len(q.new)} new · got wrong {card.state.lapses}x[/dim]")
            console.print(Panel(body, title=kind))
            if _ask("[bold]Enter[/bold] to show the answer (q quits) ") == "q":
                return
            console.print(Panel(back, title="answer", border_style="green"))
            intervals = svc.preview_intervals(card.state, now, svc.retention_of(coach.sessions, uid))
            while True:
                choice = _ask(
                    f"1 again {intervals[1]} · 2 hard {intervals[2]} · 3 good {intervals[3]} · "
                    f"4 easy {intervals[4]} · u undo · q quit: "
                )
                if choice in ("1", "2", "3", "4"):
                    svc.rate(coach.sessions, uid, card.id, int(choice), utcnow())
                    done += 1
                    break
                if choice == "u":
                    try:
                        svc.undo_last(coach.sessions, uid)
                        done = max(0, done - 1)
                        console.print("[yellow]undid the last rating[/yellow]")
                    except NotFound as exc:
                        console.print(exc.message)
                    break
                if choice == "q":
                    return
    except EOFError:
        console.print(f"\nReviewed {done} card(s).")
    finally:
        coach.close()


def quiz(
    topic: Annotated[str, typer.Option(help="Topic slug.")] = "",
    company: Annotated[str, typer.Option(help="Company slug.")] = "",
    role: Annotated[str, typer.Option(help="Role slug.")] = "",
    length: Annotated[int, typer.Option(help="Number of questions.")] = 10,
    user: UserOpt = None,
) -> None:
    """A multiple-choice quiz in the terminal: answer 1-4, see why, get a summary."""
    from rich.console import Console

    from mlcoach.cli.context import open_coach
    from mlcoach.content.search import Query
    from mlcoach.services import quiz as svc
    from mlcoach.services.clock import utcnow

    console = Console()
    coach, uid = open_coach(user)
    try:
        view = svc.start(
            coach.sessions, coach.index, uid, Query(topic=topic, company=company, role=role), length, utcnow()
        )
        while view.current is not None:
            item = coach.bank.get(view.current)
            console.print(f"\n[bold]{view.position + 1}/{len(view.item_ids)}[/bold] {item.prompt}")
            for i, o in enumerate(item.options, 1):
                console.print(f"  {i}. {o.text}")
            choice = _ask("answer 1-4: ")
            while choice not in ("1", "2", "3", "4"):
                choice = _ask("please type 1, 2, 3 or 4: ")
            result = svc.answer(coach.sessions, coach.bank, uid, view.id, int(choice) - 1, utcnow())
            right = item.options[item.correct_option or 0]
            if result.correct:
                console.print(f"[green]Right.[/green] {right.why}")
            else:
                console.print(f"[red]Wrong.[/red] {item.options[int(choice) - 1].why}\nAnswer: {right.text}")
            view = svc.get(coach.sessions, uid, view.id)
        summary = svc.summary(coach.bank, view)
        console.print(f"\n[bold]Score: {summary.right}/{summary.total} ({summary.percent}%)[/bold]")
        for item in summary.wrong_items:
            console.print(f"  study: {item.id} — {item.title}")
    except EOFError:
        console.print("\nquiz left unfinished; your answers so far are saved")
    finally:
        coach.close()
