"""How the evidence becomes point strengths and a 0-5 score.

Two questions are asked of the evidence, each answered by a model fitted on data that speaks to it:

- **Support** (is this, as a whole, a correct answer?): for each key point a logit made of its own
  evidence (lexical coverage and soft token recall, in the answer window that supports it best) plus terms
  shared by the whole answer (soft token precision against the reference, so padding costs, and length
  relative to the reference, capped so that length past the reference, or past 60 words, earns nothing);
  the support is the weight-averaged logistic of those logits. Fitted by logistic regression on the
  `train` split of SemEval-2013, where human labels say correct or not (`bench/grader_eval.py --fit`).
- **Coverage** (which rubric points does it state?): each point's strength is a logistic of its own
  evidence only, fitted on the bank, where a point is stated by its own item's reference answer and not
  by the reference answer of another item on the same topic (`bench/grader_eval.py --fit-points`). Shared
  terms stay out of it: an answer made of half the rubric's words must not lift the points it leaves out.

Both are measured against the reference answer graded on its own points (the reference is the 5/5 standard,
and a rubric written in other words than its reference must not cap what anyone can score): `relative` is
the support divided by the reference's, and `coverage` the weighted share of the reference's point
strengths that the answer reaches, `sum(w * min(s, s_ref)) / sum(w * s_ref)` (a point the reference itself
barely states counts little). The score is the lower of the two mapped onto 0-5 by `SUPPORT_KNOTS` and
`COVERAGE_KNOTS`: a fluent answer that leaves out half the rubric is held down by coverage, and one that
names every point among filler or errors by support. Both curves are strictly increasing, so neither
changes a ranking on its own; they were set on the bank (own reference answers at 5, other items'
reference answers at 2 or less, half a rubric at least a point below the whole) and checked on
SemEval-2013 `train` (see docs/grader.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mlcoach.engines.grader.features import Evidence

# -- support: fitted by bench/grader_eval.py --fit on SemEval-2013 train (raw feature units) -------------
COEF_LEXICAL = 1.5620
COEF_TOKENS = 0.8155
COEF_PRECISION = 2.1784
COEF_LENGTH = 1.7863
INTERCEPT = -3.9334
# -- coverage: fitted by bench/grader_eval.py --fit-points on the bank ------------------------------------
POINT_LEXICAL = 4.487
POINT_TOKENS = 15.699
POINT_INTERCEPT = -10.144
# -- score curves (relative support, coverage) -> 0-5, strictly increasing ---------------------------------
SUPPORT_KNOTS = ((0.0, 0.0), (0.4, 1.0), (0.6, 2.5), (0.8, 4.0), (0.92, 4.6), (1.0, 5.0))
COVERAGE_KNOTS = ((0.0, 0.0), (0.5, 1.8), (0.8, 3.3), (0.95, 4.5), (1.0, 5.0))
# ----------------------------------------------------------------------------------------------------------
COVERED = 0.5
LENGTH_CAP = 1.0
REFERENCE_WORDS_CAP = 60


@dataclass(frozen=True)
class Combined:
    strengths: tuple[float, ...]  # coverage strength of each point, 0-1
    probability: float  # support: weight-averaged, 0-1
    relative: float = 1.0  # support / the reference's support, capped at 1
    coverage: float = 1.0  # share of the reference's point strengths reached, 0-1
    score: float = 5.0  # 0-5


def relative_length(n_words: int, reference_words: int) -> float:
    return min(n_words / max(min(reference_words, REFERENCE_WORDS_CAP), 1), LENGTH_CAP)


def feature_row(ev: Evidence, weights: Sequence[float], reference_words: int) -> list[float]:
    """The answer's support features in the order of the coefficients (point features weight-averaged)."""
    total = sum(weights) or 1.0
    lexical = sum(w * p.lexical for w, p in zip(weights, ev.points, strict=True)) / total
    tokens = sum(w * p.tokens for w, p in zip(weights, ev.points, strict=True)) / total
    return [
        lexical,
        tokens,
        ev.precision,
        relative_length(ev.n_words, reference_words),
    ]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def curve(x: float, knots: Sequence[tuple[float, float]]) -> float:
    """Piecewise-linear map through `knots` (x clipped to the first and last knot)."""
    x = min(max(x, knots[0][0]), knots[-1][0])
    for (x0, y0), (x1, y1) in pairwise(knots):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return knots[-1][1]


def support(ev: Evidence, weights: Sequence[float], reference_words: int) -> float:
    shared = INTERCEPT + COEF_PRECISION * ev.precision + COEF_LENGTH * relative_length(ev.n_words, reference_words)
    total = sum(weights) or 1.0
    return (
        sum(
            w * _sigmoid(shared + COEF_LEXICAL * p.lexical + COEF_TOKENS * p.tokens)
            for w, p in zip(weights, ev.points, strict=True)
        )
        / total
    )


def point_strengths(ev: Evidence) -> tuple[float, ...]:
    return tuple(_sigmoid(POINT_INTERCEPT + POINT_LEXICAL * p.lexical + POINT_TOKENS * p.tokens) for p in ev.points)


def combine(
    ev: Evidence, weights: Sequence[float], reference_words: int, reference: Combined | None = None
) -> Combined:
    """Score `ev` against `reference` (the reference answer's own `combine`, its standard); without it the
    measures are absolute."""
    strengths = point_strengths(ev)
    probability = support(ev, weights, reference_words)
    if reference is None:
        reference = Combined(strengths=(1.0,) * len(strengths), probability=1.0)
    relative = min(probability / max(reference.probability, 1e-6), 1.0)
    reached = sum(w * min(s, r) for w, s, r in zip(weights, strengths, reference.strengths, strict=True))
    standard = sum(w * r for w, r in zip(weights, reference.strengths, strict=True))
    if standard <= 1e-6:  # the reference states none of its points: fall back to the absolute share
        reached, standard = sum(w * s for w, s in zip(weights, strengths, strict=True)), sum(weights) or 1.0
    coverage = reached / standard
    score = min(curve(relative, SUPPORT_KNOTS), curve(coverage, COVERAGE_KNOTS))
    return Combined(strengths, probability, relative, coverage, score)
