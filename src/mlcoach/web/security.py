"""Who is asking (the local user, or the logged-in account) and CSRF protection for every form."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request

from mlcoach.domain.errors import Forbidden, Unauthorized
from mlcoach.services.coach import Coach

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def get_coach(request: Request) -> Coach:
    coach: Coach = request.app.state.coach
    return coach


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


async def check_csrf(request: Request) -> None:
    """Every state-changing request carries the session's token, in the form or a header."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again", field=CSRF_FIELD)


def current_user(request: Request) -> int:
    coach = get_coach(request)
    if not coach.settings.multi_user:
        return int(request.app.state.local_user_id)
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        raise Unauthorized("log in first")
    return uid


CoachDep = Annotated[Coach, Depends(get_coach)]
CurrentUser = Annotated[int, Depends(current_user)]
Csrf = Depends(check_csrf)
