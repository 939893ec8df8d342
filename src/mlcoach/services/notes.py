"""A user's notes on bank items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest
from mlcoach.storage.db import transaction
from mlcoach.storage.repositories import Notes
from mlcoach.storage.tables import Note


@dataclass(frozen=True)
class NoteView:
    id: int
    item_id: str
    body: str
    updated_at: datetime


def _view(n: Note) -> NoteView:
    return NoteView(n.id, n.item_id, n.body, n.updated_at)


def _clean(body: str, limit: int) -> str:
    body = body.strip()
    if not body:
        raise BadRequest("the note is empty", field="body")
    if len(body) > limit:
        raise BadRequest(f"the note is {len(body)} characters; the limit is {limit}", field="body")
    return body


def list_notes(sessions: sessionmaker[Session], user_id: int) -> list[NoteView]:
    with transaction(sessions) as s:
        return [_view(n) for n in Notes(s, user_id).list()]


def note_for_item(sessions: sessionmaker[Session], user_id: int, item_id: str) -> NoteView | None:
    with transaction(sessions) as s:
        n = Notes(s, user_id).for_item(item_id)
        return _view(n) if n else None


def save_note(
    sessions: sessionmaker[Session], bank: Bank, user_id: int, item_id: str, body: str, limit: int
) -> NoteView:
    bank.get(item_id)  # NotFound for an unknown item
    with transaction(sessions) as s:
        return _view(Notes(s, user_id).save(item_id, _clean(body, limit)))


def update_note(sessions: sessionmaker[Session], user_id: int, note_id: int, body: str, limit: int) -> NoteView:
    with transaction(sessions) as s:
        return _view(Notes(s, user_id).update(note_id, _clean(body, limit)))


def delete_note(sessions: sessionmaker[Session], user_id: int, note_id: int) -> None:
    with transaction(sessions) as s:
        Notes(s, user_id).delete(note_id)
