"""Split resume text into sections, the contact line, skills and bullets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION_TITLES: dict[str, tuple[str, ...]] = {
    "summary": ("summary", "professional summary", "profile", "professional profile", "about", "about me",
                "objective", "career objective", "overview", "career summary"),
    "experience": ("experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "relevant experience",
                   "industry experience", "research experience", "internships", "internship experience"),
    "education": ("education", "academic background", "academics", "education and training", "qualifications",
                  "academic qualifications"),
    "skills": ("skills", "technical skills", "core skills", "key skills", "skills and tools", "tools",
               "technologies", "tech stack", "core competencies", "competencies", "expertise",
               "skills & tools", "tools & technologies", "tools and technologies"),
    "projects": ("projects", "selected projects", "personal projects", "side projects", "key projects",
                 "academic projects", "open source", "open-source", "portfolio"),
    "publications": ("publications", "papers", "selected publications", "research", "patents",
                     "publications and talks", "talks"),
    "certifications": ("certifications", "certificates", "licenses", "licenses & certifications",
                       "licenses and certifications", "courses", "training"),
    "awards": ("awards", "honors", "honours", "achievements", "awards and honors", "awards & honors",
               "competitions", "scholarships"),
    "leadership": ("leadership", "volunteering", "volunteer experience", "activities", "extracurricular",
                   "leadership and activities", "community"),
    "languages": ("languages", "spoken languages"),
    "interests": ("interests", "hobbies"),
}
_TITLE_TO_SECTION = {t: name for name, titles in SECTION_TITLES.items() for t in titles}
BULLET_SECTIONS = ("experience", "projects", "leadership", "other")

# markers as editors and PDF text extraction give them (\uf0b7 and \uf0a7 are Word's Symbol and Wingdings bullets)
_BULLET = re.compile(r"^\s*(?:[-*+•▪◦‣·∙●○■□❖✦➢➤►»✓✔\uf0b7\uf0a7\uf0d8]|o(?=\s)|\d{1,2}[.)](?=\s))\s*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{7,}\d(?!\w)")
LINK = re.compile(
    r"(?:https?://|www\.)[^\s|,;()<>]+|\b(?:linkedin\.com|github\.com|gitlab\.com|kaggle\.com|huggingface\.co"
    r"|scholar\.google\.com|medium\.com)/[^\s|,;()<>]+",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(r"(?:19|20)\d\d\s*[-/–]\s*(?:(?:19|20)\d\d|present|now)", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""
    links: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "email": self.email, "phone": self.phone, "links": list(self.links)}


@dataclass(frozen=True)
class Bullet:
    text: str
    section: str


@dataclass
class ParsedResume:
    lines: list[str]
    sections: dict[str, list[str]] = field(default_factory=dict)  # section -> its lines, in order found
    headings: list[tuple[str, str]] = field(default_factory=list)  # (title as written, section)
    contact: Contact = field(default_factory=Contact)
    skills: list[str] = field(default_factory=list)
    bullets: list[Bullet] = field(default_factory=list)
    words: int = 0


def heading_of(line: str) -> str | None:
    """The section a line heads, or "other" for an unknown all-caps heading, or None for body text."""
    raw = line.strip().strip("#").strip()
    title = re.sub(r"[\s:|_=*-]+$", "", raw).strip()
    key = re.sub(r"\s+", " ", title.lower())
    if not key or len(key.split()) > 5 or (_BULLET.match(line) and not line.lstrip().startswith("#")):
        return None
    if key in _TITLE_TO_SECTION:
        return _TITLE_TO_SECTION[key]
    letters = [c for c in title if c.isalpha()]
    if len(letters) >= 4 and title.upper() == title and not EMAIL.search(title) and not re.search(r"\d", title):
        return "other"
    return None


def parse(text: str) -> ParsedResume:
    lines = [line for line in text.split("\n")]
    parsed = ParsedResume(lines=lines, words=len(re.findall(r"[A-Za-z0-9][\w'+#./-]*", text)))
    current = "header"
    for line in lines:
        if not line.strip():
            continue
        section = heading_of(line) if current == "header" or len(line) < 60 else None
        if section == "other" and (current in BULLET_SECTIONS or (current == "header" and _looks_like_name(line))):
            section = None  # an employer's name in capitals, or the candidate's name
        if section is not None:
            current = section
            parsed.headings.append((line.strip().strip("#").strip(), section))
            parsed.sections.setdefault(section, [])
            continue
        parsed.sections.setdefault(current, []).append(line)
    parsed.contact = _contact(parsed.sections.get("header", []), text)
    parsed.skills = _skills(parsed.sections.get("skills", []))
    for name in BULLET_SECTIONS:
        parsed.bullets += [Bullet(b, name) for b in _bullets(parsed.sections.get(name, []))]
    header = parsed.sections.get("header", [])
    if any(_BULLET.match(line) for line in header):  # bullets before any heading we know
        parsed.bullets[:0] = [Bullet(b, "header") for b in _bullets(header)]
    return parsed


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isalpha() for w in words)


def _contact(header: list[str], text: str) -> Contact:
    head = "\n".join(header[:12]) or "\n".join(text.split("\n")[:12])
    email = EMAIL.search(text)
    phone = ""
    for m in PHONE.finditer(head):
        digits = re.sub(r"\D", "", m.group(0))
        if 9 <= len(digits) <= 15 and not _DATE_LIKE.search(m.group(0)):
            phone = m.group(0).strip()
            break
    links = tuple(dict.fromkeys(m.group(0).rstrip(".") for m in LINK.finditer(text) if "@" not in m.group(0)))
    name = ""
    for line in header[:3]:
        clean = line.strip().strip("#").strip()
        if clean and not EMAIL.search(clean) and not PHONE.search(clean) and len(clean.split()) <= 5:
            name = clean
            break
    return Contact(name=name, email=email.group(0) if email else "", phone=phone, links=links[:8])


def _skills(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        body = _BULLET.sub("", line)
        label, sep, rest = body.partition(":")
        if sep and len(label.split()) <= 4:
            body = rest
        for part in re.split(r"[,;|•·]|\s{2,}", body):
            skill = part.strip(" .()")
            if skill and len(skill) <= 40:
                out.append(skill)
    return list(dict.fromkeys(out))


def _bullets(lines: list[str]) -> list[str]:
    """Bullet lines, with wrapped continuation lines joined back; without markers, sentence-like lines."""
    marked = any(_BULLET.match(line) for line in lines)
    out: list[str] = []
    for line in lines:
        text = line.strip()
        if marked:
            if _BULLET.match(text):
                out.append(_BULLET.sub("", text))
            elif out and _continues(out[-1], text):
                out[-1] = f"{out[-1]} {text}"
            continue
        if out and _continues(out[-1], text):
            out[-1] = f"{out[-1]} {text}"
        elif len(text.split()) >= 6 and not _DATE_LIKE.search(text) and text[:1].isupper():
            out.append(text)
    return [b for b in out if b]


def _continues(previous: str, line: str) -> bool:
    return bool(line) and (line[0].islower() or line[0] in "(&%$") and not previous.endswith((".", "!", "?"))
