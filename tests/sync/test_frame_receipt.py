"""A package's frame plus its files gives back the package byte for byte; receipts are signed
by the coordinator they name, and nothing else passes for one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sync_helpers import People

from zi_desktop.identity.keys import CARD_DOMAIN, MANIFEST_DOMAIN
from zi_desktop.services.sync.export import export_package
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.frame import check_covers, frame_of, write_frame
from zi_desktop.sync.limits import DEFAULT
from zi_desktop.sync.reasons import PackageRefused
from zi_desktop.sync.receipt import BadReceipt, Receipt, parse_receipt, sign_receipt


def test_frame_and_files_rebuild_the_package(
    evaluator: Workspace, people: People, tmp_path: Path
) -> None:
    path = tmp_path / "p.zisync"
    export_package(
        evaluator,
        ["KPP-001"],
        path,
        people.dewi.signer,
        to=people.koor.card,
        identity_folder=people.dewi.folder,
    )
    data = path.read_bytes()
    with open(path, "rb") as handle:
        cut = frame_of(handle, len(data), DEFAULT)
    assert cut.frame.frame_bytes < 20_000 and len(cut.regions) >= 3
    check_covers(cut.frame, cut.regions)
    rebuilt = tmp_path / "rebuilt.zisync"
    write_frame(rebuilt, cut.frame)
    with open(rebuilt, "r+b") as out:
        for r in cut.regions:
            piece = data[r.offset : r.offset + r.size]
            assert hashlib.sha256(piece).hexdigest() == r.sha256
            out.seek(r.offset)
            out.write(piece)
    assert rebuilt.read_bytes() == data
    with pytest.raises(PackageRefused):
        check_covers(cut.frame, cut.regions[1:])  # a hole nobody fills


def _receipt(people: People) -> Receipt:
    k = people.koor.signer
    return Receipt(
        k.key_id,
        k.public_key,
        "a" * 64,
        1000,
        "b" * 32,
        people.dewi.key_id,
        "c" * 32,
        3,
        ("KPP-001",),
        "imported",
        {"taken": 5, "removed": 0, "conflicts": 1, "unchanged": 2},
        4,
        900,
        "2026-12-04T10:00:00Z",
    )


def test_a_receipt_round_trips_and_any_change_breaks_it(people: People) -> None:
    data = sign_receipt(_receipt(people), people.koor.signer)
    parsed = parse_receipt(data)
    assert parsed.counts["conflicts"] == 1 and parsed.data == data
    for old, new in (
        (b'"taken":5', b'"taken":6'),
        (b'"result":"imported"', b'"result":"received"'),
    ):
        with pytest.raises(BadReceipt):
            parse_receipt(data.replace(old, new))
    with pytest.raises(ValueError):
        sign_receipt(_receipt(people), people.dewi.signer)  # only the coordinator it names


def test_a_signature_for_another_document_never_passes_for_a_receipt(people: People) -> None:
    from zi_desktop.identity import canonical
    from zi_desktop.identity.keys import b64

    data = sign_receipt(_receipt(people), people.koor.signer)
    doc = canonical.loads(data, 10**6, 5)
    body = canonical.dumps({k: v for k, v in doc.items() if k != "signature"})
    for domain in (CARD_DOMAIN, MANIFEST_DOMAIN):
        doc["signature"] = b64(people.koor.signer.sign(domain, body))
        with pytest.raises(BadReceipt):
            parse_receipt(canonical.dumps(doc))
