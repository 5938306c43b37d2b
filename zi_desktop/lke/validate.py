"""The rules every LKE definition must keep, checked on load.

Each broken rule raises :class:`DefinitionError` naming the node and the rule, so that a bad
file is refused with a message a maintainer can act on. The regulation's fixed numbers
(Tabel 3 and the component weights) live here, not in the file being checked.
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import DefinitionError
from .model import Definition, FormulaKind, Group, Item, ItemType

# Lampiran II, Tabel 3: the weight of each area (pemenuhan + reform, split in equal halves).
AREA_WEIGHTS: dict[int, Fraction] = {
    1: Fraction(8),
    2: Fraction(7),
    3: Fraction(10),
    4: Fraction(10),
    5: Fraction(15),
    6: Fraction(10),
}
PEMENUHAN_WEIGHT = Fraction(30)
REFORM_WEIGHT = Fraction(30)
HASIL_WEIGHT = Fraction(40)
# Lampiran II: the hasil parts and items have fixed weights (IPAK, capaian kinerja, IPKP).
HASIL_WEIGHTS: dict[str, Fraction] = {
    "B.I": Fraction(45, 2),
    "B.I.a": Fraction(35, 2),
    "B.I.b": Fraction(5),
    "B.II": Fraction(35, 2),
    "B.II.a": Fraction(35, 2),
}

# The codes each answer type offers, in order.
OPTION_CODES: dict[ItemType, tuple[str, ...]] = {
    ItemType.YA_TIDAK: ("Ya", "Tidak"),
    ItemType.ABC: ("A", "B", "C"),
    ItemType.ABCD: ("A", "B", "C", "D"),
    ItemType.ABCDE: ("A", "B", "C", "D", "E"),
}


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


class _Checker:
    def __init__(self, definition: Definition) -> None:
        self.d = definition
        self.seen: set[str] = set()

    def fail(self, node: str, rule: str) -> DefinitionError:
        return DefinitionError(self.d.id, node, rule)

    def unique(self, node_id: str) -> None:
        if not node_id or node_id == "(no id)":
            raise self.fail("(no id)", "every node needs an id")
        if node_id in self.seen:
            raise self.fail(node_id, "id is used more than once")
        self.seen.add(node_id)

    def sums_to(self, group: Group, parts: list[Fraction], what: str) -> None:
        total = sum(parts, Fraction(0))
        if total != group.weight:
            raise self.fail(
                group.id,
                f"weights of its {what} add up to {_fmt(total)}, not its weight "
                f"{_fmt(group.weight)}",
            )

    def weight_is(self, group: Group, expected: Fraction, why: str) -> None:
        if group.weight != expected:
            raise self.fail(
                group.id, f"weight is {_fmt(group.weight)}, but {why} requires {_fmt(expected)}"
            )

    def pengungkit(self) -> None:
        a = self.d.pengungkit
        self.unique(a.id)
        if [c.id for c in a.children] != ["A.I", "A.II"]:
            raise self.fail(a.id, "pengungkit must hold A.I (pemenuhan) and A.II (reform)")
        self.weight_is(a, PEMENUHAN_WEIGHT + REFORM_WEIGHT, "the regulation (pengungkit 60)")
        for aspect, weight, name in (
            (a.children[0], PEMENUHAN_WEIGHT, "pemenuhan 30"),
            (a.children[1], REFORM_WEIGHT, "reform 30"),
        ):
            self.unique(aspect.id)
            self.weight_is(aspect, weight, f"the regulation ({name})")
            self.sums_to(aspect, [c.weight for c in aspect.children], "areas")
            self.areas(aspect)

    def areas(self, aspect: Group) -> None:
        numbers = [c.area for c in aspect.children]
        if numbers != list(AREA_WEIGHTS):
            raise self.fail(aspect.id, f"must hold areas 1 to 6 in order, found {numbers}")
        for area in aspect.children:
            self.unique(area.id)
            assert area.area is not None
            self.weight_is(area, AREA_WEIGHTS[area.area] / 2, "Tabel 3 (half of the area)")
            self.sums_to(area, [s.weight for s in area.children], "sub-areas")
            for sub in area.children:
                self.sub_area(sub)

    def sub_area(self, sub: Group) -> None:
        self.unique(sub.id)
        if sub.children or not sub.items:
            raise self.fail(sub.id, "a sub-area must hold at least one question")
        if sub.weight <= 0:
            raise self.fail(sub.id, "a sub-area's weight must be above zero")
        for item in sub.items:
            if item.type is ItemType.INDEX:
                raise self.fail(item.id, "survey indices belong to hasil, not to a sub-area")
            self.item(item)

    def hasil(self) -> None:
        b = self.d.hasil
        self.unique(b.id)
        self.weight_is(b, HASIL_WEIGHT, "the regulation (hasil 40)")
        self.sums_to(b, [c.weight for c in b.children], "parts")
        shape = [[i.type for i in part.items] for part in b.children]
        if [c.id for c in b.children] != ["B.I", "B.II"] or shape != [
            [ItemType.INDEX, ItemType.ABCDE],
            [ItemType.INDEX],
        ]:
            raise self.fail(
                b.id,
                "hasil must hold B.I (IPAK index, capaian kinerja A–E) and B.II (IPKP index)",
            )
        fixed: list[tuple[str, Fraction | None]] = [(p.id, p.weight) for p in b.children]
        fixed += [(i.id, i.weight) for part in b.children for i in part.items]
        for node_id, weight in fixed:
            expected = HASIL_WEIGHTS.get(node_id)
            if expected is not None and weight != expected:
                raise self.fail(
                    node_id,
                    f"weight is {_fmt(weight or Fraction(0))}, but the regulation fixes "
                    f"{_fmt(expected)}",
                )
        for part in b.children:
            self.unique(part.id)
            if not part.items:
                raise self.fail(part.id, "a hasil part must hold at least one item")
            weights = []
            for item in part.items:
                if item.weight is None:
                    raise self.fail(item.id, "a hasil item needs its own weight")
                weights.append(item.weight)
                self.item(item)
            self.sums_to(part, weights, "items")

    def item(self, item: Item) -> None:
        self.unique(item.id)
        if not item.text.strip():
            raise self.fail(item.id, "a question needs its official text")
        if item.type.is_choice:
            self.options(item)
        elif item.type is ItemType.PERCENT:
            self.percent(item)
        elif item.options or item.inputs:
            raise self.fail(item.id, "a survey index takes neither options nor inputs")

    def options(self, item: Item) -> None:
        codes = tuple(o.code for o in item.options)
        expected = OPTION_CODES[item.type]
        if len(set(codes)) != len(codes):
            raise self.fail(item.id, "option codes must be unique")
        if codes != expected:
            raise self.fail(
                item.id, f"{item.type.label} options must be {list(expected)}, found {list(codes)}"
            )
        for opt in item.options:
            if not 0 <= opt.value <= 1:
                raise self.fail(
                    item.id, f"option {opt.code!r} has value {_fmt(opt.value)}, outside 0…1"
                )

    def percent(self, item: Item) -> None:
        f = item.formula
        if f is None or not item.inputs:
            raise self.fail(item.id, "a percentage question needs a formula and its inputs")
        for inp in item.inputs:
            self.unique(inp.id)
        own = {i.id for i in item.inputs}
        refs = (
            [f.numerator, *f.denominator]
            if f.kind is FormulaKind.RATIO
            else [
                f.previous,
                f.current,
            ]
        )
        if not all(refs) or not set(refs) <= own:
            raise self.fail(item.id, "the formula must refer only to the question's own inputs")
        if f.kind is FormulaKind.RATIO and not f.denominator:
            raise self.fail(item.id, "a ratio needs at least one denominator input")
        if not 0 <= f.zero_denominator <= 1:
            raise self.fail(item.id, "the zero-denominator value must be within 0…1")

    def thresholds(self) -> None:
        for predikat, t in self.d.thresholds.items():
            names = (
                "total",
                "pengungkit",
                "bersih_akuntabel",
                "ipak",
                "capaian_kinerja",
                "pelayanan_prima",
            )
            for name in names:
                if getattr(t, name) < 0:
                    raise self.fail(f"thresholds.{predikat}", f"{name} must not be negative")
            if not 0 <= t.area_percent <= 100:
                raise self.fail(f"thresholds.{predikat}", "area_percent must be within 0…100")


def validate(definition: Definition) -> None:
    """Raise :class:`DefinitionError` for the first rule ``definition`` breaks."""
    checker = _Checker(definition)
    checker.pengungkit()
    checker.hasil()
    checker.thresholds()
