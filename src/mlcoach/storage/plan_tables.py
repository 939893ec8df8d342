"""The study plan's settings (the plan itself is recomputed from them and the candidate's state)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from mlcoach.storage.tables import Base


class StudyPlan(Base):
    __tablename__ = "study_plans"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    roles: Mapped[str] = mapped_column(Text)  # JSON list of role slugs
    companies: Mapped[str] = mapped_column(Text)  # JSON list of company slugs
    interview_date: Mapped[date] = mapped_column(Date)
    minutes_per_day: Mapped[int] = mapped_column(Integer)
    days_off: Mapped[str] = mapped_column(Text)  # JSON list of weekday numbers
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
