"""Scanning the ``content.xml`` of an OpenDocument spreadsheet before it is read.

Streamed through expat: a document type declaration (and with it any entity) is refused at
once; repeated rows and cells (``number-rows-repeated``, ``number-columns-repeated``) are
counted, so that a cell repeated a million times is seen for the grid it would make; linked
tables, DDE links and formulas that fetch data or refer to other files are refused.
"""

from __future__ import annotations

import xml.parsers.expat
from pathlib import Path

from . import limits
from .formulas import fetching_function

_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE, _ROW = f"{_T} table", f"{_T} table-row"
_CELLS = (f"{_T} table-cell", f"{_T} covered-table-cell")
_NAME, _FORMULA = f"{_T} name", f"{_T} formula"
_ROWS_REPEATED, _COLUMNS_REPEATED = f"{_T} number-rows-repeated", f"{_T} number-columns-repeated"
_VALUE_TYPE = f"{_O} value-type"
_LINKS = {f"{_T} dde-source", f"{_O} dde-source", f"{_T} dde-link", f"{_T} table-source"}


class OdsScan:
    """Feed ``content.xml`` in pieces, then ``close`` to add the sheets' reach to an extent."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.depth = 0  # of nested tables (a table inside a cell is part of its cell)
        self.sheet = ""
        self.row = 0  # rows of the current sheet before the current row
        self.row_repeat = 1
        self.column = 0  # columns of the current row before the current cell
        self.row_reach = 0  # columns reached by the current row's content
        self.cell: tuple[int, int] | None = None  # (first column, repeat) of an open cell
        self.cell_content = False
        self.reach: dict[str, tuple[int, int]] = {}

    def feed(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, False)
        except xml.parsers.expat.ExpatError as exc:
            raise limits.damaged(self.path, f"content.xml: {exc}") from None

    def close(self, extent: limits.Extent) -> None:
        self.feed(b"")
        try:
            self.parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise limits.damaged(self.path, f"content.xml: {exc}") from None
        for sheet, (rows, columns) in self.reach.items():
            extent.add(sheet, rows, columns)

    def _doctype(self, *_args: object) -> None:
        raise limits.entity_declaration(self.path, "content.xml")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name in _LINKS:
            raise limits.external_link(self.path, name.split(" ")[-1])
        if name == _TABLE:
            self.depth += 1
            if self.depth == 1:
                self.sheet, self.row = attrs.get(_NAME, "?"), 0
            return
        if self.depth != 1:
            return
        if self.cell is not None:
            self.cell_content = True  # any child of a cell (text:p, an annotation…)
            return
        if name == _ROW:
            self.row_repeat = self._count(attrs.get(_ROWS_REPEATED), limits.MAX_ROWS)
            self.column, self.row_reach = 0, 0
        elif name in _CELLS:
            repeat = self._count(attrs.get(_COLUMNS_REPEATED), limits.MAX_COLUMNS)
            self.cell = (self.column, repeat)
            self.cell_content = _VALUE_TYPE in attrs
            formula = attrs.get(_FORMULA)
            if formula:
                self._check_formula(formula)

    def _end(self, name: str) -> None:
        if name == _TABLE:
            self.depth -= 1
            return
        if self.depth != 1:
            return
        if name in _CELLS and self.cell is not None:
            first, repeat = self.cell
            self.column = first + repeat
            if self.cell_content:
                self.row_reach = self.column
            self.cell = None
        elif name == _ROW and self.cell is None:
            self.row += self.row_repeat
            if self.row_reach:
                rows, columns = self.reach.get(self.sheet, (0, 0))
                self.reach[self.sheet] = (self.row, max(columns, self.row_reach))
                if self.row * max(columns, self.row_reach) > limits.MAX_SHEET_CELLS:
                    limits.Extent(dict(self.reach)).check(self.path)  # refuse early

    def _count(self, raw: str | None, limit: int) -> int:
        try:
            count = int(raw) if raw else 1
        except ValueError:
            raise limits.damaged(self.path, f"content.xml: {raw!r}") from None
        if not 1 <= count <= limit:
            raise limits.damaged(self.path, f"content.xml: {raw!r}")
        return count

    def _check_formula(self, formula: str) -> None:
        found = fetching_function(formula)
        if found:
            raise limits.fetching_formula(self.path, f"{found}, {self.sheet}")
        if "'file:" in formula or "'http" in formula or "#$" in formula:
            raise limits.external_link(self.path, f"{self.sheet}: {formula[:60]}")
