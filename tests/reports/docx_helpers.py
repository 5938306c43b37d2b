"""Reading a .docx back as text, and converting it to PDF with LibreOffice (headless).

Kept out of ``conftest.py`` so that test modules can import it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

SOFFICE = shutil.which("soffice")
CONVERSION_TIMEOUT = 600  # seconds; a guard against a hung LibreOffice, not a measurement
VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"


def body_lines(data: bytes) -> list[str]:
    """The text of every paragraph of the body (table cells included), in order, stripped."""
    body = Document(io.BytesIO(data)).element.body
    lines = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return [line.strip() for line in lines if line.strip()]


def header_texts(data: bytes) -> list[str]:
    """The text of the first page's header and of the other pages' header."""
    section = Document(io.BytesIO(data)).sections[0]
    return [
        " ".join(p.text for p in header.paragraphs)
        for header in (section.first_page_header, section.header)
    ]


def watermarks(data: bytes) -> list[str]:
    """The text of every watermark shape in the headers."""
    section = Document(io.BytesIO(data)).sections[0]
    return [
        shape.get("string", "")
        for header in (section.first_page_header, section.header)
        for shape in header._element.iter(VML_TEXTPATH)
        if shape.get("string")  # the shape type declares a text path too, without text
    ]


def to_pdf(files: list[Path], out: Path, profile: Path) -> list[Path]:
    """Open each .docx in LibreOffice Writer and save it as PDF into ``out`` (one run)."""
    assert SOFFICE is not None
    command = [
        SOFFICE,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERSION_TIMEOUT)
    converted = [out / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in converted if not p.is_file()]
    assert done.returncode == 0 and not missing, (done.returncode, missing, done.stderr)
    return converted
