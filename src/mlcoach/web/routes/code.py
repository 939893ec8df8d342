"""Code and SQL exercises: the list with filters, the exercise page with its editor, Run and Submit,
the verdict table and the submission history. Pages work without JavaScript; editor.js adds Tab handling."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from mlcoach.domain.errors import BadRequest
from mlcoach.domain.exercises import Exercise
from mlcoach.services import judging
from mlcoach.services.clock import utcnow
from mlcoach.services.coach import Coach
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
LANGUAGES = ("python", "sql")
STATUSES = ("solved", "tried", "new")


def prose(text: str) -> Markup:
    """The statement as paragraphs, with `code` spans; everything else escaped."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        html = str(escape(para))
        html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
        out.append(f"<p>{html}</p>")
    return Markup("\n".join(out))


def _filters(coach: Coach, params: Any) -> dict[str, Any]:
    tax = coach.bank.taxonomy
    chosen = {k: params.get(k, "").strip() for k in ("language", "topic", "round", "difficulty", "status")}
    allowed = {
        "language": LANGUAGES,
        "topic": tax.topics,
        "round": tax.rounds,
        "difficulty": ("1", "2", "3"),
        "status": STATUSES,
    }
    for name, value in chosen.items():
        if value and value not in allowed[name]:
            raise BadRequest(f"unknown {name} '{value}'", field=name)
    return chosen


@router.get("/code", response_class=HTMLResponse)
def code_list(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    chosen = _filters(coach, request.query_params)
    status = judging.statuses(coach, user)
    rows = []
    for ex in sorted(coach.bank.exercises.values(), key=lambda e: (e.language.value, e.difficulty, e.title)):
        state = status.get(ex.id, "new")
        if (
            (chosen["language"] and ex.language.value != chosen["language"])
            or (chosen["topic"] and chosen["topic"] not in ex.topics)
            or (chosen["round"] and ex.round != chosen["round"])
            or (chosen["difficulty"] and ex.difficulty != int(chosen["difficulty"]))
            or (chosen["status"] and state != chosen["status"])
        ):
            continue
        rows.append((ex, state))
    topics = sorted({t for ex in coach.bank.exercises.values() for t in ex.topics})
    rounds = sorted({ex.round for ex in coach.bank.exercises.values()})
    solved = sum(1 for s in status.values() if s == "solved")
    return render(
        request,
        "code_list.html",
        {
            "rows": rows,
            "chosen": chosen,
            "topics": topics,
            "rounds": rounds,
            "tax": coach.bank.taxonomy,
            "solved": solved,
            "count": len(coach.bank.exercises),
        },
    )


def _page(
    request: Request, coach: Coach, user: int, ex: Exercise, code: str, shown: judging.SubmissionView | None
) -> HTMLResponse:
    return render(
        request,
        "code.html",
        {
            "ex": ex,
            "code": code,
            "shown": shown,
            "history": judging.history(coach, user, ex.id),
            "prompt": prose(ex.prompt),
            "tax": coach.bank.taxonomy,
        },
    )


@router.get("/code/{exercise_id}", response_class=HTMLResponse)
def code_page(request: Request, exercise_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    ex = coach.bank.exercise(exercise_id)
    return _page(request, coach, user, ex, ex.starter, None)


@router.get("/code/{exercise_id}/submissions/{submission_id}", response_class=HTMLResponse)
def submission_page(
    request: Request, exercise_id: str, submission_id: int, coach: CoachDep, user: CurrentUser
) -> HTMLResponse:
    ex = coach.bank.exercise(exercise_id)
    shown = judging.get(coach, user, submission_id)
    if shown.exercise_id != ex.id:
        raise BadRequest("this submission belongs to another exercise", field="submission_id")
    return _page(request, coach, user, ex, shown.code, shown)


async def _judge(request: Request, exercise_id: str, coach: Coach, user: int, mode: str) -> HTMLResponse:
    ex = coach.bank.exercise(exercise_id)
    form = await request.form()
    code = text_field(form, "code", judging.MAX_CODE_CHARS)
    view = await run_in_threadpool(judging.judge, coach, user, ex.id, code, mode, utcnow())
    return _page(request, coach, user, ex, code, view)


@router.post("/code/{exercise_id}/run", response_class=HTMLResponse)
async def run_samples(request: Request, exercise_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    """Run: the sample tests, in the same sandbox and with the same limits as Submit."""
    return await _judge(request, exercise_id, coach, user, "run")


@router.post("/code/{exercise_id}/submit", response_class=HTMLResponse)
async def submit_hidden(request: Request, exercise_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    """Submit: the hidden tests; the submission and an attempt are recorded."""
    return await _judge(request, exercise_id, coach, user, "submit")
