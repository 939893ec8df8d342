"""Notes pages: a user's own notes on items. Every route is scoped to the current user."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from mlcoach.services import notes as svc
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])


@router.get("/notes", response_class=HTMLResponse, include_in_schema=False)
def notes_page(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    notes = svc.list_notes(coach.sessions, user)
    titles = {n.item_id: coach.bank.items[n.item_id].title for n in notes if n.item_id in coach.bank.items}
    return render(request, "notes.html", {"notes": notes, "titles": titles})


@router.post("/bank/{item_id}/note", include_in_schema=False)
async def save_note(request: Request, item_id: str, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    body = text_field(form, "body", coach.settings.max_field_chars)
    svc.save_note(coach.sessions, coach.bank, user, item_id, body, coach.settings.max_field_chars)
    return RedirectResponse(f"/bank/{item_id}#note", status_code=303)


@router.post("/notes/{note_id}/edit", include_in_schema=False)
async def edit_note(request: Request, note_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    form = await request.form()
    body = text_field(form, "body", coach.settings.max_field_chars)
    svc.update_note(coach.sessions, user, note_id, body, coach.settings.max_field_chars)
    return RedirectResponse("/notes", status_code=303)


@router.post("/notes/{note_id}/delete", include_in_schema=False)
async def delete_note(note_id: int, coach: CoachDep, user: CurrentUser) -> RedirectResponse:
    svc.delete_note(coach.sessions, user, note_id)
    return RedirectResponse("/notes", status_code=303)
