"""The resume pages through the in-process client: upload, report, errors, CSRF and login."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from mlcoach.settings import Settings
from tests.fixtures.resume import SAMPLE_MD, encrypted_pdf, sample_docx, sample_lines, sample_pdf
from tests.web.conftest import SECRET, csrf_of

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_form_has_upload_role_select_jd_and_csrf(client: TestClient) -> None:
    page = client.get("/resume")
    assert page.status_code == 200
    html = page.text
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html and 'name="jd"' in html
    assert re.search(r'name="csrf_token" value="[^"]{20,}"', html)
    for role in ("ml-engineer", "data-analyst", "research-scientist"):
        assert f'value="{role}"' in html
    assert "is not stored" in html


def test_pdf_upload_renders_the_report(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post(
        "/resume",
        data={"role": "data-scientist", "jd": "", "csrf_token": token},
        files={"file": ("cv.pdf", sample_pdf(), PDF)},
    )
    assert r.status_code == 200, r.text
    score = int(re.search(r'id="resume-score">(\d+)<', r.text).group(1))  # type: ignore[union-attr]
    assert 0 < score <= 100
    assert "Data scientist" in r.text and "PDF" in r.text
    for part in ("keywords", "bullets", "sections", "contact", "length"):
        assert f"<td>{part}</td>" in r.text
    assert "tomas.lindqvist@example.net" in r.text
    assert "Responsible for weekly reporting" in r.text and "names a duty" in r.text  # a weak bullet, explained
    missing = re.findall(r'<li class="missed">✗ <strong>([^<]+)</strong>: study\s+<a href="/bank/([a-z0-9-]+)"', r.text)
    assert missing, "missing keywords link to bank items"
    item = client.get(f"/bank/{missing[0][1]}")
    assert item.status_code == 200
    assert "selected" in r.text.split('value="data-scientist"')[1][:20]  # the chosen role stays selected


def test_docx_upload_with_a_job_description(client: TestClient) -> None:
    token = csrf_of(client)
    jd = "We need Kubernetes, Terraform and experimentation (A/B tests) experience."
    r = client.post(
        "/resume", data={"role": "", "jd": jd, "csrf_token": token}, files={"file": ("cv.docx", sample_docx(), DOCX)}
    )
    assert r.status_code == 200, r.text
    assert 'id="keywords-jd"' in r.text and "Keywords: job description" in r.text
    assert "the closest one" in r.text  # no role chosen: the closest profile
    jd_block = r.text.split('id="keywords-jd"')[1].split("</section>")[0]
    assert "A/B testing" in jd_block and "Terraform" in jd_block
    assert jd in r.text  # the job description is kept in the form


def test_markdown_upload(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post(
        "/resume",
        data={"role": "ml-engineer", "csrf_token": token},
        files={"file": ("cv.md", SAMPLE_MD.read_bytes(), "text/markdown")},
    )
    assert r.status_code == 200 and "Priya Raman" not in r.text.split("<main>")[0]
    assert "Kubernetes" in r.text and "(as “k8s”)" not in r.text  # spelled out in the skills


@pytest.mark.parametrize(
    ("files", "data", "message"),
    [
        (None, {"role": "ml-engineer"}, "choose a resume file to upload"),
        ({"file": ("cv.pdf", encrypted_pdf(sample_lines()), PDF)}, {}, "password-protected"),
        ({"file": ("cv.pdf", b"just text, named like a PDF file here", PDF)}, {}, "not a PDF"),
        ({"file": ("cv.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png")}, {}, "not supported"),
        ({"file": ("cv.txt", b"", "text/plain")}, {}, "the file is empty"),
        ({"file": ("cv.pdf", sample_pdf(), PDF)}, {"role": "astronaut"}, "unknown role"),
    ],
)
def test_bad_uploads_show_the_form_again_with_the_reason(client: TestClient, files, data, message) -> None:  # type: ignore[no-untyped-def]
    token = csrf_of(client)
    jd = "Airflow and Spark please"
    r = client.post("/resume", data={"csrf_token": token, "jd": jd, **data}, files=files)
    assert r.status_code == 400
    assert 'id="resume-error"' in r.text and message in r.text
    assert jd in r.text and 'id="resume-form"' in r.text


def test_upload_needs_the_csrf_token(client: TestClient) -> None:
    r = client.post("/resume", data={"role": "ml-engineer"}, files={"file": ("cv.pdf", sample_pdf(), PDF)})
    assert r.status_code == 403


def test_oversized_upload_is_refused_before_it_is_read(client: TestClient) -> None:
    token = csrf_of(client)
    big = b"Experience\n" + b"- Reduced cost 10% by caching\n" * 80_000
    r = client.post("/resume", data={"csrf_token": token}, files={"file": ("cv.txt", big, "text/plain")})
    assert r.status_code in (400, 413)
    assert "limit" in r.text or "larger than" in r.text


def test_multi_user_mode_needs_login(multi_client: Callable[[], TestClient]) -> None:
    c = multi_client()
    r = c.get("/resume", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert SECRET  # the multi-user app is signed with the test secret


def test_an_oversized_job_description_keeps_the_form(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post(
        "/resume", data={"csrf_token": token, "jd": "x" * 30_000}, files={"file": ("cv.pdf", sample_pdf(), PDF)}
    )
    assert r.status_code == 400 and "has 30000 characters" in r.text and 'id="resume-form"' in r.text


def test_nothing_of_the_upload_is_stored(client: TestClient, settings: Settings) -> None:
    token = csrf_of(client)
    r = client.post("/resume", data={"csrf_token": token}, files={"file": ("cv.pdf", sample_pdf(), PDF)})
    assert r.status_code == 200
    for f in settings.data_dir.rglob("*"):
        if f.is_file():
            assert b"Lindqvist" not in f.read_bytes(), f"{f} holds the resume"
