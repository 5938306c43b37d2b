"""Use cases of the Excel and PortalRB interchange: plan and apply an import, export.

An Excel import is planned first (nothing written) and shown to the user as a diff of the tier
(:mod:`.excel_diff`), then applied in one transaction: every answer and note the workbook holds
is set (a note holds the workbook's note and evidence description; see
``zi_desktop.interop.notes``). What the workbook leaves blank is kept unless the user chose
``clear_blank``; a value the preview lists as not imported, or a question not found, is never
touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import select

from ..i18n import _
from ..interop.portalrb import TierData, portalrb_document
from ..interop.reader import ImportPlan, read_workbook
from ..scoring import AnswerValue
from ..storage.durable import write_bytes
from ..storage.tables import Answer
from .assessments import check_tier
from .base import now
from .excel_diff import (
    ImportDiff,
    blank_answers,
    diff_lines,
    import_diff,
    importable_notes,
    present_items,
)
from .scorecache import decode_value, encode_value
from .workspace import Workspace


@dataclass(frozen=True)
class TierChanges:
    """How an import would change (or changed) a tier."""

    answers_set: int  # new or different
    answers_cleared: int  # answered now, blank in the workbook
    notes_set: int
    notes_cleared: int

    @property
    def total(self) -> int:
        return self.answers_set + self.answers_cleared + self.notes_set + self.notes_cleared

    def summary(self) -> str:
        """One sentence for the user after an import (the CLI prints it, the app shows it)."""
        return _("Imported: {answers} answers changed, {notes} notes changed.").format(
            answers=self.answers_set + self.answers_cleared,
            notes=self.notes_set + self.notes_cleared,
        )


def plan_excel_import(
    ws: Workspace,
    code: str,
    tier: str,
    path: Path,
    year: int | None = None,
    sheet: str | None = None,
) -> ImportPlan:
    """Read a workbook (its LKE sheet found by content, or ``sheet``); writes nothing."""
    check_tier(tier)
    view = ws.open_assessment(code, year)
    return read_workbook(Path(path), ws.definition(view.lke), tier, sheet)


def preview_changes(
    ws: Workspace,
    code: str,
    tier: str,
    plan: ImportPlan,
    year: int | None = None,
    clear_blank: bool = False,
) -> TierChanges:
    """How applying ``plan`` would change the tier (counts only; nothing written)."""
    diff = import_diff_of(ws, code, tier, plan, year)
    return _changes(diff, clear_blank)


def _changes(diff: ImportDiff, clear_blank: bool) -> TierChanges:
    cleared = diff.count("answer", blank=True) if clear_blank else 0
    notes_cleared = diff.count("note", blank=True) if clear_blank else 0
    return TierChanges(diff.count("answer"), cleared, diff.count("note"), notes_cleared)


def import_diff_of(
    ws: Workspace, code: str, tier: str, plan: ImportPlan, year: int | None = None
) -> ImportDiff:
    check_tier(tier)
    view = ws.open_assessment(code, year)
    return import_diff(plan, ws.definition(view.lke), view.answers.get(tier, {}))


@dataclass(frozen=True)
class ExcelImportPreview:
    """What importing a workbook into a tier would do, as the user sees it before confirming:
    the diff, and the changes without (``changes``) and with clearing blanks."""

    plan: ImportPlan
    diff: ImportDiff
    changes: TierChanges
    changes_clearing: TierChanges

    @property
    def lines(self) -> list[str]:
        return diff_lines(self.plan, self.diff)

    def lines_for(self, clear_blank: bool) -> list[str]:
        return diff_lines(self.plan, self.diff, clear_blank)


def excel_import_preview(
    ws: Workspace,
    code: str,
    tier: str,
    path: Path,
    year: int | None = None,
    sheet: str | None = None,
) -> ExcelImportPreview:
    """Read a workbook and describe the import as a diff of the tier; writes nothing."""
    plan = plan_excel_import(ws, code, tier, path, year, sheet)
    diff = import_diff_of(ws, code, tier, plan, year)
    return ExcelImportPreview(plan, diff, _changes(diff, False), _changes(diff, True))


def apply_excel_import(
    ws: Workspace,
    code: str,
    tier: str,
    plan: ImportPlan,
    year: int | None = None,
    clear_blank: bool = False,
) -> TierChanges:
    """Set the tier's answers and notes the workbook holds, in one transaction.

    Answers and notes the workbook leaves blank are cleared only with ``clear_blank``; values
    the plan refused and questions it did not find are never touched.
    """
    check_tier(tier)
    counts = [0, 0, 0, 0]
    with ws.transaction() as s:
        unit, a, p = ws.assessment_rows(s, code, year)
        definition = ws.definition(p.lke_version)
        assert a.id is not None
        rows = {
            r.node_id: r
            for r in s.exec(select(Answer).where(Answer.assessment_id == a.id, Answer.tier == tier))
        }
        answer_ids = set(definition.answer_ids())
        blanks = blank_answers(plan, definition) if clear_blank else set()
        present = present_items(plan, definition) if clear_blank else set()
        notes = importable_notes(plan)
        for node_id in dict.fromkeys([*definition.answer_ids(), *definition.items]):
            setting = node_id in plan.answers or node_id in blanks
            noting = node_id in notes or (node_id in present and node_id not in plan.notes)
            if not setting and not noting:
                continue
            row = rows.get(node_id)
            if row is None:
                row = rows[node_id] = Answer(
                    assessment_id=a.id, tier=tier, node_id=node_id, updated_at=now()
                )
            touched = False
            if node_id in answer_ids and setting:
                new: AnswerValue | None = plan.answers.get(node_id)
                old = decode_value(definition, row) if row.id is not None else None
                if old != new:
                    row.option, row.number = (None, None) if new is None else encode_value(new)
                    ws.audit(s, f"answer/{code}/{p.year}/{tier}/{node_id}", _json(old), _json(new))
                    counts[0 if new is not None else 1] += 1
                    touched = True
            if node_id in definition.items and noting:
                note = notes.get(node_id, "")
                if (row.note or "") != note:
                    ws.audit(s, f"note/{code}/{p.year}/{tier}/{node_id}", row.note or "", note)
                    counts[2 if note else 3] += 1
                    row.note = note
                    touched = True
            if touched:
                ws.touch_answer(s, a, row)
        ws.rescore(s, unit, a, p, tier)
    return TierChanges(*counts)


def _json(value: AnswerValue | None) -> Any:
    return value if value is None or isinstance(value, (str, int)) else str(value)


def portalrb_export(ws: Workspace, code: str, path: Path, year: int | None = None) -> int:
    """Write the PortalRB JSON of the unit's assessment; returns the number of soal."""
    view = ws.open_assessment(code, year)
    definition = ws.definition(view.lke)
    tiers = {
        tier: TierData(
            {n: a.value for n, a in view.answers.get(tier, {}).items() if a.value is not None},
            {n: a.note for n, a in view.answers.get(tier, {}).items() if a.note},
            [
                {
                    "node": e.node_id,
                    "file_name": e.file_name,
                    "sha256": e.sha256,
                    "size": e.size,
                    "caption": e.caption,
                }
                for e in view.evidence
                if e.tier == tier
            ],
        )
        for tier in ("unit", "tpi")
    }
    meta = {"code": view.unit.code, "name": view.unit.name, "instansi": view.unit.instansi_code}
    text, count = portalrb_document(definition, view.year, meta, tiers["unit"], tiers["tpi"])
    write_bytes(Path(path), text.encode("utf-8"))
    return count


def excel_export(ws: Workspace, code: str, path: Path, year: int | None = None) -> None:
    """Write the official workbook filled with both tiers (unit: ``LKE ZI``, TPI: a copy)."""
    from ..interop.writer import workbook_bytes

    view = ws.open_assessment(code, year)
    tiers = [
        TierData(
            {n: a.value for n, a in view.answers.get(tier, {}).items() if a.value is not None},
            {n: a.note for n, a in view.answers.get(tier, {}).items() if a.note},
        )
        for tier in ("unit", "tpi")
    ]
    write_bytes(Path(path), workbook_bytes(ws.definition(view.lke), *tiers))
