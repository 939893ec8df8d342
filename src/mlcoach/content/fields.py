"""Typed field readers that collect problems instead of raising, so one run reports them all."""

from __future__ import annotations

import re

from mlcoach.content.yaml_lines import LineDict, LineList
from mlcoach.domain.errors import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Reader:
    """Reads fields of one YAML mapping, recording each problem with its line."""

    def __init__(self, path: str, data: LineDict, problems: list[Problem]) -> None:
        self.path = path
        self.data = data
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(self.data.line, f"missing required field '{key}'")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(self.line(key), f"'{key}' must be text")
            return default
        text = str(value).strip()
        if required and not text:
            self.problem(self.line(key), f"'{key}' is empty")
        return text

    def integer(self, key: str, *, lo: int, hi: int, default: int) -> int:
        value = self.data.get(key)
        if value is None:
            self.problem(self.data.line, f"missing required field '{key}'")
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            self.problem(self.line(key), f"'{key}' must be an integer from {lo} to {hi}, got {value!r}")
            return default
        return value

    def number(self, key: str, *, required: bool = True) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(self.data.line, f"missing required field '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(self.line(key), f"'{key}' must be a number, got {value!r}")
            return None
        return float(value)

    def slug(self, key: str, allowed: dict[str, str] | None = None) -> str:
        value = self.text(key)
        if value and allowed is not None and value not in allowed:
            self.problem(self.line(key), f"unknown {key} '{value}' (allowed: {', '.join(allowed)})")
        return value

    def list_of(self, key: str, *, required: bool = False) -> LineList:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(self.data.line, f"missing required field '{key}'")
            return LineList()
        if not isinstance(value, list):
            self.problem(self.line(key), f"'{key}' must be a list")
            return LineList()
        if not isinstance(value, LineList):  # e.g. an empty flow list
            out = LineList(value)
            out.line, out.item_lines = self.line(key), [self.line(key)] * len(value)
            return out
        return value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        out = []
        values = self.list_of(key, required=required)
        for i, v in enumerate(values):
            if not isinstance(v, str | int | float) or isinstance(v, bool) or not str(v).strip():
                self.problem(values.line_of(i), f"'{key}' entries must be non-empty text")
                continue
            out.append(str(v).strip())
        return tuple(out)

    def tags(self, key: str, allowed: dict[str, str], *, at_least: int) -> tuple[str, ...]:
        values = self.texts(key, required=at_least > 0)
        if len(values) < at_least and key in self.data:
            self.problem(self.line(key), f"'{key}' needs at least {at_least} entry")
        for v in values:
            if v not in allowed:
                self.problem(self.line(key), f"unknown {key[:-1] if key.endswith('s') else key} '{v}'")
        if len(set(values)) != len(values):
            self.problem(self.line(key), f"'{key}' lists a tag twice")
        return values

    def mappings(self, key: str, *, required: bool = False) -> list[Reader]:
        out = []
        values = self.list_of(key, required=required)
        for i, v in enumerate(values):
            if not isinstance(v, LineDict):
                self.problem(values.line_of(i), f"each entry of '{key}' must be a mapping")
                continue
            out.append(Reader(self.path, v, self.problems))
        return out

    def mapping(self, key: str, *, required: bool = True) -> Reader | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(self.data.line, f"missing required field '{key}'")
            return None
        if not isinstance(value, LineDict):
            self.problem(self.line(key), f"'{key}' must be a mapping")
            return None
        return Reader(self.path, value, self.problems)

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(self.line(key), f"unknown field '{key}'")


def word_count(text: str) -> int:
    return len(re.findall(r"\b[\w'-]+\b", text))
