"""Read a resume file into plain text, in memory: PDF, DOCX, plain text or Markdown.

The type is decided by the file's content (its magic bytes), and a known extension must agree with it.
Every failure is a `BadRequest` on the field "file" whose message says what to do next.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from mlcoach.domain.errors import BadRequest

MAX_BYTES = 2 * 1024 * 1024
MAX_PAGES = 30  # pages read from a PDF; a resume has one or two
MAX_UNZIPPED = 30 * 1024 * 1024  # a DOCX that inflates beyond this is refused (zip bombs)
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "markdown",
              ".markdown": "markdown"}
FIELD = "file"


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class Extracted:
    text: str
    format: Format
    pages: int | None  # known for PDF, and for DOCX when the editor recorded it
    filename: str


def megabytes(size: int) -> str:
    """A size for people: '2 MB', '0.9 MB'."""
    return f"{size / 1_048_576:.1f}".removesuffix(".0") + " MB"


def _bad(message: str) -> BadRequest:
    return BadRequest(message, field=FIELD)


_IMAGES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
           (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"RIFF", "a WebP image"))


def sniff(data: bytes) -> Format:
    """The format of a file from its first bytes; a clear error for everything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return Format.PDF
    if data.startswith(b"PK\x03\x04"):
        return Format.DOCX
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _bad("this Word document is password-protected: save a copy without a password and upload that")
        raise _bad("this is an old Word .doc file: save it as .docx or PDF and upload that")
    for magic, what in _IMAGES:
        if data.startswith(magic):
            raise _bad(f"this is {what}; ATS software cannot read pictures either: upload a PDF with text, "
                       "a DOCX, or a .txt/.md file")
    if head.lstrip().startswith(b"{\\rtf"):
        raise _bad("RTF is not supported: save the resume as PDF or DOCX")
    return Format.TEXT


def extract(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> Extracted:
    """Text of a resume file; raises BadRequest for a too large, empty, unreadable or mislabelled file."""
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if len(data) > max_bytes:
        raise _bad(f"the file is {megabytes(len(data))}; the limit is {megabytes(max_bytes)}")
    if not data.strip():
        raise _bad("the file is empty")
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext and ext not in EXTENSIONS:
        raise _bad(f"'{ext}' files are not supported: upload PDF, DOCX, TXT or Markdown")
    fmt = sniff(data)
    pages: int | None
    claimed = EXTENSIONS.get(ext)
    if claimed in ("pdf", "docx") and claimed != fmt.value:
        raise _bad(f"the file is named {ext} but its content is not a {claimed.upper()} file")
    if claimed in ("text", "markdown") and fmt is not Format.TEXT:
        raise _bad(f"the file is named {ext} but its content is a {fmt.value.upper()} file: rename it")
    if fmt is Format.PDF:
        text, pages = _pdf(data)
    elif fmt is Format.DOCX:
        text, pages = _docx(data)
    else:
        text, pages = _text(data), None
        if claimed == "markdown" or (claimed is None and re.search(r"(?m)^#{1,3} \S", text)):
            fmt, text = Format.MARKDOWN, _markdown(text)
    text = _tidy(text)
    if len(re.findall(r"\w+", text)) < 5:
        raise _bad("the file holds almost no text: is it the right file?")
    return Extracted(text=text, format=fmt, pages=pages, filename=name)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[\u2010-\u2013]", "-", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def _text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _bad("the text file is not valid UTF-16") from None
    if b"\x00" in data[:4096]:
        raise _bad("this is a binary file, not text: upload PDF, DOCX, TXT or Markdown")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _bad("the text file is neither UTF-8 nor Windows-1252: save it as UTF-8") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) / 100:
        raise _bad("this looks like a binary file, not text: upload PDF, DOCX, TXT or Markdown")
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        raise _bad("HTML is not supported: save the resume as PDF, DOCX, TXT or Markdown")
    return text


def _markdown(text: str) -> str:
    """Markdown to plain lines: headings and bullets stay recognisable, emphasis and link syntax go."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 (\2)", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)
    return re.sub(r"(?m)^\s*[-*+]\s+", "• ", text)


def _pdf(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError):
                opened = False
            if not opened:
                raise _bad("this PDF is password-protected: save or print it to a PDF without a password")
        pages = len(reader.pages)
        texts = [(page.extract_text() or "") for page in reader.pages[:MAX_PAGES]]
        has_images = any(_has_images(page) for page in reader.pages[:MAX_PAGES])
    except BadRequest:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise _bad(f"could not read this PDF (it may be damaged): {exc}") from None
    text = "\n".join(texts)
    if len(re.findall(r"\w+", text)) < 5:
        if has_images:
            raise _bad("this PDF holds only images (a scan or an export as pictures), so ATS software cannot "
                       "read it either: export it again as a text PDF from your editor, or upload DOCX or TXT")
        raise _bad("this PDF has no text to read: export it again from your editor, or upload DOCX or TXT")
    return text, pages


def _has_images(page: object) -> bool:
    try:
        resources = page["/Resources"]  # type: ignore[index]
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return False
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    except (KeyError, AttributeError, TypeError):
        return False


def _docx(data: bytes) -> tuple[str, int | None]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise _bad("this is a ZIP archive but not a Word document: upload PDF, DOCX, TXT or Markdown")
        if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED:
            raise _bad("this Word document unpacks to more than 30 MB: save it again without embedded media")
        app = archive.read("docProps/app.xml").decode("utf-8", "replace") if "docProps/app.xml" in names else ""
    except zipfile.BadZipFile:
        raise _bad("could not read this Word document (it may be damaged)") from None
    pages_match = re.search(r"<Pages>(\d+)</Pages>", app)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except BadRequest:
        raise
    except Exception as exc:  # python-docx raises lxml, KeyError and ValueError subclasses on broken parts
        raise _bad(f"could not read this Word document (it may be damaged): {exc}") from None
    pages = int(pages_match.group(1)) if pages_match and int(pages_match.group(1)) > 0 else None
    return "\n".join(lines), pages


def _docx_lines(document: object) -> list[str]:
    """Header text, then body paragraphs and table cells in document order; list items get a bullet."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def para(p: Paragraph) -> str:
        style = (p.style.name if p.style is not None else "") or ""
        listed = "List" in style or (p._p.pPr is not None and p._p.pPr.numPr is not None)
        return ("• " if listed and p.text.strip() else "") + p.text

    lines: list[str] = []
    for section in document.sections:  # type: ignore[attr-defined]
        lines += [para(p) for p in section.header.paragraphs if p.text.strip()]
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(para(Paragraph(child, document)))  # type: ignore[arg-type]
        elif tag == "tbl":
            for row in Table(child, document).rows:  # type: ignore[arg-type]
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines += [para(p) for p in cell.paragraphs]
    return lines
