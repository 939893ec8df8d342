"""Feedback beyond the rubric: misconceptions, STAR parts, CLEAR design steps and the follow-up question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mlcoach.domain.grading import MisconceptionFound, PointResult
from mlcoach.domain.items import DESIGN_STEPS, STAR_PARTS, Item, Misconception
from mlcoach.engines.grader.embedder import get_embedder
from mlcoach.engines.grader.features import Evidence, lexical_coverage
from mlcoach.engines.grader.text import content_stems, has_negation, words

MISCONCEPTION_SIMILARITY = 0.75
MISCONCEPTION_MARGIN = 0.05
MISCONCEPTION_LEXICAL = 0.6
MISCONCEPTION_LEXICAL_ALONE = 0.7  # when the claim shares all its words with the correction
MISCONCEPTION_DISTINCT = 0.6
STAR_SIMILARITY = 0.45
FOLLOW_UP_SIMILARITY = 0.5

_STAR_CUES = {
    "situation": r"\b(when i was|at my (previous|last|current|old|first)|in my (previous|last|current) (job|role|team)"
    r"|last (year|quarter|month)|a few (years|months) ago|we were|our team|the project|there was|i was working)\b",
    "task": r"\b(my (role|task|job|goal|responsibility)|i was (responsible|asked|tasked|in charge|supposed)"
    r"|i needed to|i had to|the goal was|our goal|we needed to|the challenge was)\b",
    "action": r"\bi (then )?(proposed|built|ran|set up|analy[sz]ed|met|wrote|designed|suggested|organi[sz]ed"
    r"|scheduled|created|implemented|talked|explained|presented|listened|asked|agreed|decided|led|shared"
    r"|prepared|trained|tested|compared|collected|reached out|sat down|pulled|showed|focused|convinced)\b",
    "result": r"\b(as a result|in the end|resulted|the result|outcome|we (shipped|launched|reduced|increased"
    r"|improved|saved|cut|grew)|\d+(\.\d+)?\s?(%|percent)|improved|increased|reduced|i learned|lesson"
    r"|since then|afterwards|going forward)\b",
}
_STEP_CUES = {
    "clarify": r"\b(clarify|clarifying|i would ask|ask (about|what|which|whether)|assum(e|ing|ption)|objective"
    r"|what (is|are) the goal|which metric|scope)\b|\?",
    "requirements": r"\b(requirements?|latency|throughput|sla|\d+\s?ms|milliseconds|freshness|availability"
    r"|real[- ]time|constraints?)\b",
    "estimate": r"\b(estimate|back[- ]of[- ]the[- ]envelope|qps|per second|requests|dau|daily (active )?users"
    r"|\d[\d,.]*\s?(k|m|b|million|billion|thousand|tb|gb|pb))\b",
    "architect": r"\b(candidate generation|retrieval|ranker|ranking (model|stage)|feature store|pipeline|service"
    r"|architecture|embedding|two[- ]tower|index|cache|serving)\b",
    "refine": r"\b(monitor(ing)?|a/b|ab test|bottlenecks?|trade-?offs?|iterate|drift|retrain(ing)?|failure"
    r"|fallback|guardrails?|bias)\b",
}
_STAR_QUESTIONS = {
    "result": "What was the measurable result, and what did you learn from it?",
    "action": "What exactly did you do yourself, step by step?",
    "task": "What were you responsible for, and what would a good outcome have looked like?",
    "situation": "Can you set the scene: which project, who was involved and what was at stake?",
}
_STEP_QUESTIONS = {
    "clarify": "Before designing anything, what would you ask to pin down the goal and the success metric?",
    "requirements": "What are the latency, throughput and freshness requirements you would design for?",
    "estimate": "Can you estimate the scale: requests per second, data volume and storage?",
    "architect": "Walk me through the components and how a request flows through them.",
    "refine": "How would you evaluate, monitor and improve this system once it is live?",
}


def find_misconceptions(
    answer: str, ev: Evidence, misconceptions: Sequence[Misconception]
) -> list[MisconceptionFound]:
    """A misconception is found when one sentence or clause of the answer says the claim: it shares the
    claim's words, most of the words that set the claim apart from its correction, is not much
    longer than the claim, and has its polarity (a negated claim is the correction, not the mistake),
    and, embedded on its own, it is close to the claim and closer to it than to the correction."""
    if not misconceptions or not ev.segments:
        return []
    texts = [answer[a:b] for a, b in ev.segments]
    stems = [set(content_stems(t)) for t in texts]
    negated = [has_negation(t) for t in texts]
    embedder = get_embedder()
    found = []
    for m in misconceptions:
        claim_stems = content_stems(m.claim)
        correction_stems = set(content_stems(m.correction))
        distinct = [s for s in claim_stems if s not in correction_stems]  # what makes the claim wrong
        candidates = [
            j
            for j in range(len(texts))
            if negated[j] == has_negation(m.claim)
            and len(words(texts[j])) <= 2 * len(words(m.claim)) + 8
            and lexical_coverage(claim_stems, stems[j], frozenset())
            >= (MISCONCEPTION_LEXICAL if distinct else MISCONCEPTION_LEXICAL_ALONE)
            and (not distinct or lexical_coverage(distinct, stems[j], frozenset()) >= MISCONCEPTION_DISTINCT)
        ]
        if not candidates:
            continue
        vecs = embedder.encode([m.claim, m.correction, *(texts[j] for j in candidates)])
        for row, j in enumerate(candidates, start=2):
            to_claim, to_correction = float(vecs[row] @ vecs[0]), float(vecs[row] @ vecs[1])
            if to_claim >= MISCONCEPTION_SIMILARITY and to_claim >= to_correction + MISCONCEPTION_MARGIN:
                found.append(MisconceptionFound(claim=m.claim, correction=m.correction, span=texts[j]))
                break
    return found


def star_parts(answer: str, ev: Evidence, item: Item) -> dict[str, bool]:
    """Which STAR parts the answer shows: a cue phrase, or a window of the answer close to the item's
    description of that part. Window vectors come pooled from the answer's one encoding pass (the answer
    is not encoded again), so this costs only the cached descriptions."""
    lowered = answer.lower()
    present = {part: re.search(_STAR_CUES[part], lowered) is not None for part in STAR_PARTS}
    described = [part for part in STAR_PARTS if item.star.get(part) and not present[part]]
    if described and ev.segments:
        vecs = get_embedder().encode([item.star[p] for p in described])
        sims = (ev.segment_vectors @ vecs.T).max(axis=0)
        for part, sim in zip(described, sims, strict=True):
            present[part] = float(sim) >= STAR_SIMILARITY
    return present


def design_steps(answer: str, points: Sequence[PointResult]) -> dict[str, bool]:
    lowered = answer.lower()
    out = {}
    for step in DESIGN_STEPS:
        covered = any(p.covered and p.step == step for p in points)
        cues = {m.group(0) for m in re.finditer(_STEP_CUES[step], lowered)}
        out[step] = covered or len(cues) >= 2
    return out


def follow_up(
    item: Item | None,
    missed: Sequence[PointResult],
    star: dict[str, bool] | None,
    steps: dict[str, bool] | None,
) -> str | None:
    """One question aimed at the most important gap."""
    if star is not None:
        for part in ("result", "action", "task", "situation"):
            if not star.get(part, True):
                return _STAR_QUESTIONS[part]
    if steps is not None:
        for step in DESIGN_STEPS:
            if not steps.get(step, True):
                return _STEP_QUESTIONS[step]
    follow_ups = list(item.follow_ups) if item is not None else []
    if missed:
        gap = missed[0]
        if follow_ups:
            vecs = get_embedder().encode([gap.point, *follow_ups])
            sims = vecs[1:] @ vecs[0]
            best = int(sims.argmax())
            if float(sims[best]) >= FOLLOW_UP_SIMILARITY:
                return follow_ups[best]
        statement = gap.point.rstrip(". ")
        return f"Your answer leaves out this point: \u201c{statement}\u201d. How would you explain it?"
    return follow_ups[0] if follow_ups else None
