"""Entry point. Only typer is imported up front so `mlcoach --version` stays fast."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mlcoach import __version__
from mlcoach.cli import bank, data, estimate, guide, mock, plan, study

app = typer.Typer(
    help="mlcoach: an offline coach for ML and data-science interviews.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(bank.app, name="bank")
app.add_typer(estimate.app, name="estimate")


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


def _register_optional() -> None:
    """Commands whose modules may not exist yet in a partial checkout are added when present."""
    try:
        from mlcoach.cli.grade import grade
    except ImportError:
        return
    app.command(name="grade")(grade)


_register_optional()


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
