"""Quality gates for the built-in bank (issue: question bank). Each can fail on real content."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from mlcoach.content.loader import Bank, load_bank
from mlcoach.domain.items import DESIGN_STEPS, Kind

REPO = Path(__file__).resolve().parents[2]
SHARED = next((p for p in (REPO.parent / "shared", Path("/work/shared")) if p.is_dir()), REPO.parent / "shared")
MINIMUMS = {Kind.CONCEPT: 320, Kind.MCQ: 120, Kind.DESIGN: 60, Kind.BEHAVIORAL: 40, Kind.ESTIMATION: 20}
COMPANIES = {
    "google",
    "meta",
    "amazon",
    "apple",
    "netflix",
    "microsoft",
    "linkedin",
    "uber",
    "tesla",
    "hugging-face",
    "deloitte",
    "byd",
    "startup",
    "it-services",
}
ROLES = {
    "data-analyst",
    "data-scientist",
    "ml-engineer",
    "ai-engineer",
    "mlops-engineer",
    "research-scientist",
    "data-engineer",
}
STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "is",
        "are",
        "be",
        "do",
        "does",
        "you",
        "your",
        "how",
        "what",
        "why",
        "when",
        "which",
        "would",
        "with",
        "from",
        "by",
        "as",
        "at",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "can",
        "we",
        "i",
        "me",
        "my",
        "our",
        "between",
        "vs",
        "versus",
        "explain",
        "describe",
        "design",
        "build",
    ]
)


@cache
def bank() -> Bank:
    return load_bank()


def seed_ids() -> list[str]:
    f = SHARED / "seed-questions.jsonl"
    if f.exists():
        return [json.loads(line)["id"] for line in f.read_text().splitlines() if line.strip()]
    return [f"seed-{i:03d}" for i in range(296)]


def test_bank_has_no_problems() -> None:
    problems = [str(p) for p in bank().problems]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("kind", list(MINIMUMS))
def test_minimum_counts(kind: Kind) -> None:
    count = sum(1 for i in bank().items.values() if i.kind is kind)
    assert count >= MINIMUMS[kind], f"{kind.value}: {count} items, need {MINIMUMS[kind]}"


def test_every_seed_question_is_covered_by_existing_items() -> None:
    coverage = bank().coverage
    unmapped = [s for s in seed_ids() if s not in coverage]
    assert not unmapped, f"{len(unmapped)} seed questions unmapped: {unmapped[:20]}"
    dangling = [(s, i) for s, ids in coverage.items() for i in ids if i not in bank().items]
    assert not dangling


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 1}


def test_no_two_items_ask_the_same_thing() -> None:
    """Near-duplicate prompts: same kind and at least 80% shared content words."""
    items = [i for i in bank().items.values()]
    words = {i.id: _content_words(i.prompt) for i in items}
    dupes = []
    for a, b in itertools.combinations(items, 2):
        if a.kind is not b.kind:
            continue
        wa, wb = words[a.id], words[b.id]
        if len(wa) >= 3 and len(wb) >= 3 and len(wa & wb) / len(wa | wb) >= 0.8:
            dupes.append((a.id, b.id))
    assert not dupes, f"near-duplicate prompts: {dupes[:20]}"


def test_rubric_points_are_statements_not_headings() -> None:
    bad = []
    for item in bank().items.values():
        for p in item.rubric:
            words = p.point.split()
            title_case = all(w[:1].isupper() for w in words if w.isalpha())
            if len(words) < 4 or p.point.rstrip().endswith(":") or (title_case and len(words) < 8):
                bad.append((item.id, p.point))
    assert not bad, bad[:20]


def test_every_rubric_is_usable_by_a_grader() -> None:
    """Each scored item has distinct points and some weight on essentials."""
    for item in bank().items.values():
        if item.kind is Kind.MCQ:
            continue
        points = [p.point.lower() for p in item.rubric]
        assert len(points) == len(set(points)), f"{item.id}: repeated rubric point"
        assert max(p.weight for p in item.rubric) >= 2, f"{item.id}: no point weighs 2 or more"
        if item.kind is Kind.DESIGN:
            assert {p.step for p in item.rubric} == set(DESIGN_STEPS), item.id


def test_mcqs_have_one_correct_option_and_every_option_explained() -> None:
    for item in bank().items.values():
        if item.kind is Kind.MCQ:
            assert len(item.options) == 4 and sum(o.correct for o in item.options) == 1, item.id
            assert all(len(o.why.split()) >= 4 for o in item.options), item.id


def test_estimation_solutions_are_consistent() -> None:
    for item in bank().items.values():
        if item.kind is Kind.ESTIMATION:
            assert item.expected is not None and item.tolerance is not None, item.id
            assert item.solution and item.solution[-1].value == pytest.approx(item.expected.value), item.id


def test_design_set_has_both_levels() -> None:
    levels = Counter(i.level for i in bank().items.values() if i.kind is Kind.DESIGN)
    assert levels["high"] >= 25 and levels["low"] >= 25, levels


def test_company_and_role_profiles() -> None:
    b = bank()
    assert set(b.companies) >= COMPANIES, sorted(COMPANIES - set(b.companies))
    assert set(b.roles) >= ROLES, sorted(ROLES - set(b.roles))
    for slug in COMPANIES - {"startup", "it-services"}:
        tagged = [i for i in b.items.values() if slug in i.companies]
        assert len(tagged) >= 3, f"{slug}: only {len(tagged)} items tagged"
    for role in b.roles.values():
        assert sum(role.topic_weights.values()) == pytest.approx(1, abs=0.02), role.id
        assert sum(role.rounds.values()) == pytest.approx(1, abs=0.02), role.id
        assert role.typical_items and all(i in b.items for i in role.typical_items), role.id


def test_every_item_is_tagged() -> None:
    for item in bank().items.values():
        assert item.topics and item.roles and item.round and 1 <= item.difficulty <= 3, item.id


def test_no_text_is_copied_from_the_seeds() -> None:
    tool = SHARED / "tools" / "seed_overlap.py"
    if not tool.exists():
        pytest.skip(f"{tool} not present on this machine")
    proc = subprocess.run([sys.executable, str(tool), str(REPO), "--max-hits", "20"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
