from datetime import UTC, datetime, timedelta

import pytest

from mlcoach.domain.errors import BadRequest, Conflict
from mlcoach.services import mock
from mlcoach.services.coach import Coach
from mlcoach.services.mock_plan import company_loops, custom_loop

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
LIMIT = 20000


def test_every_company_has_a_loop(coach: Coach) -> None:
    loops = {lp.id: lp for lp in company_loops(coach.bank)}
    assert {"google", "amazon", "tesla", "hugging-face", "byd", "startup"} <= set(loops)
    for lp in loops.values():
        assert lp.stages and all(s.minutes > 0 and s.questions > 0 for s in lp.stages)


def test_plan_is_deterministic_under_a_seed_and_prefers_the_company(coach: Coach, user: int) -> None:
    loop = next(lp for lp in company_loops(coach.bank) if lp.id == "linkedin")
    a = mock.start(coach.sessions, coach.bank, user, loop, "ml-engineer", NOW, {}, seed=3)
    b = mock.start(coach.sessions, coach.bank, user, loop, "ml-engineer", NOW, {}, seed=3)
    plan_a = mock.view(coach.sessions, coach.bank, user, a, NOW).plan
    plan_b = mock.view(coach.sessions, coach.bank, user, b, NOW).plan
    assert plan_a == plan_b
    ids = [i for p in plan_a for i in p.questions]
    assert len(ids) == len(set(ids))
    tagged = [i for i in ids if i in coach.bank.items and "linkedin" in coach.bank.items[i].companies]
    assert tagged, "a LinkedIn loop should ask some LinkedIn questions"


def test_weak_answer_draws_a_follow_up_then_moves_on(coach: Coach, user: int) -> None:
    loop = custom_loop(["ml-theory"], coach.bank)
    mid = mock.start(coach.sessions, coach.bank, user, loop, "", NOW, {}, seed=1)
    q = mock.view(coach.sessions, coach.bank, user, mid, NOW).question
    assert q is not None and not q.is_follow_up and q.seconds_left == 45 * 60
    weak = mock.submit(coach.sessions, coach.bank, user, mid, "I am not sure.", NOW + timedelta(minutes=1), limit=LIMIT)
    assert weak.score is not None and weak.score < 3
    q2 = mock.view(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=2)).question
    assert q2 is not None and q2.is_follow_up and q2.question_index == q.question_index
    mock.submit(coach.sessions, coach.bank, user, mid, "Still not sure.", NOW + timedelta(minutes=3), limit=LIMIT)
    q3 = mock.view(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=4)).question
    assert q3 is not None and not q3.is_follow_up and q3.question_index == q.question_index + 1


def test_timer_is_kept_by_the_server_and_late_answers_are_marked(coach: Coach, user: int) -> None:
    loop = custom_loop(["behavioral"], coach.bank)
    mid = mock.start(coach.sessions, coach.bank, user, loop, "", NOW, {}, seed=2)
    mock.view(coach.sessions, coach.bank, user, mid, NOW)  # the round starts now
    later = mock.view(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=10)).question
    assert later is not None and later.seconds_left == 30 * 60  # a reload keeps the same clock
    answer = mock.submit(
        coach.sessions,
        coach.bank,
        user,
        mid,
        "In my last job I led a migration...",
        NOW + timedelta(minutes=41),
        limit=LIMIT,
    )
    assert answer.late


def test_report_scores_rounds_and_lists_gaps(coach: Coach, user: int) -> None:
    loop = custom_loop(["ml-theory", "behavioral"], coach.bank)
    mid = mock.start(coach.sessions, coach.bank, user, loop, "data-scientist", NOW, {}, seed=5)
    v = mock.view(coach.sessions, coach.bank, user, mid, NOW)
    assert v.question is not None
    item = coach.bank.get(v.question.item_id)
    mock.submit(coach.sessions, coach.bank, user, mid, item.answer, NOW, limit=LIMIT)  # the reference: strong
    mock.skip(coach.sessions, user, mid, whole_round=True)
    report = mock.finish(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=30))
    assert report.rounds[0]["score"] > report.rounds[1]["score"] == 0
    assert report.gaps and all(g["item_id"] in coach.bank.items for g in report.gaps)
    assert report.signal in ("lean-no", "no-hire")
    assert {"ml-knowledge", "behavioral"} <= set(report.competencies)
    with pytest.raises(Conflict):
        mock.submit(coach.sessions, coach.bank, user, mid, "more", NOW, limit=LIMIT)
    assert [h[0] for h in mock.history(coach.sessions, user)] == [mid]


def test_clarifying_questions_are_answered_from_the_item(coach: Coach) -> None:
    item = next(i for i in coach.bank.items.values() if i.clarifying_questions)
    cq = item.clarifying_questions[0]
    assert mock.clarify(coach.bank, item.id, cq.question) == cq.answer
    assert "assumption" in mock.clarify(coach.bank, item.id, "zebra?")


def test_bad_input(coach: Coach, user: int) -> None:
    with pytest.raises(BadRequest) as exc:
        custom_loop(["juggling"], coach.bank)
    assert exc.value.field == "rounds"
    loop = custom_loop(["ml-theory"], coach.bank)
    with pytest.raises(BadRequest):
        mock.start(coach.sessions, coach.bank, user, loop, "astronaut", NOW, {})


def test_the_interviewer_introduces_each_new_round_once(coach: Coach, user: int) -> None:
    loop = custom_loop(["behavioral", "estimation"], coach.bank)
    mid = mock.start(coach.sessions, coach.bank, user, loop, "", NOW, {}, seed=7)
    first = mock.view(coach.sessions, coach.bank, user, mid, NOW).question
    assert first is not None and first.transition == ""
    mock.skip(coach.sessions, user, mid, whole_round=True)
    second = mock.view(coach.sessions, coach.bank, user, mid, NOW).question
    assert second is not None and second.round == "estimation"
    assert second.transition.startswith("Thanks, that's the Behavioral round done. Next is the")
    again = mock.view(coach.sessions, coach.bank, user, mid, NOW + timedelta(minutes=1)).question
    assert again is not None and again.transition == second.transition
