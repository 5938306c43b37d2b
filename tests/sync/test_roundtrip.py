"""Round trip (Hypothesis): export → import reproduces every answer, note, evidence file and
score exactly, with Indonesian text and odd characters anywhere text can go."""

from __future__ import annotations

import shutil
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import People, new_device_id

from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import ItemType
from zi_desktop.services import identity as idsvc
from zi_desktop.services.sync import export as sync
from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.fingerprint import assessment_fingerprint
from zi_desktop.values.views import UnitInfo

LKE = "permenpanrb-90-2021"
DEFINITION = load_definition(LKE)
UNIT = UnitInfo("UPT-Ä1", "UPT Pelayanan “Satu Atap” — Ñusa Tenggara", "KAB-🌴", "Pemda Kab. Ōtsu")
CHOICE = sorted(
    i.id for i in DEFINITION.items.values() if i.type not in (ItemType.PERCENT, ItemType.INDEX)
)
INDEX = sorted(i.id for i in DEFINITION.items.values() if i.type is ItemType.INDEX)
INPUTS = sorted(DEFINITION.inputs)
TEXT = st.text(st.characters(codec="utf-8"), max_size=120) | st.sampled_from(
    [
        "Bukti dukung belum lengkap; SK ditandatangani 8 Januari 2026.",
        "ـ عربى \u202e kanan",
        "\x00\x01\t\r\n",
        "😀👍🏽",
        "' OR 1=1 --",
        "{name}{{}}%s",
        "ß" * 500,
    ]
)
NAME = st.text(
    st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=40
).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)


@st.composite
def answers(draw: Any) -> dict[str, object]:
    out: dict[str, object] = {}
    for node in draw(st.lists(st.sampled_from(CHOICE), max_size=25, unique=True)):
        out[node] = draw(st.sampled_from([o.code for o in DEFINITION.items[node].options]))
    for node in draw(st.lists(st.sampled_from(INPUTS), max_size=10, unique=True)):
        out[node] = draw(st.integers(0, 10**9))
    for node in draw(st.lists(st.sampled_from(INDEX), max_size=2, unique=True)):
        out[node] = Decimal(draw(st.integers(0, 400))) / 100
    return out


CONTENT = st.tuples(
    st.sampled_from(sorted(DEFINITION.items)),
    NAME,
    TEXT,
    st.binary(max_size=3000),
    st.sampled_from(["unit", "tpi"]),
)


@pytest.fixture(scope="module")
def templates(people: People, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("roundtrip")
    with Workspace.open(root / "ev", actor="Dewi “Evaluator” Lestari") as ws:
        ws.add_instansi(UNIT.instansi_code, UNIT.instansi_name)
        ws.add_unit(UNIT)
        ws.start_assessment(UNIT.code, 2026, LKE)
    with Workspace.open(root / "co") as ws:
        idsvc.trust_card(ws, people.dewi.card)
    return root / "ev", root / "co"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tiers=st.fixed_dictionaries({"unit": answers(), "tpi": answers(), "tpn": answers()}),
    notes=st.lists(
        st.tuples(
            st.sampled_from(["unit", "tpi"]),
            st.sampled_from(sorted(DEFINITION.items)),
            TEXT.filter(bool),
        ),
        max_size=8,
    ),
    files=st.lists(CONTENT, max_size=4),
    recommendations=st.dictionaries(st.integers(1, 6), TEXT, max_size=3),
)
def test_export_import_reproduces_everything(
    templates: tuple[Path, Path],
    people: People,
    tmp_path: Path,
    tiers: dict[str, dict[str, object]],
    notes: list[tuple[str, str, str]],
    files: list[tuple[str, str, str, bytes, str]],
    recommendations: dict[int, str],
) -> None:
    run = tmp_path / uuid.uuid4().hex
    shutil.copytree(templates[0], run / "ev")
    shutil.copytree(templates[1], run / "co")
    with (
        Workspace.open(run / "ev", create=False) as ev,
        Workspace.open(run / "co", create=False) as co,
    ):
        new_device_id(ev, uuid.uuid4().hex)
        for tier, values in tiers.items():
            for node, value in values.items():
                ev.set_answer(UNIT.code, tier, node, value)
        for tier, node, text in notes:
            ev.set_note(UNIT.code, tier, node, text)
        for n, (node, name, caption, body, tier) in enumerate(files):
            (run / str(n)).mkdir()
            source = run / str(n) / name
            source.write_bytes(b"%PDF-1.4\n" + body)
            ev.attach_evidence(UNIT.code, tier, node, source, caption)
        for area, text in recommendations.items():
            ev.set_recommendation(UNIT.code, area, text)
        package = sync.export_package(
            ev,
            [UNIT.code],
            run / "p.zisync",
            people.dewi.signer,
            to=people.koor.card,
            identity_folder=people.dewi.folder,
        ).paths[0]
        result = sync_import.import_package(co, package, identity_folder=people.koor.folder)
        assert result.conflicts == 0
        mine, theirs = ev.open_assessment(UNIT.code), co.open_assessment(UNIT.code)
        for tier in ("unit", "tpi", "tpn"):

            def seen(view: Any, t: str = tier) -> dict[str, tuple[object, str]]:
                return {
                    n: (a.value, a.note)
                    for n, a in view.answers[t].items()
                    if a.value is not None or a.note
                }

            assert seen(mine) == seen(theirs)
        assert mine.scores == theirs.scores
        assert {k: v for k, v in mine.recommendations.items() if v} == theirs.recommendations
        links = sorted((e.tier, e.node_id, e.sha256, e.file_name, e.caption) for e in mine.evidence)
        assert links == sorted(
            (e.tier, e.node_id, e.sha256, e.file_name, e.caption) for e in theirs.evidence
        )
        for e in mine.evidence:
            assert (
                co.evidence_path(e.sha256).read_bytes() == ev.evidence_path(e.sha256).read_bytes()
            )
        assert assessment_fingerprint(mine) == assessment_fingerprint(theirs)
        assert co.unit_info(UNIT.code) == UNIT
