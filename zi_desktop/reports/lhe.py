"""The LHE as blocks (:mod:`.blocks`): the one model the PDF and the .docx are written from.

Order: the kop surat; number, attachments, subject, place and date, addressee; the title and
the opening paragraph; I introduction; II results; III conclusion with both verdicts;
IV recommendations; V closing; the signatures. The appendices (the whole LKE, the evidence
index) follow in the PDF (:mod:`.appendix`, :mod:`.evidence_index`).
"""

from __future__ import annotations

from ..i18n import _
from ..values.fingerprint import readable
from .blocks import Block, Decor, KeepRoom, Lhe
from .labels import draft_mark
from .letter import closing, introduction, letter_meta, letterhead, opening
from .model import ReportData
from .recommendations import recommendations
from .seal import seal_lines
from .signature import signatures
from .summary import results
from .verdict import verdicts


def decor(data: ReportData) -> Decor:
    v = data.view
    return Decor(
        header_template=_("LHE Zona Integritas — {unit} ({code})"),
        unit_name=v.unit.name,
        unit_code=v.unit.code,
        right_header=_("Period {year}").format(year=v.year),
        fingerprint=_("Fingerprint {fingerprint}").format(fingerprint=readable(data.fingerprint)),
        page_of=_("Page {page} of {pages}"),
        draft=draft_mark(data.draft_reason),
    )


def build_lhe(data: ReportData) -> Lhe:
    blocks: list[Block] = [
        letterhead(data),
        letter_meta(data),
        *opening(data),
        *introduction(data),
        KeepRoom(90),
        *results(data),
        KeepRoom(90),
        *verdicts(data),
        KeepRoom(60),
        *recommendations(data),
        KeepRoom(40),
        *closing(data),
        *signatures(data),
    ]
    v = data.view
    return Lhe(
        blocks=tuple(blocks),
        decor=decor(data),
        title=_("LHE Zona Integritas {unit} {year}").format(unit=v.unit.code, year=v.year),
        seal=seal_lines(data),
        qr=data.qr_payload(),
    )
