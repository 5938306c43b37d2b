"""How the sync commands show a package and a refusal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..formatting import format_number
from ..i18n import _


def size_text(count: int) -> str:
    if count < 1_000_000:
        return _("{value} KB").format(value=format_number(round(count / 1000, 1)))
    return _("{value} MB").format(value=format_number(round(count / 1_000_000, 1)))


def _full_fingerprint(hex64: str) -> str:
    text = hex64.upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def print_summary(s: Any) -> None:
    mode = _("full") if s.mode == "full" else _("delta since package {base}").format(base=s.base)
    print(
        _("Kind: {kind} ({mode}), sequence {sequence}").format(
            kind=s.kind, mode=mode, sequence=s.sequence
        )
    )
    if s.created:
        print(_("Created: {created} (UTC)").format(created=s.created))
    print(
        _("Signer: {name} ({role}, NIP {nip})").format(
            name=s.signer.name, role=s.signer.role, nip=s.signer.nip
        )
    )
    print(_("Signer key fingerprint: {fingerprint}").format(fingerprint=s.signer.fingerprint))
    trusted = {
        "enrolled": _("trusted: an enrolled card"),
        "pinned": _("trusted: your pinned coordinator key"),
        "card": _("trusted: a card given with --trust"),
        "first-use": _("NEW coordinator key: compare the fingerprint before importing"),
    }.get(s.trusted_as)
    if trusted:
        print(f"  ({trusted})")
    print(_("Recipient key fingerprint: {fingerprint}").format(fingerprint=s.recipient.fingerprint))
    for u in s.units:
        print(f"  {u.code}  {u.name}  {u.year}  {u.lke}")
        print(
            "    "
            + _("{answers} answers, {notes} notes, {evidence} evidence links").format(
                answers=u.answers, notes=u.notes, evidence=u.evidence
            )
        )
        if u.fingerprint:
            label = (
                _("assessment fingerprint")
                if u.fingerprint_checked
                else _("assessment fingerprint (as sent)")
            )
            print(f"    {label}: {_full_fingerprint(u.fingerprint)}")
    print(
        _("Evidence: {count} files, {size}; {omitted} left out (the recipient has them)").format(
            count=s.evidence_files, size=size_text(s.evidence_bytes), omitted=s.evidence_omitted
        )
    )
    if s.kind == "sync":
        print(_("Audit events: {count}").format(count=s.audit_events))
    if s.package_hash:
        print(_("Package SHA-256: {hash}").format(hash=s.package_hash))


def refused(args: argparse.Namespace, refusal: Any) -> int:
    if getattr(args, "json", False):
        doc = {
            "valid": False,
            "reason": refusal.reason.value,
            "message": refusal.message,
            "detail": refusal.detail,
        }
        print(json.dumps(doc, ensure_ascii=False))
    else:
        print(
            _("REFUSED ({reason}): {message}").format(
                reason=refusal.reason.value, message=refusal.message
            ),
            file=sys.stderr,
        )
        if refusal.detail:
            print(_("Detail: {detail}").format(detail=refusal.detail), file=sys.stderr)
    return 1
