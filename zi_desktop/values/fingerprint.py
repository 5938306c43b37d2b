"""The fingerprint of an assessment's canonical content.

The printed report (LHE) and the signed sync package both show it, so that a printed report
can be matched to the package it came with. It covers what the evaluation *says* — unit,
period, LKE version, both tiers' answers and notes, evidence (by hash, name and caption),
survey details and recommendations — and not when or by whom it was typed, so the same
content gives the same fingerprint on every machine.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from typing import Any

from ..formatting import hex_groups
from .views import AssessmentView

FORMAT = "zi-assessment/1"


def _value(value: object) -> Any:
    if isinstance(value, Fraction):
        return str(value)  # exact "n/d" text, never a float
    return value


def canonical_content(view: AssessmentView) -> dict[str, Any]:
    tiers = {
        tier: {
            node: {"value": _value(a.value), "note": a.note}
            for node, a in sorted(answers.items())
            if a.value is not None or a.note
        }
        for tier, answers in sorted(view.answers.items())
    }
    evidence = sorted(
        ([e.tier, e.node_id, e.sha256, e.file_name, e.caption] for e in view.evidence),
    )
    surveys = sorted(
        [s.tier, s.kind, _value(s.index), s.respondents, s.period, s.conducted_by, s.report_sha256]
        for s in view.surveys
    )
    return {
        "format": FORMAT,
        "unit": view.unit.code,
        "year": view.year,
        "lke": view.lke,
        "answers": {t: a for t, a in tiers.items() if a},
        "evidence": evidence,
        "surveys": surveys,
        "recommendations": {str(k): v for k, v in sorted(view.recommendations.items()) if v},
    }


def canonical_bytes(view: AssessmentView) -> bytes:
    text = json.dumps(
        canonical_content(view), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return text.encode("utf-8")


def assessment_fingerprint(view: AssessmentView) -> str:
    """SHA-256 (hex) of the canonical content."""
    return hashlib.sha256(canonical_bytes(view)).hexdigest()


def readable(fingerprint: str, groups: int = 5) -> str:
    """The first ``groups`` × 4 hex digits in upper-case groups: ``3F2A-91C0-…``."""
    return hex_groups(fingerprint, groups * 4, "-")
