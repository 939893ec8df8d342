"""Resume check: reading each format, refusing bad files, keywords and synonyms, bullet rules, the score."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest

from mlcoach.content.loader import Bank, load_bank
from mlcoach.content.search import SearchIndex
from mlcoach.domain import resume as rules
from mlcoach.domain.errors import BadRequest
from mlcoach.services.resume import keywords as kw
from mlcoach.services.resume.check import ResumeReport, check_resume
from mlcoach.services.resume.extract import Format, extract
from mlcoach.services.resume.parse import parse
from tests.fixtures.resume import (
    SAMPLE_MD,
    encrypted_pdf,
    pdf_bytes,
    sample_docx,
    sample_lines,
    sample_pdf,
    sample_text,
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def index(bank: Bank) -> SearchIndex:
    return SearchIndex(bank.items)


def run(bank: Bank, index: SearchIndex, data: bytes, name: str, **kwargs: Any) -> ResumeReport:
    return check_resume(data, name, bank=bank, index=index, **kwargs)


# --- reading each format -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "name", "fmt"),
    [
        (sample_pdf, "resume.pdf", Format.PDF),
        (sample_docx, "resume.docx", Format.DOCX),
        (lambda: sample_text().encode(), "resume.txt", Format.TEXT),
        (lambda: SAMPLE_MD.read_bytes(), "resume.md", Format.MARKDOWN),
        (lambda: sample_text().encode("utf-16"), "resume.txt", Format.TEXT),
        (sample_pdf, "upload", Format.PDF),  # no extension: the content decides
    ],
)
def test_each_format_yields_sections_contact_and_bullets(make, name, fmt) -> None:  # type: ignore[no-untyped-def]
    doc = extract(make(), name)
    assert doc.format is fmt
    parsed = parse(doc.text)
    assert {"experience", "skills", "education"} <= set(parsed.sections)
    assert parsed.contact.email.endswith(("example.net", "example.org"))
    assert parsed.contact.phone and parsed.contact.links
    assert len(parsed.bullets) >= 3
    assert all(not b.text.startswith(("•", "-", "*")) for b in parsed.bullets)


def test_pdf_docx_and_text_give_the_same_report(bank: Bank, index: SearchIndex) -> None:
    reports = [run(bank, index, sample_pdf(), "a.pdf"), run(bank, index, sample_docx(), "a.docx"),
               run(bank, index, sample_text().encode(), "a.txt")]
    assert len({(r.score.total, r.sections, r.skills, len(r.bullets)) for r in reports}) == 1
    pdf, docx, _ = reports
    assert pdf.pages == 1 and pdf.format == "pdf" and docx.format == "docx"
    assert pdf.contact.name == "Tomas Lindqvist" and docx.contact.name == "Tomas Lindqvist"
    assert "scikit-learn" in pdf.skills and "Spark" in docx.skills  # docx: skills sat in a table


def test_pdf_pages_are_counted_and_wrapped_bullets_joined() -> None:
    page1 = ["Ana Costa", "ana@example.com", "EXPERIENCE", "• Cut model training time 60% by moving feature",
             "joins into Spark and caching the results", "• Led 4 engineers to ship a fraud model using XGBoost"]
    doc = extract(pdf_bytes([page1, ["EDUCATION", "BSc Mathematics, 2018"], ["SKILLS", "Python, SQL"]]), "cv.pdf")
    assert doc.pages == 3
    bullets = [b.text for b in parse(doc.text).bullets]
    assert bullets[0] == "Cut model training time 60% by moving feature joins into Spark and caching the results"
    assert len(bullets) == 2


def test_markdown_links_stay_readable() -> None:
    doc = extract(SAMPLE_MD.read_bytes(), "me.md")
    assert "https://github.com/priya-raman-demo" in doc.text and "](" not in doc.text and "**" not in doc.text


# --- bad files -----------------------------------------------------------------------------------------------


def _ole(payload: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + payload + b"\x00" * 64


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "cv.pdf", "the file is empty"),
        (b"   \n\n ", "cv.txt", "the file is empty"),
        (b"x" * (2 * 1024 * 1024 + 1), "cv.txt", "the limit is 2 MB"),
        (encrypted_pdf(sample_lines()), "cv.pdf", "password-protected"),
        (pdf_bytes([[]], image=True), "scan.pdf", "only images"),
        (pdf_bytes([[]]), "blank.pdf", "no text to read"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ngarbage", "broken.pdf", "could not read this PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.pdf", "PNG image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo", "PNG image"),
        (b"MZ\x90\x00\x03\x00\x00\x00" * 20, "cv.txt", "binary file"),
        (sample_text().encode(), "cv.exe", "'.exe' files are not supported"),
        (sample_text().encode(), "cv.pdf", "not a PDF"),
        (sample_pdf(), "cv.txt", "rename it"),
        (_zip("xl/workbook.xml"), "cv.docx", "not a Word document"),
        (_ole(b"old word"), "cv.doc", "'.doc' files are not supported"),
        (_ole(b"old word"), "cv", "old Word .doc"),
        (_ole("EncryptionInfo".encode("utf-16-le")), "cv", "Word document is password-protected"),
        (b"<!DOCTYPE html><html><body>Resume of someone who writes HTML</body></html>", "cv.txt", "HTML"),
        (b"hi", "cv.txt", "almost no text"),
    ],
)
def test_bad_files_get_a_clear_error(data: bytes, name: str, message: str) -> None:
    with pytest.raises(BadRequest) as err:
        extract(data, name)
    assert message in err.value.message and err.value.field == "file"


def test_a_pdf_with_only_an_owner_password_opens() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample_pdf())))
    writer.encrypt(user_password="", owner_password="owner-only")
    out = io.BytesIO()
    writer.write(out)
    assert "Reduced monthly churn 12%" in extract(out.getvalue(), "cv.pdf").text


def test_cp1252_text_is_read() -> None:
    text = sample_text().replace("Tomas", "Tomás").encode("cp1252")
    assert "Tomás Lindqvist" in extract(text, "cv.txt").text


# --- keywords and synonyms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Kubernetes", "Deployed services on k8s"),
        ("scikit-learn", "Built baselines in sklearn"),
        ("scikit-learn", "Scikit Learn pipelines"),
        ("PyTorch", "Trained models in torch"),
        ("LLM", "Evaluated large language models"),
        ("LLM", "Shipped LLMs to support agents"),
        ("GCP", "Ran training jobs on Google Cloud"),
        ("A/B testing", "Owned the experimentation platform"),
        ("A/B testing", "Ran AB tests on pricing"),
        ("fine-tuning", "Finetuning of encoders"),
        ("C++", "Wrote the kernel in C++, then Python"),
        ("R", "Analysis in Python, R and SQL"),
        ("Weights & Biases", "Tracked runs in wandb"),
    ],
)
def test_synonyms_and_abbreviations_match(name: str, text: str) -> None:
    assert kw.find(kw.lookup(name), text)


@pytest.mark.parametrize(
    ("name", "text"),
    [("R", "Led R&D for search"), ("R", "ran the r package"), ("TensorFlow", "Ranked with tf-idf features"),
     ("CI/CD", "a 95% CI around the lift"), ("Java", "JavaScript front end"), ("SQL", "NoSQL stores")],
)
def test_near_misses_do_not_match(name: str, text: str) -> None:
    assert kw.find(kw.lookup(name), text) is None


def test_role_keywords_group_alternatives_and_split_with(bank: Bank) -> None:
    analyst = {k.name: k for k in kw.role_keywords(bank.role("data-analyst"))}
    assert "Excel or Google Sheets" in analyst and {"Python", "pandas"} <= set(analyst)
    assert any(t.name == "window functions" for k in analyst.values() for t in k.terms)  # from the skills text
    mle = {k.name for k in kw.role_keywords(bank.role("ml-engineer"))}
    assert {"Kubeflow", "Kubernetes", "GCP Vertex AI"} <= mle


def test_job_description_keywords_and_spelling_tip(bank: Bank, index: SearchIndex) -> None:
    jd = "You know Kubernetes, sklearn, Terraform and large language models, and you run A/B tests."
    report = run(bank, index, SAMPLE_MD.read_bytes(), "cv.md", role_id="ml-engineer", job_description=jd)
    assert report.jd_coverage is not None
    by_name = {k.name: k for k in report.jd_coverage.keywords}
    assert by_name["Kubernetes"].found and by_name["Kubernetes"].source == "both"
    assert by_name["scikit-learn"].found and by_name["scikit-learn"].spelled == "scikit-learn"
    assert not by_name["Terraform"].found and not by_name["LLM"].found and not by_name["A/B testing"].found
    assert any("says 'sklearn' where you wrote 'scikit-learn'" in t for t in report.tips)


def test_every_missing_keyword_is_listed_with_bank_items(bank: Bank, index: SearchIndex) -> None:
    report = run(bank, index, SAMPLE_MD.read_bytes(), "cv.md", role_id="ml-engineer")
    missing = report.role_coverage.missing
    assert {"TensorFlow", "Spark", "FastAPI"} <= {k.name for k in missing}
    assert len(report.role_coverage.found) + len(missing) == len(kw.role_keywords(bank.role("ml-engineer")))
    for k in missing:
        assert k.items, f"no bank item teaches {k.name}"
        assert all(i.id in bank.items for i in k.items)
    spark = next(k for k in missing if k.name == "Spark")
    assert any("spark" in i.id for i in spark.items)


def test_role_is_guessed_when_not_given_and_unknown_role_is_refused(bank: Bank, index: SearchIndex) -> None:
    report = run(bank, index, sample_pdf(), "a.pdf")
    assert report.role_guessed and report.role_id == "data-scientist"
    with pytest.raises(BadRequest) as err:
        run(bank, index, sample_pdf(), "a.pdf", role_id="astronaut")
    assert err.value.field == "role"


# --- bullet rules --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bullet",
    [
        "Reduced p99 latency from 300 ms to 80 ms by batching requests on the GPU",
        "Led 5 engineers to migrate 120 pipelines onto Airflow using a shared operator library",
        "Saved $250K a year by moving nightly scoring jobs to spot instances",
        "Sped up feature generation 4x through vectorised pandas code",
        "Built a churn model with AUC 0.86 using gradient boosting on usage logs",
    ],
)
def test_strong_bullets(bullet: str) -> None:
    verdict = rules.check_bullet(bullet)
    assert verdict.strong and verdict.score == 1.0, verdict.problems


@pytest.mark.parametrize(
    ("bullet", "problem"),
    [
        ("Responsible for the data warehouse and nightly loads of 30 tables", "names a duty"),
        ("Improved recommendations quality using embeddings", "no measurable result"),
        ("Increased click-through rate on the home feed 8% last year", "does not say how"),
        ("The model pipeline that served 2M users using Kafka", "action verb"),
        ("Shipped 3 models", "too short"),
        ("I reduced costs 20% by tuning my autoscaling rules", "pronouns"),
        (" ".join(["Built"] + ["many"] * 36 + ["in 3 weeks using Python"]), "keep a bullet under"),
    ],
)
def test_weak_bullets_say_what_is_missing(bullet: str, problem: str) -> None:
    verdict = rules.check_bullet(bullet)
    assert not verdict.strong and any(problem in p for p in verdict.problems), verdict.problems
    assert verdict.score < 1.0


def test_metrics_ignore_years_versions_and_measures_are_not_methods() -> None:
    assert rules.find_metrics("Worked at Acme from 2019 on Python 3 and k8s") == ()
    assert rules.find_metrics("Cut cost by 35% and sped up 2.5x, saving €10k") == ("35%", "2.5x", "€10k")
    assert rules.method_phrase("Cut cost by 35%") is None
    assert rules.method_phrase("Cut cost 35% by rewriting the joins") == "by rewriting the joins"
    assert [rules.verb_base(w) for w in ("Led", "built", "optimised", "Simplified", "planned", "cooks")] == [
        "lead", "build", "optimise", "simplify", "plan", None]


# --- the score -----------------------------------------------------------------------------------------------


def test_score_parts_add_up_and_are_explained(bank: Bank, index: SearchIndex) -> None:
    report = run(bank, index, SAMPLE_MD.read_bytes(), "cv.md", role_id="ml-engineer")
    parts = {p.name: p for p in report.score.parts}
    assert sum(p.weight for p in parts.values()) == 100 == sum(rules.WEIGHTS.values())
    assert report.score.total == round(sum(p.weight * p.fraction for p in parts.values()))
    assert 0 <= report.score.total <= 100 and all(0 <= p.fraction <= 1 and p.detail for p in parts.values())
    assert parts["sections"].fraction == 1.0 and parts["contact"].fraction == 1.0
    data = json.loads(json.dumps(report.to_dict()))
    assert data["score"]["total"] == report.score.total and data["bullets"]["weak"]
    assert set(data) >= {"file", "role", "score", "contact", "sections", "skills", "keywords", "bullets", "tips"}


def test_a_bare_resume_scores_low_and_says_why(bank: Bank, index: SearchIndex) -> None:
    bare = "Sam Doe\nI am a hard worker.\nWORK\nHelped with reports\nWorked on data things for the team\n"
    report = run(bank, index, bare.encode(), "cv.txt", role_id="data-analyst")
    good = run(bank, index, sample_text().encode(), "cv.txt", role_id="data-analyst")
    assert report.score.total < 25 < good.score.total
    assert set(report.missing_required) == {"experience", "education", "skills"}
    assert any("email address" in t for t in report.tips)
    assert any("Add a section headed 'Education'" in t for t in report.tips)


def test_score_rules() -> None:
    assert rules.length_fraction(150, 1) == 0.5
    assert rules.length_fraction(600, 2) == 1.0
    assert rules.length_fraction(1400, None) == 0.5
    assert rules.length_fraction(600, 3) == 0.5
    assert rules.section_fraction(["experience", "education", "skills", "summary", "projects"], "ml-engineer") == 1
    assert rules.section_fraction(["experience", "education", "skills"], "research-scientist") == 9 / 12
    assert rules.coverage_fraction(8, 10) == 1.0 and rules.coverage_fraction(4, 10) == 0.5
    assert rules.contact_fraction(email=True, phone=False, links=True) == 0.75


def test_bullet_glyphs_from_word_and_latex_pdfs_are_recognised() -> None:
    text = "EXPERIENCE\n\uf0b7 Cut costs 20% by caching features\n∙ Led 3 engineers using weekly design reviews\n"
    assert [b.text for b in parse(text).bullets] == [
        "Cut costs 20% by caching features", "Led 3 engineers using weekly design reviews"]


def test_tools_the_table_does_not_know_are_still_checked(bank: Bank, index: SearchIndex) -> None:
    jd = (
        "You have shipped models with ONNX Runtime and know Evidently, Fivetran and Airflow; a plus: LangGraph "
        "or Node.js. Offices in London, Paris and Berlin. We offer PTO and a 401k."
    )
    assert [t.name for t in kw.unlisted_tools(jd)] == ["LangGraph", "Node.js", "Fivetran"]
    report = run(bank, index, SAMPLE_MD.read_bytes(), "cv.md", role_id="ml-engineer", job_description=jd)
    assert report.jd_coverage is not None
    by_name = {k.name: k for k in report.jd_coverage.keywords}
    assert {"LangGraph", "Node.js", "Fivetran"} <= {k.name for k in report.jd_coverage.missing}
    assert by_name["Evidently"].found and by_name["Airflow"].found
    assert not {"London", "Paris", "Berlin", "PTO", "401k", "We"} & set(by_name)
