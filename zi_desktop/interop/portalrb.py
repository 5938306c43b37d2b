"""The PortalRB interchange JSON (``zi-portalrb/1``): both tiers' answers per soal id.

See docs/portalrb-format.md. Each PortalRB *soal* is an answer cell of the LKE: a choice or
survey question, or a numeric input of a percentage question. A percentage question has no
soal of its own, so its notes and evidence travel with its first input's soal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..lke.model import Definition, ItemType
from ..scoring import AnswerValue
from ..scoring.answers_file import json_number
from . import notes as notes_text

FORMAT = "zi-portalrb/1"


@dataclass(frozen=True)
class TierData:
    answers: dict[str, AnswerValue]
    notes: dict[str, str]  # item id -> note text (may hold "Bukti dukung: …")
    evidence: list[dict[str, Any]] = field(default_factory=list)  # node, file_name, sha256, …


def _value(value: AnswerValue | None) -> Any:
    if value is None or isinstance(value, (str, int)):
        return value
    return json_number(Fraction(value))


def _soal_nodes(definition: Definition) -> list[tuple[int, str, str, bool]]:
    """(soal id, node id, item id, carries the item's notes) in worksheet order."""
    out: list[tuple[int, str, str, bool]] = []
    for item in definition.items.values():
        if item.type is ItemType.PERCENT:
            for position, inp in enumerate(item.inputs):
                if inp.portalrb_soal_id is not None:
                    out.append((inp.portalrb_soal_id, inp.id, item.id, position == 0))
        elif item.portalrb_soal_id is not None:
            out.append((item.portalrb_soal_id, item.id, item.id, True))
    return out


def portalrb_document(
    definition: Definition, year: int, unit: dict[str, str], unit_tier: TierData, tpi: TierData
) -> tuple[str, int]:
    """The JSON text and the number of soal."""
    soal: dict[str, Any] = {}
    for soal_id, node_id, item_id, carries in _soal_nodes(definition):
        unit_note, unit_evidence = notes_text.split(
            unit_tier.notes.get(item_id, "") if carries else ""
        )
        tpi_note = tpi.notes.get(item_id, "") if carries else ""
        files = [
            {k: e[k] for k in ("file_name", "sha256", "size", "caption")}
            for e in unit_tier.evidence
            if carries and e["node"] == item_id
        ]
        soal[str(soal_id)] = {
            "node": node_id,
            "jawaban_unit": _value(unit_tier.answers.get(node_id)),
            "jawaban_tpi": _value(tpi.answers.get(node_id)),
            "catatan_unit": unit_note,
            "bukti_dukung_unit": {"keterangan": unit_evidence, "berkas": files},
            "catatan_tpi": tpi_note,
        }
    doc = {"format": FORMAT, "lke": definition.id, "tahun": year, "unit": unit, "soal": soal}
    exact: dict[str, str] = {}

    def encode(value: Any) -> Any:
        if isinstance(value, Decimal):
            token = f"\x00{len(exact)}\x00"
            exact[json.dumps(token)] = format(value, "f")
            return token
        if isinstance(value, dict):
            return {k: encode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [encode(v) for v in value]
        return value

    text = json.dumps(encode(doc), ensure_ascii=False, indent=1)
    for token, literal in exact.items():
        text = text.replace(token, literal)
    return text + "\n", len(soal)
