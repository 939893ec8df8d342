"""Tables of mock interviews: the interview with its plan, and every answer given in it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mlcoach.storage.tables import Base


class Mock(Base):
    __tablename__ = "mocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(64), default="")
    plan: Mapped[str] = mapped_column(Text)  # JSON: [{round, minutes, questions, title}]
    round_started: Mapped[str] = mapped_column(Text, default="{}")  # JSON: round index -> ISO time
    position: Mapped[str] = mapped_column(String(40), default="0:0")  # "round:question", or "done"
    pending_follow_up: Mapped[str] = mapped_column(Text, default="")  # a follow-up waiting for an answer
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    report: Mapped[str] = mapped_column(Text, default="")  # JSON when finished


class MockAnswer(Base):
    __tablename__ = "mock_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mock_id: Mapped[int] = mapped_column(ForeignKey("mocks.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    round_index: Mapped[int] = mapped_column(Integer)
    question_index: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(120))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    feedback: Mapped[str] = mapped_column(Text, default="{}")
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
