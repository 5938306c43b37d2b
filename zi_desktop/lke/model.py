"""The LKE (Lembar Kerja Evaluasi) definition as immutable value objects.

Terms, kept in Indonesian as the regulation uses them:

* *pengungkit* — the enabling component (A, weight 60), made of *pemenuhan* (A.I, 30) and
  *reform* (A.II, 30), each split over the same six areas;
* *hasil* — the results component (B, weight 40): B.I *birokrasi bersih dan akuntabel*
  (IPAK survey index + capaian kinerja) and B.II *pelayanan publik prima* (IPKP survey index);
* *sub-area* (indikator) — a weighted group of questions whose nilai is the average of the
  values of its answered questions times its weight;
* *nilai* — a score in points; a question's *value* is in 0…1.

All weights and option values are exact :class:`fractions.Fraction` numbers so that scores
can be compared with the regulation's thresholds without rounding error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


class ItemType(StrEnum):
    """How a question is answered."""

    YA_TIDAK = "yn"
    ABC = "abc"
    ABCD = "abcd"
    ABCDE = "abcde"
    PERCENT = "percent"
    INDEX = "index"

    @property
    def is_choice(self) -> bool:
        return self not in (ItemType.PERCENT, ItemType.INDEX)

    @property
    def label(self) -> str:
        """The answer-type name used in the official worksheet."""
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    ItemType.YA_TIDAK: "Ya/Tidak",
    ItemType.ABC: "A/B/C",
    ItemType.ABCD: "A/B/C/D",
    ItemType.ABCDE: "A/B/C/D/E",
    ItemType.PERCENT: "%",
    ItemType.INDEX: "Nilai (0-4)",
}


class FormulaKind(StrEnum):
    """The two shapes of percentage formula in the LKE."""

    RATIO = "ratio"  # numerator / sum(denominators), clipped to 0…1
    DECREASE = "decrease"  # (previous - current) / previous, clipped; 0/0 scores 1


SURVEYS = ("IPAK", "IPKP")  # the external surveys whose index an LKE asks for


@dataclass(frozen=True, slots=True)
class Option:
    """One answer option of a choice question: its code, its meaning and its value."""

    code: str
    meaning: str
    value: Fraction


@dataclass(frozen=True, slots=True)
class NumericInput:
    """A whole-number input ("Jumlah …") of a percentage question."""

    id: str
    text: str
    used: bool
    portalrb_soal_id: int | None = None
    excel_row: int | None = None


@dataclass(frozen=True, slots=True)
class Formula:
    """The percentage formula of a question.

    For ``RATIO`` the value is ``numerator / sum(denominator)``; for ``DECREASE`` it is
    ``(previous - current) / previous``, and 1 when both are zero. Either is clipped to 0…1.
    ``zero_denominator`` is the documented default value when the denominator is zero (and,
    for ``DECREASE``, the current count is not); a scoring policy may override it.
    """

    kind: FormulaKind
    expression: str
    zero_denominator: Fraction
    numerator: str = ""
    denominator: tuple[str, ...] = ()
    previous: str = ""
    current: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """A scored question (pertanyaan) or a hasil item."""

    id: str
    code: str
    type: ItemType
    text: str
    criteria: str
    options: tuple[Option, ...] = ()
    inputs: tuple[NumericInput, ...] = ()
    formula: Formula | None = None
    weight: Fraction | None = None  # hasil items only; pengungkit items share their sub-area's
    evidence: tuple[str, ...] = ()
    portalrb_soal_id: int | None = None
    excel_row: int | None = None
    notes: str = ""
    survey: str = ""  # an index item: the survey whose index it records ("IPAK", "IPKP")

    def option(self, code: str) -> Option | None:
        for opt in self.options:
            if opt.code == code:
                return opt
        return None


@dataclass(frozen=True, slots=True)
class Group:
    """An inner node of the tree: component, aspect, area, sub-area or hasil sub-component."""

    id: str
    level: str
    code: str
    name: str
    weight: Fraction
    area: int | None = None
    children: tuple[Group, ...] = ()
    items: tuple[Item, ...] = ()
    notes: str = ""


AREA_NAMES: dict[int, str] = {
    1: "Manajemen Perubahan",
    2: "Penataan Tatalaksana",
    3: "Penataan Sistem Manajemen SDM Aparatur",
    4: "Penguatan Akuntabilitas",
    5: "Penguatan Pengawasan",
    6: "Peningkatan Kualitas Pelayanan Publik",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The decision rules for one predikat (Lampiran II BAB III, Tabel 6)."""

    total: Fraction
    pengungkit: Fraction
    area_percent: Fraction  # of each area's combined weight, in percent
    bersih_akuntabel: Fraction
    ipak: Fraction
    capaian_kinerja: Fraction
    pelayanan_prima: Fraction
    requires_wbk: bool = False


@dataclass(frozen=True)
class Definition:
    """A whole LKE: the tree, thresholds and lookup tables built once on load."""

    id: str
    title: str
    regulation: str
    pengungkit: Group
    hasil: Group
    thresholds: dict[str, Thresholds]
    based_on: str | None = None
    items: dict[str, Item] = field(default_factory=dict, compare=False)
    inputs: dict[str, tuple[Item, NumericInput]] = field(default_factory=dict, compare=False)
    groups: dict[str, Group] = field(default_factory=dict, compare=False)
    # The survey index items by survey: {"IPAK": "B.I.a", "IPKP": "B.II.a"} in this LKE.
    survey_items: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def pemenuhan(self) -> Group:
        return self.pengungkit.children[0]

    @property
    def reform(self) -> Group:
        return self.pengungkit.children[1]

    def sub_areas(self) -> list[Group]:
        return [
            s for aspect in self.pengungkit.children for a in aspect.children for s in a.children
        ]

    def scored_items(self) -> list[Item]:
        """All 113 scored items in worksheet order."""
        return list(self.items.values())

    def answer_ids(self) -> list[str]:
        """The ids a person fills in, in worksheet order: choice and survey items, and inputs."""
        out: list[str] = []
        for item in self.items.values():
            if item.type is ItemType.PERCENT:
                out.extend(i.id for i in item.inputs)
            else:
                out.append(item.id)
        return out
