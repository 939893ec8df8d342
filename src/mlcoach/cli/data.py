"""`mlcoach export` and `mlcoach import`: all of a user's data as one JSON file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlcoach.cli.output import fail


def export(
    out: Annotated[Path, typer.Option("--out", help="The JSON file to write.")],
    user: Annotated[str | None, typer.Option("--user", help="Account name (multi-user servers).")] = None,
) -> None:
    """Write every card, review log, attempt, quiz, note and setting of a user to a JSON file."""
    from mlcoach.cli.context import open_coach
    from mlcoach.services.clock import utcnow
    from mlcoach.services.portability import export_user

    coach, uid = open_coach(user)
    data = export_user(coach.sessions, uid, utcnow())
    coach.close()
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    sys.stderr.write(
        f"wrote {len(data['cards'])} cards, {len(data['review_logs'])} reviews, "
        f"{len(data['attempts'])} attempts to {out}\n"
    )


def import_(
    file: Annotated[Path, typer.Argument(help="A file written by `mlcoach export`.")],
    user: Annotated[str | None, typer.Option("--user", help="Account name (multi-user servers).")] = None,
) -> None:
    """Restore a user's data from an export, replacing what is there (all or nothing)."""
    from mlcoach.cli.context import open_coach
    from mlcoach.services.portability import import_user

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    except json.JSONDecodeError as exc:
        fail(f"{file}:{exc.lineno}: not valid JSON ({exc.msg})")
    coach, uid = open_coach(user)
    try:
        counts = import_user(coach.sessions, uid, data)
    finally:
        coach.close()
    sys.stderr.write("imported " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) + "\n")
