"""Code and SQL submissions: the table and its repository (bound to one user, like every repository)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, case, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from mlcoach.domain.errors import NotFound
from mlcoach.storage.tables import Base


class Submission(Base):
    """One Run (sample tests) or Submit (hidden tests) of an exercise, with its verdict per test."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(120))
    mode: Mapped[str] = mapped_column(String(10))  # run | submit
    code: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(20))
    passed: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    time_ms: Mapped[int] = mapped_column(Integer, default=0)
    memory_kb: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(Text, default="{}")  # SubmissionResult.to_dict() as JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ix_submissions_user_exercise", Submission.user_id, Submission.exercise_id, Submission.created_at)


class Submissions:
    def __init__(self, session: Session, user_id: int) -> None:
        self.s, self.user_id = session, user_id

    def add(self, submission: Submission) -> Submission:
        submission.user_id = self.user_id
        self.s.add(submission)
        self.s.flush()
        return submission

    def get(self, submission_id: int) -> Submission:
        found = self.s.scalar(
            select(Submission).where(Submission.id == submission_id, Submission.user_id == self.user_id)
        )
        if found is None:
            raise NotFound(f"no submission {submission_id}")
        return found

    def all(self) -> list[Submission]:
        return list(
            self.s.scalars(select(Submission).where(Submission.user_id == self.user_id).order_by(Submission.id))
        )

    def wipe(self) -> None:
        """Remove every submission of the user (import replaces them)."""
        self.s.execute(delete(Submission).where(Submission.user_id == self.user_id))

    def for_exercise(self, exercise_id: str, limit: int = 20) -> list[Submission]:
        return list(
            self.s.scalars(
                select(Submission)
                .where(Submission.user_id == self.user_id, Submission.exercise_id == exercise_id)
                .order_by(Submission.id.desc())
                .limit(limit)
            )
        )

    def statuses(self) -> dict[str, str]:
        """Per exercise: "solved" when a Submit was accepted, else "tried"."""
        rows = self.s.execute(
            select(Submission.exercise_id, func.max(case((Submission.verdict == "accepted", 1), else_=0)))
            .where(Submission.user_id == self.user_id, Submission.mode == "submit")
            .group_by(Submission.exercise_id)
        ).all()
        return {ex: "solved" if ok else "tried" for ex, ok in rows}
