"""A sync package described in lines of text: the app's export preview and import check, and
the ``zi export`` / ``zi verify`` output show the same lines."""

from __future__ import annotations

from ...formatting import format_size, hex_groups, one_line
from ...i18n import _
from .values import PackageSummary, UnitContent


def package_lines(s: PackageSummary) -> list[str]:
    """What a package holds and who signed it, one line each."""
    mode = _("full") if s.mode == "full" else _("delta since package {base}").format(base=s.base)
    lines = [
        _("Kind: {kind} ({mode}), sequence {sequence}").format(
            kind=s.kind, mode=mode, sequence=s.sequence
        )
    ]
    if s.created:
        lines.append(_("Created: {created} (UTC)").format(created=s.created))
    lines += [
        _("Signer: {name} ({role}, NIP {nip})").format(
            name=one_line(s.signer.name), role=one_line(s.signer.role), nip=one_line(s.signer.nip)
        ),
        _("Signer key fingerprint: {fingerprint}").format(fingerprint=s.signer.fingerprint),
    ]
    trusted = {
        "enrolled": _("trusted: an enrolled card"),
        "pinned": _("trusted: your pinned coordinator key"),
        "card": _("trusted: a card given with --trust"),
        "first-use": _("NEW coordinator key: compare the fingerprint before importing"),
    }.get(s.trusted_as)
    if trusted:
        lines.append(f"    ({trusted})")
    if s.recipient.name:
        lines.append(
            _("Recipient: {name} — key fingerprint {fingerprint}").format(
                name=one_line(s.recipient.name), fingerprint=s.recipient.fingerprint
            )
        )
    else:  # a key this side has no card of: its fingerprint, once
        lines.append(
            _("Recipient: key fingerprint {fingerprint}").format(
                fingerprint=s.recipient.fingerprint
            )
        )
    for u in s.units:
        lines += _unit_lines(u)
    lines.append(
        _("Evidence: {count} files, {size}; {omitted} left out (the recipient has them)").format(
            count=s.evidence_files, size=format_size(s.evidence_bytes), omitted=s.evidence_omitted
        )
    )
    if s.kind == "sync":
        lines.append(_("Audit events: {count}").format(count=s.audit_events))
    size = _("Size: {size}") if s.package_hash else _("Size (estimated): {size}")
    lines.append(size.format(size=format_size(s.size)))
    if s.package_hash:
        lines.append(_("Package SHA-256: {hash}").format(hash=s.package_hash))
    return lines


def _unit_lines(u: UnitContent) -> list[str]:
    lines = [
        f"{one_line(u.code)} — {one_line(u.name)} ({u.year}, {one_line(u.lke)})",
        "    "
        + _("{answers} answers, {notes} notes, {evidence} evidence links").format(
            answers=u.answers, notes=u.notes, evidence=u.evidence
        ),
    ]
    if u.fingerprint:
        label = (
            _("assessment fingerprint")
            if u.fingerprint_checked
            else _("assessment fingerprint (as sent)")
        )
        lines.append(f"    {label}: {hex_groups(u.fingerprint)}")
    return lines
