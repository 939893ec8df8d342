"""Turn one parsed YAML mapping into an `Item`, checking every rule of docs/content.md."""

from __future__ import annotations

from mlcoach.content.fields import SLUG, Reader, word_count
from mlcoach.domain.items import (
    DESIGN_STEPS,
    STAR_PARTS,
    ClarifyingQuestion,
    CompanyAngle,
    Item,
    Kind,
    Misconception,
    Option,
    Quantity,
    RubricPoint,
    SolutionStep,
)
from mlcoach.domain.profiles import Taxonomy

COMMON = {
    "id",
    "kind",
    "prompt",
    "topics",
    "roles",
    "companies",
    "round",
    "difficulty",
    "answer",
    "rubric",
    "misconceptions",
    "follow_ups",
    "hints",
    "related",
}
EXTRA = {
    Kind.CONCEPT: set(),
    Kind.MCQ: {"options"},
    Kind.DESIGN: {"level", "clarifying_questions", "pitfalls"},
    Kind.BEHAVIORAL: {"star", "signals", "company_angles", "pitfalls"},
    Kind.ESTIMATION: {"parameters", "solution", "expected", "tolerance"},
}
RUBRIC_WORDS = (4, 40)
CONCEPT_ANSWER_WORDS = (80, 300)


def parse_item(r: Reader, taxonomy: Taxonomy, expected_id: str) -> Item | None:
    """Read an item; problems go to `r.problems`. Returns None when the item is unusable."""
    before = len(r.problems)
    item_id = r.text("id")
    if item_id and not SLUG.match(item_id):
        r.problem(r.line("id"), f"id '{item_id}' is not a slug (lowercase letters, digits, '-')")
    elif item_id and item_id != expected_id:
        r.problem(r.line("id"), f"id '{item_id}' does not match the file name '{expected_id}'")
    kind_text = r.text("kind")
    try:
        kind = Kind(kind_text)
    except ValueError:
        if kind_text:
            r.problem(r.line("kind"), f"unknown kind '{kind_text}' (allowed: {', '.join(Kind)})")
        return None
    r.unknown_keys(COMMON | EXTRA[kind])
    item = Item(
        id=item_id,
        kind=kind,
        prompt=r.text("prompt"),
        topics=r.tags("topics", taxonomy.topics, at_least=1),
        roles=r.tags("roles", taxonomy.roles, at_least=1),
        companies=r.tags("companies", taxonomy.companies, at_least=0),
        round=r.slug("round", taxonomy.rounds),
        difficulty=r.integer("difficulty", lo=1, hi=3, default=2),
        answer=r.text("answer"),
        rubric=_rubric(r, kind),
        misconceptions=tuple(
            Misconception(m.text("claim"), m.text("correction")) for m in r.mappings("misconceptions")
        ),
        follow_ups=r.texts("follow_ups"),
        hints=r.texts("hints"),
        related=r.texts("related"),
        source=r.path,
    )
    item = _kind_fields(r, item, taxonomy)
    return item if len(r.problems) == before else None


def _rubric(r: Reader, kind: Kind) -> tuple[RubricPoint, ...]:
    points = []
    for p in r.mappings("rubric", required=kind is not Kind.MCQ):
        text = p.text("point")
        weight = p.integer("weight", lo=1, hi=3, default=2)
        step = p.text("step", required=kind is Kind.DESIGN) or None
        if step and step not in DESIGN_STEPS:
            p.problem(p.line("step"), f"unknown design step '{step}' (allowed: {', '.join(DESIGN_STEPS)})")
        n = word_count(text)
        if text and not RUBRIC_WORDS[0] <= n <= RUBRIC_WORDS[1]:
            p.problem(
                p.line("point"),
                f"rubric point has {n} words; write one checkable statement of "
                f"{RUBRIC_WORDS[0]}-{RUBRIC_WORDS[1]} words, not a heading",
            )
        p.unknown_keys({"point", "weight", "step"})
        points.append(RubricPoint(text, weight, step))
    if kind is Kind.MCQ and points:
        r.problem(r.line("rubric"), "mcq items have options, not a rubric")
    return tuple(points)


def _kind_fields(r: Reader, item: Item, taxonomy: Taxonomy) -> Item:
    from dataclasses import replace

    if item.kind is Kind.CONCEPT:
        n = word_count(item.answer)
        lo, hi = CONCEPT_ANSWER_WORDS
        if item.answer and not lo <= n <= hi:
            r.problem(r.line("answer"), f"concept answer has {n} words; it must have {lo}-{hi}")
        if not 3 <= len(item.rubric) <= 8:
            r.problem(r.line("rubric"), f"concept rubric has {len(item.rubric)} points; it needs 3-8")
        if not item.misconceptions:
            r.problem(r.data.line, "concept items need at least one misconception")
        if not 1 <= len(item.follow_ups) <= 3:
            r.problem(r.line("follow_ups"), "concept items need 1-3 follow-ups")
        return item
    if item.kind is Kind.MCQ:
        options = tuple(
            Option(o.text("text"), bool(o.data.get("correct", False)), o.text("why"))
            for o in r.mappings("options", required=True)
        )
        if len(options) != 4:
            r.problem(r.line("options"), f"mcq needs exactly 4 options, has {len(options)}")
        if sum(o.correct for o in options) != 1:
            r.problem(r.line("options"), "mcq needs exactly one option with 'correct: true'")
        if len({o.text.lower() for o in options}) != len(options):
            r.problem(r.line("options"), "two options have the same text")
        return replace(item, options=options)
    if item.kind is Kind.DESIGN:
        level = r.text("level")
        if level and level not in ("high", "low"):
            r.problem(r.line("level"), f"level must be 'high' or 'low', got '{level}'")
        steps = {p.step for p in item.rubric}
        missing = [s for s in DESIGN_STEPS if s not in steps]
        if item.rubric and missing:
            r.problem(r.line("rubric"), f"design rubric has no point for step(s): {', '.join(missing)}")
        questions = tuple(
            ClarifyingQuestion(q.text("question"), q.text("answer"))
            for q in r.mappings("clarifying_questions", required=True)
        )
        if not questions:
            r.problem(r.line("clarifying_questions"), "design items need clarifying questions")
        pitfalls = r.texts("pitfalls", required=True)
        return replace(item, level=level, clarifying_questions=questions, pitfalls=pitfalls)
    if item.kind is Kind.BEHAVIORAL:
        star_reader = r.mapping("star")
        star: dict[str, str] = {}
        if star_reader is not None:
            star = {part: star_reader.text(part) for part in STAR_PARTS}
            star_reader.unknown_keys(set(STAR_PARTS))
        angles = []
        for a in r.mappings("company_angles"):
            company = a.text("company")
            if company and company not in taxonomy.companies:
                a.problem(a.line("company"), f"unknown company '{company}'")
            angles.append(CompanyAngle(company, a.text("angle")))
        return replace(
            item,
            star=star,
            signals=r.texts("signals", required=True),
            company_angles=tuple(angles),
            pitfalls=r.texts("pitfalls", required=True),
        )
    # estimation
    params: dict[str, Quantity] = {}
    preader = r.mapping("parameters")
    if preader is not None:
        for name in preader.data:
            q = preader.mapping(name)
            if q is not None:
                params[name] = Quantity(q.number("value") or 0.0, q.text("unit"))
    steps_ = tuple(
        SolutionStep(s.text("step"), s.text("formula"), s.number("value") or 0.0, s.text("unit"))
        for s in r.mappings("solution", required=True)
    )
    ereader = r.mapping("expected")
    expected = None
    if ereader is not None:
        expected = Quantity(ereader.number("value") or 0.0, ereader.text("unit"))
    tolerance = r.number("tolerance")
    if tolerance is not None and not 0 < tolerance < 1:
        r.problem(r.line("tolerance"), "tolerance is relative and must be between 0 and 1")
    if expected and steps_ and abs(steps_[-1].value - expected.value) > 1e-6 * max(1.0, abs(expected.value)):
        r.problem(r.line("expected"), "expected value differs from the last solution step's value")
    return replace(item, parameters=params, solution=steps_, expected=expected, tolerance=tolerance)
