"""Public key cards and the workspace trust store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zi_desktop.errors import UserFacingError
from zi_desktop.identity import canonical
from zi_desktop.identity.card import BadCard, parse_card
from zi_desktop.services import identity as idsvc
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile

PASS = "kopi tubruk 2026"


@pytest.fixture
def card(tmp_path: Path) -> Path:
    idsvc.create_identity(
        EvaluatorProfile("Dewi Lestari", "198703152010122001", "anggota", "Kab. Sukamaju"),
        PASS,
        tmp_path / "id",
    )
    path = tmp_path / "dewi.card"
    idsvc.export_card(path, PASS, tmp_path / "id")
    return path


def test_card_carries_the_person_and_the_key(card: Path, tmp_path: Path) -> None:
    parsed = parse_card(card.read_bytes())
    me = idsvc.current_identity(tmp_path / "id")
    assert me is not None
    assert parsed.key_id == me.key_id and parsed.fingerprint == me.fingerprint
    assert parsed.profile.name == "Dewi Lestari" and parsed.profile.role == "anggota"
    assert idsvc.preview_card(card).fingerprint == me.fingerprint


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(name="Orang Lain"),
        lambda d: d.update(role="koordinator"),
        lambda d: d.update(key_id="0" * 64),
        lambda d: d.update(signature=d["signature"][:-4] + "AAA="),
        lambda d: d.update(extra="x"),
        lambda d: d.pop("nip"),
    ],
)
def test_an_altered_card_is_refused(card: Path, change: object) -> None:
    doc = json.loads(card.read_bytes())
    change(doc)  # type: ignore[operator]
    with pytest.raises(BadCard):
        parse_card(canonical.dumps(doc))


def test_cards_must_be_canonical_and_small(card: Path) -> None:
    with pytest.raises(BadCard):
        parse_card(card.read_bytes() + b" ")
    with pytest.raises(BadCard):
        parse_card(b"[" * 100_000)
    with pytest.raises(BadCard):
        parse_card(b'{"format":"zi-card/1","name":NaN}')


def test_trust_add_list_remove(card: Path, tmp_path: Path, english: None) -> None:
    with Workspace.open(tmp_path / "ws") as ws:
        info, new = idsvc.trust_card(ws, card)
        assert new
        assert idsvc.trust_card(ws, card)[1] is False
        assert [k.key_id for k in idsvc.trusted_keys(ws)] == [info.key_id]
        with pytest.raises(UserFacingError, match="No single trusted key"):
            idsvc.untrust(ws, "ABCD")
        removed = idsvc.untrust(ws, info.fingerprint[:9])  # "XXXX-YYYY": 8 hex digits
        assert removed.key_id == info.key_id and idsvc.trusted_keys(ws) == []
        assert ws.verify_audit().ok and ws.verify_audit().events >= 3
        assert idsvc.coordinator_key(ws) is None


def test_a_bad_card_file_gets_a_clear_message(tmp_path: Path, english: None) -> None:
    bogus = tmp_path / "x.card"
    bogus.write_text("not a card")
    with pytest.raises(UserFacingError, match="not a valid ZI Desktop key card"):
        idsvc.preview_card(bogus)
    with pytest.raises(UserFacingError, match="Cannot read|File not found"):
        idsvc.preview_card(tmp_path / "missing.card")
