"""Build the project's LKE definition files from the regulation's reference data.

The reference data (``lke-permenpanrb-90-2021.json``, not part of the repository) describes
Lampiran III of PermenPANRB 90/2021 in a research-oriented shape; the fields read are listed in
``docs/lke-format.md``, "Rebuilding the files". This module turns it into the project's own
format ``zi-lke/1`` (see ``docs/lke-format.md``) and writes the 2021 definition and its 2026
revision, which shares everything except the wording of the LHKASN item.

Run: ``python -m zi_desktop.lke.build REFERENCE.json OUT_DIR``.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from .model import AREA_NAMES

BASE_ID = "permenpanrb-90-2021"
REV2026_ID = "permenpanrb-90-2021-rev2026"

_TYPES = {
    "Ya/Tidak": "yn",
    "A/B/C": "abc",
    "A/B/C/D": "abcd",
    "A/B/C/D/E": "abcde",
    "%": "percent",
    "Nilai (0-4)": "index",
}
_LEVELS = {
    "komponen": "component",
    "aspek": "aspect",
    "area": "area",
    "sub_area": "sub_area",
    "sub_komponen": "sub_component",
    "pertanyaan": "item",
}

# docs/scoring.md §4.3: value of a percentage item whose denominator is zero, by item.
ZERO_DENOMINATOR_DEFAULTS = {
    "A.II.1.i.a": "0",
    "A.II.1.i.b": "0",
    "A.II.3.iii.a": "0",
    "A.II.4.i.a": "0",
    "A.II.5.ii.a": "1",
    "A.II.5.iii.a": "1",
    "A.II.5.iii.b": "1",
    "A.II.6.i.b": "0",
}

# docs/scoring.md §4.1: which input is the numerator and which are summed as the denominator.
_RATIO_INPUTS = {
    "A.II.1.i.a": ("2", ("1",)),
    "A.II.1.i.b": ("2", ("1",)),
    "A.II.4.i.a": ("2", ("1",)),
    "A.II.5.ii.a": ("3", ("1",)),
    "A.II.5.iii.a": ("4", ("1", "2", "3")),
    "A.II.5.iii.b": ("4", ("1", "2", "3")),
    "A.II.6.i.b": ("2", ("1",)),
}
_DECREASE_INPUTS = {"A.II.3.iii.a": ("1", "2")}

# The reference's rows (``portalrb_2026.excel_row``) lie 2 rows above those of the shipped
# form (resources/excel/lke-zi-template-2021.xlsx), and 3 rows from its empty row 90 on;
# ``excel_row`` is the shipped form's row (tests/lke/test_excel_rows.py checks every one); for
# a percentage item, the row of its computed percentage (``_percent_row``).
_FORM_ROWS_ABOVE = 2
_FORM_EMPTY_ROW = 90

LHKASN_ITEM = "A.II.5.iii.b"
NON_LHKPN_TEXT = (
    "Penyampaian Laporan Harta Kekayaan Non LHKPN (Tidak Wajib LHKPN) - "
    "Persentase penyampaian Non LHKPN"
)
NON_LHKPN_CRITERIA = (
    "Penyampaian Laporan Harta Kekayaan Non LHKPN diatur dalam SE Menteri PANRB No. 2 Tahun 2023"
)


def _num(value: Any) -> str:
    """A weight or value as an exact decimal string ("0.67", "4", "17.5")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def _official_text(text: str) -> str:
    # The reference annotates the 2026 wording in brackets; the 2021 text is what precedes it.
    return re.sub(r"\s*\[2026 master:.*\]\s*$", "", text, flags=re.S).strip()


def _form_row(portal: dict[str, Any]) -> int | None:
    """The row of a node's answer cell in the shipped form, from the reference's row."""
    reference_row = portal.get("excel_row")
    if reference_row is None:
        return None
    row = int(reference_row) + _FORM_ROWS_ABOVE
    return row + 1 if row >= _FORM_EMPTY_ROW else row


def _percent_row(first_input_row: int | None, formula: dict[str, Any]) -> int | None:
    """The row of a percentage item's computed percentage in the shipped form.

    The reference gives no row for it. In the form it is the row just above the first input,
    or, when the denominator sums several inputs, just above the "Jumlah yang harus
    melaporkan" total row that stands between the percentage and those inputs.
    """
    if first_input_row is None:
        return None
    return first_input_row - (2 if len(formula.get("denominator", [])) > 1 else 1)


def _formula(node: dict[str, Any]) -> dict[str, Any]:
    item_id = node["id"]
    out: dict[str, Any] = {
        "expression": node["formula"],
        "zero_denominator": ZERO_DENOMINATOR_DEFAULTS[item_id],
    }
    if item_id in _DECREASE_INPUTS:
        prev, cur = _DECREASE_INPUTS[item_id]
        out.update(kind="decrease", previous=f"{item_id}.{prev}", current=f"{item_id}.{cur}")
    else:
        num, dens = _RATIO_INPUTS[item_id]
        out.update(
            kind="ratio",
            numerator=f"{item_id}.{num}",
            denominator=[f"{item_id}.{d}" for d in dens],
        )
    return out


def _input(node: dict[str, Any], formula: dict[str, Any]) -> dict[str, Any]:
    used = {formula.get("numerator"), formula.get("previous"), formula.get("current")}
    used.update(formula.get("denominator", []))
    portal = node.get("portalrb_2026") or {}
    return {
        "id": node["id"],
        "text": node["text"],
        "used": node["id"] in used,
        "portalrb_soal_id": portal.get("soal_id"),
        "excel_row": _form_row(portal),
        "notes": node.get("notes", ""),
    }


def _item(node: dict[str, Any]) -> dict[str, Any]:
    portal = node.get("portalrb_2026") or {}
    out: dict[str, Any] = {
        "id": node["id"],
        "level": "item",
        "code": node["code"],
        "type": _TYPES[node["answer_type"]],
        "text": _official_text(node["text"]),
        "criteria": node.get("criteria_text", ""),
        "options": [
            {"code": o["code"], "meaning": o["label"], "value": _num(o["value"])}
            for o in node.get("options", [])
        ],
        "evidence": list((node.get("evidence_examples") or {}).get("items", [])),
        "portalrb_soal_id": portal.get("soal_id"),
        "excel_row": _form_row(portal),
        "notes": node.get("notes", ""),
    }
    if node["component"] == "hasil":
        out["weight"] = _num(node["weight"])
    if out["type"] == "percent":
        formula = _formula(node)
        out["formula"] = formula
        out["inputs"] = [_input(i, formula) for i in node["inputs"]]
        out["excel_row"] = _percent_row(out["inputs"][0]["excel_row"], formula)
    if out["type"] == "index":
        out["index"] = node.get("index", "")
    return out


def _group(node: dict[str, Any]) -> dict[str, Any]:
    level = _LEVELS[node["level"]]
    if level == "item":
        return _item(node)
    out: dict[str, Any] = {
        "id": node["id"],
        "level": level,
        "code": node["code"],
        "name": node["name"],
        "weight": _num(node["weight"]),
    }
    if level == "area":
        area = int(node["code"])
        out["area"] = area
        out["name"] = AREA_NAMES[area]
    if node.get("notes"):
        out["notes"] = node["notes"]
    out["children"] = [_group(c) for c in node.get("children", [])]
    return out


def _thresholds(rules: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for predikat in ("WBK", "WBBM"):
        r = rules[predikat]
        out[predikat] = {
            "total": _num(r["nilai_total_min"]),
            "pengungkit": _num(r["pengungkit_min"]),
            "area_percent": _num(r["per_area_min_pct"]),
            "bersih_akuntabel": _num(r["hasil_bersih_akuntabel_min"]),
            "ipak": _num(r["ipak_subkomponen_min"]),
            "capaian_kinerja": _num(r["capaian_kinerja_min"]),
            "pelayanan_prima": _num(r["pelayanan_prima_min"]),
            "requires_wbk": predikat == "WBBM",
        }
    return out


def build_base(reference: dict[str, Any]) -> dict[str, Any]:
    """The 2021 definition in the project's format."""
    return {
        "format": "zi-lke/1",
        "id": BASE_ID,
        "title": "LKE Zona Integritas menuju WBK/WBBM (PermenPANRB 90/2021, Lampiran III)",
        "regulation": reference["meta"]["regulation"]["number"],
        "thresholds": _thresholds(reference["decision_rules"]),
        "tree": [_group(n) for n in reference["tree"]],
    }


def build_rev2026(reference: dict[str, Any]) -> dict[str, Any]:
    """The 2026 revision: the base definition with the LHKASN item worded as Non LHKPN."""
    changes: list[dict[str, Any]] = [
        {"node": LHKASN_ITEM, "set": {"text": NON_LHKPN_TEXT, "criteria": NON_LHKPN_CRITERIA}}
    ]
    item = _find(reference["tree"], LHKASN_ITEM)
    for inp in item["inputs"]:
        text_2026 = (inp.get("portalrb_2026") or {}).get("text_2026")
        if text_2026:
            changes.append({"node": inp["id"], "set": {"text": text_2026}})
    return {
        "format": "zi-lke/1",
        "id": REV2026_ID,
        "extends": BASE_ID,
        "title": "LKE Zona Integritas menuju WBK/WBBM (PermenPANRB 90/2021, PortalRB 2026)",
        "regulation": reference["meta"]["regulation"]["number"]
        + "; SE Menteri PANRB No. 2 Tahun 2023",
        "changes": changes,
    }


def _find(nodes: list[dict[str, Any]], node_id: str) -> dict[str, Any]:
    for node in nodes:
        if node["id"] == node_id:
            return node
        try:
            return _find(node.get("children", []), node_id)
        except KeyError:
            continue
    raise KeyError(node_id)


def dump(definition: dict[str, Any]) -> str:
    return json.dumps(definition, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m zi_desktop.lke.build REFERENCE.json OUT_DIR", file=sys.stderr)
        return 2
    reference = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    out = Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{BASE_ID}.json").write_text(dump(build_base(reference)), encoding="utf-8")
    (out / f"{REV2026_ID}.json").write_text(dump(build_rev2026(reference)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
