"""The layout of the official LKE ZI workbook (PermenPANRB 90/2021) and text matching.

Columns of the ``LKE ZI`` sheet: F/G the question code and text (E for the hasil items),
J the answer type, K the answer, L the value (formula), O the note, P the evidence
description. Rows are found by text near the expected row, never by position alone (a
percentage row whose text is reworded: by its place above its inputs, which are found by text).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

SHEET = "LKE ZI"
TPI_SHEET = "LKE ZI TPI"  # written by export-excel; read for the tpi tier when present
REQUIRED_SHEETS = ("LKE ZI",)
TEXT_COLUMNS = (7, 6, 5)  # G, F, E: question text, sub-area name / code, hasil text
TYPE_COLUMN = 10  # J
ANSWER_COLUMN = 11  # K
VALUE_COLUMN = 12  # L
NOTE_COLUMN = 15  # O
EVIDENCE_COLUMN = 16  # P
MATCH_THRESHOLD = 0.78
WINDOW_AFTER = 15  # rows searched beyond the expected row

_NON_WORD = re.compile(r"[^0-9a-z]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", folded.lower()).strip()


def similarity(expected: str, found: str) -> float:
    """How well a cell's text matches a question's text, 0…1 (also without parentheses)."""
    plain = _PARENTHESES.sub(" ", expected)
    score = _similarity(expected, found)
    return max(score, _similarity(plain, found)) if plain != expected else score


def _similarity(expected: str, found: str) -> float:
    """
    A text that contains the other (the definition adds "(wajib LHKPN)", a row repeats the
    sub-area name) scores by the share of the longer text it covers, from 0.75 up.
    """
    a, b = normalise(expected), normalise(found)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if len(short) >= 12 and short in long_:
        ratio = max(ratio, 0.75 + 0.25 * len(short) / len(long_))
    return ratio
