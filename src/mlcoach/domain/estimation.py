"""Back-of-the-envelope capacity formulas, each returning its steps with units so they can be shown.

All functions are pure; a day is 86,400 seconds; sizes use decimal units (1 GB = 10^9 bytes), as
interviewers usually do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SECONDS_PER_DAY = 86_400
PRECISION_BYTES = {"fp32": 4.0, "fp16": 2.0, "bf16": 2.0, "int8": 1.0, "int4": 0.5}
# Training with Adam in mixed precision keeps weights, gradients, fp32 master weights and two moments:
# about 16 bytes per parameter before activations.
TRAINING_BYTES_PER_PARAM = 16.0


@dataclass(frozen=True)
class Step:
    name: str
    formula: str
    value: float
    unit: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "formula": self.formula, "value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Estimate:
    steps: tuple[Step, ...]

    def results(self) -> dict[str, float]:
        return {s.name: s.value for s in self.steps}

    def to_dict(self) -> dict[str, object]:
        return {**self.results(), "steps": [s.to_dict() for s in self.steps]}


def _positive(**values: float) -> None:
    for name, v in values.items():
        if not (isinstance(v, int | float) and math.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be a positive number, got {v!r}")


def dau(mau: float, ratio: float) -> Estimate:
    _positive(mau=mau, ratio=ratio)
    if ratio > 1:
        raise ValueError("ratio (daily / monthly active users) must be at most 1")
    return Estimate((Step("dau", "mau x dau/mau ratio", mau * ratio, "users/day"),))


def qps(dau: float, requests_per_user: float, peak_factor: float = 2.0) -> Estimate:
    _positive(dau=dau, requests_per_user=requests_per_user, peak_factor=peak_factor)
    per_day = dau * requests_per_user
    average = per_day / SECONDS_PER_DAY
    return Estimate(
        (
            Step("requests_per_day", "dau x requests per user", per_day, "requests/day"),
            Step("qps", "requests per day / 86,400 s", average, "requests/s"),
            Step("peak_qps", "qps x peak factor", average * peak_factor, "requests/s"),
        )
    )


def storage(items_per_day: float, bytes_per_item: float, retention_days: float, replication: float = 1.0) -> Estimate:
    _positive(
        items_per_day=items_per_day,
        bytes_per_item=bytes_per_item,
        retention_days=retention_days,
        replication=replication,
    )
    daily = items_per_day * bytes_per_item
    total = daily * retention_days * replication
    return Estimate(
        (
            Step("bytes_per_day", "items per day x bytes per item", daily, "bytes/day"),
            Step("total_bytes", "bytes per day x retention days x replication", total, "bytes"),
            Step("total_tb", "total bytes / 10^12", total / 1e12, "TB"),
        )
    )


def bandwidth(qps: float, request_bytes: float, response_bytes: float) -> Estimate:
    _positive(qps=qps, request_bytes=request_bytes, response_bytes=response_bytes)
    return Estimate(
        (
            Step("ingress_mbps", "qps x request bytes x 8 / 10^6", qps * request_bytes * 8 / 1e6, "Mbit/s"),
            Step("egress_mbps", "qps x response bytes x 8 / 10^6", qps * response_bytes * 8 / 1e6, "Mbit/s"),
        )
    )


def servers(peak_qps: float, latency_ms: float, cores_per_server: float, utilisation: float = 0.6) -> Estimate:
    """Little's law: busy cores = arrival rate x time per request (one request per core at a time)."""
    _positive(peak_qps=peak_qps, latency_ms=latency_ms, cores_per_server=cores_per_server, utilisation=utilisation)
    if utilisation > 1:
        raise ValueError("utilisation must be at most 1")
    busy = peak_qps * latency_ms / 1000
    cores = busy / utilisation
    return Estimate(
        (
            Step("busy_cores", "peak qps x latency (s)", busy, "cores"),
            Step("cores", "busy cores / target utilisation", cores, "cores"),
            Step("servers", "ceil(cores / cores per server)", float(math.ceil(cores / cores_per_server)), "servers"),
        )
    )


def model_memory(params: float, precision: str = "fp16") -> Estimate:
    _positive(params=params)
    if precision not in PRECISION_BYTES:
        raise ValueError(f"precision must be one of {', '.join(PRECISION_BYTES)}")
    weights = params * PRECISION_BYTES[precision]
    return Estimate(
        (
            Step(
                "weights_gb", f"params x {PRECISION_BYTES[precision]:g} bytes ({precision}) / 10^9", weights / 1e9, "GB"
            ),
            Step(
                "training_gb",
                "params x 16 bytes (Adam, mixed precision) / 10^9",
                params * TRAINING_BYTES_PER_PARAM / 1e9,
                "GB",
            ),
        )
    )


def within(answer: float, expected: float, tolerance: float) -> bool:
    """Is an answer within a relative tolerance of the expected value?"""
    if expected == 0:
        return abs(answer) <= tolerance
    return abs(answer - expected) <= tolerance * abs(expected)


_SUFFIX = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}


def parse_number(text: str) -> float:
    """Read what a candidate types: '23,148', '23k', '1.2M', '2e4', '~20 000'."""
    cleaned = text.strip().lower().lstrip("~≈ ").replace(",", "").replace("_", "").replace(" ", "")
    for suffix in sorted(_SUFFIX, key=len, reverse=True):
        if cleaned.endswith(suffix) and cleaned[: -len(suffix)]:
            head = cleaned[: -len(suffix)]
            try:
                return float(head) * _SUFFIX[suffix]
            except ValueError:
                break
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text}' is not a number (try 23148, 23k or 2.3e4)") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


# -- numbers stated in a written answer ---------------------------------------------------------------------

# Units a written estimate may use, by family, with their size in the family's base unit; an answer's number
# is converted to the expected unit when both are in one family (0.33 TB read as 330 GB).
_UNIT_FAMILIES: dict[str, dict[str, float]] = {
    "bytes": {"bytes": 1, "byte": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15,
              "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40},
    "bits/s": {"bps": 1, "kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12},
    "seconds": {"s": 1, "sec": 1, "seconds": 1, "second": 1, "minutes": 60, "minute": 60, "min": 60,
                "hours": 3600, "hour": 3600, "h": 3600, "days": 86_400, "day": 86_400, "weeks": 604_800},
}
_ATTACHED = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
_NOT_UNITS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "it", "of", "on", "or", "per", "so", "than"}
    | {"that", "the", "to", "was", "with", "x"}
)
_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<dollar>\$\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?:e|x\s?10\^)(?P<exp>[+-]?\d+)|\^(?P<pow>\d+))?"
    r"(?P<attached>[a-z]+\b|%)?"
    r"(?:\s+(?P<word>thousand|million|billion|trillion)\b)?"
    r"(?:\s*(?P<unit>[a-z]+(?:/[a-z]+)?|%))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatedNumber:
    value: float
    unit: str  # as written, lower case ("" when none)
    text: str  # the words of the answer it was read from


def _family(unit: str) -> tuple[str, float] | None:
    for name, units in _UNIT_FAMILIES.items():
        if unit in units:
            return name, units[unit]
    return None


def stated_numbers(text: str) -> list[StatedNumber]:
    """The numbers an answer states, with multipliers applied: '1.2 billion', '7B', '2e12', '10^15',
    '41,700', '$0.07', '19%'. Years and list markers are not told apart: callers compare with a target."""
    out = []
    for m in _NUMBER.finditer(text):
        try:
            value = float(m.group("num").replace(",", ""))
        except ValueError:  # pragma: no cover - the pattern only admits numbers
            continue
        if m.group("exp"):
            value *= 10.0 ** int(m.group("exp"))
        if m.group("pow"):
            if value != 10:
                continue  # '2^10' and the like are not stated results
            value = 10.0 ** int(m.group("pow"))
        attached = (m.group("attached") or "").lower()
        unit = (m.group("unit") or "").lower()
        if attached in _ATTACHED:
            value *= _ATTACHED[attached]
        elif attached:
            unit = attached  # '200MB', '19%'
        if m.group("word"):
            value *= _WORDS[m.group("word").lower()]
        if m.group("dollar"):
            unit = "$"
        text_end = m.end()
        if m.group("unit") and unit in _NOT_UNITS:
            text_end = m.start("unit")  # a following word that is no unit: leave it out of the quote
        out.append(StatedNumber(value, unit, text[m.start() : text_end].strip()))
    return out


def in_unit(number: StatedNumber, unit: str) -> float:
    """`number` expressed in `unit` when both belong to one family (bytes, bits/s, time), else as stated."""
    mine, target = _family(number.unit), _family(unit.lower())
    if mine and target and mine[0] == target[0]:
        return number.value * mine[1] / target[1]
    return number.value


def _same_unit(stated: str, expected: str) -> bool:
    expected = expected.lower()
    if "/" in expected:  # rates are written many ways ('per second', '/s', 'QPS'): not filtered on
        return False
    mine, target = _family(stated), _family(expected)
    if mine and target:
        return mine[0] == target[0]
    return bool(stated) and stated.rstrip("s") == expected.rstrip("s")


@dataclass(frozen=True)
class FinalNumber:
    expected: float
    unit: str
    tolerance: float
    closest: StatedNumber | None  # the stated number nearest the expected value (relative distance)
    within: bool


def check_final_number(answer: str, expected: float, unit: str, tolerance: float) -> FinalNumber:
    """Does the answer state a number within `tolerance` (relative) of `expected`, in `unit` or another unit
    of its family? The closest stated number is reported either way."""
    best: StatedNumber | None = None
    best_distance = math.inf
    numbers = stated_numbers(answer)
    # When some numbers carry the expected unit ('10 servers', '1.1 PB' for TB), the result is among them:
    # an intermediate figure that happens to equal the expected value ('12,000 / 25') does not count.
    same_unit = [n for n in numbers if _same_unit(n.unit, unit)]
    for number in same_unit or numbers:
        value = in_unit(number, unit)
        distance = abs(value - expected) / abs(expected) if expected else abs(value)
        if distance < best_distance:
            best, best_distance = number, distance
    ok = best is not None and within(in_unit(best, unit), expected, tolerance)
    return FinalNumber(expected, unit, tolerance, best, ok)
