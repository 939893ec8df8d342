"""Progress and study settings pages."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from mlcoach.domain.errors import BadRequest
from mlcoach.services import review
from mlcoach.services.clock import utcnow
from mlcoach.services.progress import progress
from mlcoach.storage.db import transaction
from mlcoach.storage.practice_repo import Prefs
from mlcoach.web import charts
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    now = utcnow()
    p = progress(coach.sessions, coach.bank, user, now)
    tax = coach.bank.taxonomy
    today = p.forecast[0][0]
    return render(
        request,
        "progress.html",
        {
            "p": p,
            "mastery_chart": charts.hbars(
                [(tax.topics.get(g.group, g.group), g.mastery) for g in p.topics[:20]], title="Mastery by topic"
            ),
            "readiness_chart": charts.hbars(
                [(tax.rounds.get(g.group, g.group), g.mastery) for g in p.rounds], title="Readiness by round"
            ),
            "reviews_chart": charts.columns(p.reviews_per_day, title="Reviews per day, last 30 days"),
            "forecast_chart": charts.columns(p.forecast, title="Cards due, next 30 days", colour="#8a5300"),
            "calendar": charts.calendar(p.active_days, today),
            "tax": tax,
            "titles": {i: coach.bank.items[i].title for i in {h.item_id for h in p.history} if i in coach.bank.items},
        },
    )


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    with transaction(coach.sessions) as s:
        prefs = Prefs(s, user).get()
        values = {
            "desired_retention": prefs.desired_retention,
            "new_per_day": prefs.new_per_day,
            "reviews_per_day": prefs.reviews_per_day,
            "auto_add_mistakes": prefs.auto_add_mistakes,
        }
    return render(request, "settings.html", {"prefs": values, "saved": request.query_params.get("saved")})


@router.post("/settings")
async def save_settings(request: Request, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    try:
        retention = float(text_field(form, "desired_retention", 8))
    except ValueError:
        raise BadRequest("desired retention must be a number such as 0.9", field="desired_retention") from None
    ints = {}
    for name in ("new_per_day", "reviews_per_day"):
        raw = text_field(form, name, 6)
        if not raw.isdigit():
            raise BadRequest(f"{name.replace('_', ' ')} must be a whole number", field=name)
        ints[name] = int(raw)
    review.update_settings(
        coach.sessions,
        user,
        desired_retention=retention,
        new_per_day=ints["new_per_day"],
        reviews_per_day=ints["reviews_per_day"],
        auto_add_mistakes=form.get("auto_add_mistakes") == "on",
    )
    return RedirectResponse("/settings?saved=1", status_code=303)
