"""One error hierarchy for the whole application.

The web layer renders these in one handler (HTML page or JSON under /api) and the CLI in one place,
so every failure a user can cause reaches them as a clear message, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class MlcoachError(Exception):
    """Base class: `code` is stable and machine-readable, `status` maps to HTTP."""

    code = "error"
    status = 500

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BadRequest(MlcoachError):
    code = "bad_request"
    status = 400


class Unauthorized(MlcoachError):
    code = "unauthorized"
    status = 401


class Forbidden(MlcoachError):
    code = "forbidden"
    status = 403


class NotFound(MlcoachError):
    code = "not_found"
    status = 404


class Conflict(MlcoachError):
    code = "conflict"
    status = 409


class ConfigError(MlcoachError):
    """A setting is missing or invalid; raised before the server starts."""

    code = "config_error"
    status = 500


@dataclass(frozen=True)
class Problem:
    """One content problem, located at `path:line`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(MlcoachError):
    """The bank or a user pack has problems; `problems` lists every one of them."""

    code = "content_error"
    status = 500

    def __init__(self, problems: list[Problem]) -> None:
        first = str(problems[0]) if problems else "invalid content"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
        self.problems = problems
