"""Mock interviews on the web: choose a loop, answer with the server's timer, follow-ups, the report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from mlcoach.domain.errors import BadRequest
from mlcoach.domain.interviews import COMPETENCY_NAMES
from mlcoach.services import judging
from mlcoach.services import mock as svc
from mlcoach.services.clock import utcnow
from mlcoach.services.mock_export import SIGNAL_NAMES, to_markdown
from mlcoach.services.mock_plan import company_loops, custom_loop
from mlcoach.services.progress import progress
from mlcoach.services.review import STUDYABLE, add_item
from mlcoach.web import charts
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


def weakness(coach: CoachDep, user: int) -> dict[str, float]:
    p = progress(coach.sessions, coach.bank, user, utcnow())
    return {g.group: 1.0 - g.mastery for g in p.topics}


@router.get("/mock", response_class=HTMLResponse)
def mock_home(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    past = svc.history(coach.sessions, user)
    scored = [(when.date(), r.overall) for _i, _t, when, r in past if r]
    return render(
        request,
        "mock_home.html",
        {
            "loops": company_loops(coach.bank),
            "tax": coach.bank.taxonomy,
            "history": list(reversed(past)),
            "signals": SIGNAL_NAMES,
            "chart": charts.hbars([(f"{d.isoformat()}", v / 5) for d, v in scored[-12:]], title="Mock scores", unit="%")
            if scored
            else None,
        },
    )


@router.post("/mock")
async def mock_start(request: Request, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    loop_id = text_field(form, "loop", 64)
    role = text_field(form, "role", 64, required=False)
    if loop_id == "custom":
        rounds = [str(v) for v in form.getlist("rounds")]
        loop = custom_loop(rounds, coach.bank)
    else:
        found = next((lp for lp in company_loops(coach.bank) if lp.id == loop_id), None)
        if found is None:
            raise BadRequest(f"unknown loop '{loop_id}'", field="loop")
        loop = found
    mock_id = svc.start(coach.sessions, coach.bank, user, loop, role, utcnow(), weakness(coach, user))
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.get("/mock/{mock_id}", response_class=HTMLResponse)
def mock_page(request: Request, mock_id: int, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    v = svc.view(coach.sessions, coach.bank, user, mock_id, utcnow(), llm=coach.settings.llm)
    if v.question is None:
        return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)  # type: ignore[return-value]
    item = coach.bank.items.get(v.question.item_id)
    exercise = coach.bank.exercises.get(v.question.item_id)
    last = v.answers[-1] if v.answers else None
    return render(
        request,
        "mock.html",
        {
            "v": v,
            "q": v.question,
            "item": item,
            "exercise": exercise,
            "last": last,
            "tax": coach.bank.taxonomy,
            "clarified": request.query_params.get("clarified", ""),
        },
    )


@router.post("/mock/{mock_id}/answer")
async def mock_answer(request: Request, mock_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    text = text_field(form, "answer", coach.settings.max_field_chars, required=False)
    svc.submit(
        coach.sessions,
        coach.bank,
        user,
        mock_id,
        text,
        utcnow(),
        limit=coach.settings.max_field_chars,
        llm=coach.settings.llm,
        judge=lambda ex_id, code: judging.score_for_mock(coach, ex_id, code),
    )
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.post("/mock/{mock_id}/clarify")
async def mock_clarify(request: Request, mock_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    from urllib.parse import quote

    form = await request.form()
    question = text_field(form, "question", 500)
    v = svc.view(coach.sessions, coach.bank, user, mock_id, utcnow())
    reply = svc.clarify(coach.bank, v.question.item_id, question) if v.question else ""
    return RedirectResponse(f"/mock/{mock_id}?clarified={quote(question + ' → ' + reply)}", status_code=303)


@router.post("/mock/{mock_id}/skip")
async def mock_skip(request: Request, mock_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    svc.skip(coach.sessions, user, mock_id, whole_round=form.get("round") == "1")
    return RedirectResponse(f"/mock/{mock_id}", status_code=303)


@router.post("/mock/{mock_id}/finish")
def mock_finish(mock_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    svc.finish(coach.sessions, coach.bank, user, mock_id, utcnow())
    return RedirectResponse(f"/mock/{mock_id}/report", status_code=303)


@router.get("/mock/{mock_id}/report", response_class=HTMLResponse)
def mock_report(request: Request, mock_id: int, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    v = svc.view(coach.sessions, coach.bank, user, mock_id, utcnow())
    if not v.finished:
        svc.finish(coach.sessions, coach.bank, user, mock_id, utcnow())
    title, when, report = svc.report(coach.sessions, user, mock_id)
    return render(
        request,
        "mock_report.html",
        {
            "title": title,
            "when": when,
            "r": report,
            "mock_id": mock_id,
            "signals": SIGNAL_NAMES,
            "names": COMPETENCY_NAMES,
            "answers": v.answers,
            "chart": charts.hbars(
                [(COMPETENCY_NAMES.get(c, c), s / 5) for c, s in report.competencies.items()], title="Competencies"
            ),
            "added": request.query_params.get("added"),
        },
    )


@router.get("/mock/{mock_id}/report.md")
def mock_report_md(mock_id: int, coach: CoachDep, user: CurrentUser) -> PlainTextResponse:
    title, when, report = svc.report(coach.sessions, user, mock_id)
    return PlainTextResponse(
        to_markdown(title, when, report),
        media_type="text/markdown",
        headers={"Content-Disposition": f'attachment; filename="mock-{mock_id}.md"'},
    )


@router.post("/mock/{mock_id}/study")
def mock_study_gaps(mock_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    _t, _w, report = svc.report(coach.sessions, user, mock_id)
    now = utcnow()
    added = sum(
        add_item(coach.sessions, coach.bank, user, g["item_id"], now)
        for g in report.gaps
        if g["item_id"] in coach.bank.items and coach.bank.items[g["item_id"]].kind in STUDYABLE
    )
    return RedirectResponse(f"/mock/{mock_id}/report?added={added}", status_code=303)
