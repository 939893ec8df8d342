"""The database schema. Every user-owned table has a `user_id` and is only read through a repository
that filters on it, so one user can never reach another's rows by guessing ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Note(Base):
    """A user's own note on a bank item (one per user and item)."""

    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("user_id", "item_id", name="uq_notes_user_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_notes_user_updated", Note.user_id, Note.updated_at)


class Card(Base):
    """A bank item in a user's review deck, with its FSRS state."""

    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("user_id", "item_id", name="uq_cards_user_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(120))
    state: Mapped[int] = mapped_column(Integer, default=1)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(20), default="deck")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_cards_user_due", Card.user_id, Card.due)
Index("ix_cards_user_new", Card.user_id, Card.reps, Card.added_at)


class ReviewLog(Base):
    """One rating. `before` holds the card's state before it, so the last rating can be undone."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(120))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    first_review: Mapped[bool] = mapped_column(Boolean, default=False)
    before: Mapped[str] = mapped_column(Text)


Index("ix_review_logs_user_time", ReviewLog.user_id, ReviewLog.reviewed_at)


class Attempt(Base):
    """An answer: a quiz choice, a written answer, an exercise submission or a mock answer."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(120))
    mode: Mapped[str] = mapped_column(String(20))  # quiz | written | exercise | mock
    score: Mapped[float] = mapped_column(Float)  # 0-5
    correct: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_attempts_user_time", Attempt.user_id, Attempt.created_at)


class UserSettings(Base):
    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    desired_retention: Mapped[float] = mapped_column(Float, default=0.9)
    new_per_day: Mapped[int] = mapped_column(Integer, default=15)
    reviews_per_day: Mapped[int] = mapped_column(Integer, default=150)
    auto_add_mistakes: Mapped[bool] = mapped_column(Boolean, default=True)


class Quiz(Base):
    """A multiple-choice quiz in progress or finished: its items and the choices made."""

    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    item_ids: Mapped[str] = mapped_column(Text)  # JSON list
    choices: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of option indexes
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
