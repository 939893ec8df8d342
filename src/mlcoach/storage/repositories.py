"""Repositories: every query on user-owned data takes the owner's id and filters on it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mlcoach.domain.errors import NotFound
from mlcoach.storage.tables import Note, User


def now() -> datetime:
    return datetime.now(UTC)


class Users:
    def __init__(self, session: Session) -> None:
        self.s = session

    def by_name(self, username: str) -> User | None:
        return self.s.scalar(select(User).where(User.username == username))

    def by_id(self, user_id: int) -> User | None:
        return self.s.get(User, user_id)

    def add(self, username: str, password_hash: str) -> User:
        user = User(username=username, password_hash=password_hash, created_at=now())
        self.s.add(user)
        self.s.flush()
        return user


class Notes:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s = session
        self.user_id = user_id

    def list(self) -> list[Note]:
        return list(self.s.scalars(select(Note).where(Note.user_id == self.user_id).order_by(Note.updated_at.desc())))

    def get(self, note_id: int) -> Note:
        note = self.s.scalar(select(Note).where(Note.id == note_id, Note.user_id == self.user_id))
        if note is None:
            raise NotFound(f"no note {note_id}")
        return note

    def for_item(self, item_id: str) -> Note | None:
        return self.s.scalar(select(Note).where(Note.item_id == item_id, Note.user_id == self.user_id))

    def save(self, item_id: str, body: str) -> Note:
        note = self.for_item(item_id)
        stamp = now()
        if note is None:
            note = Note(user_id=self.user_id, item_id=item_id, body=body, created_at=stamp, updated_at=stamp)
            self.s.add(note)
        else:
            note.body, note.updated_at = body, stamp
        self.s.flush()
        return note

    def update(self, note_id: int, body: str) -> Note:
        note = self.get(note_id)
        note.body, note.updated_at = body, now()
        self.s.flush()
        return note

    def delete(self, note_id: int) -> None:
        self.s.delete(self.get(note_id))
        self.s.flush()
