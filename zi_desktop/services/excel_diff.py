"""What an Excel import would change, item by item: the preview is a diff of the tier.

An import plan (:class:`~zi_desktop.interop.reader.ImportPlan`) says what the workbook holds;
set against the tier's answers and notes as they are, it becomes an :class:`ImportDiff`:

* **problems** first — values that are not imported (an unknown option letter, a count that is
  not whole, a formula, a note too long for the report), and counts whose numerator is above
  their denominator (imported, scored 100%, but almost certainly mistyped);
* **please check** — the reader's warnings (a changed type cell, a typed percentage, a total);
* **not found** — questions whose row the reader could not find;
* **changes** — old → new for every answer and note the import sets;
* **blank** — answers and notes the tier has but the workbook leaves blank: kept, unless the
  user explicitly chooses to clear them;
* **unchanged** — everything the workbook holds as the tier already has it, collapsed to a
  count (and a list, for whoever opens it).

A value the preview lists as not imported, or a question not found, never touches the tier.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..formatting import format_number
from ..i18n import _
from ..interop.reader import Finding as Finding  # a value type of the diff, for the UI
from ..interop.reader import ImportPlan
from ..lke.model import Definition, FormulaKind
from ..scoring import AnswerValue, score
from ..values.views import MAX_NOTE_CHARS, AnswerView

NOTE_SHOWN_CHARS = 60


@dataclass(frozen=True)
class ItemChange:
    """One answer or note as it is (``old``) and as the import would leave it (``new``)."""

    node_id: str
    row: int | None
    what: str  # "answer" | "note"
    old: str
    new: str


@dataclass(frozen=True)
class ImportDiff:
    problems: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    unmatched: tuple[Finding, ...]
    changes: tuple[ItemChange, ...]
    blank: tuple[ItemChange, ...]
    unchanged: tuple[ItemChange, ...]
    found: int  # answers the workbook holds (imported or not)
    required: int  # answers the LKE asks for

    def count(self, what: str, blank: bool = False) -> int:
        return sum(1 for c in (self.blank if blank else self.changes) if c.what == what)


def value_text(value: AnswerValue | None) -> str:
    """An answer as shown in the preview: the option, the count, the index; "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        return format_number(value, 2) if value.denominator != 1 else str(value.numerator)
    return str(value)


def note_text(note: str) -> str:
    """The first line of a note, shortened; "—" for none."""
    if not note:
        return "—"
    first = note.splitlines()[0] if note.strip() else note
    more = len(first) > NOTE_SHOWN_CHARS or "\n" in note.strip()
    return first[:NOTE_SHOWN_CHARS] + ("…" if more else "")


def blank_answers(plan: ImportPlan, definition: Definition) -> set[str]:
    """Answer ids whose row the workbook has with an empty answer cell (not a refused value)."""
    refused = {f.node_id for f in plan.rejected}
    return {
        n
        for n in definition.answer_ids()
        if n in plan.rows and n not in plan.answers and n not in refused
    }


def present_items(plan: ImportPlan, definition: Definition) -> set[str]:
    """Items whose rows the workbook has (its own row or one of its inputs')."""
    return {
        item.id
        for item in definition.items.values()
        if item.id in plan.rows or any(i.id in plan.rows for i in item.inputs)
    }


def importable_notes(plan: ImportPlan) -> dict[str, str]:
    """The workbook's notes the import takes (a note too long for the report is not)."""
    return {n: t for n, t in plan.notes.items() if len(t) <= MAX_NOTE_CHARS}


def _long_notes(plan: ImportPlan) -> list[Finding]:
    return [
        Finding(
            node_id,
            plan.rows.get(node_id),
            _(
                "the note has {count} characters, more than the {limit} a report can hold; it "
                "is not imported"
            ).format(count=len(text), limit=MAX_NOTE_CHARS),
        )
        for node_id, text in plan.notes.items()
        if len(text) > MAX_NOTE_CHARS
    ]


def _above_denominator(
    plan: ImportPlan, definition: Definition, current: dict[str, AnswerView]
) -> list[Finding]:
    """Percentage questions whose done count would be above its total after the import."""
    merged: dict[str, AnswerValue] = {n: a.value for n, a in current.items() if a.value is not None}
    merged.update(plan.answers)
    merged = {n: v for n, v in merged.items() if n in definition.items or n in definition.inputs}
    found = []
    for warning in score(definition, merged).warnings:
        item = definition.items[warning.item]
        formula = item.formula
        if warning.code != "numerator_exceeds_denominator" or formula is None:
            continue
        if formula.kind is FormulaKind.DECREASE or not any(
            i.id in plan.answers for i in item.inputs
        ):
            continue
        numerator = int(merged[formula.numerator])
        total = sum(int(merged[d]) for d in formula.denominator)
        found.append(
            Finding(
                item.id,
                plan.rows.get(formula.numerator),
                _(
                    "{done} done is more than the total of {total}; it would be scored 100%: "
                    "check the counts"
                ).format(done=numerator, total=total),
            )
        )
    return found


def import_diff(
    plan: ImportPlan, definition: Definition, current: dict[str, AnswerView]
) -> ImportDiff:
    """The diff of importing ``plan`` into a tier whose answers are ``current``."""
    changes: list[ItemChange] = []
    blank: list[ItemChange] = []
    unchanged: list[ItemChange] = []
    blanks = blank_answers(plan, definition)
    for node_id in definition.answer_ids():
        before = current.get(node_id)
        old = before.value if before is not None else None
        row = plan.rows.get(node_id)
        if node_id in plan.answers:
            new = plan.answers[node_id]
            shown = ItemChange(node_id, row, "answer", value_text(old), value_text(new))
            (unchanged if old == new else changes).append(shown)
        elif node_id in blanks and old is not None:
            blank.append(ItemChange(node_id, row, "answer", value_text(old), "—"))
    notes = importable_notes(plan)
    present = present_items(plan, definition)
    for item_id in definition.items:
        before = current.get(item_id)
        old_note = before.note if before is not None else ""
        row = plan.rows.get(item_id)
        if item_id in notes:
            new_note = notes[item_id]
            shown = ItemChange(item_id, row, "note", note_text(old_note), note_text(new_note))
            (unchanged if old_note == new_note else changes).append(shown)
        elif item_id in present and old_note and item_id not in plan.notes:
            blank.append(ItemChange(item_id, row, "note", note_text(old_note), "—"))
    problems = [*_above_denominator(plan, definition, current), *plan.rejected, *_long_notes(plan)]
    return ImportDiff(
        tuple(problems),
        tuple(plan.warnings),
        tuple(plan.unmatched),
        tuple(changes),
        tuple(blank),
        tuple(unchanged),
        len(plan.answers) + len(plan.rejected),
        len(definition.answer_ids()),
    )


def _finding(f: Finding) -> str:
    where = _("row {row}").format(row=f.row) if f.row is not None else "-"
    return f"  {f.node_id:<16} {where:<10} {f.message}"


def _change(c: ItemChange) -> str:
    what = _("note") if c.what == "note" else _("answer")
    return f"  {c.node_id:<16} {what:<8} {c.old} → {c.new}"


def _sheet_lines(plan: ImportPlan) -> list[str]:
    others = [s for s in plan.sheets if s != plan.sheet]
    if not others:
        return []
    return [
        _(
            "Other sheets that look like an LKE: {sheets}. Check that {sheet} is the one to "
            "import (choose another with --sheet NAME, or in the app's Sheet list)."
        ).format(sheets=", ".join(repr(s) for s in others), sheet=repr(plan.sheet))
    ]


def diff_lines(plan: ImportPlan, diff: ImportDiff, clear_blank: bool = False) -> list[str]:
    """The diff as text, problems first (``zi import-excel`` prints it)."""
    lines = [
        _("Workbook: {file}, sheet {sheet} (LKE {lke})").format(
            file=plan.file, sheet=repr(plan.sheet), lke=plan.lke
        ),
        *_sheet_lines(plan),
        _("Answers found: {found} of {required}; notes found: {notes}").format(
            found=diff.found, required=diff.required, notes=len(plan.notes)
        ),
    ]
    sections: list[tuple[str, list[str]]] = [
        (
            _("Problems (these values are not imported, or need checking):"),
            [_finding(f) for f in diff.problems],
        ),
        (_("Please check:"), [_finding(f) for f in diff.warnings]),
        (_("Not found in the workbook (left as they are):"), [_finding(f) for f in diff.unmatched]),
        (_("Will change (now → from the workbook):"), [_change(c) for c in diff.changes]),
        (
            _("Blank in the workbook, will be cleared:")
            if clear_blank
            else _("Blank in the workbook, kept as they are:"),
            [_change(c) for c in diff.blank],
        ),
    ]
    for title, body in sections:
        if body:
            lines += ["", title, *body]
    lines += [
        "",
        _("Unchanged: {count} answers and notes are already as in the workbook.").format(
            count=len(diff.unchanged)
        ),
        counts_line(diff, clear_blank),
    ]
    return lines


def counts_line(diff: ImportDiff, clear_blank: bool) -> str:
    cleared = diff.count("answer", blank=True) if clear_blank else 0
    notes_cleared = diff.count("note", blank=True) if clear_blank else 0
    return _(
        "Changes to the tier: {set} answers set, {cleared} answers cleared, "
        "{notes} notes set, {notes_cleared} notes cleared."
    ).format(
        set=diff.count("answer"),
        cleared=cleared,
        notes=diff.count("note"),
        notes_cleared=notes_cleared,
    )
