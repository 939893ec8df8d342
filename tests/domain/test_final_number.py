"""Reading the numbers a written estimate states, and checking its result against the expected one."""

from __future__ import annotations

import pytest

from mlcoach.domain.estimation import check_final_number, in_unit, stated_numbers


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("about 41,700 per second", 41_700.0, "per"),
        ("7B parameters", 7e9, "parameters"),
        ("1.2 billion messages", 1.2e9, "messages"),
        ("so 200MB each", 200.0, "mb"),
        ("6 x 7e9 x 2e12 = 8.4e22 FLOPs", 8.4e22, "flops"),
        ("10^15 bytes a day", 1e15, "bytes"),
        ("about 19% of RAM", 19.0, "%"),
        ("costs about $0.07", 0.07, "$"),
        ("23k requests", 23_000.0, "requests"),
    ],
)
def test_stated_numbers_apply_multipliers(text: str, value: float, unit: str) -> None:
    last = stated_numbers(text)[-1]
    assert last.value == pytest.approx(value)
    assert last.unit == unit


def test_units_of_one_family_convert_and_others_do_not() -> None:
    tb, mbps, servers = stated_numbers("0.33 TB, 50 million Mbps and 25 servers")
    assert in_unit(tb, "GB") == pytest.approx(330.0)
    assert in_unit(mbps, "Tbps") == pytest.approx(50.0)
    assert in_unit(servers, "GB") == 25.0  # not a unit of the bytes family: taken as stated
    assert in_unit(stated_numbers("1.1 PB")[0], "TB") == pytest.approx(1100.0)


def test_final_number_within_tolerance_in_another_unit() -> None:
    result = check_final_number("Three replicas make about 1.1 PB of disk.", 1095, "TB", 0.2)
    assert result.within and result.closest is not None and result.closest.text == "1.1 PB"


def test_final_number_off_reports_the_closest_number() -> None:
    result = check_final_number("12,000 / 40 = 300 cores, so 10 servers.", 25, "servers", 0.2)
    assert not result.within
    assert result.closest is not None and result.closest.text == "10 servers"


def test_no_number_at_all() -> None:
    result = check_final_number("Divide the load by what one server handles.", 25, "servers", 0.2)
    assert result.closest is None and not result.within
