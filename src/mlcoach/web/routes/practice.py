"""Practice: written answers with feedback, and multiple-choice quizzes."""

from __future__ import annotations

import random

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from mlcoach.domain.errors import BadRequest
from mlcoach.services import quiz as quiz_svc
from mlcoach.services import written
from mlcoach.services.clock import utcnow
from mlcoach.web.forms import text_field
from mlcoach.web.routes.bank import build_query
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/practice", response_class=HTMLResponse)
def practice_home(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    return render(request, "practice.html", {"tax": coach.bank.taxonomy})


@router.get("/practice/next")
def next_written(request: Request, coach: CoachDep, _: CurrentUser) -> RedirectResponse:
    """A random written question matching the filters."""
    query = build_query(coach, request.query_params)
    pool = [i.id for i in coach.index.search(query) if i.kind in written.WRITABLE]
    if not pool:
        raise BadRequest("no written question matches these filters", field="topic")
    return RedirectResponse(f"/practice/{random.choice(pool)}", status_code=303)


@router.get("/practice/quiz", response_class=HTMLResponse)
def quiz_home(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    return render(request, "practice.html", {"tax": coach.bank.taxonomy})


@router.post("/practice/quiz")
async def quiz_start(request: Request, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    params = {k: text_field(form, k, 64, required=False) for k in ("topic", "role", "company", "round")}
    raw_len = text_field(form, "length", 4, required=False) or "10"
    if not raw_len.isdigit():
        raise BadRequest("length must be a number", field="length")
    quiz = quiz_svc.start(coach.sessions, coach.index, user, build_query(coach, params), int(raw_len), utcnow())
    return RedirectResponse(f"/practice/quiz/{quiz.id}", status_code=303)


@router.get("/practice/quiz/{quiz_id}", response_class=HTMLResponse)
def quiz_page(request: Request, quiz_id: int, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    view = quiz_svc.get(coach.sessions, user, quiz_id)
    if view.current is None:
        return render(request, "quiz_summary.html", {"quiz": view, "summary": quiz_svc.summary(coach.bank, view)})
    return render(request, "quiz.html", {"quiz": view, "item": coach.bank.get(view.current), "answered": None})


@router.post("/practice/quiz/{quiz_id}/answer", response_class=HTMLResponse)
async def quiz_answer(request: Request, quiz_id: int, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    form = await request.form()
    raw = text_field(form, "option", 4)
    if not raw.isdigit():
        raise BadRequest("choose one of the options", field="option")
    answered = quiz_svc.answer(coach.sessions, coach.bank, user, quiz_id, int(raw), utcnow())
    view = quiz_svc.get(coach.sessions, user, quiz_id)
    return render(request, "quiz.html", {"quiz": view, "item": answered.item, "answered": answered})


@router.get("/practice/{item_id}", response_class=HTMLResponse)
def written_page(request: Request, item_id: str, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    item = coach.bank.get(item_id)
    written.check_answer(item, "", coach.settings.max_field_chars)
    return render(request, "written.html", {"item": item, "result": None, "answer": "", "tax": coach.bank.taxonomy})


@router.post("/practice/{item_id}", response_class=HTMLResponse)
async def written_submit(request: Request, item_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    item = coach.bank.get(item_id)
    form = await request.form()
    answer = written.check_answer(
        item, text_field(form, "answer", coach.settings.max_field_chars), coach.settings.max_field_chars
    )
    if not answer:
        raise BadRequest("write an answer first", field="answer")
    feedback = written.grade_answer(item, answer, coach.settings.llm, coach.bank)
    if feedback is None:  # no grader: show the reference and let the candidate rate themselves
        return render(
            request,
            "written.html",
            {"item": item, "result": None, "answer": answer, "self_rate": True, "tax": coach.bank.taxonomy},
        )
    result = written.record(
        coach.sessions,
        coach.bank,
        user,
        item_id,
        answer,
        float(feedback["score"]),
        feedback,
        utcnow(),
        coach.settings.max_field_chars,
    )
    return render(
        request, "written.html", {"item": item, "result": result, "answer": answer, "tax": coach.bank.taxonomy}
    )


@router.post("/practice/{item_id}/self", response_class=HTMLResponse)
async def written_self_rate(request: Request, item_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    item = coach.bank.get(item_id)
    form = await request.form()
    answer = text_field(form, "answer", coach.settings.max_field_chars)
    raw = text_field(form, "score", 3)
    if raw not in ("0", "1", "2", "3", "4", "5"):
        raise BadRequest("rate yourself from 0 to 5", field="score")
    feedback = {"grader": "self", "score": float(raw)}
    result = written.record(
        coach.sessions,
        coach.bank,
        user,
        item_id,
        answer,
        float(raw),
        feedback,
        utcnow(),
        coach.settings.max_field_chars,
    )
    return render(
        request, "written.html", {"item": item, "result": result, "answer": answer, "tax": coach.bank.taxonomy}
    )
