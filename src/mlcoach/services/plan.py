"""The study plan: the candidate's targets, a day-by-day plan recomputed from what they did, and .ics export."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest, NotFound
from mlcoach.domain.items import Kind
from mlcoach.domain.mastery import GroupMastery
from mlcoach.domain.planning import Day, PlanInput, build_plan
from mlcoach.services.progress import progress
from mlcoach.storage.db import transaction
from mlcoach.storage.plan_tables import StudyPlan
from mlcoach.storage.practice_repo import Attempts, Cards

MAX_DAYS = 365
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Targets:
    roles: tuple[str, ...]
    companies: tuple[str, ...]
    interview: date
    minutes_per_day: int
    days_off: frozenset[int]


@dataclass(frozen=True)
class TodayItem:
    kind: str
    label: str
    href: str


@dataclass(frozen=True)
class PlanView:
    targets: Targets
    days: list[Day]
    today: list[TodayItem]
    readiness: list[GroupMastery]
    weakest_topics: list[tuple[str, float]]


def save_targets(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    *,
    roles: list[str],
    companies: list[str],
    interview: date,
    hours_per_day: float,
    days_off: list[int],
    today: date,
    now: datetime,
) -> Targets:
    if not roles:
        raise BadRequest("choose at least one target role", field="roles")
    for r in roles:
        if r not in bank.roles:
            raise BadRequest(f"unknown role '{r}'", field="roles")
    for c in companies:
        if c not in bank.taxonomy.companies:
            raise BadRequest(f"unknown company '{c}'", field="companies")
    if interview <= today:
        raise BadRequest("the interview date must be in the future", field="interview_date")
    if (interview - today).days > MAX_DAYS:
        raise BadRequest("the interview date must be within a year", field="interview_date")
    if not 0.25 <= hours_per_day <= 16:
        raise BadRequest("hours per day must be between 0.25 and 16", field="hours_per_day")
    if any(not 0 <= d <= 6 for d in days_off) or len(set(days_off)) >= 7:
        raise BadRequest("days off must be weekdays, and at least one day must remain", field="days_off")
    with transaction(sessions) as s:
        row = s.get(StudyPlan, user_id) or StudyPlan(user_id=user_id)
        row.roles, row.companies = json.dumps(roles), json.dumps(companies)
        row.interview_date, row.minutes_per_day = interview, round(hours_per_day * 60)
        row.days_off, row.updated_at = json.dumps(sorted(set(days_off))), now
        s.add(row)
    return Targets(tuple(roles), tuple(companies), interview, round(hours_per_day * 60), frozenset(days_off))


def targets(sessions: sessionmaker[Session], user_id: int) -> Targets | None:
    with transaction(sessions) as s:
        row = s.get(StudyPlan, user_id)
        if row is None:
            return None
        return Targets(
            tuple(json.loads(row.roles)),
            tuple(json.loads(row.companies)),
            row.interview_date,
            row.minutes_per_day,
            frozenset(json.loads(row.days_off)),
        )


def _weights(bank: Bank, roles: tuple[str, ...]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for r in roles:
        for t, w in bank.roles[r].topic_weights.items():
            merged[t] = merged.get(t, 0.0) + w / len(roles)
    return merged


def compute(sessions: sessionmaker[Session], bank: Bank, user_id: int, today: date, now: datetime) -> PlanView:
    t = targets(sessions, user_id)
    if t is None:
        raise NotFound("no study plan yet: set your target role and interview date first")
    p = progress(sessions, bank, user_id, now)
    mastery = {g.group: g.mastery for g in p.topics}
    rounds = {k for r in t.roles for k, w in bank.roles[r].rounds.items() if w > 0}
    days = build_plan(
        PlanInput(
            today=today,
            interview=t.interview,
            minutes_per_day=t.minutes_per_day,
            days_off=t.days_off,
            topic_weights=_weights(bank, t.roles),
            mastery=mastery,
            reviews_due=dict(p.forecast),
            coding=bool(rounds & {"coding", "ml-coding", "sql"}),
            design="ml-system-design" in rounds,
        )
    )
    weights = _weights(bank, t.roles)
    weakest = sorted(((tp, mastery.get(tp, 0.0)) for tp in weights), key=lambda x: (x[1], -weights[x[0]]))[:5]
    relevant = [g for g in p.rounds if g.group in rounds]
    return PlanView(
        t, days, _today_items(sessions, bank, user_id, days[0] if days else None, t, today), relevant, weakest
    )


def _today_items(
    sessions: sessionmaker[Session], bank: Bank, user_id: int, day: Day | None, t: Targets, today: date
) -> list[TodayItem]:
    """Concrete things to do today, picked the same way all day (seeded by the date)."""
    if day is None or day.off or day.day != today:
        return []
    rng = random.Random(f"{user_id}:{today.isoformat()}")
    with transaction(sessions) as s:
        carded = Cards(s, user_id).item_ids()
        done = {a.item_id for a in Attempts(s, user_id).all()}
    out: list[TodayItem] = []
    for task in day.tasks:
        if task.kind == "review":
            out.append(TodayItem("review", f"Review {task.count} due cards", "/review"))
        elif task.kind == "new":
            pool = sorted(
                i.id
                for i in bank.items.values()
                if task.topic in i.topics
                and i.kind in (Kind.CONCEPT, Kind.MCQ, Kind.BEHAVIORAL)
                and i.id not in carded | done
            )
            for item_id in rng.sample(pool, min(task.count, len(pool))):
                out.append(
                    TodayItem(
                        "new",
                        bank.items[item_id].title,
                        f"/practice/{item_id}" if bank.items[item_id].kind is not Kind.MCQ else f"/bank/{item_id}",
                    )
                )
        elif task.kind == "exercise":
            pool = sorted(e for e in bank.exercises if e not in done)
            if pool:
                ex = bank.exercises[rng.choice(pool)]
                out.append(TodayItem("exercise", ex.title, f"/code/{ex.id}"))
        elif task.kind == "design":
            pool = sorted(
                i.id
                for i in bank.items.values()
                if i.kind is Kind.DESIGN
                and i.id not in done
                and (not t.companies or set(i.companies) & set(t.companies) or rng.random() < 0.3)
            )
            if pool:
                item_id = rng.choice(pool)
                out.append(TodayItem("design", bank.items[item_id].title, f"/practice/{item_id}"))
        elif task.kind == "mock":
            company = next((c for c in t.companies if c in bank.companies), "")
            label = f"Mock interview: {bank.companies[company].name} loop" if company else "Mock interview"
            out.append(TodayItem("mock", label, "/mock"))
    return out


def to_ics(days: list[Day], now: datetime) -> str:
    """One all-day event per study day, listing its tasks."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mlcoach//study plan//EN", "CALSCALE:GREGORIAN"]
    for d in days:
        if d.off or not d.tasks:
            continue
        summary = "mlcoach: " + ", ".join(_task_text(t.kind, t.count, t.topic) for t in d.tasks)
        end = date.fromordinal(d.day.toordinal() + 1)
        lines += [
            "BEGIN:VEVENT",
            f"UID:mlcoach-{d.day.isoformat()}@mlcoach.local",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(f'about {d.minutes} minutes')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _task_text(kind: str, count: int, topic: str) -> str:
    return {
        "review": f"{count} reviews",
        "new": f"{count} new ({topic})",
        "exercise": "1 exercise",
        "design": "1 design question",
        "mock": "mock interview",
    }.get(kind, kind)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, start = [], 0
    while start < len(raw):
        size = 75 if start == 0 else 74
        chunk = raw[start : start + size]
        while True:  # never split a UTF-8 character
            try:
                parts.append(chunk.decode())
                break
            except UnicodeDecodeError:
                chunk = chunk[:-1]
        start += len(chunk)
    return "\r\n ".join(parts)


def parse_days_off(text: str) -> list[int]:
    out = []
    for part in (p.strip().lower()[:3] for p in text.split(",") if p.strip()):
        if part not in WEEKDAYS:
            raise BadRequest(f"'{part}' is not a weekday (use mon, tue, ... sun)", field="days_off")
        out.append(WEEKDAYS.index(part))
    return out
