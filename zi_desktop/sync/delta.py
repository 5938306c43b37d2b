"""Delta packages: only the records that changed since the last package to the same recipient.

The sender keeps, per recipient and assessment, the digest of every record it last sent
(``export_state``). A delta assessment carries the changed records with their values and the
keys of records that disappeared (``removed``); in a delta, an answer row whose value or note
did not change carries ``null`` / ``""`` for that half, which the receiver reads as "not part
of this package" (a real clearing is always listed in ``removed``).
"""

from __future__ import annotations

from dataclasses import replace

from .payload import AssessmentData
from .records import Key, digests, key, parse_key, records_of


def changes(a: AssessmentData, sent: dict[Key, str]) -> tuple[set[Key], tuple[Key, ...]]:
    """(changed or new record keys, removed record keys) against the digests last sent."""
    now = digests(records_of(a))
    changed = {k for k, d in now.items() if sent.get(k) != d}
    return changed, tuple(sorted(k for k in sent if k not in now))


def delta(a: AssessmentData, sent: dict[Key, str]) -> AssessmentData:
    """The part of ``a`` that changed since ``sent``."""
    changed, removed = changes(a, sent)
    answers = []
    for x in a.answers:
        value = key("answer", x.tier, x.node) in changed
        note = key("note", x.tier, x.node) in changed
        if value or note:
            answers.append(
                replace(
                    x,
                    option=x.option if value else None,
                    number=x.number if value else None,
                    note=x.note if note else "",
                )
            )
    touched = set()
    for k in changed:
        parts = parse_key(k)
        if parts[0] == "evidence":
            touched.add(tuple(parts[1:5]))
    return replace(
        a,
        status=a.status if key("status") in changed else None,
        evaluation_date=a.evaluation_date if key("evaluation_date") in changed else None,
        answers=tuple(answers),
        evidence=tuple(e for e in a.evidence if (e.tier, e.node, e.sha256, e.file_name) in touched),
        surveys=tuple(s for s in a.surveys if key("survey", s.tier, s.kind) in changed),
        recommendations=tuple(
            (area, text)
            for area, text in a.recommendations
            if key("recommendation", area) in changed
        ),
        removed=removed,
    )
