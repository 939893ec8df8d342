"""The resume check use case: file -> text -> sections, keywords, bullets -> a scored report.

Everything happens in memory; nothing is stored and nothing leaves the machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mlcoach.content.loader import Bank
from mlcoach.content.search import Query, SearchIndex
from mlcoach.domain import resume as rules
from mlcoach.domain.errors import BadRequest
from mlcoach.domain.profiles import RoleProfile
from mlcoach.services.resume.extract import MAX_BYTES, Extracted, extract
from mlcoach.services.resume.keywords import Keyword, Term, find, jd_keywords, role_keywords
from mlcoach.services.resume.parse import Contact, ParsedResume, parse

LINKS_PER_KEYWORD = 3
WORDS_PER_PAGE = 500  # to estimate pages when the file does not say


@dataclass(frozen=True)
class ItemLink:
    id: str
    title: str
    kind: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "kind": self.kind}


@dataclass(frozen=True)
class KeywordResult:
    name: str
    source: str
    found: bool
    spelled: str = ""  # the words of the resume that matched
    jd_spelled: str = ""  # how the job description wrote it
    items: tuple[ItemLink, ...] = ()  # bank items that teach a missing keyword

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source, "found": self.found, "spelled": self.spelled,
                "jd_spelled": self.jd_spelled, "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True)
class Coverage:
    label: str
    keywords: tuple[KeywordResult, ...]

    @property
    def found(self) -> list[KeywordResult]:
        return [k for k in self.keywords if k.found]

    @property
    def missing(self) -> list[KeywordResult]:
        return [k for k in self.keywords if not k.found]

    @property
    def percent(self) -> int:
        return round(100 * len(self.found) / len(self.keywords)) if self.keywords else 100

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "found": len(self.found), "total": len(self.keywords), "percent": self.percent,
                "keywords": [k.to_dict() for k in self.keywords], "missing": [k.name for k in self.missing]}


@dataclass(frozen=True)
class ResumeReport:
    filename: str
    format: str
    pages: int | None
    estimated_pages: int
    words: int
    role_id: str
    role_name: str
    role_guessed: bool  # no role was given: the closest profile was chosen
    contact: Contact
    headings: tuple[tuple[str, str], ...]
    sections: tuple[str, ...]
    missing_required: tuple[str, ...]
    missing_recommended: tuple[str, ...]
    skills: tuple[str, ...]
    bullets: tuple[rules.BulletVerdict, ...]
    role_coverage: Coverage
    jd_coverage: Coverage | None
    score: rules.Score
    tips: tuple[str, ...] = field(default=())

    @property
    def weak_bullets(self) -> list[rules.BulletVerdict]:
        return [b for b in self.bullets if not b.strong]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": {"name": self.filename, "format": self.format, "pages": self.pages,
                     "estimated_pages": self.estimated_pages, "words": self.words},
            "role": {"id": self.role_id, "name": self.role_name, "guessed": self.role_guessed},
            "score": self.score.to_dict(),
            "contact": self.contact.to_dict(),
            "sections": {"found": list(self.sections), "headings": [list(h) for h in self.headings],
                         "missing_required": list(self.missing_required),
                         "missing_recommended": list(self.missing_recommended)},
            "skills": list(self.skills),
            "keywords": {"role": self.role_coverage.to_dict(),
                         "job_description": self.jd_coverage.to_dict() if self.jd_coverage else None},
            "bullets": {"total": len(self.bullets), "strong": len(self.bullets) - len(self.weak_bullets),
                        "all": [b.to_dict() for b in self.bullets],
                        "weak": [b.to_dict() for b in self.weak_bullets]},
            "tips": list(self.tips),
        }


def check_resume(
    data: bytes,
    filename: str,
    *,
    bank: Bank,
    index: SearchIndex,
    role_id: str = "",
    job_description: str = "",
    max_bytes: int = MAX_BYTES,
) -> ResumeReport:
    """Check a resume file against a role profile (the closest one when none is given) and a job description."""
    return analyse(extract(data, filename, max_bytes=max_bytes), bank=bank, index=index, role_id=role_id,
                   job_description=job_description)


def analyse(
    doc: Extracted, *, bank: Bank, index: SearchIndex, role_id: str = "", job_description: str = ""
) -> ResumeReport:
    parsed = parse(doc.text)
    role, guessed = _choose_role(bank, parsed, role_id)
    role_kw = role_keywords(role) if role else []
    role_cov = _coverage(f"{role.name} profile" if role else "role profile", role_kw, parsed, index, role_id=role.id
                         if role else "", jd="")
    jd_cov = None
    if job_description.strip():
        jd_cov = _coverage("job description", jd_keywords(job_description, role_kw), parsed, index,
                           role_id=role.id if role else "", jd=job_description)
    verdicts = tuple(rules.check_bullet(b.text, b.section) for b in parsed.bullets)
    found = tuple(s for s in parsed.sections if s not in ("header", "other"))
    required, recommended = rules.expected_sections(role.id if role else "")
    missing_required = tuple(s for s in required if s not in found)
    missing_recommended = tuple(s for s in recommended if s not in found)
    c = parsed.contact
    parts = (
        _keyword_part(role_cov, jd_cov),
        rules.ScorePart("bullets", rules.WEIGHTS["bullets"], rules.bullets_fraction(verdicts),
                        f"{len(verdicts)} bullets, {sum(v.strong for v in verdicts)} strong; a bullet earns 35% for "
                        "an action verb, 40% for a measurable result and 25% for saying how, less 10% per style "
                        "problem"),
        rules.ScorePart("sections", rules.WEIGHTS["sections"], rules.section_fraction(found, role.id if role else ""),
                        "required: " + ", ".join(required) + "; recommended: " + ", ".join(recommended)
                        + (f"; missing: {', '.join(missing_required + missing_recommended)}"
                           if missing_required or missing_recommended else "; all present")),
        rules.ScorePart("contact", rules.WEIGHTS["contact"],
                        rules.contact_fraction(email=bool(c.email), phone=bool(c.phone), links=bool(c.links)),
                        "email 50%, phone 25%, a link (LinkedIn, GitHub, site) 25%"),
        rules.ScorePart("length", rules.WEIGHTS["length"], rules.length_fraction(parsed.words, doc.pages),
                        f"{parsed.words} words; full marks for {rules.IDEAL_WORDS[0]}-{rules.IDEAL_WORDS[1]} words "
                        f"on at most {rules.MAX_PAGES} pages"),
    )
    estimated = max(1, -(-parsed.words // WORDS_PER_PAGE))
    report = ResumeReport(
        filename=doc.filename, format=doc.format.value, pages=doc.pages, estimated_pages=estimated,
        words=parsed.words, role_id=role.id if role else "", role_name=role.name if role else "",
        role_guessed=guessed, contact=c, headings=tuple(parsed.headings), sections=found,
        missing_required=missing_required, missing_recommended=missing_recommended, skills=tuple(parsed.skills),
        bullets=verdicts, role_coverage=role_cov, jd_coverage=jd_cov, score=rules.Score(parts),
    )
    return _with_tips(report)


def _choose_role(bank: Bank, parsed: ParsedResume, role_id: str) -> tuple[RoleProfile | None, bool]:
    if role_id:
        if role_id not in bank.roles:
            known = ", ".join(sorted(bank.roles))
            raise BadRequest(f"unknown role '{role_id}'; choose one of: {known}", field="role")
        return bank.roles[role_id], False
    if not bank.roles:
        return None, False
    text = "\n".join(parsed.lines)

    def share(role: RoleProfile) -> float:
        kws = role_keywords(role)
        return sum(1 for k in kws if any(find(t, text) for t in k.terms)) / max(1, len(kws))

    return max(sorted(bank.roles.values(), key=lambda r: r.id), key=share), True


def _coverage(label: str, keywords: list[Keyword], parsed: ParsedResume, index: SearchIndex, *, role_id: str,
              jd: str) -> Coverage:
    text = "\n".join(parsed.lines)
    results = []
    for kw in keywords:
        spelled = next((s for s in (find(t, text) for t in kw.terms) if s), "")
        jd_spelled = next((s for s in (find(t, jd) for t in kw.terms) if s), "") if jd else ""
        items = () if spelled else teaching_items(index, kw.terms, role_id)
        results.append(KeywordResult(kw.name, kw.source, bool(spelled), spelled, jd_spelled, items))
    return Coverage(label, tuple(results))


def teaching_items(index: SearchIndex, terms: tuple[Term, ...], role_id: str) -> tuple[ItemLink, ...]:
    """Bank items that teach a keyword: a full-text search, for the role first, then its topic."""
    found: dict[str, ItemLink] = {}
    for term in terms:
        text = " ".join(w for w in (term.query or term.name).replace("/", " ").split() if len(w.strip("+#.")) > 1)
        hits = (index.search(Query(text=text, role=role_id), limit=10) or index.search(Query(text=text), limit=10)
                if text else [])
        hits.sort(key=lambda item: term.topic not in item.topics)  # stable: relevance within the topic first
        if not hits and term.topic:
            hits = index.search(Query(topic=term.topic, role=role_id)) or index.search(Query(topic=term.topic))
        for item in hits[:LINKS_PER_KEYWORD]:
            found.setdefault(item.id, ItemLink(item.id, item.title, item.kind.value))
    return tuple(found.values())[:LINKS_PER_KEYWORD]


def _keyword_part(role: Coverage, jd: Coverage | None) -> rules.ScorePart:
    role_frac = rules.coverage_fraction(len(role.found), len(role.keywords))
    detail = f"{len(role.found)} of {len(role.keywords)} role keywords ({role.percent}%)"
    fraction = role_frac
    if jd is not None:
        fraction = (role_frac + rules.coverage_fraction(len(jd.found), len(jd.keywords))) / 2
        detail += f"; {len(jd.found)} of {len(jd.keywords)} job-description keywords ({jd.percent}%), weighed equally"
    detail += f"; full marks at {round(rules.KEYWORD_TARGET * 100)}% coverage"
    return rules.ScorePart("keywords", rules.WEIGHTS["keywords"], fraction, detail)


def _with_tips(report: ResumeReport) -> ResumeReport:
    tips: list[str] = []
    c = report.contact
    if not c.email:
        tips.append("Put an email address in the contact line at the top; a recruiter cannot reply without one.")
    if not c.links:
        tips.append("Link your LinkedIn and GitHub profiles; for ML roles, pin three or four tidy repositories "
                    "with a README, tests and a diagram.")
    for name in report.missing_required:
        tips.append(f"Add a section headed '{name.capitalize()}': ATS software files what it finds under standard "
                    "headings.")
    if report.jd_coverage:
        for k in report.jd_coverage.found:
            if k.jd_spelled and k.spelled.lower() != k.jd_spelled.lower():
                tips.append(f"The job description says '{k.jd_spelled}' where you wrote '{k.spelled}': use its "
                            "wording too, since some ATS software matches words literally.")
        if report.jd_coverage.missing:
            names = ", ".join(k.name for k in report.jd_coverage.missing[:8])
            tips.append(f"The job description asks for {names}: mention each one you have really used.")
    weak = report.weak_bullets
    if weak:
        tips.append(f"Rewrite {len(weak)} weak bullet(s) as 'accomplished X, measured by Y, by doing Z': start with "
                    "a verb, give the number that moved and say how you moved it.")
    pages = report.pages or report.estimated_pages
    if pages > rules.MAX_PAGES:
        tips.append(f"At {pages} pages the resume is long: recruiters skim a page in seconds, so keep one page "
                    "early in a career and two at most.")
    if report.words < rules.IDEAL_WORDS[0]:
        tips.append("The resume is short: add projects or results with numbers.")
    return replace(report, tips=tuple(tips))
