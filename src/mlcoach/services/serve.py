"""Start the web server after checking settings, migrating the database and loading the bank."""

from __future__ import annotations

import sys

from mlcoach.settings import load_settings


def serve(host: str | None = None, port: int | None = None) -> None:
    from dataclasses import replace

    import uvicorn

    from mlcoach.web.app import create_app

    settings = load_settings()
    settings = replace(settings, host=host or settings.host, port=port or settings.port)
    settings.check_for_serving()
    app = create_app(settings)
    for problem in app.state.coach.bank.problems:
        sys.stderr.write(f"warning: {problem}\n")
    sys.stderr.write(f"mlcoach on http://{settings.host}:{settings.port} (database: {_safe(settings.database)})\n")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
