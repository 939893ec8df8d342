"""Helpers shared by page routes."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from mlcoach.web.security import csrf_token


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    ctx = {"csrf_token": csrf_token(request), "user": request.session.get("username"), **context}
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, ctx, status_code=status)
    return response
