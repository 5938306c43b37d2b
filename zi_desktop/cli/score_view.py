"""The readable table ``zi score`` prints: areas, hasil, total, verdicts, missing items."""

from __future__ import annotations

from fractions import Fraction

from ..formatting import format_number
from ..i18n import _, ngettext
from ..values.scores import AREA_NAMES, Condition, Definition, ScoreResult, Verdict, condition_label
from ..values.scores import verdict_label as status_text


def _num(value: Fraction | str) -> str:
    return value if isinstance(value, str) else format_number(value)


def _condition_line(c: Condition) -> str:
    mark = "✓" if c.passed else "✗"
    actual, required = _num(c.actual), _num(c.required)
    if isinstance(c.actual, Fraction) and actual == required and not c.passed:
        # Rounded to two decimals the two look equal; show the exact shortfall instead.
        actual = format_number(c.actual, 6)
    sign = "≥" if c.passed else "<"
    if isinstance(c.actual, str):
        sign = "=" if c.passed else "≠"
    return f"    {mark} {condition_label(c.code):<42} {actual:>8}  {sign} {required}"


def _verdict_lines(v: Verdict) -> list[str]:
    head = _("Menuju {predikat}: {status}").format(
        predikat=v.predikat, status=status_text(v.status)
    )
    return [f"  {head}", *(_condition_line(c) for c in v.conditions)]


def render(file: str, definition: Definition, r: ScoreResult) -> str:
    n = format_number
    lines = [f"{file}  ({definition.id})", ""]
    header = f"  {_('Area'):<44}{_('Pemenuhan'):>10}{_('Reform'):>9}{_('Total'):>9}{'%':>9}"
    lines.append(header)
    for number, area in sorted(r.areas.items()):
        name = f"{number}. {AREA_NAMES[number]}"
        lines.append(
            f"  {name:<44}{n(area.pemenuhan):>10}{n(area.reform):>9}{n(area.total):>9}"
            f"{n(area.percent):>9}"
        )
    lines.append(f"  {_('Pengungkit'):<44}{n(r.pemenuhan):>10}{n(r.reform):>9}{n(r.pengungkit):>9}")
    ipak_item, capaian_item = definition.hasil.children[0].items
    ipkp_item = definition.hasil.children[1].items[0]
    lines += [
        "",
        "  "
        + _("Hasil: IPAK {ipak} + capaian kinerja {capaian} + IPKP {ipkp} = {hasil}").format(
            ipak=n(r.nodes[ipak_item.id]),
            capaian=n(r.nodes[capaian_item.id]),
            ipkp=n(r.nodes[ipkp_item.id]),
            hasil=n(r.hasil),
        ),
        "  " + _("TOTAL: {total}").format(total=n(r.total)),
        "",
    ]
    for verdict in r.verdicts.values():
        lines += _verdict_lines(verdict)
    if r.missing:
        count = len(r.missing)
        lines += [
            "",
            "  "
            + ngettext("{count} answer missing:", "{count} answers missing:", count).format(
                count=count
            ),
            "    " + ", ".join(r.missing),
        ]
    for use in r.policies_applied:
        lines.append(
            "  "
            + _("{item}: denominator is zero, scored {value} by the workspace rule").format(
                item=use.item, value=n(use.value)
            )
        )
    for w in r.warnings:
        lines.append(
            "  "
            + _("{item}: the count done exceeds the total; scored 100%, please check").format(
                item=w.item
            )
        )
    return "\n".join(lines) + "\n"
