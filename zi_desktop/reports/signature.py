"""The signature block: place and date, then one box per team member to sign in.

Members sign in the order pengendali teknis, ketua tim, anggota tim, three boxes to a row;
the block is kept on one page. NIPs are printed grouped as on official letters
(``19870315 201012 2 001``).
"""

from __future__ import annotations

from typing import Any

from ..formatting import format_date
from ..i18n import _
from ..services.values import EvaluatorProfile
from . import styles as st
from .cover import team_members
from .fonts import REGULAR
from .labels import role_label
from .model import ReportData
from .rl import Flowable, KeepTogether, Spacer, Table, TableStyle, mm

PER_ROW = 3
BLANK_PLACE = "…………………………"


def format_nip(nip: str) -> str:
    """18 digits grouped 8-6-1-3; anything else as given."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def _rows(members: list[EvaluatorProfile]) -> list[list[Any]]:
    """Four table rows for up to three members: roles, room to sign, names, NIPs."""
    pad: list[Any] = [""] * (PER_ROW - len(members))
    return [
        [st.para(role_label(m.role), st.CELL_CENTER) for m in members] + pad,
        [""] * PER_ROW,
        [st.markup(f"<b><u>{st.esc(m.name)}</u></b>", st.CELL_CENTER) for m in members] + pad,
        [st.para(_("NIP {nip}").format(nip=format_nip(m.nip)) if m.nip else "", st.CELL_CENTER)
         for m in members] + pad,
    ]  # fmt: skip


def signatures(data: ReportData) -> list[Flowable]:
    place = data.place.strip() or BLANK_PLACE
    dated = _("{place}, {date}").format(
        place=place, date=format_date(data.evaluation_date, data.lang)
    )
    members = team_members(data)
    if not members:  # still leave room for a team to sign by hand
        members = [EvaluatorProfile("……………………………", "", "ketua")]
    cells: list[list[Any]] = []
    heights: list[float | None] = []
    for start in range(0, len(members), PER_ROW):
        cells += _rows(members[start : start + PER_ROW])
        heights += [None, 20 * mm, None, None]
    grid = Table(
        cells, colWidths=[st.FRAME_WIDTH / PER_ROW] * PER_ROW, rowHeights=heights, hAlign="LEFT"
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                *(("BOTTOMPADDING", (0, r), (-1, r), 12) for r in range(3, len(cells), 4)),
            ]
        )
    )
    return [
        KeepTogether(
            [
                st.para(_("6. Signatures"), st.H1),
                st.para(
                    _(
                        "This report was prepared by the internal evaluation team (TPI) of "
                        "{instansi}."
                    ).format(instansi=data.view.unit.instansi_name.strip()),
                    st.BODY,
                ),
                Spacer(1, 6 * mm),
                st.para(dated, st.BODY),
                Spacer(1, 3 * mm),
                grid,
            ]
        ),
    ]
