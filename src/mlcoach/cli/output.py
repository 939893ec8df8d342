"""Printing helpers shared by the commands."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str, code: int = 1) -> None:
    import typer

    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)
