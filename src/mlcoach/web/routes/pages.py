"""Dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mlcoach.content.stats import bank_stats
from mlcoach.services import plan, review
from mlcoach.services.clock import utcnow
from mlcoach.services.notes import list_notes
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    stats = bank_stats(coach.bank)
    now = utcnow()
    plan_view = None
    if plan.targets(coach.sessions, user) is not None:
        plan_view = plan.compute(coach.sessions, coach.bank, user, now.astimezone().date(), now)
    queue = review.queue(coach.sessions, user, now)
    notes = list_notes(coach.sessions, user)[:5]
    companies = sorted(coach.bank.taxonomy.companies.items(), key=lambda kv: kv[1])
    context = {"stats": stats, "notes": notes, "companies": companies, "plan": plan_view, "queue": queue}
    return render(request, "dashboard.html", context)
