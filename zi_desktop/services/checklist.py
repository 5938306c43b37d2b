"""The LKE as the checklist screen shows it: a tree of plain nodes and question details.

Built once per LKE version from the definition, so the UI needs neither the definition model
nor the scoring engine: :func:`lke_tree`, :func:`question`, and :func:`score_view` which turns
a tier's :class:`ScoreResult` into what the tree and the score panel display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache

from ..formatting import format_number, format_percent
from ..lke.loader import load_definition
from ..lke.model import AREA_NAMES, Group, Item, ItemType
from ..scoring import AnswerValue, ScoreResult
from ..scoring.labels import condition_label as condition_label  # for the screens
from ..scoring.labels import verdict_label as verdict_label

RECOMMENDATIONS = "recommendations"  # id of the recommendations page in the tree
SURVEYS = "surveys"  # id of the survey page in the tree


@dataclass(frozen=True)
class LkeNode:
    id: str
    kind: str  # group | item | page
    label: str
    title: str
    depth: int
    cells: tuple[str, ...] = ()  # the answer ids a person fills under this node
    children: tuple[LkeNode, ...] = ()


@dataclass(frozen=True)
class OptionInfo:
    code: str
    meaning: str
    value: Fraction


@dataclass(frozen=True)
class InputInfo:
    id: str
    text: str
    used: bool


@dataclass(frozen=True)
class QuestionInfo:
    id: str
    code: str
    kind: str  # choice | percent | index
    type_label: str
    text: str
    criteria: str
    area: str
    sub_area: str
    options: tuple[OptionInfo, ...] = ()
    inputs: tuple[InputInfo, ...] = ()
    formula: str = ""
    evidence_suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoreView:
    """A tier's score as the tree and panels show it."""

    result: ScoreResult
    missing: frozenset[str]
    nilai: dict[str, Fraction]
    answer_text: dict[str, str] = field(default_factory=dict)


def _cells(item: Item) -> tuple[str, ...]:
    return tuple(i.id for i in item.inputs) if item.type is ItemType.PERCENT else (item.id,)


def _item_node(item: Item, depth: int) -> LkeNode:
    text = " ".join(item.text.split())
    short = text if len(text) <= 70 else text[:69] + "…"
    return LkeNode(item.id, "item", f"{item.code}. {short}", text, depth, _cells(item))


def _group_node(group: Group, depth: int) -> LkeNode:
    children = [_group_node(g, depth + 1) for g in group.children]
    children += [_item_node(i, depth + 1) for i in group.items]
    cells = tuple(c for child in children for c in child.cells)
    if group.level == "area" and group.area is not None:
        label = f"{group.area}. {AREA_NAMES[group.area]}"
    elif group.level in ("component", "aspect", "sub_component"):
        label = (
            f"{group.code}. {group.name.capitalize()}"
            if group.level == "sub_component"
            else group.name.capitalize()
        )
    else:
        label = f"{group.code}. {group.name}"
    return LkeNode(group.id, "group", label, group.name, depth, cells, tuple(children))


@cache
def lke_tree(lke: str) -> tuple[LkeNode, ...]:
    """Pengungkit, Hasil, and the survey and recommendation pages, as plain nodes."""
    d = load_definition(lke)
    return (
        _group_node(d.pengungkit, 0),
        _group_node(d.hasil, 0),
        LkeNode(SURVEYS, "page", "Survei IPAK/IPKP", "Survei IPAK/IPKP", 0),
        LkeNode(RECOMMENDATIONS, "page", "Rekomendasi", "Rekomendasi", 0),
    )


@cache
def question_order(lke: str) -> tuple[str, ...]:
    """Every question id in worksheet order (for next/previous)."""
    return tuple(load_definition(lke).items)


@cache
def question(lke: str, item_id: str) -> QuestionInfo:
    d = load_definition(lke)
    item = d.items[item_id]
    area = sub = ""
    for group in d.groups.values():
        if item in group.items:
            sub = group.name
    if item_id.startswith("A."):
        area = AREA_NAMES[int(item_id.split(".")[2])]
    else:
        area = d.hasil.name.capitalize()
    kind = {ItemType.PERCENT: "percent", ItemType.INDEX: "index"}.get(item.type, "choice")
    return QuestionInfo(
        id=item.id,
        code=item.code,
        kind=kind,
        type_label=item.type.label,
        text=item.text,
        criteria=item.criteria,
        area=area,
        sub_area=sub,
        options=tuple(OptionInfo(o.code, o.meaning, o.value) for o in item.options),
        inputs=tuple(InputInfo(i.id, i.text, i.used) for i in item.inputs),
        formula=item.formula.expression if item.formula else "",
        evidence_suggestions=item.evidence,
    )


def _answer_text(lke: str, result: ScoreResult, answers: dict[str, AnswerValue]) -> dict[str, str]:
    d = load_definition(lke)
    out = {}
    for item in d.items.values():
        value = result.values.get(item.id)
        if item.type is ItemType.PERCENT:
            if value is not None:
                out[item.id] = format_percent(value)
        elif item.type is ItemType.INDEX:
            raw = answers.get(item.id)
            if raw is not None:
                out[item.id] = format_number(Fraction(raw))
        elif item.id in answers:
            out[item.id] = str(answers[item.id])
    return out


def score_view(lke: str, result: ScoreResult, answers: dict[str, AnswerValue]) -> ScoreView:
    return ScoreView(
        result=result,
        missing=frozenset(result.missing),
        nilai=dict(result.nodes),
        answer_text=_answer_text(lke, result, answers),
    )


AREA_TITLES = AREA_NAMES  # area number → name, for screens
