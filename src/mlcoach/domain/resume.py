"""Resume rules: action verbs, measurable results, bullet verdicts and the 0-100 score.

Pure functions over text; the file formats, keyword tables and bank links live in `services.resume`.
A strong bullet says what was accomplished (an action verb and its object), how it was measured
(a number, %, $ or ×) and how it was done ("by ...", "using ..."): the X / Y / Z of the formula
"accomplished X as measured by Y by doing Z".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Base forms; past and present forms are recognised from them (see `verb_base`).
_VERBS = """
    accelerate achieve acquire adapt add address administer advance advise align analyse analyze annotate
    architect assemble assess audit automate balance benchmark boost build calibrate champion clean co-author
    co-found co-lead coach collaborate collect compile compress conceive conduct configure consolidate construct
    containerise containerize convert coordinate create curate cut debug decrease deduplicate define deliver
    deploy design detect develop devise diagnose digitize direct discover distill document double drive
    eliminate enable engineer enhance establish estimate evaluate execute expand expedite experiment explore
    extend extract fine-tune forecast formulate found generate grow guide halve harden identify implement
    improve increase index initiate instrument integrate introduce invent investigate label launch lead leverage
    lift lower maintain manage map mentor merge migrate minimise minimize model modernize monitor negotiate
    onboard open-source operate optimise optimize orchestrate organize outperform oversee own parallelize
    partner pilot pioneer plan power predict present prioritize profile program propose prototype prove publish
    quantify quantize raise rank rebuild recommend redesign reduce refactor release remove replace report
    research resolve restructure retrain revamp review rewrite run save scale schedule scope secure segment
    select serve ship shorten simplify slash solve spearhead speed standardise standardize steer streamline
    strengthen structure supervise survey synthesize teach test train transform translate triple troubleshoot
    tune unify upgrade validate visualise visualize win write
"""
ACTION_VERBS = frozenset(_VERBS.split())
_IRREGULAR = {
    "built": "build", "led": "lead", "drove": "drive", "driven": "drive", "wrote": "write", "written": "write",
    "won": "win", "taught": "teach", "grew": "grow", "grown": "grow", "cut": "cut", "sped": "speed",
    "ran": "run", "oversaw": "oversee", "founded": "found", "rebuilt": "rebuild", "rewrote": "rewrite",
}
# Openers that describe a duty or a role rather than a result.
WEAK_OPENERS = (
    "responsible for", "worked on", "worked with", "helped", "assisted", "involved in", "participated in",
    "duties included", "tasked with", "in charge of", "handled", "utilized", "used", "was", "were", "did",
    "tried", "exposure to", "familiar with",
)
FIRST_PERSON = re.compile(r"\b(?:i|me|my|we|our)\b", re.IGNORECASE)
_METHOD = re.compile(
    r"(?<![\w-])(?:by|using|through|via|leveraging|with|applying|adopting|introducing|replacing|building|switching)\b",
    re.IGNORECASE,
)
_STOP_AFTER_NUMBER = {"and", "or", "to", "the", "a", "an", "in", "on", "of", "for", "with", "from", "at", "by"}
_METRIC_PATTERNS = (
    r"[$€£₹]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|mm|b|bn|million|billion|thousand|lakh|crore)?\b",
    r"\d+(?:[.,]\d+)?\s?(?:%|percent\b|pct\b|percentage points\b|pp\b)",
    r"\d+(?:\.\d+)?\s?(?:x|×)(?![a-z])",
    r"\d+(?:\.\d+)?\s?(?:k|m|b|bn|million|billion|thousand|lakh|crore)\b\+?",
    r"\d+(?:\.\d+)?\s?(?:ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?"
    r"|gb|tb|pb|mb|qps|rps|tps|fps)\b",
    r"\b(?:auc|f1|accuracy|rmse|mae|mape|ndcg|precision|recall|bleu|rouge|map|r2|score|loss|latency)\b"
    r"[^.;]{0,25}?\d+(?:\.\d+)?",
    r"\bfrom\s+\S*\d\S*\s+to\s+\S*\d",
    r"\btop\s+\d+",
    r"#\d+",
)
_METRIC = re.compile(r"(?<![\w.])(?:" + "|".join(f"(?:{p})" for p in _METRIC_PATTERNS) + ")", re.IGNORECASE)
_COUNT = re.compile(r"(?<![\w.$#])(\d[\d,]*\+?)\s+([A-Za-z][\w-]{2,})")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[A-Za-z][\w'’+#./-]*")
_LEADING = re.compile(r"^[\s\-*•▪◦‣–—·∙●○■□❖✦➢➤►»✓✔>+\uf0b7\uf0a7\uf0d8]+|^\d+[.)]\s+")

MAX_BULLET_WORDS = 35
MIN_BULLET_WORDS = 6


def strip_marker(line: str) -> str:
    """A bullet's text without its marker (-, *, •, 1. ...)."""
    return _LEADING.sub("", line).strip()


def verb_base(word: str) -> str | None:
    """The action verb a word is a form of ('reduced' -> 'reduce'), or None."""
    w = word.lower().strip(".,;:").replace("’", "'")
    candidates = [_IRREGULAR.get(w, w)]
    if w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    if w.endswith("ed"):
        candidates += [w[:-2], w[:-1]]
        if len(w) > 4 and w[-3] == w[-4]:
            candidates.append(w[:-3])  # planned -> plan
    if w.endswith("ies"):
        candidates.append(w[:-3] + "y")
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    if w.endswith("ing"):
        candidates += [w[:-3], w[:-3] + "e"]
    return next((c for c in candidates if c in ACTION_VERBS), None)


def weak_opener(text: str) -> str | None:
    low = text.lower()
    return next((w for w in WEAK_OPENERS if low == w or low.startswith(w + " ")), None)


def find_metrics(text: str) -> tuple[str, ...]:
    """Measurable results in a text: amounts, percentages, multipliers, units, before/after, counts."""
    found = [m.group(0).strip() for m in _METRIC.finditer(text)]
    for m in _COUNT.finditer(text):
        number, noun = m.group(1), m.group(2)
        if _YEAR.fullmatch(number) or noun.lower() in _STOP_AFTER_NUMBER:
            continue
        if not any(number in f for f in found):
            found.append(m.group(0))
    return tuple(dict.fromkeys(found))


def method_phrase(text: str) -> str | None:
    """The 'by doing Z' part: a method word after the opening verb, with a few words that follow it."""
    for m in _METHOD.finditer(text):
        if m.start() == 0:
            continue
        tail = text[m.start() :].split()
        if len(tail) >= 2 and not re.match(r"[\d$€£₹~≈]", tail[1]):  # "by 40%" is a measure, not a method
            return " ".join(tail[:5])
    return None


@dataclass(frozen=True)
class BulletVerdict:
    text: str
    section: str
    verb: str | None  # the action verb it starts with (base form)
    metrics: tuple[str, ...]
    method: str | None
    words: int
    problems: tuple[str, ...]
    score: float  # 0..1

    @property
    def strong(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "section": self.section,
            "verb": self.verb,
            "metrics": list(self.metrics),
            "method": self.method,
            "words": self.words,
            "problems": list(self.problems),
            "score": round(self.score, 2),
            "strong": self.strong,
        }


def check_bullet(line: str, section: str = "experience") -> BulletVerdict:
    """Judge one bullet against the X / Y / Z formula and a few style rules."""
    text = strip_marker(line)
    words = _WORD.findall(text)
    first = words[0] if words else ""
    verb = verb_base(first)
    weak = weak_opener(text)
    metrics = find_metrics(text)
    method = method_phrase(text)
    too_long, too_short = len(words) > MAX_BULLET_WORDS, len(words) < MIN_BULLET_WORDS
    pronoun = FIRST_PERSON.search(text) is not None
    problems: list[str] = []
    if weak:
        problems.append(f"opens with '{text[: len(weak)]}', which names a duty: start with what you did")
    elif verb is None:
        problems.append("does not start with an action verb (Built, Reduced, Led, Shipped...)")
    if not metrics:
        problems.append("no measurable result: add a number, %, $ or × (as measured by Y)")
    if method is None:
        problems.append("does not say how: add 'by ...' or 'using ...' (by doing Z)")
    if too_long:
        problems.append(f"{len(words)} words: keep a bullet under {MAX_BULLET_WORDS} (split it or cut words)")
    elif too_short:
        problems.append(f"only {len(words)} words: too short to show what changed")
    if pronoun:
        problems.append("drop 'I', 'my' and 'we': bullets are written without pronouns")
    base = 0.35 * (verb is not None and weak is None) + 0.40 * bool(metrics) + 0.25 * (method is not None)
    score = max(0.0, base - 0.1 * (too_long + too_short + pronoun))
    return BulletVerdict(text, section, verb if not weak else None, metrics, method, len(words), tuple(problems), score)


# --- sections, length, contact and the overall score ---------------------------------------------------------

REQUIRED_SECTIONS = ("experience", "education", "skills")
RECOMMENDED_SECTIONS = ("summary", "projects")
ROLE_SECTIONS = {"research-scientist": ("publications",)}
IDEAL_WORDS = (300, 900)
MAX_PAGES = 2

WEIGHTS = {"keywords": 35, "bullets": 30, "sections": 15, "contact": 10, "length": 10}
KEYWORD_TARGET = 0.8  # full marks for covering 80% of the keywords: nobody lists every tool of a profile


@dataclass(frozen=True)
class ScorePart:
    name: str
    weight: int
    fraction: float  # 0..1
    detail: str

    @property
    def points(self) -> float:
        return round(self.weight * self.fraction, 1)

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "weight": self.weight, "fraction": round(self.fraction, 3),
                "points": self.points, "detail": self.detail}


def expected_sections(role_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return REQUIRED_SECTIONS, RECOMMENDED_SECTIONS + ROLE_SECTIONS.get(role_id, ())


def section_fraction(found: Iterable[str], role_id: str) -> float:
    """Each required section is worth 3 points and each recommended one 1 point."""
    have = set(found)
    required, recommended = expected_sections(role_id)
    points = 3 * sum(s in have for s in required) + sum(s in have for s in recommended)
    return points / (3 * len(required) + len(recommended))


def length_fraction(words: int, pages: int | None) -> float:
    """Full marks for 300-900 words on at most two pages; shorter scales down, longer loses 10% per 100 words."""
    low, high = IDEAL_WORDS
    if words < low:
        value = words / low
    elif words <= high:
        value = 1.0
    else:
        value = max(0.0, 1.0 - (words - high) / 1000)
    if pages is not None and pages > MAX_PAGES:
        value = min(value, 0.5)
    return value


def contact_fraction(*, email: bool, phone: bool, links: bool) -> float:
    return 0.5 * email + 0.25 * phone + 0.25 * links


def coverage_fraction(found: int, total: int) -> float:
    if total == 0:
        return 1.0
    return min(1.0, found / total / KEYWORD_TARGET)


def bullets_fraction(verdicts: Sequence[BulletVerdict]) -> float:
    return sum(v.score for v in verdicts) / len(verdicts) if verdicts else 0.0


@dataclass(frozen=True)
class Score:
    parts: tuple[ScorePart, ...] = field(default=())

    @property
    def total(self) -> int:
        return round(sum(p.weight * p.fraction for p in self.parts))

    def to_dict(self) -> dict[str, object]:
        return {"total": self.total, "parts": [p.to_dict() for p in self.parts]}
