"""The study plan page: targets, today's checklist, readiness explained, the days ahead, .ics export."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlcoach.domain.errors import BadRequest
from mlcoach.services import plan as svc
from mlcoach.services.clock import utcnow
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


def _today() -> date:
    return utcnow().astimezone().date()


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    targets = svc.targets(coach.sessions, user)
    view = svc.compute(coach.sessions, coach.bank, user, _today(), utcnow()) if targets else None
    editing = targets is None or request.query_params.get("edit") == "1"
    return render(
        request,
        "plan.html",
        {
            "view": view,
            "targets": targets,
            "editing": editing,
            "tax": coach.bank.taxonomy,
            "roles": coach.bank.roles,
            "weekdays": svc.WEEKDAYS,
            "today": _today(),
        },
    )


@router.post("/plan")
async def plan_save(request: Request, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    raw_date = text_field(form, "interview_date", 10)
    try:
        interview = date.fromisoformat(raw_date)
    except ValueError:
        raise BadRequest("the interview date must look like 2026-12-31", field="interview_date") from None
    raw_hours = text_field(form, "hours_per_day", 6)
    try:
        hours = float(raw_hours)
    except ValueError:
        raise BadRequest("hours per day must be a number", field="hours_per_day") from None
    days_off = []
    for v in form.getlist("days_off"):
        if not str(v).isdigit():
            raise BadRequest("days off must be weekdays", field="days_off")
        days_off.append(int(str(v)))
    svc.save_targets(
        coach.sessions,
        coach.bank,
        user,
        roles=[str(v) for v in form.getlist("roles")],
        companies=[str(v) for v in form.getlist("companies")],
        interview=interview,
        hours_per_day=hours,
        days_off=days_off,
        today=_today(),
        now=utcnow(),
    )
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan.ics")
def plan_ics(coach: CoachDep, user: CurrentUser) -> Response:
    view = svc.compute(coach.sessions, coach.bank, user, _today(), utcnow())
    return Response(
        svc.to_ics(view.days, utcnow()),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="mlcoach-plan.ics"'},
    )
