"""The JSON API. Described by the OpenAPI spec at /api/openapi.json; errors use one shape."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from mlcoach.content.search import Query
from mlcoach.content.stats import bank_stats
from mlcoach.domain.errors import BadRequest
from mlcoach.services import notes as svc
from mlcoach.web.routes.bank import parse_query
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf, csrf_token

router = APIRouter(prefix="/api", tags=["api"])


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse},
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
}


class ItemSummary(BaseModel):
    id: str
    kind: str
    prompt: str
    topics: list[str]
    roles: list[str]
    companies: list[str]
    round: str
    difficulty: int


class ItemList(BaseModel):
    total: int
    items: list[ItemSummary]


class NoteIn(BaseModel):
    body: str = Field(description="The note's text.")


class NoteOut(BaseModel):
    id: int
    item_id: str
    body: str
    updated_at: str


def _summary(item: Any) -> ItemSummary:
    return ItemSummary(
        id=item.id,
        kind=item.kind.value,
        prompt=item.prompt,
        topics=list(item.topics),
        roles=list(item.roles),
        companies=list(item.companies),
        round=item.round,
        difficulty=item.difficulty,
    )


def _note(n: svc.NoteView) -> NoteOut:
    return NoteOut(id=n.id, item_id=n.item_id, body=n.body, updated_at=n.updated_at.isoformat())


@router.get("/items", response_model=ItemList, responses=ERRORS)
def list_items(
    request: Request,
    coach: CoachDep,
    _: CurrentUser,
    query: Query = Depends(parse_query),
    limit: int = 50,
    offset: int = 0,
) -> ItemList:
    """Items matching the filters (kind, topic, role, company, round, difficulty) and text `q`."""
    if not 1 <= limit <= 500:
        raise BadRequest("limit must be between 1 and 500", field="limit")
    if offset < 0:
        raise BadRequest("offset must not be negative", field="offset")
    results = coach.index.search(query)
    return ItemList(total=len(results), items=[_summary(i) for i in results[offset : offset + limit]])


@router.get("/items/{item_id}", responses=ERRORS)
def get_item(item_id: str, coach: CoachDep, _: CurrentUser) -> dict[str, Any]:
    """One item with every field."""
    return coach.bank.get(item_id).to_dict()


@router.get("/stats", responses=ERRORS)
def stats(coach: CoachDep, _: CurrentUser) -> dict[str, Any]:
    """Counts by kind, topic, role, company, round and difficulty."""
    return bank_stats(coach.bank)


@router.get("/csrf")
def get_csrf(request: Request) -> dict[str, str]:
    """The token to send as the X-CSRF-Token header on every POST, PUT and DELETE."""
    return {"csrf_token": csrf_token(request)}


@router.get("/notes", response_model=list[NoteOut], responses=ERRORS)
def list_notes(coach: CoachDep, user: CurrentUser) -> list[NoteOut]:
    return [_note(n) for n in svc.list_notes(coach.sessions, user)]


@router.put("/items/{item_id}/note", response_model=NoteOut, responses=ERRORS, dependencies=[Depends(check_csrf)])
def put_note(item_id: str, body: NoteIn, coach: CoachDep, user: CurrentUser) -> NoteOut:
    limit = coach.settings.max_field_chars
    return _note(svc.save_note(coach.sessions, coach.bank, user, item_id, body.body, limit))


@router.delete("/notes/{note_id}", status_code=204, responses=ERRORS, dependencies=[Depends(check_csrf)])
def delete_note(note_id: int, coach: CoachDep, user: CurrentUser) -> None:
    svc.delete_note(coach.sessions, user, note_id)
