"""The app factory: nothing is built at import time; tests and `mlcoach serve` each call create_app()."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from mlcoach import __version__
from mlcoach.services.accounts import local_user_id
from mlcoach.services.coach import Coach
from mlcoach.settings import Settings, local_secret
from mlcoach.web import errors
from mlcoach.web.limits import BodyLimit
from mlcoach.web.navigation import nav_for

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings, coach: Coach | None = None) -> FastAPI:
    coach = coach or Coach(settings)
    coach.migrate()
    app = FastAPI(
        title="mlcoach",
        version=__version__,
        description='JSON API of mlcoach. Errors have the shape {"error": {"code", "message", "field"}}.',
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.coach = coach
    app.state.local_user_id = None if settings.multi_user else local_user_id(coach.sessions)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(version=__version__, multi_user=settings.multi_user, nav_for=nav_for)
    app.state.templates = templates

    app.add_middleware(BodyLimit, max_bytes=max(2_200_000, settings.max_field_chars * 8))  # 2 MB resumes
    app.add_middleware(
        SessionMiddleware,
        secret_key=local_secret(settings),
        session_cookie="mlcoach_session",
        max_age=14 * 24 * 3600,
        same_site="lax",
        https_only=False,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    errors.install(app)

    from mlcoach.web.routes import (
        api,
        auth,
        bank,
        code,
        estimate,
        guide,
        mock,
        notes,
        pages,
        plan,
        practice,
        progress,
        resume,
        review,
    )

    modules = (pages, bank, notes, review, practice, code, mock, estimate, progress, plan, resume, guide, auth, api)
    for module in modules:
        app.include_router(module.router)
    return app
