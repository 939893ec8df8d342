from datetime import UTC, date, datetime, timedelta

import pytest

from mlcoach.domain.errors import BadRequest, NotFound
from mlcoach.domain.planning import PlanInput, build_plan, topic_need
from mlcoach.services import plan, written
from mlcoach.services.coach import Coach

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_plan_skips_days_off_fits_the_budget_and_mocks_in_the_final_week() -> None:
    days = build_plan(
        PlanInput(
            TODAY, TODAY + timedelta(days=20), 120, frozenset({6}), {"statistics": 0.5, "sql": 0.5}, {}, {TODAY: 40}
        )
    )
    assert len(days) == 20 and all(d.off for d in days if d.day.weekday() == 6)
    assert all(d.minutes <= 120 + 5 for d in days)
    mock_days = [d.day for d in days if any(t.kind == "mock" for t in d.tasks)]
    assert mock_days and all((TODAY + timedelta(days=20) - d).days <= 7 for d in mock_days)
    assert days[0].tasks[0].kind == "review" and days[0].tasks[0].count == 40


def test_weak_heavy_topics_get_more_time() -> None:
    need = topic_need({"statistics": 0.5, "sql": 0.5}, {"sql": 1.0})
    assert need["statistics"] > need["sql"]
    days = build_plan(
        PlanInput(
            TODAY,
            TODAY + timedelta(days=14),
            90,
            frozenset(),
            {"statistics": 0.5, "sql": 0.5},
            {"sql": 1.0},
            {},
            coding=False,
            design=False,
        )
    )
    minutes = {"statistics": 0, "sql": 0}
    for d in days:
        for t in d.tasks:
            if t.kind == "new":
                minutes[t.topic] += t.minutes
    assert minutes["statistics"] > minutes["sql"] > 0


def test_targets_validate_and_the_plan_replans_from_what_was_done(coach: Coach, user: int) -> None:
    with pytest.raises(NotFound):
        plan.compute(coach.sessions, coach.bank, user, TODAY, NOW)
    with pytest.raises(BadRequest) as exc:
        plan.save_targets(
            coach.sessions,
            coach.bank,
            user,
            roles=["ml-engineer"],
            companies=[],
            interview=TODAY - timedelta(days=1),
            hours_per_day=2,
            days_off=[],
            today=TODAY,
            now=NOW,
        )
    assert exc.value.field == "interview_date"
    with pytest.raises(BadRequest):
        plan.save_targets(
            coach.sessions,
            coach.bank,
            user,
            roles=["wizard"],
            companies=[],
            interview=TODAY + timedelta(days=30),
            hours_per_day=2,
            days_off=[],
            today=TODAY,
            now=NOW,
        )
    plan.save_targets(
        coach.sessions,
        coach.bank,
        user,
        roles=["data-scientist"],
        companies=["google"],
        interview=TODAY + timedelta(days=30),
        hours_per_day=2,
        days_off=[5, 6],
        today=TODAY,
        now=NOW,
    )
    first = plan.compute(coach.sessions, coach.bank, user, TODAY, NOW)
    assert first.today and first.days[0].day == TODAY
    new_items = [t for t in first.today if t.kind == "new"]
    assert new_items
    item_id = new_items[0].href.rsplit("/", 1)[1]
    if coach.bank.items[item_id].kind.value != "mcq":
        written.record(coach.sessions, coach.bank, user, item_id, "answer", 1.0, {}, NOW, 20000)
        again = plan.compute(coach.sessions, coach.bank, user, TODAY, NOW)
        assert item_id not in [t.href.rsplit("/", 1)[1] for t in again.today]
        assert any(t.kind == "review" for t in again.today)  # the weak answer became a due card


def test_ics_is_valid_icalendar(coach: Coach, user: int) -> None:
    plan.save_targets(
        coach.sessions,
        coach.bank,
        user,
        roles=["ml-engineer"],
        companies=[],
        interview=TODAY + timedelta(days=10),
        hours_per_day=1.5,
        days_off=[6],
        today=TODAY,
        now=NOW,
    )
    text = plan.to_ics(plan.compute(coach.sessions, coach.bank, user, TODAY, NOW).days, NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == sum(1 for i in range(10) if (TODAY + timedelta(days=i)).weekday() != 6)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DTSTART;VALUE=DATE:20261201" in text


def test_days_off_parsing() -> None:
    assert plan.parse_days_off("Sat, sun") == [5, 6]
    with pytest.raises(BadRequest):
        plan.parse_days_off("caturday")
