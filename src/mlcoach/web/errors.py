"""The one place errors become responses: an HTML page, or under /api a JSON body of one shape.

JSON error shape (documented in docs/api.md and pinned by a test):
    {"error": {"code": "not_found", "message": "no item with id 'x'", "field": null}}
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from mlcoach.domain.errors import MlcoachError, Unauthorized

log = logging.getLogger("mlcoach.web")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "bad_request",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def error_response(request: Request, status: int, code: str, message: str, field: str | None = None) -> Response:
    if is_api(request):
        return JSONResponse({"error": {"code": code, "message": message, "field": field}}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "field": field}, status_code=status
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(MlcoachError)
    async def _domain(request: Request, exc: MlcoachError) -> Response:
        if isinstance(exc, Unauthorized) and not is_api(request) and request.method == "GET":
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return error_response(request, exc.status, exc.code, exc.message, exc.field)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
            loc = loc[1:]
        field = ".".join(loc) or None
        message = f"{field}: {first.get('msg', 'invalid input')}" if field else first.get("msg", "invalid input")
        return error_response(request, 400, "bad_request", message, field)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is no page at {request.url.path}"
        return error_response(request, exc.status_code, CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal", "something went wrong on our side; it has been logged")
