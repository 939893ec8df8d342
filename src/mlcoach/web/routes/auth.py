"""Register, log in and log out (multi-user mode only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlcoach.domain.errors import MlcoachError, NotFound
from mlcoach.services import accounts
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, check_csrf

router = APIRouter(include_in_schema=False)


def _multi_user_only(coach: CoachDep) -> None:
    if not coach.settings.multi_user:
        raise NotFound("accounts exist only in multi-user mode")


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse, dependencies=[Depends(_multi_user_only)])
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"mode": "login", "next": request.query_params.get("next", "/")})


@router.get("/register", response_class=HTMLResponse, dependencies=[Depends(_multi_user_only)])
def register_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"mode": "register", "next": "/"})


async def _credentials(request: Request, limit: int) -> tuple[str, str, str]:
    form = await request.form()
    return (
        text_field(form, "username", 64),
        text_field(form, "password", 1024),
        _safe_next(text_field(form, "next", limit, required=False) or "/"),
    )


def _start_session(request: Request, uid: int, username: str) -> None:
    csrf = request.session.get("csrf")
    request.session.clear()  # a fresh session on login: no fixation
    request.session.update({"uid": uid, "username": username})
    if csrf:
        request.session["csrf"] = csrf


@router.post("/login", dependencies=[Depends(_multi_user_only), Depends(check_csrf)])
async def login(request: Request, coach: CoachDep) -> Response:
    username, password, target = await _credentials(request, 500)
    try:
        uid = accounts.authenticate(coach.sessions, username, password)
    except MlcoachError as exc:
        return render(
            request,
            "login.html",
            {"mode": "login", "next": target, "error": exc.message, "username": username},
            status=exc.status,
        )
    _start_session(request, uid, username)
    return RedirectResponse(target, status_code=303)


@router.post("/register", dependencies=[Depends(_multi_user_only), Depends(check_csrf)])
async def register(request: Request, coach: CoachDep) -> Response:
    username, password, _ = await _credentials(request, 500)
    try:
        uid = accounts.register(coach.sessions, username, password)
    except MlcoachError as exc:
        return render(
            request,
            "login.html",
            {"mode": "register", "next": "/", "error": exc.message, "field": exc.field, "username": username},
            status=exc.status,
        )
    _start_session(request, uid, username)
    return RedirectResponse("/", status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/login" if request.app.state.coach.settings.multi_user else "/", status_code=303)
