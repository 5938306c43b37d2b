"""What the sync screens share: prompts for a save path and a passphrase, texts of a summary.

The two prompts use Qt's own dialogs (a save-file chooser, a masked passphrase box) when the
stock dialog service is installed; when a test installed another service they go through its
``ask_text``, so that a scripted test answers them like every other dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from zi_desktop.i18n import _
from zi_desktop.services.sync_values import PackageSummary, UnitContent

from ..dialogs import DialogService, get_service

ERROR_STYLE = "color: #b3261e"
OK_STYLE = "color: #1e7b34"
PACKAGE_SUFFIX = ".zisync"
CARD_SUFFIX = ".card"


def _stock_service() -> bool:
    return type(get_service()) is DialogService


def choose_save_path(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str
) -> Path | None:
    """Where to write a file (``suggested`` offered first), or ``None`` when cancelled."""
    if not _stock_service():
        answer = get_service().ask_text(parent, title, _("File:"), str(suggested))
        return Path(answer) if answer else None
    filters = ";;".join((name_filter, _("All files (*)")))
    name, _chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def ask_passphrase(parent: QWidget | None, title: str) -> str | None:
    """The passphrase typed (masked), or ``None`` when cancelled."""
    label = _("Passphrase of your key:")
    if not _stock_service():
        return get_service().ask_text(parent, title, label)
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_("OK"))
    dialog.setCancelButtonText(_("Cancel"))
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def size_text(count: int) -> str:
    if count < 1_000_000:
        return _("{value} KB").format(value=f"{count / 1000:.1f}")
    return _("{value} MB").format(value=f"{count / 1_000_000:.1f}")


def grouped(hex64: str) -> str:
    """An assessment fingerprint (SHA-256 hex) in groups of four, as the report prints it."""
    text = hex64.upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def unit_lines(u: UnitContent) -> list[str]:
    lines = [
        f"{u.code} — {u.name} ({u.year}, {u.lke})",
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
        lines.append(f"    {label}: {grouped(u.fingerprint)}")
    return lines


def summary_lines(s: PackageSummary) -> list[str]:
    """What a package holds and who signed it, one line each (export preview, import check)."""
    mode = _("full") if s.mode == "full" else _("delta since package {base}").format(base=s.base)
    lines = [
        _("Kind: {kind} ({mode}), sequence {sequence}").format(
            kind=s.kind, mode=mode, sequence=s.sequence
        ),
        _("Signer: {name} ({role}, NIP {nip})").format(
            name=s.signer.name, role=s.signer.role, nip=s.signer.nip
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
    recipient = s.recipient.name or s.recipient.fingerprint
    lines.append(
        _("Recipient: {name} — key fingerprint {fingerprint}").format(
            name=recipient, fingerprint=s.recipient.fingerprint
        )
    )
    for u in s.units:
        lines += unit_lines(u)
    lines.append(
        _("Evidence: {count} files, {size}; {omitted} left out (the recipient has them)").format(
            count=s.evidence_files, size=size_text(s.evidence_bytes), omitted=s.evidence_omitted
        )
    )
    if s.kind == "sync":
        lines.append(_("Audit events: {count}").format(count=s.audit_events))
    size = _("Size: {size}") if s.package_hash else _("Size (estimated): {size}")
    lines.append(size.format(size=size_text(s.size)))
    return lines
