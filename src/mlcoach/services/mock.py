"""Mock interviews: start a loop, show the current question with the server's timer, take answers
(graded or judged), ask follow-ups on weak answers, answer clarifying questions, and write the report."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mlcoach.content.loader import Bank
from mlcoach.domain.errors import BadRequest, Conflict, NotFound
from mlcoach.domain.interviews import FOLLOW_UP_BELOW, Answer, Report, RoundPlan, build_report, seconds_left
from mlcoach.engines import interviewer
from mlcoach.services.mock_plan import Loop, plan_questions
from mlcoach.services.review import mistake_to_review
from mlcoach.services.written import grade_answer
from mlcoach.storage.db import transaction
from mlcoach.storage.mock_tables import Mock, MockAnswer
from mlcoach.storage.practice_repo import Attempts, utc

JudgeFn = Callable[[str, str], dict[str, Any]]  # (exercise id, code) -> {"score": 0-5, ...}
RECENT_DAYS = 14


@dataclass(frozen=True)
class Question:
    round_index: int
    question_index: int
    round: str
    round_title: str
    item_id: str
    prompt: str
    is_follow_up: bool
    seconds_left: int
    rounds_total: int
    questions_in_round: int
    is_exercise: bool
    transition: str = ""  # what the interviewer says as a new round starts


@dataclass(frozen=True)
class MockView:
    id: int
    title: str
    plan: list[RoundPlan]
    finished: bool
    question: Question | None
    answers: list[Answer] = field(default_factory=list)


def _plan(m: Mock) -> list[RoundPlan]:
    return [RoundPlan(p["round"], p["minutes"], tuple(p["questions"]), p.get("title", "")) for p in json.loads(m.plan)]


def _get(s: Session, user_id: int, mock_id: int) -> Mock:
    m = s.scalar(select(Mock).where(Mock.id == mock_id, Mock.user_id == user_id))
    if m is None:
        raise NotFound(f"no mock interview {mock_id}")
    return m


def _answers(s: Session, mock_id: int) -> list[Answer]:
    rows = s.scalars(select(MockAnswer).where(MockAnswer.mock_id == mock_id).order_by(MockAnswer.id))
    return [
        Answer(
            a.round_index,
            a.question_index,
            a.item_id,
            a.prompt,
            a.answer,
            a.score,
            a.late,
            a.follow_up,
            json.loads(a.feedback),
        )
        for a in rows
    ]


def recent_questions(s: Session, user_id: int, now: datetime) -> set[str]:
    since = now - timedelta(days=RECENT_DAYS)
    seen = {a.item_id for a in Attempts(s, user_id).recent(500) if (utc(a.created_at) or now) >= since}
    rows = s.scalars(select(MockAnswer.item_id).where(MockAnswer.user_id == user_id, MockAnswer.answered_at >= since))
    return seen | set(rows)


def start(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    loop: Loop,
    role: str,
    now: datetime,
    weakness: dict[str, float],
    seed: int | None = None,
) -> int:
    if role and role not in bank.taxonomy.roles:
        raise BadRequest(f"unknown role '{role}'", field="role")
    rng = random.Random(seed)
    with transaction(sessions) as s:
        plans = plan_questions(
            bank, loop, role=role, weakness=weakness, recent=recent_questions(s, user_id, now), rng=rng
        )
        title = loop.title + (f" · {bank.taxonomy.roles[role]}" if role else "")
        m = Mock(
            user_id=user_id,
            title=title,
            company=loop.company,
            role=role,
            plan=json.dumps(
                [
                    {"round": p.round, "minutes": p.minutes, "questions": list(p.questions), "title": p.title}
                    for p in plans
                ]
            ),
            round_started="{}",
            position="0:0",
            pending_follow_up="",
            created_at=now,
            report="",
        )
        s.add(m)
        s.flush()
        return m.id


def _prompt_of(bank: Bank, item_id: str) -> tuple[str, bool]:
    if item_id in bank.exercises:
        ex = bank.exercises[item_id]
        return f"{ex.title}\n\n{ex.prompt}", True
    return bank.get(item_id).prompt, False


def _position(m: Mock) -> tuple[int, int] | None:
    if m.position == "done":
        return None
    r, q = m.position.split(":")
    return int(r), int(q)


def view(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    mock_id: int,
    now: datetime,
    llm: dict[str, str] | None = None,
) -> MockView:
    """The interview as the candidate sees it now; opening a round starts its clock (kept by the server).

    `round_started` maps a round's index to its start time, and "say:INDEX" to the interviewer's words
    introducing it (worded once, when the round opens)."""
    with transaction(sessions) as s:
        m = _get(s, user_id, mock_id)
        plan = _plan(m)
        pos = _position(m)
        question = None
        if pos is not None and m.finished_at is None:
            r, q = pos
            started = json.loads(m.round_started)
            rp = plan[r]
            if str(r) not in started:
                started[str(r)] = now.isoformat()
                if r > 0:
                    prev = plan[r - 1]
                    started[f"say:{r}"] = interviewer.transition(
                        llm,
                        finished=prev.title or prev.round,
                        next_round=rp.title or rp.round,
                        minutes=rp.minutes,
                        questions=len(rp.questions),
                    )
                m.round_started = json.dumps(started)
            item_id = rp.questions[q]
            prompt, is_ex = _prompt_of(bank, item_id)
            follow = bool(m.pending_follow_up)
            question = Question(
                r,
                q,
                rp.round,
                rp.title or rp.round,
                item_id,
                m.pending_follow_up if follow else prompt,
                follow,
                seconds_left(rp.minutes, datetime.fromisoformat(started[str(r)]), now),
                len(plan),
                len(rp.questions),
                is_ex and not follow,
                started.get(f"say:{r}", "") if q == 0 and not follow else "",
            )
        return MockView(m.id, m.title, plan, m.finished_at is not None, question, _answers(s, m.id))


def _advance(m: Mock, plan: list[RoundPlan], r: int, q: int) -> None:
    m.pending_follow_up = ""
    if q + 1 < len(plan[r].questions):
        m.position = f"{r}:{q + 1}"
    elif r + 1 < len(plan):
        m.position = f"{r + 1}:0"
    else:
        m.position = "done"


def _grade(
    bank: Bank, item_id: str, text: str, follow_up: str, llm: dict[str, str] | None, judge: JudgeFn | None
) -> dict[str, Any] | None:
    if item_id in bank.exercises and not follow_up:
        return judge(item_id, text) if judge else None
    item = bank.get(item_id)
    if follow_up:
        try:
            from mlcoach.engines.grader import grade_text
        except ImportError:
            return None
        missed = " ".join(p.point for p in item.rubric) or item.answer
        return grade_text(follow_up, missed, text, llm=llm).to_dict()
    return grade_answer(item, text, llm, bank)


def submit(
    sessions: sessionmaker[Session],
    bank: Bank,
    user_id: int,
    mock_id: int,
    text: str,
    now: datetime,
    *,
    limit: int,
    llm: dict[str, str] | None = None,
    judge: JudgeFn | None = None,
) -> Answer:
    """Record and score the answer to the current question; a weak written answer draws one follow-up."""
    if len(text) > limit:
        raise BadRequest(f"the answer has {len(text)} characters; the limit is {limit}", field="answer")
    with transaction(sessions) as s:
        m = _get(s, user_id, mock_id)
        pos = _position(m)
        if pos is None or m.finished_at is not None:
            raise Conflict("this mock interview is over", field="answer")
        r, q = pos
        plan = _plan(m)
        item_id = plan[r].questions[q]
        started = json.loads(m.round_started).get(str(r))
        late = bool(started) and seconds_left(plan[r].minutes, datetime.fromisoformat(started), now) < 0
        follow_up = m.pending_follow_up
        feedback = _grade(bank, item_id, text, follow_up, llm, judge) if text.strip() else {"score": 0.0}
        score = float(feedback["score"]) if feedback and "score" in feedback else None
        prompt = follow_up or _prompt_of(bank, item_id)[0]
        s.add(
            MockAnswer(
                mock_id=m.id,
                user_id=user_id,
                round_index=r,
                question_index=q,
                item_id=item_id,
                prompt=prompt,
                answer=text,
                score=score,
                late=late,
                follow_up=bool(follow_up),
                feedback=json.dumps(feedback or {}),
                answered_at=now,
            )
        )
        if score is not None and not follow_up:
            Attempts(s, user_id).add(item_id, "mock", score, score >= FOLLOW_UP_BELOW, text, {"mock": m.id}, now)
            if score < FOLLOW_UP_BELOW and item_id in bank.items:
                mistake_to_review(s, user_id, item_id, now)
        next_follow = _follow_up_for(bank, item_id, feedback) if not follow_up and score is not None else None
        if next_follow and score is not None and score < FOLLOW_UP_BELOW:
            m.pending_follow_up = interviewer.follow_up(
                llm, question=prompt, answer=text, missed=_first_missed(feedback), rule_based=next_follow
            )
        else:
            _advance(m, plan, r, q)
        return Answer(r, q, item_id, prompt, text, score, late, bool(follow_up), feedback or {})


def _first_missed(feedback: dict[str, Any] | None) -> str:
    missed = (feedback or {}).get("missed")
    if isinstance(missed, list) and missed and isinstance(missed[0], dict):
        return str(missed[0].get("point", ""))
    return ""


def _follow_up_for(bank: Bank, item_id: str, feedback: dict[str, Any] | None) -> str | None:
    """The interviewer probes the most important missed point (the grader's follow-up), or the item's own."""
    if item_id not in bank.items:
        return None
    if feedback and feedback.get("follow_up"):
        return str(feedback["follow_up"])
    item = bank.items[item_id]
    return item.follow_ups[0] if item.follow_ups else None


def skip(sessions: sessionmaker[Session], user_id: int, mock_id: int, *, whole_round: bool = False) -> None:
    with transaction(sessions) as s:
        m = _get(s, user_id, mock_id)
        pos = _position(m)
        if pos is None:
            raise Conflict("this mock interview is over")
        plan = _plan(m)
        r, q = pos
        _advance(m, plan, r, len(plan[r].questions) - 1 if whole_round else q)


_WORD = re.compile(r"[a-z0-9]+")


def clarify(bank: Bank, item_id: str, question: str) -> str:
    """Answer a clarifying question from the design item's data (best word overlap), as an interviewer would."""
    item = bank.items.get(item_id)
    words = set(_WORD.findall(question.lower())) - {"the", "a", "is", "are", "what", "how", "do", "we", "of", "to"}
    best, best_overlap = None, 0
    for cq in item.clarifying_questions if item else ():
        overlap = len(words & set(_WORD.findall(cq.question.lower())))
        if overlap > best_overlap:
            best, best_overlap = cq, overlap
    if best is None or best_overlap < 1:
        return "That is up to you: state a reasonable assumption and move on."
    return best.answer


def finish(sessions: sessionmaker[Session], bank: Bank, user_id: int, mock_id: int, now: datetime) -> Report:
    with transaction(sessions) as s:
        m = _get(s, user_id, mock_id)
        if m.finished_at is not None and m.report:
            return _report_from(json.loads(m.report))
        plan = _plan(m)
        titles = {i: _title(bank, i) for p in plan for i in p.questions}
        report = build_report(plan, _answers(s, m.id), titles)
        m.report, m.finished_at, m.position = json.dumps(report.to_dict()), now, "done"
        return report


def _title(bank: Bank, item_id: str) -> str:
    if item_id in bank.exercises:
        return bank.exercises[item_id].title
    return bank.items[item_id].title if item_id in bank.items else item_id


def _report_from(d: dict[str, Any]) -> Report:
    return Report(
        d["overall"], d["rounds"], d["competencies"], d["strengths"], d["gaps"], d["signal"], d["late_answers"]
    )


def report(sessions: sessionmaker[Session], user_id: int, mock_id: int) -> tuple[str, datetime, Report]:
    with transaction(sessions) as s:
        m = _get(s, user_id, mock_id)
        if not m.report:
            raise Conflict("this mock interview is not finished yet")
        return m.title, utc(m.finished_at) or utc(m.created_at), _report_from(json.loads(m.report))  # type: ignore[return-value]


def history(sessions: sessionmaker[Session], user_id: int) -> list[tuple[int, str, datetime, Report | None]]:
    with transaction(sessions) as s:
        rows = s.scalars(select(Mock).where(Mock.user_id == user_id).order_by(Mock.created_at))
        return [
            (m.id, m.title, utc(m.created_at) or m.created_at, _report_from(json.loads(m.report)) if m.report else None)
            for m in rows
        ]
