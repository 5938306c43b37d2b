"""Finding the LKE sheet of a workbook by its content, and recognising other instruments.

Units rename the sheet ("LKE ZI Dinkes 2025", "LKE final"), reorder sheets and keep several
copies in one workbook. A sheet is an LKE of the assessment's definition when at least
``LKE_SHARE`` of the definition's question and input texts appear in its text columns
(compared as ``layout.normalise`` leaves them). A sheet of another instrument is recognised
by what only that instrument has (``instruments``) and refused naming it.

When several sheets are LKEs, one is chosen for the tier: for ``tpi`` a sheet whose name has
"TPI" (as export-excel writes), for the others a sheet whose name has not, then visible
sheets before hidden ones; more than one left is ambiguous (the user chooses).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserFacingError
from ..i18n import _
from ..lke.model import Definition
from .cells import text_of
from .instruments import Instrument, recognise
from .layout import TEXT_COLUMNS, normalise
from .matching import slots
from .workbook import Row, Workbook

LKE_SHARE = 0.5


@dataclass(frozen=True)
class SheetKind:
    name: str
    visible: bool
    share: float  # of the definition's texts found in the sheet
    other: Instrument | None  # another instrument the sheet belongs to

    @property
    def is_lke(self) -> bool:
        return self.other is None and self.share >= LKE_SHARE


@dataclass(frozen=True)
class SheetChoice:
    sheet: str
    rows: dict[int, Row]
    candidates: list[str]  # every sheet that looks like an LKE, in workbook order
    ambiguous: bool  # chosen among several equally fit: the user should choose


def definition_texts(definition: Definition) -> set[str]:
    return {normalise(s.text) for s in slots(definition) if s.kind == "answer"}


def kind_of(name: str, visible: bool, rows: dict[int, Row], wanted: set[str]) -> SheetKind:
    texts = {
        normalise(t)
        for values in rows.values()
        for t in (text_of(values[c - 1]) for c in TEXT_COLUMNS)
        if t
    }
    share = len(wanted & texts) / max(len(wanted), 1)
    every = " ".join(v for values in rows.values() for v in values if isinstance(v, str))
    return SheetKind(name, visible, share, recognise(" ".join(every.split()).casefold()))


def choose_sheet(
    book: Workbook, definition: Definition, tier: str, wanted: str | None = None
) -> SheetChoice:
    """The sheet to read for ``tier`` (or the sheet named ``wanted``), or UserFacingError."""
    texts = definition_texts(definition)
    rows = {s.name: book.rows(s.name) for s in book.sheets}
    kinds = [kind_of(s.name, s.visible, rows[s.name], texts) for s in book.sheets]
    candidates = [k for k in kinds if k.is_lke]
    names = [k.name for k in candidates]
    if wanted is not None:
        kind = next((k for k in kinds if k.name == wanted), None)
        if kind is None:
            raise UserFacingError(
                _("{file} has no sheet {sheet!r} (its sheets: {found}).").format(
                    file=book.path, sheet=wanted, found=_listed(book.sheet_names)
                )
            )
        if kind.other is not None:
            raise _other_instrument(book, kind)
        return SheetChoice(wanted, rows[wanted], names, False)
    if not candidates:
        other = next((k for k in kinds if k.other is not None), None)
        if other is not None:
            raise _other_instrument(book, other)
        best = max(kinds, key=lambda k: k.share, default=None)
        raise UserFacingError(
            _(
                "{file} has no sheet that looks like the LKE ZI: at most {share}% of its "
                "question texts were found ({sheet}; its sheets: {found}). Choose the unit's "
                "filled LKE ZI workbook."
            ).format(
                file=book.path,
                share=0 if best is None else round(best.share * 100),
                sheet="-" if best is None else repr(best.name),
                found=_listed(book.sheet_names),
            )
        )
    fit = _preferred(candidates, tier)
    return SheetChoice(fit[0].name, rows[fit[0].name], names, len(fit) > 1)


def _preferred(candidates: list[SheetKind], tier: str) -> list[SheetKind]:
    def has_tpi(k: SheetKind) -> bool:
        return "tpi" in k.name.casefold().split() or k.name.casefold().endswith("tpi")

    fit = [k for k in candidates if has_tpi(k) == (tier == "tpi")] or candidates
    return [k for k in fit if k.visible] or fit


def _other_instrument(book: Workbook, kind: SheetKind) -> UserFacingError:
    assert kind.other is not None
    return UserFacingError(
        _(
            "Sheet {sheet!r} of {file} is {instrument}, not the LKE Zona Integritas of "
            "PermenPANRB 90/2021; it cannot be imported. Ask the unit for their "
            "self-assessment on the 2021 form."
        ).format(sheet=kind.name, file=book.path, instrument=kind.other.title())
    )


def _listed(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names) or "-"
