"""Appendix 2: the evidence index — every attached file with its size and SHA-256.

Files are listed in worksheet order of the item they support (both tiers), then the survey
reports. The SHA-256 is printed in full so that a file handed over later can be checked
against the printed report with any ``sha256sum``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..i18n import _, ngettext
from . import styles as st
from .labels import num
from .model import ReportData
from .rl import Flowable, PageBreak

WIDTHS = (14, 8, 34, 10, 10, 30)
SHORT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
    "text/plain": "TXT",
    "text/csv": "CSV",
    "application/x-ole-storage": "Office (OLE2)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
}


def file_type(mime: str) -> str:
    return SHORT_TYPES.get(mime, mime or "—")


def file_size(size: int | None, lang: str) -> str:
    """``812 B``, ``12,4 KB``, ``3,1 MB`` (1 KB = 1024 bytes)."""
    if size is None:
        return "—"
    if size < 1024:
        return f"{size} B"
    for unit, scale in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < scale * 1024 or unit == "GB":
            return f"{num(Fraction(size, scale), lang, 1)} {unit}"
    raise AssertionError("unreachable")


def _row(item: str, tier: str, name: str, mime: str, size: int | None, sha: str, lang: str) -> Any:
    return [
        st.para(item, st.SMALL),
        st.para(tier.upper(), st.SMALL),
        st.para(name, st.SMALL),
        st.para(file_type(mime), st.SMALL),
        st.para(file_size(size, lang), st.SMALL_RIGHT),
        st.para(f"{sha[:32]}\n{sha[32:]}", st.TINY),  # full hash on two lines
    ]


def evidence_index(data: ReportData) -> list[Flowable]:
    order = {item_id: n for n, item_id in enumerate(data.definition.items)}
    files = sorted(
        data.view.evidence,
        key=lambda e: (order.get(e.node_id, len(order)), e.tier != "unit", e.file_name, e.id),
    )
    texts = (_("Item"), _("Tier"), _("File name"), _("Type"), _("Size"), "SHA-256")
    rows: list[list[Any]] = [[st.para(t, st.SMALL_BOLD) for t in texts]]
    for e in files:
        name = e.file_name + (f"\n{e.caption}" if e.caption else "")
        rows.append(_row(e.node_id, e.tier, name, e.mime, e.size, e.sha256, data.lang))
    for f in data.survey_files:
        item = data.definition.survey_items[f.kind]
        name = _("Survey report {kind}").format(kind=f.kind)
        rows.append(_row(item, f.tier, name, f.mime, f.size, f.sha256, data.lang))
    out: list[Flowable] = [PageBreak(), st.para(_("Appendix 2. Evidence index"), st.H1)]
    if len(rows) == 1:
        out.append(st.para(_("No evidence files are attached to this assessment."), st.BODY))
        return out
    files_count = len(rows) - 1
    listed = ngettext("{count} file.", "{count} files.", files_count).format(count=files_count)
    check = _("Check a file with sha256sum: its SHA-256 must equal the one printed here.")
    out.append(st.para(f"{listed} {check}", st.NOTE))
    out.append(st.table(rows, WIDTHS))
    return out
