"""The offline grader: checks, evidence, combination and feedback, assembled into a `GradeResult`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from mlcoach.domain.estimation import check_final_number
from mlcoach.domain.grading import GradeResult, PointResult, order_missed
from mlcoach.domain.items import Item, Kind, Misconception, RubricPoint
from mlcoach.engines.grader import checks, feedback, scoring
from mlcoach.engines.grader.embedder import get_embedder
from mlcoach.engines.grader.features import Evidence, collect, prepare
from mlcoach.engines.grader.text import words

MISCONCEPTION_PENALTY = 1.0
# Estimation items: an answer with no number at all, or none within the item's tolerance of the expected
# result, cannot be a strong estimate however well it explains the method.
NO_NUMBER_CAP = 2.5
WRONG_NUMBER_CAP = 3.0
SPAN_CHARS = 240


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SPAN_CHARS else text[: SPAN_CHARS - 3].rstrip() + "..."


@lru_cache(maxsize=1024)
def _reference_evidence(question: str, reference: str, points: tuple[str, ...]) -> Evidence:
    """The reference answer measured against its own points (shared by the two helpers below)."""
    return collect(prepare(question, reference, points), reference, (scoring.COEF_LEXICAL, scoring.COEF_TOKENS))


@lru_cache(maxsize=1024)
def _reliable(
    question: str, reference: str, points: tuple[str, ...], misconceptions: tuple[Misconception, ...]
) -> tuple[Misconception, ...]:
    """The misconceptions the detector does not find in the reference answer itself: one it 'finds' there
    cannot be told apart from a correct statement, so it is not flagged in candidates' answers either."""
    if not misconceptions or not reference.strip():
        return misconceptions
    ev = _reference_evidence(question, reference, points)
    found = {m.claim for m in feedback.find_misconceptions(reference, ev, misconceptions)}
    return tuple(m for m in misconceptions if m.claim not in found)


@lru_cache(maxsize=1024)
def _standard(question: str, reference: str, points: tuple[str, ...], weights: tuple[float, ...]) -> scoring.Combined:
    """The reference answer graded on its own points: the 5/5 standard answers are measured against."""
    ev = _reference_evidence(question, reference, points)
    return scoring.combine(ev, weights, len(words(reference)))


def _summary(score: float, points: Sequence[PointResult], derived: bool) -> str:
    got = sum(1 for p in points if p.covered)
    what = "key points of the reference" if derived else "rubric points"
    if score >= 4.0:
        return f"Covers {got} of {len(points)} {what}."
    if score >= 2.5:
        return f"Partly there: covers {got} of {len(points)} {what}; see what is missing below."
    return f"Weak answer: covers {got} of {len(points)} {what}. Study the reference answer and try again."


def grade_points(
    question: str,
    reference: str,
    rubric: Sequence[RubricPoint],
    answer: str,
    *,
    item: Item | None = None,
    misconceptions: Sequence[Misconception] = (),
    derived: bool = False,
) -> GradeResult:
    """Grade `answer` against weighted key points; `item` adds STAR, design steps and follow-ups."""
    embedder = get_embedder()
    pre = checks.before_embedding(answer, embedder.wordpieces(answer[:2000]), len(words(reference)))
    star_expected = item is not None and item.kind is Kind.BEHAVIORAL
    design_expected = item is not None and item.kind is Kind.DESIGN
    if pre.stop:
        points = tuple(
            PointResult(point=p.point, weight=p.weight, covered=False, strength=0.0, step=p.step) for p in rubric
        )
        missed = order_missed(points)
        star = dict.fromkeys(("situation", "task", "action", "result"), False) if star_expected else None
        steps = feedback.design_steps("", points) if design_expected else None
        return GradeResult(
            score=0.0,
            points=points,
            missed=missed,
            star=star,
            design_steps=steps,
            follow_up=feedback.follow_up(item, missed, star, steps),
            messages=tuple(pre.messages),
            flags=tuple(pre.flags),
            derived_points=derived,
        )
    ref = prepare(question, reference, tuple(p.point for p in rubric))
    ev = collect(ref, answer, (scoring.COEF_LEXICAL, scoring.COEF_TOKENS))
    reference_words = len(words(reference))
    weights = tuple(float(p.weight) for p in rubric)
    standard = _standard(question, reference, tuple(p.point for p in rubric), weights) if reference.strip() else None
    combined = scoring.combine(ev, weights, reference_words, standard)
    result = checks.after_embedding(pre, ev, answer, question, reference)

    points = tuple(
        PointResult(
            point=p.point,
            weight=p.weight,
            covered=s >= scoring.COVERED,
            strength=s,
            span=_clip(answer[pe.span[0] : pe.span[1]]) if pe.span is not None else None,
            step=p.step,
        )
        for p, s, pe in zip(rubric, combined.strengths, ev.points, strict=True)
    )
    missed = order_missed(points)
    checked = _reliable(question, reference, tuple(p.point for p in rubric), tuple(misconceptions))
    found = feedback.find_misconceptions(answer, ev, checked)
    score = combined.score - MISCONCEPTION_PENALTY * len(found)
    messages = list(result.messages)
    flags = list(result.flags)
    for m in found:
        messages.append(f"Misconception: \u201c{_clip(m.span or m.claim)}\u201d. {m.correction}")
    star = feedback.star_parts(answer, ev, item) if star_expected and item is not None else None
    steps = feedback.design_steps(answer, points) if design_expected else None
    if star is not None:
        absent = [part for part, ok in star.items() if not ok]
        if absent:
            messages.append("STAR: the answer does not show the " + ", ".join(absent) + ".")
    if steps is not None:
        absent = [step for step, ok in steps.items() if not ok]
        if absent:
            messages.append("Design steps not covered: " + ", ".join(absent) + ".")
    extra: dict[str, object] = {}
    if item is not None and item.kind is Kind.ESTIMATION and item.expected is not None and item.tolerance:
        final = check_final_number(answer, item.expected.value, item.expected.unit, item.tolerance)
        number: dict[str, object] = {
            "expected": final.expected,
            "unit": final.unit,
            "tolerance": final.tolerance,
            "closest": final.closest.text if final.closest else None,
            "within": final.within,
        }
        cap: float | None = None
        if final.closest is None:
            cap, flag = NO_NUMBER_CAP, "no-final-number"
            message = f"An estimate ends with a number: state yours (in {final.unit}) and how you got it."
        elif not final.within:
            cap, flag = WRONG_NUMBER_CAP, "final-number-off"
            message = (
                f"None of your numbers is within {final.tolerance:.0%} of the expected {final.expected:,g}"
                f" {final.unit} (closest: \u201c{final.closest.text}\u201d): check each step against the"
                " worked solution."
            )
        if cap is not None:  # kept in `extra` so the cap also holds over an LLM's grade (see grade())
            score = min(score, cap)
            flags.append(flag)
            messages.append(message)
            number |= {"cap": cap, "flag": flag, "message": message}
        extra["final_number"] = number
    score = max(0.0, min(score, result.cap, 5.0))
    if not result.flags or result.flags == ["too-long"]:
        messages.insert(0, _summary(score, points, derived))
    return GradeResult(
        score=round(score, 2),
        points=points,
        missed=missed,
        misconceptions_found=tuple(found),
        star=star,
        design_steps=steps,
        follow_up=feedback.follow_up(item, missed, star, steps),
        messages=tuple(messages),
        flags=tuple(flags),
        derived_points=derived,
        extra={
            "probability": round(combined.probability, 4),
            "relative_support": round(combined.relative, 4),
            "coverage": round(combined.coverage, 4),
            **extra,
        },
    )
