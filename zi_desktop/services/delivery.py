"""Proof of delivery at the evaluator's side: receipts, what was delivered, the intake address.

A receipt (:mod:`zi_desktop.sync.receipt`) proves delivery only when it is signed by the
coordinator the package is addressed to: :func:`check_receipt` compares its key id with the
package's recipient (the coordinator key pinned in the workspace, unless another card was
named at export). :func:`record_receipt` keeps a checked receipt in the workspace, so that a
unit shows "terkirim" (sent) with it; :func:`deliveries` lists them. No network here: the
upload itself is :mod:`zi_desktop.transfer`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from ..errors import UserFacingError
from ..i18n import _
from ..identity.keys import fingerprint
from ..inputfile import read_input
from ..storage import trust_store
from ..storage.intake_tables import PackageReceipt
from ..storage.rows import now
from ..storage.sync_tables import PackageOut
from ..sync.receipt import MAX_RECEIPT_BYTES, BadReceipt, Receipt, parse_receipt
from . import intake_reasons as why
from .intake_reasons import IntakeRefused
from .workspace import Workspace

ADDRESS_SETTING = "intake_url"
RECEIPT_SUFFIX = ".receipt"


@dataclass(frozen=True)
class ReceiptView:
    """What a receipt proves, for people: which package, what happened, signed by whom."""

    package: str
    result: str  # imported | received
    time: str
    coordinator: str  # key id
    coordinator_fingerprint: str
    units: tuple[str, ...]
    sequence: int
    counts: dict[str, int]
    files: int
    file_bytes: int
    pinned: bool  # signed by the coordinator key pinned in this workspace


@dataclass(frozen=True)
class Delivery:
    """A package sent from this workspace and what the coordinator's receipt says of it."""

    package: str
    units: tuple[str, ...]
    sequence: int
    file_name: str
    created: str
    result: str  # imported | received | "" (no receipt yet)
    receipt_time: str


def view_of(r: Receipt, pinned: bool) -> ReceiptView:
    return ReceiptView(
        r.package,
        r.result,
        r.time,
        r.coordinator,
        fingerprint(r.coordinator),
        r.units,
        r.sequence,
        dict(r.counts),
        r.files,
        r.file_bytes,
        pinned,
    )


def check_receipt(data: bytes, package: str, coordinator: str) -> Receipt:
    """The receipt, when it is the coordinator's for this package; ``bad_receipt`` otherwise."""
    try:
        r = parse_receipt(data)
    except BadReceipt as bad:
        raise IntakeRefused(why.BAD_RECEIPT, str(bad)) from None
    if r.coordinator != coordinator:
        raise IntakeRefused(
            why.BAD_RECEIPT,
            f"signed by {fingerprint(r.coordinator)}, not {fingerprint(coordinator)}",
        )
    if r.package != package:
        raise IntakeRefused(why.BAD_RECEIPT, "the receipt names another package")
    return r


def record_receipt_data(ws: Workspace, data: bytes) -> None:
    """Keep a receipt given as its bytes (as the intake returned it); checked first."""
    record_receipt(ws, parse_receipt(data))


def record_receipt(ws: Workspace, r: Receipt) -> None:
    """Keep a checked receipt; an "imported" receipt is never replaced by a "received" one."""
    with ws.transaction() as s:
        row = s.get(PackageReceipt, r.package)
        if row is not None and (row.result == "imported" or row.receipt == r.data.decode()):
            return
        row = row or PackageReceipt(
            package=r.package, coordinator="", result="", receipt="", received_at=""
        )
        row.coordinator, row.result = r.coordinator, r.result
        row.receipt, row.received_at = r.data.decode("utf-8"), now().isoformat(timespec="seconds")
        s.add(row)
        ws.audit(s, f"receipt/{r.package}", None, {"result": r.result, "time": r.time})


def read_receipt(ws: Workspace | None, path: Path) -> ReceiptView:
    """Check a receipt file against the coordinator key pinned in the workspace."""
    data = read_input(Path(path), MAX_RECEIPT_BYTES)
    try:
        r = parse_receipt(data)
    except BadReceipt as bad:
        raise IntakeRefused(why.BAD_RECEIPT, str(bad)) from None
    pin = None
    if ws is not None:
        with ws.reading() as s:
            found = trust_store.pinned(s)
            pin = found.key_id if found else None
    if pin is not None and r.coordinator != pin:
        raise IntakeRefused(
            why.BAD_RECEIPT,
            f"signed by {fingerprint(r.coordinator)}, the pinned coordinator is {fingerprint(pin)}",
        )
    return view_of(r, pin is not None)


def deliveries(ws: Workspace, unit_code: str | None = None) -> list[Delivery]:
    """Packages sent from this workspace (newest first), with their receipts' results."""
    with ws.reading() as s:
        sent = s.exec(select(PackageOut).order_by(col(PackageOut.id).desc())).all()
        receipts = {r.package: r for r in s.exec(select(PackageReceipt))}
    out = []
    for p in sent:
        units = tuple(json.loads(p.units))
        if p.kind != "sync" or (unit_code is not None and unit_code not in units):
            continue
        r = receipts.get(p.manifest_sha256)
        time = json.loads(r.receipt).get("time", "") if r else ""
        out.append(
            Delivery(
                p.manifest_sha256,
                units,
                p.sequence,
                p.file_name,
                p.created,
                r.result if r else "",
                time,
            )
        )
    return out


def stored_receipt_view(ws: Workspace, package: str) -> ReceiptView:
    """The receipt kept for a package sent, checked again against the pinned coordinator."""
    data = receipt_of(ws, package)
    if data is None:
        raise IntakeRefused(why.NOT_FOUND, "no receipt for this package")
    try:
        r = parse_receipt(data)
    except BadReceipt as bad:
        raise IntakeRefused(why.BAD_RECEIPT, str(bad)) from None
    with ws.reading() as s:
        pin = trust_store.pinned(s)
    if pin is not None and pin.key_id != r.coordinator:
        raise IntakeRefused(why.BAD_RECEIPT, f"signed by {fingerprint(r.coordinator)}")
    return view_of(r, pin is not None)


def receipt_of(ws: Workspace, package: str) -> bytes | None:
    with ws.reading() as s:
        row = s.get(PackageReceipt, package)
        return row.receipt.encode("utf-8") if row else None


def intake_address(ws: Workspace) -> str:
    value = ws.setting(ADDRESS_SETTING, "")
    return value if isinstance(value, str) else ""


def set_intake_address(ws: Workspace, url: str) -> None:
    """The coordinator's intake address (``http(s)://host:port``), or "" for none."""
    url = url.strip().rstrip("/")
    if url and not url.startswith(("http://", "https://")):
        raise UserFacingError(
            _("The intake address starts with http:// or https://, for example {example}.").format(
                example="https://zi.example.go.id:8765"
            )
        )
    ws.set_setting(ADDRESS_SETTING, url)


def receipt_path(package_path: Path) -> Path:
    """Where the receipt of a package file (or of its first part) is written."""
    name = package_path.name
    stem, _dot, last = name.rpartition(".")
    if stem and last.isdigit():  # a part: FILE.zisync.001
        name = stem
    return package_path.with_name(name + RECEIPT_SUFFIX)
