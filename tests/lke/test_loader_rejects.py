"""A definition file broken in one way is refused with a DefinitionError naming node and rule."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from zi_desktop.errors import DefinitionError
from zi_desktop.lke.loader import definitions_dir, load_file
from zi_desktop.scoring import score

BASE = "permenpanrb-90-2021"
BASE_PATH = Path(__file__).resolve().parents[2] / "resources" / "lke" / f"{BASE}.json"

Raw = dict[str, Any]


@cache
def _base_text() -> str:
    return BASE_PATH.read_text(encoding="utf-8")


def base_raw() -> Raw:
    return copy.deepcopy(json.loads(_base_text()))


def node(raw: Raw, node_id: str) -> dict[str, Any]:
    def walk(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
        for n in nodes:
            if n.get("id") == node_id:
                return n
            for inp in n.get("inputs", []):
                if inp.get("id") == node_id:
                    return inp
            found = walk(n.get("children", []))
            if found is not None:
                return found
        return None

    found = walk(raw["tree"])
    assert found is not None, node_id
    return found


def option(raw: Raw, item_id: str, code: str) -> dict[str, Any]:
    return next(o for o in node(raw, item_id)["options"] if o["code"] == code)


# --- one way of breaking the file per case ------------------------------------------------


def sub_area_weight(raw: Raw) -> Raw:
    node(raw, "A.I.1.i")["weight"] = "0.75"  # area A.I.1 now sums to 4.25, not 4
    return raw


def area_weight(raw: Raw) -> Raw:
    # Keep the aspect's sum at 30 so that only Tabel 3 is broken.
    node(raw, "A.I.1")["weight"] = "4.5"
    node(raw, "A.I.2")["weight"] = "3"
    return raw


def pemenuhan_total(raw: Raw) -> Raw:
    node(raw, "A.I")["weight"] = "31"
    return raw


def hasil_total(raw: Raw) -> Raw:
    node(raw, "B")["weight"] = "41"
    return raw


def empty_sub_area(raw: Raw) -> Raw:
    node(raw, "A.I.1.i")["children"] = []
    return raw


def option_above_one(raw: Raw) -> Raw:
    option(raw, "A.I.1.i.b", "A")["value"] = "1.5"
    return raw


def option_negative(raw: Raw) -> Raw:
    option(raw, "A.I.1.i.b", "C")["value"] = "-0.1"
    return raw


def duplicate_id(raw: Raw) -> Raw:
    node(raw, "A.I.1.i.b")["id"] = "A.I.1.i.a"
    return raw


def duplicate_option_code(raw: Raw) -> Raw:
    option(raw, "A.I.1.i.b", "B")["code"] = "A"
    return raw


def wrong_option_codes(raw: Raw) -> Raw:
    item = node(raw, "A.I.1.i.a")  # a Ya/Tidak question given A/B codes
    item["options"][0]["code"] = "A"
    item["options"][1]["code"] = "B"
    return raw


def unknown_type(raw: Raw) -> Raw:
    node(raw, "A.I.1.i.a")["type"] = "scale"
    return raw


def unknown_field(raw: Raw) -> Raw:
    node(raw, "A.I.1.i.a")["colour"] = "red"
    return raw


def foreign_formula_input(raw: Raw) -> Raw:
    node(raw, "A.II.1.i.a")["formula"]["numerator"] = "A.II.1.i.b.2"
    return raw


def non_numeric_weight(raw: Raw) -> Raw:
    node(raw, "A.I.1.i")["weight"] = "half"
    return raw


def missing_thresholds(raw: Raw) -> Raw:
    del raw["thresholds"]
    return raw


def missing_one_threshold(raw: Raw) -> Raw:
    del raw["thresholds"]["WBBM"]["bersih_akuntabel"]
    return raw


def wrong_format(raw: Raw) -> Raw:
    raw["format"] = "zi-lke/2"
    return raw


@dataclass(frozen=True)
class Case:
    name: str
    text: Callable[[], str]
    node: str
    words: tuple[str, ...]  # must all appear in the rule (and so in the message)
    with_base: bool = False  # the base definition is copied beside the broken file


def mutated(fn: Callable[[Raw], Raw]) -> Callable[[], str]:
    return lambda: json.dumps(fn(base_raw()), ensure_ascii=False)


def revision(changes: list[Any], extends: str = BASE) -> Callable[[], str]:
    doc = {"format": "zi-lke/1", "id": "broken-rev", "extends": extends, "changes": changes}
    return lambda: json.dumps(doc)


def duplicate_key_text() -> str:
    text = json.dumps(base_raw(), ensure_ascii=False)
    head = '{"format": "zi-lke/1",'
    assert text.startswith(head)
    return head + ' "format": "zi-lke/1",' + text[len(head) :]


CASES = [
    Case("sub_area_weight", mutated(sub_area_weight), "A.I.1", ("sub-areas", "4.25", "4")),
    Case("area_weight", mutated(area_weight), "A.I.1", ("Tabel 3", "4.5", "4")),
    Case("pemenuhan_total", mutated(pemenuhan_total), "A.I", ("pemenuhan 30", "31")),
    Case("hasil_total", mutated(hasil_total), "B", ("hasil 40", "41")),
    Case("empty_sub_area", mutated(empty_sub_area), "A.I.1.i", ("at least one question",)),
    Case("option_above_one", mutated(option_above_one), "A.I.1.i.b", ("'A'", "1.5", "0…1")),
    Case("option_negative", mutated(option_negative), "A.I.1.i.b", ("'C'", "-0.1", "0…1")),
    Case("duplicate_id", mutated(duplicate_id), "A.I.1.i.a", ("more than once",)),
    Case("duplicate_option_code", mutated(duplicate_option_code), "A.I.1.i.b", ("unique",)),
    Case(
        "wrong_option_codes",
        mutated(wrong_option_codes),
        "A.I.1.i.a",
        ("Ya/Tidak", "'Ya'", "'Tidak'", "'A'", "'B'"),
    ),
    Case("unknown_type", mutated(unknown_type), "A.I.1.i.a", ("answer type", "'scale'")),
    Case("unknown_field", mutated(unknown_field), "A.I.1.i.a", ("unknown field", "colour")),
    Case(
        "foreign_formula_input",
        mutated(foreign_formula_input),
        "A.II.1.i.a",
        ("formula", "own inputs"),
    ),
    Case("non_numeric_weight", mutated(non_numeric_weight), "A.I.1.i", ("weight", "'half'")),
    Case("duplicate_json_key", duplicate_key_text, "(file)", ("duplicate key", "'format'")),
    Case("not_json", lambda: '{"format": "zi-lke/1", "id": ', "(file)", ("JSON",)),
    Case("wrong_format", mutated(wrong_format), "(file)", ("format", "zi-lke/1")),
    Case("missing_thresholds", mutated(missing_thresholds), "thresholds", ("WBK", "WBBM")),
    Case(
        "missing_one_threshold",
        mutated(missing_one_threshold),
        "thresholds.WBBM",
        ("missing", "bersih_akuntabel"),
    ),
    Case(
        "extends_unknown_base",
        revision([], extends="permenpanrb-99-2099"),
        "(file)",
        ("extends", "permenpanrb-99-2099", "not installed"),
    ),
    Case(
        "revision_changes_weight",
        revision([{"node": "A.I.1.i", "set": {"weight": "0.6"}}]),
        "A.I.1.i",
        ("only wording", "weight"),
        with_base=True,
    ),
    Case(
        "change_names_missing_node",
        revision([{"node": "A.I.9.ix", "set": {"text": "x"}}]),
        "A.I.9.ix",
        ("does not exist",),
        with_base=True,
    ),
]


def load_broken(tmp_path: Path, case: Case) -> DefinitionError:
    if case.with_base:
        shutil.copy(BASE_PATH, tmp_path / BASE_PATH.name)
    path = tmp_path / "broken.json"
    path.write_text(case.text(), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    return info.value


def test_the_unbroken_base_loads_from_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(base_raw()), encoding="utf-8")
    assert len(load_file(path).items) == 113


def test_a_wording_only_revision_loads(tmp_path: Path) -> None:
    shutil.copy(BASE_PATH, tmp_path / BASE_PATH.name)
    path = tmp_path / "rev.json"
    path.write_text(revision([{"node": "A.I.1.i.a", "set": {"text": "Teks baru"}}])())
    rev = load_file(path)
    assert rev.based_on == BASE
    assert rev.items["A.I.1.i.a"].text == "Teks baru"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_definition_is_refused(tmp_path: Path, case: Case) -> None:
    err = load_broken(tmp_path, case)
    assert err.node == case.node
    for word in case.words:
        assert word in err.rule, (word, err.rule)
    assert case.node in err.message
    assert err.rule in err.message


def test_each_kind_of_break_has_its_own_message(tmp_path: Path) -> None:
    rules: dict[str, str] = {}
    for case in CASES:
        folder = tmp_path / case.name
        folder.mkdir()
        rules[case.name] = load_broken(folder, case).rule
    same_kind = {"option_above_one", "option_negative"}  # one rule, the values differ
    assert rules["option_above_one"] != rules["option_negative"]
    templates = {name: rule for name, rule in rules.items() if name not in same_kind} | {
        "option_out_of_range": rules["option_above_one"].replace("1.5", "X")
    }
    assert len(set(templates.values())) == len(templates), rules
    # Messages also differ once the node and the numbers are masked out.
    masked = {
        name: "".join(ch for ch in rule if not ch.isdigit()).replace("'", "")
        for name, rule in templates.items()
    }
    assert len(set(masked.values())) == len(masked), masked


def test_shipped_definitions_folder_holds_the_base() -> None:
    assert (definitions_dir() / BASE_PATH.name).read_text(encoding="utf-8") == _base_text()


# --- rules a loaded definition must also keep --------------------------------------------


@pytest.mark.parametrize("weight", ["Infinity", "-Infinity", "NaN", "sNaN"])
def test_a_non_finite_weight_is_refused_as_a_definition_error(tmp_path: Path, weight: str) -> None:
    raw = base_raw()
    node(raw, "A.I.1.i")["weight"] = weight
    path = tmp_path / "inf.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert info.value.node == "A.I.1.i"
    assert weight in info.value.rule


@pytest.mark.parametrize(
    "changes", [["A.I.1.i.a"], "A.I.1.i.a", [{"node": "A.I.1.i.a", "set": ["text"]}]]
)
def test_a_malformed_revision_is_refused_as_a_definition_error(
    tmp_path: Path, changes: Any
) -> None:
    shutil.copy(BASE_PATH, tmp_path / BASE_PATH.name)
    path = tmp_path / "rev.json"
    doc = {"format": "zi-lke/1", "id": "broken-rev", "extends": BASE, "changes": changes}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert "change" in info.value.rule


def test_a_definition_that_loads_can_be_scored(tmp_path: Path) -> None:
    raw = base_raw()
    option(raw, "A.I.1.i.b", "B")["value"] = "0.333"
    path = tmp_path / "third.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    try:
        definition = load_file(path)
    except DefinitionError:
        return  # refusing such a file would be acceptable too
    result = score(definition, {"A.I.1.i.a": "Ya", "A.I.1.i.b": "B"})
    # Sub-area A.I.1.i (weight 0.5): (1 + 0.333) / 2 × 0.5
    assert result.nodes["A.I.1.i"] == (1 + Fraction(333, 1000)) / 2 * Fraction(1, 2)


# --- bugs ---------------------------------------------------------------------------------


def test_a_negative_pelayanan_prima_threshold_is_refused(tmp_path: Path) -> None:
    raw = base_raw()
    raw["thresholds"]["WBK"]["pelayanan_prima"] = "-1"
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert info.value.node == "thresholds.WBK"
    assert "pelayanan_prima" in info.value.rule


def test_a_negative_total_threshold_is_refused(tmp_path: Path) -> None:
    raw = base_raw()
    raw["thresholds"]["WBK"]["total"] = "-1"
    path = tmp_path / "neg.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert info.value.node == "thresholds.WBK" and "total" in info.value.rule


def test_hasil_item_weights_are_fixed_by_the_regulation(tmp_path: Path) -> None:
    raw = base_raw()
    node(raw, "B.I.a")["weight"] = "5"
    node(raw, "B.I.b")["weight"] = "17.5"
    path = tmp_path / "swapped.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    assert info.value.node in {"B.I.a", "B.I.b", "B.I"}
