"""Every estimation item's reference answer states its own expected result, as the grader reads it."""

from __future__ import annotations

from mlcoach.content.loader import load_bank
from mlcoach.domain.estimation import check_final_number
from mlcoach.domain.items import Kind


def test_each_reference_answer_passes_its_final_number_check() -> None:
    items = [i for i in load_bank().items.values() if i.kind is Kind.ESTIMATION]
    assert len(items) >= 20
    failing = []
    for item in items:
        assert item.expected is not None and item.tolerance is not None, item.id
        result = check_final_number(item.answer, item.expected.value, item.expected.unit, item.tolerance)
        if not result.within:
            failing.append(f"{item.id}: expected {item.expected.value} {item.expected.unit}, closest {result.closest}")
    assert not failing, failing
