"""Finding the row of every LKE answer cell in a workbook by expected position and text.

The definition gives each answer cell an expected row (``excel_row``); users insert rows,
edit texts and circulate copies whose rows differ by a few. Slots are matched in worksheet
order: each is searched from just after the previous match to a little past its expected
row, shifted by how far the previous match was from its own expected row, and the row whose
text is most alike wins (the nearest on a tie). A slot found nowhere near is searched in the
rest of the sheet with a stricter threshold.

A percentage question's row (a computed row, not an answer cell) is placed after its first
input is found: above that input, as in the form, between it and the previous match.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lke.model import Definition, ItemType
from .layout import MATCH_THRESHOLD, WINDOW_AFTER, similarity

STRICT_THRESHOLD = 0.92
AT_EXPECTED_THRESHOLD = 0.6  # the expected row itself needs less alike text


@dataclass(frozen=True)
class Slot:
    """A row the importer looks for: a question, a numeric input, or a percentage question."""

    node_id: str
    item_id: str  # the question it belongs to (itself for a question)
    text: str
    expected: int | None
    kind: str  # "answer" (a cell a person fills) or "percent" (a computed row; optional)


def slots(definition: Definition) -> list[Slot]:
    out: list[Slot] = []
    for item in definition.items.values():
        if item.type is ItemType.PERCENT:
            out.append(Slot(item.id, item.id, item.text, item.excel_row, "percent"))
            out.extend(Slot(i.id, item.id, i.text, i.excel_row, "answer") for i in item.inputs)
        else:
            out.append(Slot(item.id, item.id, item.text, item.excel_row, "answer"))
    return out


@dataclass(frozen=True)
class Alignment:
    rows: dict[str, int]  # node id -> row found
    expected: dict[str, int]  # node id -> row where it was looked for (for messages)


def _best(
    texts: dict[int, list[str]],
    slot: Slot,
    rows: range,
    expected: int,
    threshold: float,
    nearest: bool = False,
) -> int | None:
    """The row whose text is most alike (or, ``nearest``, the nearest row alike enough)."""
    best: tuple[float, float, int] | None = None
    for row in rows:
        found = texts.get(row)
        if not found:
            continue
        score = round(max(similarity(slot.text, t) for t in found), 3)
        if score < (min(threshold, AT_EXPECTED_THRESHOLD) if row == expected else threshold):
            continue
        distance = abs(row - expected)
        key = (distance, -score, row) if nearest else (-score, distance, row)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def _percent_row(
    texts: dict[int, list[str]], slot: Slot, first_input: Slot, after: int, first_row: int
) -> tuple[int, int | None]:
    """(expected row, row found) of a percentage, between ``after`` and its first input.

    It is expected as far above the first input as in the form (one row, or two where a
    "Jumlah yang harus melaporkan" total row stands between). The nearest row there whose
    text is alike wins, so that the heading rows above the LHKPN and LHKASN percentages,
    whose texts are alike too, do not. With none alike (a reworded question, such as the
    2026 "Non LHKPN" wording in a 2021 form), the row at that distance is taken if it has text.
    """
    distance = 1
    if slot.expected is not None and first_input.expected is not None:
        distance = max(first_input.expected - slot.expected, 1)
    expected = first_row - distance
    between = range(after + 1, first_row)
    row = _best(texts, slot, between, expected, MATCH_THRESHOLD, nearest=True)
    if row is None and expected in between and texts.get(expected):
        row = expected
    return expected, row


def align(texts: dict[int, list[str]], wanted: list[Slot]) -> Alignment:
    """Match ``wanted`` slots, in order, to rows of ``texts`` (row -> texts of that row).

    A percentage row is placed once its first input is found, above that input.
    """
    last_row = max(texts, default=0)
    cursor, drift = 0, 0
    rows: dict[str, int] = {}
    expected_rows: dict[str, int] = {}
    percent: tuple[Slot, int] | None = None  # a percentage, and the row it must lie after
    for slot in wanted:
        if slot.kind == "percent":
            percent = slot, cursor
            continue
        expected = cursor + 1 if slot.expected is None else max(slot.expected + drift, cursor + 1)
        expected_rows[slot.node_id] = expected
        near = range(cursor + 1, expected + WINDOW_AFTER + 1)
        row = _best(texts, slot, near, expected, MATCH_THRESHOLD)
        if row is None:
            row = _best(texts, slot, range(cursor + 1, last_row + 1), expected, STRICT_THRESHOLD)
        if percent is not None and row is not None:
            pct, after = percent
            expected_rows[pct.node_id], found = _percent_row(texts, pct, slot, after, row)
            if found is not None:
                rows[pct.node_id] = found
        percent = None
        if row is None:
            continue
        rows[slot.node_id] = row
        cursor = row
        if slot.expected is not None:
            drift = row - slot.expected
    return Alignment(rows, expected_rows)
