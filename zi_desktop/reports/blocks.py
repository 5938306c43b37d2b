"""The LHE's content as plain blocks, the one model both the PDF and the .docx are made from.

:mod:`.lhe` turns a :class:`~.model.ReportData` into a list of these blocks: every word and
every number is formatted once, here, and the two writers (:mod:`.pdf_blocks` for reportlab,
:mod:`.docx_document` for python-docx) only lay them out. So the two formats cannot disagree
on a total or a verdict.

* :class:`Heading` — level 1 is a chapter (``I. PENDAHULUAN``), 2 a section, 3 a sub-heading;
* :class:`Para` — a paragraph of :class:`Span` runs (bold, or a tone: pass, fail, draft, muted);
* :class:`Numbered` — a numbered list;
* :class:`Table` — a header and rows of plain text cells; a ``section`` row spans the table, a
  ``total`` row is bold under a rule; ``key_value`` tables have a label column and no header;
* :class:`LetterHead`, :class:`LetterMeta`, :class:`Signatures` — the parts of a letter;
* :class:`Chart` — the area chart, drawn in the PDF; the .docx shows its numbers as a table;
* :class:`PageBreak` and :class:`KeepRoom` — where pages break (``KeepRoom``: start a new page
  unless this much room is left; Word keeps a heading with what follows by itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TONES = ("", "pass", "fail", "draft", "muted")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    tone: str = ""


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    style: str = "body"  # body | note | center | title | subtitle | verdict

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def para(text: str, style: str = "body", bold: bool = False, tone: str = "") -> Para:
    """A paragraph of one run."""
    return Para((Span(text, bold, tone),), style)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Numbered:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: str = ""  # "" | section | total


@dataclass(frozen=True)
class Table:
    """Columns of relative ``widths`` aligned ``l``, ``r`` or ``c`` (``align``, one per column)."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]
    align: str = ""  # e.g. "lrrrrr"; missing columns are left-aligned
    key_value: bool = False
    keep_together: bool = False

    def alignment(self, column: int) -> str:
        return self.align[column] if column < len(self.align) else "l"


@dataclass(frozen=True)
class LetterHead:
    """The kop surat."""

    instansi: str
    office: str
    address: str
    logo: bytes = b""


@dataclass(frozen=True)
class LetterMeta:
    """Nomor, lampiran and hal beside the place and date, then the addressee."""

    fields: tuple[tuple[str, str], ...]  # (label, value)
    dated: str
    addressee: tuple[str, ...]  # lines: "Yth. …", "di Tempat"


@dataclass(frozen=True)
class SignBox:
    step: str  # "Disusun oleh," …
    role: str  # the team role
    name: str  # empty: a dotted line to fill in by hand
    nip: str  # printed, e.g. "NIP 19870315 201012 2 001", or ""
    signed: str  # "Tanggal: 23 November 2026" or a dotted line


@dataclass(frozen=True)
class Signatures:
    intro: str
    dated: str
    boxes: tuple[SignBox, ...]


@dataclass(frozen=True)
class Chart:
    """The area chart; ``table`` holds its numbers (the .docx shows them as a table)."""

    table: Table


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class KeepRoom:
    mm: float


Block = (
    Heading
    | Para
    | Numbered
    | Table
    | LetterHead
    | LetterMeta
    | Signatures
    | Chart
    | PageBreak
    | KeepRoom
)


@dataclass(frozen=True)
class Decor:
    """What every page carries: header, footer, and the draft mark (empty when final)."""

    header_template: str  # "LHE Zona Integritas — {unit} ({code})" in the report's language
    unit_name: str
    unit_code: str
    right_header: str
    fingerprint: str
    page_of: str  # "Page {page} of {pages}" in the report's language
    draft: str = ""

    @property
    def left_header(self) -> str:
        return self.header_template.format(unit=self.unit_name, code=self.unit_code)


@dataclass(frozen=True)
class Lhe:
    """The whole LHE: its blocks in order, what every page carries, the document's title."""

    blocks: tuple[Block, ...]
    decor: Decor
    title: str
    seal: tuple[str, ...] = field(default=())  # lines beside the QR code: fingerprint, note
    qr: str = ""
