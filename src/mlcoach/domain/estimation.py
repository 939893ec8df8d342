"""Back-of-the-envelope capacity formulas, each returning its steps with units so they can be shown.

All functions are pure; a day is 86,400 seconds; sizes use decimal units (1 GB = 10^9 bytes), as
interviewers usually do.
"""

from __future__ import annotations

import math
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
