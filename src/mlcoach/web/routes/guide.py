"""The career guide: role pages, a side-by-side comparison, company loops and the career-path quiz."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mlcoach.domain.career import QUESTIONS, recommend
from mlcoach.domain.errors import BadRequest
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser

router = APIRouter(include_in_schema=False)


@router.get("/guide", response_class=HTMLResponse)
def guide_home(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    roles = [coach.bank.roles[r] for r in coach.bank.taxonomy.roles if r in coach.bank.roles]
    companies = sorted(coach.bank.companies.values(), key=lambda c: c.name)
    return render(
        request,
        "guide.html",
        {"roles": roles, "companies": companies, "questions": QUESTIONS, "tax": coach.bank.taxonomy},
    )


@router.get("/guide/compare", response_class=HTMLResponse)
def compare(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    roles = [coach.bank.roles[r] for r in coach.bank.taxonomy.roles if r in coach.bank.roles]
    return render(request, "guide_compare.html", {"roles": roles, "tax": coach.bank.taxonomy})


@router.get("/guide/roles/{role_id}", response_class=HTMLResponse)
def role_page(request: Request, role_id: str, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    role = coach.bank.role(role_id)
    items = [coach.bank.items[i] for i in role.typical_items if i in coach.bank.items]
    return render(request, "guide_role.html", {"role": role, "items": items, "tax": coach.bank.taxonomy})


@router.get("/guide/companies/{company_id}", response_class=HTMLResponse)
def company_page(request: Request, company_id: str, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    company = coach.bank.company(company_id)
    tagged = sorted((i for i in coach.bank.items.values() if company_id in i.companies), key=lambda i: i.kind.value)
    return render(request, "guide_company.html", {"c": company, "items": tagged, "tax": coach.bank.taxonomy})


@router.get("/guide/quiz", response_class=HTMLResponse)
def quiz_result(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    answers: dict[str, int] = {}
    for q in QUESTIONS:
        raw = request.query_params.get(q.id, "")
        if not raw.isdigit():
            raise BadRequest(f"answer the question: {q.text}", field=q.id)
        answers[q.id] = int(raw)
    try:
        ranked = recommend(answers)
    except ValueError as exc:
        raise BadRequest(str(exc), field="quiz") from None
    return render(request, "guide_quiz.html", {"ranked": ranked, "roles": coach.bank.roles, "tax": coach.bank.taxonomy})
