"""A :class:`ScoreResult` as the JSON object that ``zi score --json`` prints.

Numbers are JSON numbers at full precision (the nearest double to the exact value), never
rounded for display; verdicts carry every condition.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .result import ScoreResult


def _n(value: Fraction | str) -> float | str:
    return value if isinstance(value, str) else float(value)


def result_to_dict(result: ScoreResult, file: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if file is not None:
        out["file"] = file
    out.update(
        lke=result.definition,
        total=_n(result.total),
        pengungkit=_n(result.pengungkit),
        pemenuhan=_n(result.pemenuhan),
        reform=_n(result.reform),
        hasil=_n(result.hasil),
        areas={
            str(k): {
                "pemenuhan": _n(a.pemenuhan),
                "reform": _n(a.reform),
                "total": _n(a.total),
                "percent": _n(a.percent),
            }
            for k, a in sorted(result.areas.items())
        },
        nodes={k: _n(v) for k, v in result.nodes.items()},
        complete=result.complete,
        missing=list(result.missing),
        policies_applied=[
            {"item": p.item, "policy": p.policy, "value": _n(p.value)}
            for p in result.policies_applied
        ],
        warnings=[{"item": w.item, "code": w.code} for w in result.warnings],
        verdict={
            name: {
                "status": v.status,
                "conditions": [
                    {
                        "code": c.code,
                        "actual": _n(c.actual),
                        "required": _n(c.required),
                        "passed": c.passed,
                    }
                    for c in v.conditions
                ],
            }
            for name, v in result.verdicts.items()
        },
    )
    return out
