"""`mlcoach estimate ...`: the capacity formulas, with every step and unit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from mlcoach.cli.output import emit_json, fail

app = typer.Typer(help="Back-of-the-envelope estimates with units at each step.", no_args_is_help=True)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _show(make: Callable[[], object], as_json: bool) -> None:
    try:
        estimate = make()
    except ValueError as exc:
        fail(str(exc))
        return
    data = estimate.to_dict()  # type: ignore[attr-defined]
    if as_json:
        emit_json(data)
        return
    for s in data["steps"]:
        sys.stdout.write(f"{s['name']:18} {s['value']:>18,.2f} {s['unit']:14} = {s['formula']}\n")


@app.command()
def dau(
    mau: Annotated[float, typer.Option(help="Monthly active users.")],
    ratio: Annotated[float, typer.Option(help="Daily / monthly active users, e.g. 0.5.")],
    as_json: JsonOpt = False,
) -> None:
    """Daily active users from monthly active users."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.dau(mau, ratio), as_json)


@app.command()
def qps(
    dau: Annotated[float, typer.Option(help="Daily active users.")],
    requests_per_user: Annotated[float, typer.Option(help="Requests per user per day.")],
    peak_factor: Annotated[float, typer.Option(help="Peak / average traffic.")] = 2.0,
    as_json: JsonOpt = False,
) -> None:
    """Requests per day, average and peak queries per second."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.qps(dau, requests_per_user, peak_factor), as_json)


@app.command()
def storage(
    items_per_day: Annotated[float, typer.Option(help="New records per day.")],
    bytes_per_item: Annotated[float, typer.Option(help="Bytes per record.")],
    retention_days: Annotated[float, typer.Option(help="Days kept.")],
    replication: Annotated[float, typer.Option(help="Copies kept.")] = 1.0,
    as_json: JsonOpt = False,
) -> None:
    """Storage over a retention period."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.storage(items_per_day, bytes_per_item, retention_days, replication), as_json)


@app.command()
def bandwidth(
    qps: Annotated[float, typer.Option(help="Requests per second.")],
    request_bytes: Annotated[float, typer.Option(help="Bytes in each request.")],
    response_bytes: Annotated[float, typer.Option(help="Bytes in each response.")],
    as_json: JsonOpt = False,
) -> None:
    """Ingress and egress bandwidth."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.bandwidth(qps, request_bytes, response_bytes), as_json)


@app.command()
def servers(
    peak_qps: Annotated[float, typer.Option(help="Peak requests per second.")],
    latency_ms: Annotated[float, typer.Option(help="CPU time per request in ms.")],
    cores_per_server: Annotated[float, typer.Option(help="Cores per machine.")],
    utilisation: Annotated[float, typer.Option(help="Target utilisation, e.g. 0.6.")] = 0.6,
    as_json: JsonOpt = False,
) -> None:
    """Cores and servers from latency per request (Little's law)."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.servers(peak_qps, latency_ms, cores_per_server, utilisation), as_json)


@app.command(name="model-memory")
def model_memory(
    params: Annotated[float, typer.Option(help="Parameter count, e.g. 7e9.")],
    precision: Annotated[str, typer.Option(help="fp32, fp16, bf16, int8 or int4.")] = "fp16",
    as_json: JsonOpt = False,
) -> None:
    """Memory for a model's weights, and for training it with Adam."""
    from mlcoach.domain import estimation

    _show(lambda: estimation.model_memory(params, precision), as_json)
