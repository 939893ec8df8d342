"""Estimation: the capacity calculator and drills."""

from __future__ import annotations

import random

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from mlcoach.domain import estimation
from mlcoach.domain.errors import BadRequest
from mlcoach.services import drills
from mlcoach.services.clock import utcnow
from mlcoach.web.forms import text_field
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])

FORMULAS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    # name: (title, [(field, label, default)])
    "qps": (
        "Queries per second",
        [
            ("dau", "Daily active users", "100000000"),
            ("requests_per_user", "Requests per user per day", "10"),
            ("peak_factor", "Peak factor", "2"),
        ],
    ),
    "dau": ("Daily active users", [("mau", "Monthly active users", "300000000"), ("ratio", "DAU / MAU", "0.5")]),
    "storage": (
        "Storage",
        [
            ("items_per_day", "Records per day", "1000000000"),
            ("bytes_per_item", "Bytes each", "500"),
            ("retention_days", "Retention (days)", "365"),
            ("replication", "Replicas", "3"),
        ],
    ),
    "bandwidth": (
        "Bandwidth",
        [
            ("qps", "Requests per second", "20000"),
            ("request_bytes", "Request bytes", "2000"),
            ("response_bytes", "Response bytes", "20000"),
        ],
    ),
    "servers": (
        "Servers",
        [
            ("peak_qps", "Peak QPS", "25000"),
            ("latency_ms", "CPU ms per request", "20"),
            ("cores_per_server", "Cores per server", "32"),
            ("utilisation", "Target utilisation", "0.6"),
        ],
    ),
    "model_memory": ("Model memory", [("params", "Parameters", "7e9")]),
}


def _calculate(request: Request) -> tuple[str, estimation.Estimate | None]:
    p = request.query_params
    name = p.get("formula", "")
    if not name:
        return "", None
    if name not in FORMULAS:
        raise BadRequest(f"unknown formula '{name}'", field="formula")
    values: dict[str, float] = {}
    for field, label, _default in FORMULAS[name][1]:
        try:
            values[field] = estimation.parse_number(p.get(field, ""))
        except ValueError as exc:
            raise BadRequest(f"{label}: {exc}", field=field) from None
    try:
        if name == "model_memory":
            return name, estimation.model_memory(values["params"], p.get("precision", "fp16"))
        return name, getattr(estimation, name)(**values)
    except ValueError as exc:
        raise BadRequest(str(exc), field="formula") from None


def _page(
    request: Request,
    *,
    drill: drills.Drill,
    outcome: drills.DrillResult | None = None,
    name: str = "",
    result: estimation.Estimate | None = None,
    params: object = None,
) -> HTMLResponse:
    context = {
        "formulas": FORMULAS,
        "name": name,
        "result": result,
        "params": params or {},
        "drill": drill,
        "outcome": outcome,
        "precisions": list(estimation.PRECISION_BYTES),
    }
    return render(request, "estimate.html", context)


@router.get("/estimate", response_class=HTMLResponse)
def estimate_page(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    name, result = _calculate(request)
    drill = drills.random_drill(coach.bank, random.Random())
    return _page(request, drill=drill, outcome=None, name=name, result=result, params=request.query_params)


@router.get("/estimate/drill/{key}", response_class=HTMLResponse)
def drill_page(request: Request, key: str, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    return _page(request, drill=drills.drill_for(coach.bank, key), outcome=None, name="", result=None, params={})


@router.post("/estimate/drill", response_class=HTMLResponse)
async def drill_answer(request: Request, coach: CoachDep, user: CurrentUser) -> HTMLResponse:
    form = await request.form()
    key = text_field(form, "drill", 200)
    raw = text_field(form, "answer", 60)
    outcome = drills.check(coach.sessions, coach.bank, user, key, raw, utcnow())
    return _page(request, drill=outcome.drill, outcome=outcome, name="", result=None, params={})
