"""The shipped LKE definitions against the regulation (docs/scoring.md §1, §2, §4, §8)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from fractions import Fraction

import pytest

from zi_desktop.lke.loader import available_definitions, load_definition
from zi_desktop.lke.model import Definition, FormulaKind, Group, Item, ItemType

BASE = "permenpanrb-90-2021"
REV = "permenpanrb-90-2021-rev2026"
F = Fraction

# Lampiran II, Tabel 3 (docs/scoring.md §1.2): area number -> combined weight.
TABEL_3 = {1: F(8), 2: F(7), 3: F(10), 4: F(10), 5: F(15), 6: F(10)}
OPTIONS = {
    ItemType.YA_TIDAK: [("Ya", F(1)), ("Tidak", F(0))],
    ItemType.ABC: [("A", F(1)), ("B", F(1, 2)), ("C", F(0))],
    ItemType.ABCD: [("A", F(1)), ("B", F(67, 100)), ("C", F(33, 100)), ("D", F(0))],
    ItemType.ABCDE: [("A", F(1)), ("B", F(3, 4)), ("C", F(1, 2)), ("D", F(1, 4)), ("E", F(0))],
}
PERCENT_ITEMS = {
    # id: (kind, numerator/previous, denominators/current, zero-denominator default, #inputs)
    "A.II.1.i.a": (FormulaKind.RATIO, ".2", (".1",), F(0), 2),
    "A.II.1.i.b": (FormulaKind.RATIO, ".2", (".1",), F(0), 2),
    "A.II.3.iii.a": (FormulaKind.DECREASE, ".1", (".2",), F(0), 3),
    "A.II.4.i.a": (FormulaKind.RATIO, ".2", (".1",), F(0), 2),
    "A.II.5.ii.a": (FormulaKind.RATIO, ".3", (".1",), F(1), 3),
    "A.II.5.iii.a": (FormulaKind.RATIO, ".4", (".1", ".2", ".3"), F(1), 4),
    "A.II.5.iii.b": (FormulaKind.RATIO, ".4", (".1", ".2", ".3"), F(1), 4),
    "A.II.6.i.b": (FormulaKind.RATIO, ".2", (".1",), F(0), 2),
}
UNUSED_INPUTS = {"A.II.3.iii.a.3", "A.II.5.ii.a.2"}


@pytest.fixture(params=[BASE, REV])
def definition(request: pytest.FixtureRequest) -> Definition:
    return load_definition(request.param)


def _items_under(group: Group) -> list[Item]:
    out = list(group.items)
    for child in group.children:
        out += _items_under(child)
    return out


def test_both_definitions_are_shipped_and_load() -> None:
    assert set(available_definitions()) >= {BASE, REV}
    base, rev = load_definition(BASE), load_definition(REV)
    assert base.id == BASE and base.based_on is None
    assert rev.id == REV and rev.based_on == BASE


def test_item_counts(definition: Definition) -> None:
    items = definition.scored_items()
    assert len(items) == 113
    assert len({i.id for i in items}) == 113
    assert len(_items_under(definition.pemenuhan)) == 87
    reform = _items_under(definition.reform)
    assert len(reform) == 23
    assert sum(1 for i in reform if i.type is ItemType.PERCENT) == 8
    assert sum(1 for i in reform if i.type.is_choice) == 15
    hasil = _items_under(definition.hasil)
    assert [(i.id, i.type) for i in hasil] == [
        ("B.I.a", ItemType.INDEX),
        ("B.I.b", ItemType.ABCDE),
        ("B.II.a", ItemType.INDEX),
    ]
    assert sum(1 for i in items if i.type is ItemType.PERCENT) == 8
    assert not any(i.type is ItemType.PERCENT for i in _items_under(definition.pemenuhan))


def test_numeric_inputs_and_sub_areas(definition: Definition) -> None:
    assert len(definition.inputs) == 22
    assert len(definition.sub_areas()) == 42
    answer_ids = definition.answer_ids()
    assert len(answer_ids) == 105 + 22
    assert len(set(answer_ids)) == 127


def test_component_weights(definition: Definition) -> None:
    assert definition.pemenuhan.id == "A.I" and definition.pemenuhan.weight == 30
    assert definition.reform.id == "A.II" and definition.reform.weight == 30
    assert definition.pengungkit.weight == 60
    assert definition.hasil.weight == 40
    b1, b2 = definition.hasil.children
    assert (b1.id, b1.weight, b2.id, b2.weight) == ("B.I", F(45, 2), "B.II", F(35, 2))
    assert [i.weight for i in b1.items] == [F(35, 2), F(5)]
    assert [i.weight for i in b2.items] == [F(35, 2)]


def test_each_area_half_is_tabel_3_over_two(definition: Definition) -> None:
    for aspect in (definition.pemenuhan, definition.reform):
        assert [a.area for a in aspect.children] == [1, 2, 3, 4, 5, 6]
        for area in aspect.children:
            assert area.weight == TABEL_3[area.area] / 2, area.id
            assert sum((s.weight for s in area.children), F(0)) == area.weight, area.id
            assert all(s.weight > 0 and s.items for s in area.children)
    assert sum(TABEL_3.values()) == 60


def test_option_values_follow_scoring_md(definition: Definition) -> None:
    for item in definition.scored_items():
        if item.type.is_choice:
            assert [(o.code, o.value) for o in item.options] == OPTIONS[item.type], item.id
        else:
            assert item.options == ()


def test_percentage_formulas_follow_scoring_md(definition: Definition) -> None:
    percent = {i.id: i for i in definition.scored_items() if i.type is ItemType.PERCENT}
    assert set(percent) == set(PERCENT_ITEMS)
    for item_id, (kind, num, dens, default, n_inputs) in PERCENT_ITEMS.items():
        item = percent[item_id]
        f = item.formula
        assert f is not None
        assert [i.id for i in item.inputs] == [f"{item_id}.{n}" for n in range(1, n_inputs + 1)]
        assert f.kind is kind, item_id
        assert f.zero_denominator == default, item_id
        if kind is FormulaKind.RATIO:
            assert f.numerator == item_id + num
            assert f.denominator == tuple(item_id + d for d in dens)
        else:
            assert (f.previous, f.current) == (item_id + num, item_id + dens[0])
        for inp in item.inputs:
            assert inp.used is (inp.id not in UNUSED_INPUTS), inp.id


def test_lhk_sub_area_keeps_both_children(definition: Definition) -> None:
    lhk = definition.groups["A.II.5.iii"]
    assert lhk.weight == 2
    assert [i.id for i in lhk.items] == ["A.II.5.iii.a", "A.II.5.iii.b"]


def test_portalrb_soal_ids(definition: Definition) -> None:
    ids: list[int] = []
    for item in definition.scored_items():
        if item.type is ItemType.PERCENT:
            assert item.portalrb_soal_id is None, item.id
            for inp in item.inputs:
                assert isinstance(inp.portalrb_soal_id, int), inp.id
                ids.append(inp.portalrb_soal_id)
        else:
            assert isinstance(item.portalrb_soal_id, int), item.id
            ids.append(item.portalrb_soal_id)
    with_item_ids = [i for i in definition.scored_items() if i.type is not ItemType.PERCENT]
    assert len(with_item_ids) == 105
    assert len(ids) == 127
    assert len(set(ids)) == 127, [k for k, n in Counter(ids).items() if n > 1]


def test_thresholds_follow_tabel_6(definition: Definition) -> None:
    wbk, wbbm = definition.thresholds["WBK"], definition.thresholds["WBBM"]
    assert (wbk.total, wbk.pengungkit, wbk.area_percent) == (75, 40, 60)
    assert (wbk.bersih_akuntabel, wbk.ipak, wbk.capaian_kinerja, wbk.pelayanan_prima) == (
        F(1825, 100),
        F(1575, 100),
        F(5, 2),
        F(14),
    )
    assert wbk.requires_wbk is False
    assert (wbbm.total, wbbm.pengungkit, wbbm.area_percent) == (85, 48, 75)
    assert (wbbm.bersih_akuntabel, wbbm.ipak, wbbm.capaian_kinerja, wbbm.pelayanan_prima) == (
        F(39, 2),
        F(1575, 100),
        F(15, 4),
        F(1575, 100),
    )
    assert wbbm.requires_wbk is True


def _nodes(definition: Definition) -> dict[str, object]:
    """Every node (group, item, input) by id."""
    out: dict[str, object] = {}

    def walk(group: Group) -> None:
        out[group.id] = group
        for child in group.children:
            walk(child)
        for item in group.items:
            out[item.id] = item
            for inp in item.inputs:
                out[inp.id] = inp

    walk(definition.pengungkit)
    walk(definition.hasil)
    return out


WORDING = {"text", "criteria", "name", "notes"}
STRUCTURE_CHILDREN = {"children", "items", "inputs", "options", "formula"}


def test_rev2026_differs_only_in_the_wording_of_the_lhkasn_item() -> None:
    base, rev = load_definition(BASE), load_definition(REV)
    base_nodes, rev_nodes = _nodes(base), _nodes(rev)
    assert list(base_nodes) == list(rev_nodes)
    changed: dict[str, set[str]] = {}
    for node_id, b in base_nodes.items():
        r = rev_nodes[node_id]
        assert type(b) is type(r)
        for f in dataclasses.fields(b):  # type: ignore[arg-type]
            if f.name in STRUCTURE_CHILDREN - {"options", "formula"}:
                continue  # children are compared as nodes of their own
            if getattr(b, f.name) != getattr(r, f.name):
                assert f.name in WORDING, (node_id, f.name)
                changed.setdefault(node_id, set()).add(f.name)
    lhkasn = "A.II.5.iii.b"
    assert set(changed) == {lhkasn, *(f"{lhkasn}.{n}" for n in range(1, 5))}
    assert changed[lhkasn] == {"text", "criteria"}
    for node_id in changed:
        new_text = rev_nodes[node_id].text  # type: ignore[attr-defined]
        assert "Non LHKPN" in new_text, node_id
        assert "Non LHKPN" not in base_nodes[node_id].text  # type: ignore[attr-defined]
    assert "Tidak Wajib LHKPN" in rev.items[lhkasn].text
    # The scoring data is untouched.
    assert rev.thresholds == base.thresholds
    assert rev.items[lhkasn].formula == base.items[lhkasn].formula
    assert rev.hasil == base.hasil
