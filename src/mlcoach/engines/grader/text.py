"""Plain-text helpers of the grader: words, stems, sentences, clauses, negation. Pure Python."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[+\-*/=<>^%]")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'(\[]?[A-Za-z0-9])|\n\s*\n|\n\s*[-*\u2022]\s+|\n(?=\s*\d+[.)]\s)")
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:and|but|while|whereas|which|so|because|since|although|though|then|or|whose|where|when|"
    r"so that|as well as|such as|for example|e\.g\.)\b)"
    r"|\s+(?=(?:because|whereas|while|although|so that|which means|in order to|otherwise)\b)"
    r"|:\s+|\s+[-\u2013\u2014]\s+|;\s+",
    re.IGNORECASE,
)

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can cannot could couldn't did didn't do does doesn't doing don't
    down during each etc few for from further had hadn't has hasn't have haven't having he her here hers
    herself him himself his how however i if in into is isn't it it's its itself just let's may me might
    more most must mustn't my myself of off often on once only onto or other ought our ours ourselves
    out over own per same she should so some such than that that's the their theirs them themselves then
    there these they this those through thus to too under until up upon us very via was wasn't we were
    weren't what when where whether which while who whom whose why will with within without would
    wouldn't you your yours yourself yourselves one ones thing things way ways get gets got make makes
    made use used uses using like well really basically actually e g eg ie i.e say says said think know
    want need needs
    """.split()  # noqa: SIM905
)

NEGATIONS = frozenset(
    """
    not no never none nor neither nothing nobody cannot can't isn't aren't wasn't weren't doesn't don't
    didn't won't wouldn't shouldn't couldn't hasn't haven't hadn't without lack lacks unable fails
    """.split()  # noqa: SIM905
)

_SUFFIXES = (
    "izations", "ization", "ational", "fulness", "iveness", "ations", "ation", "ments", "ment", "ness",
    "ities", "ity", "ings", "ing", "ized", "izes", "ize", "ised", "ises", "ise", "ally", "edly", "ies",
    "ied", "ers", "er", "ed", "ly", "es", "s", "al", "ive", "ic",
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers and operators kept)."""
    return _WORD.findall(text.lower())


def raw_words(text: str) -> list[str]:
    """Alphanumeric words in their original case."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match 'regularization' with 'regularize' (cached: the same
    few thousand words come back in every answer)."""
    w = word.lower().replace("'", "")
    if len(w) <= 4 or w.isdigit():
        return w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if w.endswith("y"):
        w = w[:-1] + "i"
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]
    return w[:7]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stop words and single letters dropped; digits kept)."""
    out = []
    for w in words(text):
        if w in STOPWORDS or w in NEGATIONS or (len(w) < 2 and not w.isdigit()):
            continue
        if not w[0].isalnum():
            continue
        out.append(stem(w))
    return out


def has_negation(text: str) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in words(text))


def _spans(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cursor = start
    for m in pattern.finditer(text, start, end):
        out.append((cursor, m.start()))
        cursor = m.end()
    out.append((cursor, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b > a and any(c.isalpha() for c in text[a:b]):
            trimmed.append((a, b))
    return trimmed


_TRIM = " \t\n\r-*\u2022,;:"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences and list items of `text`."""
    return _spans(text, _SENTENCE_END, 0, len(text))


def clause_spans(text: str, start: int, end: int, *, min_words: int = 3) -> list[tuple[int, int]]:
    """Clause spans inside one sentence span; fragments under `min_words` words join a neighbour."""
    merged: list[tuple[int, int]] = []
    for a, b in _spans(text, _CLAUSE_BREAK, start, end):
        if merged and (
            len(words(text[a:b])) < min_words or len(words(text[merged[-1][0] : merged[-1][1]])) < min_words
        ):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged or [(start, end)]


def segment_spans(text: str, *, max_segments: int = 64) -> list[tuple[int, int]]:
    """Sentences, plus the clauses of sentences long enough to hold several ideas."""
    out: list[tuple[int, int]] = []
    for a, b in sentence_spans(text):
        out.append((a, b))
        if len(words(text[a:b])) >= 12:
            clauses = clause_spans(text, a, b)
            if len(clauses) > 1:
                out.extend(clauses)
    return list(dict.fromkeys(out))[:max_segments]


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def split_clauses(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in clause_spans(sentence, 0, len(sentence))]
