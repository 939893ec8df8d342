"""Flashcard review: Space reveals, 1-4 rate, U undoes; every action also works as a plain form."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from mlcoach.domain.errors import BadRequest
from mlcoach.domain.scheduling import interval_text
from mlcoach.services import review as svc
from mlcoach.services.clock import utcnow
from mlcoach.web.forms import text_field
from mlcoach.web.routes.bank import build_query
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    now = utcnow()
    q = svc.queue(coach.sessions, user, now)
    ctx: dict[str, object] = {
        "queue": q,
        "card": None,
        "tax": coach.bank.taxonomy,
        "undone": request.query_params.get("undone"),
    }
    if q.next_id is not None:
        card = svc.card(coach.sessions, user, q.next_id)
        item = coach.bank.items.get(card.item_id)
        exercise = coach.bank.exercises.get(card.item_id)
        if item is None and exercise is None:  # its pack was removed: say so rather than fail
            ctx["missing"] = card.item_id
        else:
            retention = svc.retention_of(coach.sessions, user)
            ctx.update(
                card=card,
                item=item,
                intervals=svc.preview_intervals(card.state, now, retention),
                due_in=interval_text(now, card.state.due) if card.state.due and card.state.due > now else "now",
            )
    return render(request, "review.html", ctx)


@router.post("/review/{card_id}/rate")
async def rate(request: Request, card_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    raw = text_field(form, "rating", 2)
    if raw not in ("1", "2", "3", "4"):
        raise BadRequest("rating must be 1, 2, 3 or 4", field="rating")
    duration = text_field(form, "duration_ms", 12, required=False)
    svc.rate(coach.sessions, user, card_id, int(raw), utcnow(), int(duration) if duration.isdigit() else None)
    return RedirectResponse("/review", status_code=303)


@router.post("/review/undo")
def undo(coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    svc.undo_last(coach.sessions, user)
    return RedirectResponse("/review?undone=1", status_code=303)


@router.get("/review/decks", response_class=HTMLResponse)
def decks_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    return render(
        request,
        "decks.html",
        {
            "tax": coach.bank.taxonomy,
            "kinds": [k.value for k in svc.STUDYABLE],
            "added": request.query_params.get("added"),
        },
    )


@router.post("/review/decks")
async def add_deck(request: Request, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    params = {
        k: text_field(form, k, 64, required=False) for k in ("topic", "role", "company", "round", "kind", "difficulty")
    }
    query = build_query(coach, params)
    if not any(params.values()):
        raise BadRequest("pick at least one filter for the deck", field="topic")
    added = svc.add_deck(coach.sessions, coach.bank, coach.index, user, query, utcnow())
    return RedirectResponse(f"/review/decks?added={added}", status_code=303)


@router.post("/bank/{item_id}/study")
def study_item(item_id: str, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    item = coach.bank.get(item_id)
    if item.kind not in svc.STUDYABLE:
        raise BadRequest(f"{item.kind.value} items are practised elsewhere, not as cards", field="item_id")
    svc.add_item(coach.sessions, coach.bank, user, item_id, utcnow())
    return RedirectResponse(f"/bank/{item_id}?studying=1", status_code=303)
