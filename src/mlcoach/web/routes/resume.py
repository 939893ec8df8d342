"""Resume check: upload a resume, pick a role, optionally paste a job description, read the report.

The upload is read into memory, checked and dropped; nothing is written to the database or to disk by us.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from mlcoach.domain.errors import BadRequest
from mlcoach.services.coach import Coach
from mlcoach.services.resume.check import check_resume
from mlcoach.services.resume.extract import MAX_BYTES, megabytes
from mlcoach.web.forms import text_field
from mlcoach.web.limits import BodyLimit
from mlcoach.web.routes.common import render
from mlcoach.web.security import CoachDep, CurrentUser, check_csrf

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
FORM_OVERHEAD = 64 * 1024  # room for the other fields of the form within the server's request limit


def upload_limit(request: Request) -> int:
    """The largest file this server accepts: the resume limit, or less when the request-size limit is lower."""
    for m in getattr(request.app, "user_middleware", []):
        if m.cls is BodyLimit:
            return min(MAX_BYTES, int(m.kwargs.get("max_bytes", MAX_BYTES)) - FORM_OVERHEAD)
    return MAX_BYTES


def _page(request: Request, coach: Coach, status: int = 200, **context: Any) -> HTMLResponse:
    limit = upload_limit(request)
    ctx = {"roles": sorted(coach.bank.roles.values(), key=lambda r: r.name), "role": "", "jd": "", "report": None,
           "error": None, "limit_mb": megabytes(limit), **context}
    return render(request, "resume.html", ctx, status=status)


@router.get("/resume", response_class=HTMLResponse)
def resume_form(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    return _page(request, coach)


@router.post("/resume", response_class=HTMLResponse)
async def resume_check(request: Request, coach: CoachDep, _: CurrentUser) -> HTMLResponse:
    form = await request.form()
    role = jd = ""
    upload = form.get("file")
    try:
        role = text_field(form, "role", 64, required=False)
        jd = text_field(form, "jd", coach.settings.max_field_chars, required=False)
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise BadRequest("choose a resume file to upload", field="file")
        limit = upload_limit(request)
        data = await upload.read(limit + 1)
        await upload.close()
        report = check_resume(data, upload.filename, bank=coach.bank, index=coach.index, role_id=role,
                              job_description=jd, max_bytes=limit)
    except BadRequest as exc:  # show the form again, with what was typed, and the reason
        return _page(request, coach, status=400, role=role, jd=jd, error=exc.message)
    return _page(request, coach, role=role, jd=jd, report=report)
