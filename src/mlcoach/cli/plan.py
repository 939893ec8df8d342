"""`mlcoach plan`: set targets, show today or the week, export the plan to a calendar."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json, fail


def plan(
    role: Annotated[list[str] | None, typer.Option(help="Target role (repeat for several); sets the plan.")] = None,
    company: Annotated[list[str] | None, typer.Option(help="Target company (repeatable).")] = None,
    interview_date: Annotated[str, typer.Option("--date", help="Interview date, YYYY-MM-DD.")] = "",
    hours: Annotated[float, typer.Option(help="Hours a day.")] = 2.0,
    days_off: Annotated[str, typer.Option(help="Days off, e.g. sat,sun.")] = "",
    week: Annotated[bool, typer.Option("--week", help="Show the next seven days.")] = False,
    ics: Annotated[Path | None, typer.Option("--ics", help="Write the whole plan to an .ics calendar file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    user: Annotated[str | None, typer.Option("--user", help="Account name (multi-user servers).")] = None,
) -> None:
    """Your study plan, recomputed every day from what you did and scored."""
    from mlcoach.cli.context import open_coach
    from mlcoach.services import plan as svc
    from mlcoach.services.clock import utcnow

    coach, uid = open_coach(user)
    now = utcnow()
    today = now.astimezone().date()
    if role:
        if not interview_date:
            fail("setting a plan needs --date YYYY-MM-DD")
        try:
            when = date.fromisoformat(interview_date)
        except ValueError:
            fail(f"--date must look like 2026-12-31, got '{interview_date}'")
            return
        svc.save_targets(
            coach.sessions,
            coach.bank,
            uid,
            roles=role,
            companies=company or [],
            interview=when,
            hours_per_day=hours,
            days_off=svc.parse_days_off(days_off),
            today=today,
            now=now,
        )
    view = svc.compute(coach.sessions, coach.bank, uid, today, now)
    if ics is not None:
        ics.write_text(svc.to_ics(view.days, now), encoding="utf-8")
        sys.stderr.write(f"wrote {sum(1 for d in view.days if not d.off)} study days to {ics}\n")
        return
    days = view.days[:7] if week else view.days[:1]
    if as_json:
        emit_json(
            {
                "interview": view.targets.interview.isoformat(),
                "roles": list(view.targets.roles),
                "today": [{"kind": t.kind, "label": t.label, "href": t.href} for t in view.today],
                "days": [
                    {
                        "day": d.day.isoformat(),
                        "off": d.off,
                        "minutes": d.minutes,
                        "tasks": [
                            {"kind": t.kind, "count": t.count, "topic": t.topic, "minutes": t.minutes} for t in d.tasks
                        ],
                    }
                    for d in days
                ],
                "readiness": {g.group: round(g.mastery, 3) for g in view.readiness},
            }
        )
        return
    sys.stdout.write(f"Interview on {view.targets.interview} ({(view.targets.interview - today).days} days)\n")
    if not week:
        for t in view.today:
            sys.stdout.write(f"  [{t.kind}] {t.label}\n")
    for d in days if week else []:
        tasks = ", ".join(
            f"{t.kind}{' x' + str(t.count) if t.kind in ('new', 'review') else ''}{' ' + t.topic if t.topic else ''}"
            for t in d.tasks
        )
        sys.stdout.write(f"{d.day:%a %d %b}: {'day off' if d.off else f'{d.minutes} min: ' + tasks}\n")
    coach.close()
