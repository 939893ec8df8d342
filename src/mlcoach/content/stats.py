"""Counts over the bank, as `mlcoach bank stats --json` reports them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from mlcoach.content.loader import Bank


def bank_stats(bank: Bank) -> dict[str, Any]:
    items = list(bank.items.values())
    by: dict[str, Counter[str]] = {k: Counter() for k in ("kind", "topic", "role", "company", "round", "difficulty")}
    for i in items:
        by["kind"][i.kind.value] += 1
        by["round"][i.round] += 1
        by["difficulty"][str(i.difficulty)] += 1
        by["topic"].update(i.topics)
        by["role"].update(i.roles)
        by["company"].update(i.companies)
    seeds_covered = len(bank.coverage)
    return {
        "items": len(items),
        **{f"by_{k}": dict(sorted(v.items())) for k, v in by.items()},
        "companies_profiled": sorted(bank.companies),
        "roles_profiled": sorted(bank.roles),
        "seed_questions_covered": seeds_covered,
    }
