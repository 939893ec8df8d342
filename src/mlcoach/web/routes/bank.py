"""The bank browser: filters, full-text search, an item page with reveal, rubric and follow-ups."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from mlcoach.content.search import Query
from mlcoach.domain.errors import BadRequest
from mlcoach.domain.items import Kind
from mlcoach.services.coach import Coach
from mlcoach.services.notes import note_for_item
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter()
PAGE = 50


def parse_query(coach: CoachDep, request: Request) -> Query:
    """Filters from the query string; an unknown tag is a 400 naming the field."""
    return build_query(coach, request.query_params)


def build_query(coach: Coach, params: Mapping[str, str]) -> Query:
    tax = coach.bank.taxonomy
    checks = {
        "topic": tax.topics,
        "role": tax.roles,
        "company": tax.companies,
        "round": tax.rounds,
        "kind": {k.value: k.value for k in Kind},
    }
    values: dict[str, str] = {}
    for name, allowed in checks.items():
        value = params.get(name, "").strip()
        if value and value not in allowed:
            raise BadRequest(f"unknown {name} '{value}'", field=name)
        values[name] = value
    raw_diff = params.get("difficulty", "").strip()
    difficulty = None
    if raw_diff:
        if raw_diff not in ("1", "2", "3"):
            raise BadRequest("difficulty must be 1, 2 or 3", field="difficulty")
        difficulty = int(raw_diff)
    text = params.get("q", "")
    if len(text) > 200:
        raise BadRequest("the search text is longer than 200 characters", field="q")
    return Query(text=text, difficulty=difficulty, **values)


def parse_page(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest("page must be a positive integer", field="page")
    return int(raw)


@router.get("/bank", response_class=HTMLResponse, include_in_schema=False)
def bank_list(request: Request, coach: CoachDep, _: CurrentUser, query: Query = Depends(parse_query)) -> HTMLResponse:
    page = parse_page(request)
    results = coach.index.search(query)
    pages = max(1, -(-len(results) // PAGE))
    shown = results[(page - 1) * PAGE : page * PAGE]
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return render(
        request,
        "bank.html",
        {
            "query": query,
            "items": shown,
            "total": len(results),
            "page": page,
            "pages": pages,
            "params": params,
            "tax": coach.bank.taxonomy,
            "kinds": [k.value for k in Kind],
        },
    )


@router.get("/bank/{item_id}", response_class=HTMLResponse, include_in_schema=False)
def item_page(request: Request, item_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    item = coach.bank.get(item_id)
    note = note_for_item(coach.sessions, user, item_id)
    return render(request, "item.html", {"item": item, "note": note, "tax": coach.bank.taxonomy, "chosen": None})


@router.post(
    "/bank/{item_id}/check", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(check_csrf)]
)
async def check_mcq(request: Request, item_id: str, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    item = coach.bank.get(item_id)
    if item.kind is not Kind.MCQ:
        raise BadRequest("only multiple-choice items can be checked", field="item_id")
    form = await request.form()
    raw = text_field(form, "option", 4)
    if not raw.isdigit() or not 0 <= int(raw) < len(item.options):
        raise BadRequest("choose one of the options", field="option")
    note = note_for_item(coach.sessions, user, item_id)
    return render(request, "item.html", {"item": item, "note": note, "tax": coach.bank.taxonomy, "chosen": int(raw)})
