"""Entry point. Only typer is imported up front so `mlcoach --version` stays fast."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mlcoach import __version__
from mlcoach.cli import bank, data, estimate, guide, judge, mock, plan, resume, study
from mlcoach.cli.grade import grade

app = typer.Typer(
    help="mlcoach: an offline coach for ML and data-science interviews.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(bank.app, name="bank")
app.add_typer(estimate.app, name="estimate")
app.add_typer(resume.app, name="resume")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mlcoach {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """mlcoach: practise for ML interviews, offline."""


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
) -> None:
    """Run the web app."""
    from mlcoach.services.serve import serve as run_server

    run_server(host=host, port=port)


app.command(name="review")(study.review)
app.command(name="quiz")(study.quiz)
app.command(name="export")(data.export)
app.command(name="import")(data.import_)
app.command(name="mock")(mock.mock)
app.command(name="guide")(guide.guide)
app.command(name="plan")(plan.plan)
app.command(name="judge")(judge.judge)
app.command(name="worker")(judge.worker)
app.command(name="grade")(grade)


def run() -> None:
    from mlcoach.domain.errors import MlcoachError

    try:
        app()
    except MlcoachError as exc:
        where = f" ({exc.field})" if exc.field else ""
        sys.stderr.write(f"error{where}: {exc.message}\n")
        sys.exit(2 if exc.code == "config_error" else 1)
    except KeyboardInterrupt:
        sys.exit(130)
