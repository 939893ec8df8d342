"""Honesty checks: answers that must not be praised, whatever their similarity says.

`before_embedding` runs on the text alone (empty, gibberish, repetitive, one word). `after_embedding` uses
the evidence (a restated question, an off-topic answer, an answer far longer than needed). Each check adds a
machine-readable flag, a message that says why, and a cap on the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlcoach.engines.grader.features import Evidence
from mlcoach.engines.grader.text import STOPWORDS, content_stems, raw_words, words

_VOWELS = set("aeiouy")
_RUN = re.compile(r"(.)\1{3,}")
LONG_ANSWER_FACTOR = 3.0
LONG_ANSWER_MIN_WORDS = 400
OFF_TOPIC_SIMILARITY = 0.25  # cosine to both reference and question below this: off-topic
OFF_TOPIC_POINT_SIMILARITY = 0.35
COPIED_NOVELTY = 0.2  # share of the answer's content words not in the question
COPIED_SIMILARITY = 0.8
COPIED_REFERENCE_RECALL = 0.5  # an answer using half the reference's own words is not a mere restatement
# Only answers long enough for their vectors to say what they are about: a short answer sharing no word with
# one reference may still name another correct route (its weak evidence scores it low anyway).
OFF_TOPIC_MIN_WORDS = 6
OFF_TOPIC_OVERLAP = 0.1  # share of the answer's content words found in the question or reference
# A one- or two-word answer is too short unless the reference itself is that terse ("O(n log n)", "a heap"):
# then a short answer is the right length and the evidence alone decides.
SHORT_REFERENCE_WORDS = 4
REPETITIVE_MIN_WORDS = 6  # content words (not stopwords)
REPETITIVE_DISTINCT = 1 / 3  # at most this share of them distinct: the same few words over and over


@dataclass
class CheckResult:
    flags: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cap: float = 5.0
    stop: bool = False  # no point grading further (score is the cap)

    def add(self, flag: str, message: str, cap: float, *, stop: bool = False) -> None:
        self.flags.append(flag)
        self.messages.append(message)
        self.cap = min(self.cap, cap)
        self.stop = self.stop or stop


def _looks_gibberish(word: str) -> bool:
    w = word.lower()
    if len(w) < 4 or w.isdigit():
        return False
    if not any(c in _VOWELS for c in w) or _RUN.search(w):
        return True
    longest = max(len(run) for run in re.split(r"[aeiouy]+", w))
    return longest >= 5


def gibberish_share(text: str, wordpieces: list[str] | None = None) -> float:
    """Share of the words that look like keyboard mashing (no vowels, long consonant runs, or words the
    WordPiece vocabulary can only spell in many small pieces)."""
    tokens = [w for w in raw_words(text) if w.isalpha()]
    if not tokens:
        return 1.0 if text.strip() else 0.0
    bad = sum(_looks_gibberish(w) for w in tokens)
    if wordpieces is not None:
        pieces = max(len(wordpieces), 1)
        fragments = sum(1 for p in wordpieces if p.startswith("##"))
        if pieces >= 6 and fragments / pieces > 0.45:
            return max(bad / len(tokens), fragments / pieces)
    return bad / len(tokens)


def before_embedding(
    answer: str, wordpieces: list[str] | None = None, reference_words: int | None = None
) -> CheckResult:
    result = CheckResult()
    tokens = words(answer)
    alpha = [w for w in tokens if w[0].isalpha()]
    if not alpha:
        result.add("empty", "The answer is empty: write what you would say to the interviewer.", 0.0, stop=True)
        return result
    if gibberish_share(answer, wordpieces) > 0.5:
        result.add("gibberish", "The answer does not read as words, so there is nothing to grade.", 0.0, stop=True)
        return result
    content = [w for w in alpha if w not in STOPWORDS]
    if len(content) >= REPETITIVE_MIN_WORDS and len(set(content)) <= len(content) * REPETITIVE_DISTINCT:
        result.add("repetitive", "The answer repeats the same few words; it does not explain anything.", 0.5)
    if len(alpha) <= 2 and (reference_words is None or reference_words > SHORT_REFERENCE_WORDS):
        result.add(
            "too-short",
            "A one- or two-word answer cannot show understanding: explain it in full sentences.",
            1.0,
        )
    return result


def after_embedding(
    result: CheckResult, ev: Evidence, answer: str, question: str, reference: str
) -> CheckResult:
    reference_words = len(words(reference))
    stems = content_stems(answer)
    asked = set(content_stems(question))
    novelty = sum(1 for s in stems if s not in asked) / max(len(stems), 1)
    # The reference's own words beyond the question: an answer that uses most of them answers the question
    # even when it reuses the question's wording (a question can contain half its answer).
    beyond = set(content_stems(reference)) - asked
    recall = len(beyond & set(stems)) / len(beyond) if beyond else 0.0
    known = asked | set(content_stems(reference))
    overlap = sum(1 for s in stems if s in known) / max(len(stems), 1)
    # Cheap conditions first: the sentence-vector measures encode the answer once more on first use.
    if (
        stems
        and novelty <= COPIED_NOVELTY
        and recall < COPIED_REFERENCE_RECALL
        and ev.question_similarity >= COPIED_SIMILARITY
    ):
        result.add(
            "copied-question",
            "The answer restates the question instead of answering it.",
            0.5,
        )
    elif (
        overlap < OFF_TOPIC_OVERLAP
        and len(stems) >= OFF_TOPIC_MIN_WORDS
        and max(ev.whole, ev.question_similarity) < OFF_TOPIC_SIMILARITY
        and max(ev.clauses, default=0.0) < OFF_TOPIC_POINT_SIMILARITY
    ):
        result.add(
            "off-topic",
            "The answer is about something else: it does not address the question.",
            0.5,
        )
    if ev.n_words > max(LONG_ANSWER_FACTOR * reference_words, LONG_ANSWER_MIN_WORDS):
        result.add(
            "too-long",
            f"The answer runs to {ev.n_words} words; length earns nothing here, only the key points count."
            " In an interview, lead with the essentials.",
            5.0,
        )
    return result
