"""How the evidence becomes point strengths and a 0-5 score.

Each key point gets a logit: its own evidence (lexical coverage and soft token recall, both measured in the
answer window that supports the point best) plus terms shared by the whole answer (soft token precision
against the reference, so padding costs, and length relative to the reference, capped so that anything past
the reference's length, or past 60 words, earns nothing). Whole-answer cosines were tried as terms and
dropped: fitted together they took opposite signs, which rewarded diluting an answer with filler. A point's
strength is the logistic of its logit; it is covered when the strength reaches `COVERED`.

The coefficients are a logistic regression fitted on the `train` split of SemEval-2013 (both corpora),
where one reference is one key point, by `python bench/grader_eval.py --fit`; `test_unseen-questions` is
never used for fitting. The score maps the weight-averaged strength onto 0-5 through `SCORE_KNOTS`, a
strictly increasing piecewise-linear curve (so rankings, and AUC, are those of the strength) calibrated on
the bank: reference answers graded against their own rubric land at 4.5 or more, reference answers of
other items on the same topic at 2 or less.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mlcoach.engines.grader.features import Evidence

# -- fitted by bench/grader_eval.py --fit on SemEval-2013 train (raw feature units) ----------------------
COEF_LEXICAL = 1.3430
COEF_TOKENS = 1.0120
COEF_PRECISION = 1.9878
COEF_LENGTH = 1.6514
INTERCEPT = -3.5595
# -- calibrated on the bank (see docs/grader.md): probability -> score, strictly increasing ----------------
SCORE_KNOTS = ((0.0, 0.0), (0.45, 1.0), (0.52, 2.0), (0.66, 4.5), (1.0, 5.0))
# ----------------------------------------------------------------------------------------------------------
COVERED = 0.55
LENGTH_CAP = 1.0
REFERENCE_WORDS_CAP = 60


@dataclass(frozen=True)
class Combined:
    strengths: tuple[float, ...]
    probability: float  # weight-averaged strength, 0-1
    score: float  # 0-5


def relative_length(n_words: int, reference_words: int) -> float:
    return min(n_words / max(min(reference_words, REFERENCE_WORDS_CAP), 1), LENGTH_CAP)


def feature_row(ev: Evidence, weights: Sequence[float], reference_words: int) -> list[float]:
    """The answer's features in the order of the coefficients (point features weight-averaged)."""
    total = sum(weights) or 1.0
    lexical = sum(w * p.lexical for w, p in zip(weights, ev.points, strict=True)) / total
    tokens = sum(w * p.tokens for w, p in zip(weights, ev.points, strict=True)) / total
    return [
        lexical,
        tokens,
        ev.precision,
        relative_length(ev.n_words, reference_words),
    ]


def _shared(ev: Evidence, reference_words: int) -> float:
    return (
        INTERCEPT
        + COEF_PRECISION * ev.precision
        + COEF_LENGTH * relative_length(ev.n_words, reference_words)
    )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def stretch(probability: float) -> float:
    """Map the weight-averaged strength onto 0-5 through `SCORE_KNOTS` (piecewise linear)."""
    p = min(max(probability, 0.0), 1.0)
    for (p0, s0), (p1, s1) in pairwise(SCORE_KNOTS):
        if p <= p1:
            return s0 + (s1 - s0) * (p - p0) / (p1 - p0)
    return SCORE_KNOTS[-1][1]


def combine(ev: Evidence, weights: Sequence[float], reference_words: int) -> Combined:
    shared = _shared(ev, reference_words)
    strengths = tuple(
        _sigmoid(shared + COEF_LEXICAL * p.lexical + COEF_TOKENS * p.tokens) for p in ev.points
    )
    total = sum(weights) or 1.0
    probability = sum(w * s for w, s in zip(weights, strengths, strict=True)) / total
    return Combined(strengths=strengths, probability=probability, score=stretch(probability))
