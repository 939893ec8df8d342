"""The offline grader over the whole bank: the figures docs/grader.md reports for bank consistency.

    .venv/bin/python bench/grader_bank.py [--limit N]      # about 10 minutes for the 477 gradable items

For every written item with a rubric and a reference answer it prints:
- own reference: how many score >= 4.5 (the test requires all);
- another item's reference (the next item by id on the same primary topic, not declared `related`): how many
  score <= 2 with the item's neighbours at hand (as the app grades) and without them (evidence alone),
  the median, and the pairs above 2;
- half the rubric: the gap to the reference's score (points copied word for word score well below it);
- the neighbours check's false alarms: answers built from the item's own material (its rubric points, half
  of them, the first half of its reference's sentences) taken for answers to another question;
- the time per grade with neighbours, p50 and p95, for an item's first grade (its reference and rubric are
  encoded then, once per process) and for later ones (the neighbours check grades a second time only when
  an answer's words point to another item, whose reference may be encoded then).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FLAG = "answers-another-question"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N items by id")
    args = parser.parse_args()

    from mlcoach.content.loader import load_bank
    from mlcoach.domain.items import Item, Kind
    from mlcoach.engines.grader import grade
    from mlcoach.engines.grader.text import split_sentences

    bank = load_bank()
    items = sorted(
        (i for i in bank.items.values() if i.kind is not Kind.MCQ and i.rubric and i.answer.strip()),
        key=lambda i: i.id,
    )

    def other_of(item: Item) -> Item | None:
        same = [o for o in items if o.id != item.id and o.id not in item.related and item.topics[0] in o.topics]
        later = [o for o in same if o.id > item.id]
        return (later or same)[0] if same else None

    chosen = items[: args.limit] if args.limit else items
    own_ok = 0
    with_nb: list[float] = []
    alone: list[float] = []
    above: list[str] = []
    gaps: list[float] = []
    false_alarms: list[str] = []
    first: list[float] = []
    times: list[float] = []
    for item in chosen:
        neighbours = bank.neighbours(item)
        started = time.perf_counter()
        own = grade(item, item.answer, neighbours=neighbours).score
        first.append(time.perf_counter() - started)
        own_ok += own >= 4.5
        other = other_of(item)
        if other is not None:
            started = time.perf_counter()
            checked = grade(item, other.answer, neighbours=neighbours).score
            times.append(time.perf_counter() - started)
            plain = grade(item, other.answer).score
            with_nb.append(checked)
            alone.append(plain)
            if plain > 2.0:
                above.append(f"{item.id} <- {other.id}: {plain:.2f} alone, {checked:.2f} with neighbours")
        points = [p.point.rstrip(".") + "." for p in item.rubric]
        sentences = split_sentences(item.answer)
        own_material = {
            "rubric points": " ".join(points),
            "half the rubric": " ".join(points[: max(1, len(points) // 2)]),
            "half the reference": " ".join(sentences[: max(1, len(sentences) // 2)]),
        }
        for name, text in own_material.items():
            started = time.perf_counter()
            result = grade(item, text, neighbours=neighbours)
            times.append(time.perf_counter() - started)
            if FLAG in result.flags:
                false_alarms.append(f"{item.id} ({name}) -> {result.extra.get('answers_instead')}")
            if name == "half the rubric" and len(points) >= 4:
                gaps.append(own - result.score)

    n = len(chosen)
    print(f"items: {n}")
    print(f"own reference >= 4.5: {own_ok} of {n}")
    print(
        f"another item's reference <= 2: {sum(s <= 2.0 for s in with_nb)} of {len(with_nb)} with neighbours, "
        f"{sum(s <= 2.0 for s in alone)} without; median {statistics.median(with_nb):.2f}"
    )
    for line in above:
        print(f"  {line}")
    print(
        f"half the rubric (items with 4+ points): within 1 point of the reference for "
        f"{sum(g < 1.0 for g in gaps)} of {len(gaps)}; median gap {statistics.median(gaps):.2f}"
    )
    print(f"answers built from the item's own material taken for another question's: {len(false_alarms)} of {3 * n}")
    for line in false_alarms:
        print(f"  {line}")
    for label, sample in (("an item's first grade", first), ("later grades", times)):
        ordered = sorted(sample)
        print(
            f"{label} with neighbours: p50 {1000 * statistics.median(ordered):.1f} ms, "
            f"p95 {1000 * ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms over {len(ordered)} grades"
        )


if __name__ == "__main__":
    main()
