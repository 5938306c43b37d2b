"""The signatures that close the letter: place and date, then one box per signatory.

The boxes follow the review chain: prepared by (disusun: the anggota tim), reviewed by
(direviu: the ketua tim), approved by (disetujui: the pengendali teknis), three to a row.
Each shows the step, the signatory's role, room to sign, the name, the NIP grouped as on
official letters (``19870315 201012 2 001``) and the date signed, or a line to date by hand.
"""

from __future__ import annotations

from ..formatting import format_date
from ..i18n import _
from ..values.people import format_nip
from .blocks import Block, Signatures, SignBox
from .labels import role_label
from .letter import BLANK, dated
from .model import ReportData, Signatory


def step_label(step: str) -> str:
    return {
        "prepared": _("Prepared by,"),
        "reviewed": _("Reviewed by,"),
        "approved": _("Approved by,"),
    }.get(step, step)


def sign_box(s: Signatory, lang: str) -> SignBox:
    when = format_date(s.signed_on, lang) if s.signed_on else BLANK
    return SignBox(
        step=step_label(s.step),
        role=role_label(s.role),
        name=s.name.strip(),
        nip=_("NIP {nip}").format(nip=format_nip(s.nip) if s.nip else BLANK),
        signed=_("Date: {date}").format(date=when),
    )


def signatures(data: ReportData) -> list[Block]:
    intro = _("This report was prepared by the internal evaluation team (TPI) of {instansi}.")
    return [
        Signatures(
            intro=intro.format(instansi=data.view.unit.instansi_name.strip()),
            dated=dated(data),
            boxes=tuple(sign_box(s, data.lang) for s in data.signatories),
        )
    ]
