"""Load an LKE definition file (format ``zi-lke/1``) into :mod:`zi_desktop.lke.model` objects.

Loading is strict: duplicate JSON keys, unknown fields, non-decimal weights and every broken
rule of :mod:`zi_desktop.lke.validate` refuse the file with a :class:`DefinitionError` naming
the node and the rule. A definition may ``extend`` another one and change only wording.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DefinitionError
from ..paths import resources_dir
from .model import (
    SURVEYS,
    Definition,
    Formula,
    FormulaKind,
    Group,
    Item,
    ItemType,
    NumericInput,
    Option,
    Thresholds,
)
from .validate import validate

FORMAT = "zi-lke/1"
_GROUP_FIELDS = {"id", "level", "code", "name", "weight", "area", "children", "notes"}
_ITEM_FIELDS = {
    "id",
    "level",
    "code",
    "type",
    "text",
    "criteria",
    "options",
    "inputs",
    "formula",
    "weight",
    "evidence",
    "portalrb_soal_id",
    "excel_row",
    "notes",
    "index",
}
_INPUT_FIELDS = {"id", "text", "used", "portalrb_soal_id", "excel_row", "notes"}
_FORMULA_FIELDS = {
    "kind",
    "expression",
    "zero_denominator",
    "numerator",
    "denominator",
    "previous",
    "current",
}
_CHANGEABLE = {"text", "criteria", "name", "notes"}


def definitions_dir() -> Path:
    return resources_dir() / "lke"


def available_definitions() -> list[str]:
    """Ids of the definitions shipped with the application."""
    return sorted(p.stem for p in definitions_dir().glob("*.json"))


@cache
def load_definition(definition_id: str) -> Definition:
    """A shipped definition by id, loaded and validated once per process."""
    path = definitions_dir() / f"{definition_id}.json"
    if definition_id not in available_definitions() or not path.is_file():
        raise DefinitionError(definition_id, definition_id, "no such LKE definition is installed")
    return load_file(path)


def load_file(path: Path) -> Definition:
    """Load and validate the definition in ``path`` (its base, if any, from the same folder)."""
    raw = _read_json(path)
    return build(_resolve(raw, path.parent, seen=(path.stem,)))


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(
            path.read_text(encoding="utf-8"),
            object_pairs_hook=_reject_duplicates,
            parse_float=Decimal,
        )
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DefinitionError(path.name, "(file)", f"not readable JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(path.name, "(file)", "the file must hold one JSON object")
    return data


def _resolve(raw: dict[str, Any], folder: Path, seen: tuple[str, ...]) -> dict[str, Any]:
    def_id = str(raw.get("id", "(no id)"))
    if raw.get("format") != FORMAT:
        raise DefinitionError(def_id, "(file)", f"format must be {FORMAT!r}")
    base_id = raw.get("extends")
    if base_id is None:
        return raw
    if base_id in seen:
        raise DefinitionError(def_id, "(file)", f"extends {base_id!r} in a cycle")
    base_path = folder / f"{base_id}.json"
    if not base_path.is_file():
        raise DefinitionError(def_id, "(file)", f"extends {base_id!r}, which is not installed")
    base = _resolve(_read_json(base_path), folder, seen + (str(base_id),))
    merged = copy.deepcopy(base)
    merged.update({k: raw[k] for k in ("id", "title", "regulation") if k in raw})
    merged["based_on"] = base_id
    nodes = _index(merged["tree"])
    changes = raw.get("changes", [])
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise DefinitionError(def_id, "(changes)", "changes must be a list of objects")
    for change in changes:
        node_id = change.get("node")
        if node_id not in nodes:
            raise DefinitionError(def_id, str(node_id), "a change names a node that does not exist")
        fields = change.get("set", {})
        if not isinstance(fields, dict):
            raise DefinitionError(def_id, str(node_id), "a change's 'set' must be an object")
        bad = set(fields) - _CHANGEABLE
        if bad:
            raise DefinitionError(
                def_id, node_id, f"a revision may change only wording, not {sorted(bad)}"
            )
        nodes[node_id].update(fields)
    return merged


def _survey_of(node: dict[str, Any]) -> str:
    """The survey an index item records: the first word of its ``index`` text (``IPAK …``)."""
    return str(node.get("index", "")).split(" ", 1)[0]


def _index(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for node in nodes:
        out[str(node.get("id"))] = node
        out.update(_index(node.get("children", [])))
        for inp in node.get("inputs", []):
            out[str(inp.get("id"))] = inp
    return out


class _Builder:
    """Turns checked JSON into model objects, naming the node of every problem."""

    def __init__(self, def_id: str) -> None:
        self.def_id = def_id

    def fail(self, node: str, rule: str) -> DefinitionError:
        return DefinitionError(self.def_id, node, rule)

    def number(self, node: str, name: str, value: Any) -> Fraction:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise self.fail(node, f"{name} must be a decimal number, got {value!r}")
        try:
            return Fraction(Decimal(str(value)))
        except (InvalidOperation, ValueError, OverflowError):
            raise self.fail(node, f"{name} must be a decimal number, got {value!r}") from None

    def fields(self, node: dict[str, Any], allowed: set[str]) -> str:
        node_id = str(node.get("id", "(no id)"))
        unknown = set(node) - allowed
        if unknown:
            raise self.fail(node_id, f"unknown field(s) {sorted(unknown)}")
        return node_id

    def group(self, node: dict[str, Any]) -> Group:
        node_id = self.fields(node, _GROUP_FIELDS)
        children = node.get("children", [])
        subgroups = tuple(self.group(c) for c in children if c.get("level") != "item")
        items = tuple(self.item(c) for c in children if c.get("level") == "item")
        if subgroups and items:
            raise self.fail(node_id, "a node holds either groups or items, not both")
        return Group(
            id=node_id,
            level=str(node.get("level", "")),
            code=str(node.get("code", "")),
            name=str(node.get("name", "")),
            weight=self.number(node_id, "weight", node.get("weight")),
            area=node.get("area"),
            children=subgroups,
            items=items,
            notes=str(node.get("notes", "")),
        )

    def item(self, node: dict[str, Any]) -> Item:
        node_id = self.fields(node, _ITEM_FIELDS)
        try:
            item_type = ItemType(str(node.get("type")))
        except ValueError:
            raise self.fail(node_id, f"unknown answer type {node.get('type')!r}") from None
        options = tuple(
            Option(
                code=str(o.get("code", "")),
                meaning=str(o.get("meaning", "")),
                value=self.number(node_id, f"value of option {o.get('code')!r}", o.get("value")),
            )
            for o in node.get("options", [])
        )
        inputs = tuple(self.input(i) for i in node.get("inputs", []))
        formula = self.formula(node_id, node["formula"]) if "formula" in node else None
        weight = node.get("weight")
        return Item(
            id=node_id,
            code=str(node.get("code", "")),
            type=item_type,
            text=str(node.get("text", "")),
            criteria=str(node.get("criteria", "")),
            options=options,
            inputs=inputs,
            formula=formula,
            weight=None if weight is None else self.number(node_id, "weight", weight),
            evidence=tuple(str(e) for e in node.get("evidence", [])),
            portalrb_soal_id=node.get("portalrb_soal_id"),
            excel_row=node.get("excel_row"),
            notes=str(node.get("notes", "")),
            survey=_survey_of(node) if item_type is ItemType.INDEX else "",
        )

    def input(self, node: dict[str, Any]) -> NumericInput:
        node_id = self.fields(node, _INPUT_FIELDS)
        return NumericInput(
            id=node_id,
            text=str(node.get("text", "")),
            used=bool(node.get("used", True)),
            portalrb_soal_id=node.get("portalrb_soal_id"),
            excel_row=node.get("excel_row"),
        )

    def formula(self, node_id: str, node: dict[str, Any]) -> Formula:
        unknown = set(node) - _FORMULA_FIELDS
        if unknown:
            raise self.fail(node_id, f"unknown formula field(s) {sorted(unknown)}")
        try:
            kind = FormulaKind(str(node.get("kind")))
        except ValueError:
            raise self.fail(node_id, f"unknown formula kind {node.get('kind')!r}") from None
        return Formula(
            kind=kind,
            expression=str(node.get("expression", "")),
            zero_denominator=self.number(node_id, "zero_denominator", node.get("zero_denominator")),
            numerator=str(node.get("numerator", "")),
            denominator=tuple(str(d) for d in node.get("denominator", [])),
            previous=str(node.get("previous", "")),
            current=str(node.get("current", "")),
        )

    def thresholds(self, raw: Any) -> dict[str, Thresholds]:
        if not isinstance(raw, dict) or set(raw) != {"WBK", "WBBM"}:
            raise self.fail("thresholds", "thresholds must be given for WBK and WBBM")
        out = {}
        for predikat, rules in raw.items():
            names = (
                "total",
                "pengungkit",
                "area_percent",
                "bersih_akuntabel",
                "ipak",
                "capaian_kinerja",
                "pelayanan_prima",
            )
            missing = [n for n in names if n not in rules]
            if missing:
                raise self.fail(f"thresholds.{predikat}", f"missing {missing}")
            values = {n: self.number(f"thresholds.{predikat}", n, rules[n]) for n in names}
            out[predikat] = Thresholds(**values, requires_wbk=bool(rules.get("requires_wbk")))
        return out


def build(raw: dict[str, Any]) -> Definition:
    """Build and validate a definition from its resolved JSON."""
    def_id = str(raw.get("id", ""))
    builder = _Builder(def_id or "(no id)")
    if not def_id:
        raise builder.fail("(file)", "the definition has no id")
    tree = raw.get("tree")
    if not isinstance(tree, list) or [n.get("id") for n in tree] != ["A", "B"]:
        raise builder.fail("(tree)", "the tree must hold exactly the components A and B")
    try:
        pengungkit, hasil = (builder.group(n) for n in tree)
        thresholds = builder.thresholds(raw.get("thresholds"))
    except (AttributeError, TypeError, KeyError) as exc:
        raise builder.fail("(tree)", f"malformed structure ({exc!r})") from None
    definition = Definition(
        id=def_id,
        title=str(raw.get("title", "")),
        regulation=str(raw.get("regulation", "")),
        pengungkit=pengungkit,
        hasil=hasil,
        thresholds=thresholds,
        based_on=raw.get("based_on"),
    )
    validate(definition)
    _fill_indexes(definition)
    if sorted(definition.survey_items) != sorted(SURVEYS):
        raise builder.fail(
            "(tree)", f"the index items must record the surveys {', '.join(SURVEYS)} once each"
        )
    return definition


def _fill_indexes(definition: Definition) -> None:
    def walk(group: Group) -> None:
        definition.groups[group.id] = group
        for child in group.children:
            walk(child)
        for item in group.items:
            definition.items[item.id] = item
            if item.survey:
                definition.survey_items[item.survey] = item.id
            for inp in item.inputs:
                definition.inputs[inp.id] = (item, inp)

    walk(definition.pengungkit)
    walk(definition.hasil)
