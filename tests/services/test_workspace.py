"""The workspace service: answering, validation, notes, status, surveys, progress, the unit
list and its score cache, evidence links, answers files, the lock, read-only folders, demo.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from workspace_helpers import INSTANSI, LKE, UNIT, YEAR, make_workspace

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.lke.loader import load_definition
from zi_desktop.paths import resources_dir
from zi_desktop.scoring import score
from zi_desktop.services.base import classify_db_error
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.location import Layout
from zi_desktop.storage.tables import Answer, Evidence, ScoreCache, Setting, StoredFile, Survey
from zi_desktop.values.views import EvaluatorProfile, UnitInfo

CODE = UNIT.code
DEFINITION = load_definition(LKE)
PDF = b"%PDF-1.4\n%%EOF\n"


def _state(ws: Workspace) -> tuple[Any, ...]:
    """Everything a refused call must leave alone."""
    with ws.reading() as s:
        answers = sorted(
            (a.assessment_id, a.tier, a.node_id, a.option, a.number, a.note)
            for a in s.exec(select(Answer))
        )
        links = sorted((e.id, e.sha256, e.caption) for e in s.exec(select(Evidence)))
        files = sorted(f.sha256 for f in s.exec(select(StoredFile)))
        surveys = sorted((v.kind, v.respondents, v.period) for v in s.exec(select(Survey)))
        cache = sorted(
            (c.assessment_id, c.tier, c.total, c.answered) for c in s.exec(select(ScoreCache))
        )
        settings = sorted((x.key, x.value) for x in s.exec(select(Setting)))
    return (
        ws.verify_audit().events,
        answers,
        links,
        files,
        surveys,
        cache,
        settings,
        sorted(ws.store.stored()),
    )


def _events(ws: Workspace) -> int:
    report = ws.verify_audit()
    assert report.ok, report
    return report.events


def _file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


# -- answering ---------------------------------------------------------------------------


def test_set_and_clear_answers_score_exactly(ws: Workspace) -> None:
    given: dict[str, Any] = {}
    steps: list[tuple[str, Any]] = [
        ("A.I.1.i.a", "Ya"),
        ("A.I.1.i.b", "b"),  # option codes are matched case-insensitively
        ("A.I.2.i.a", "C"),
        ("A.II.1.i.a.1", 40),
        ("A.II.1.i.a.2", 30),
        ("B.I.a", 3.74),
        ("B.II.a", Decimal("3.5")),
        ("B.I.b", "A"),
        ("A.I.1.i.b", "A"),  # changed
    ]
    before = _events(ws)
    last_total = Fraction(0)
    for n, (node, value) in enumerate(steps, 1):
        result = ws.set_answer(CODE, "tpi", node, value)
        given[node] = "B" if value == "b" else value
        expected = score(DEFINITION, _checked(given), ws.policy(), "none")
        assert result == expected
        assert _events(ws) == before + n
        last_total = result.total
    view = ws.open_assessment(CODE)
    assert view.scores["tpi"] == score(DEFINITION, _checked(given), ws.policy(), "none")
    assert view.value("tpi", "B.I.a") == Fraction(374, 100)
    assert view.value("tpi", "A.II.1.i.a.1") == 40
    assert view.value("tpi", "A.I.1.i.b") == "A"
    assert view.value("unit", "A.I.1.i.a") is None  # tiers are separate
    assert view.scores["unit"].total == 0

    result = ws.clear_answer(CODE, "tpi", "A.I.2.i.a")
    del given["A.I.2.i.a"]
    assert result == score(DEFINITION, _checked(given), ws.policy(), "none")
    assert result.total < last_total
    assert "A.I.2.i.a" in result.missing
    assert ws.open_assessment(CODE).value("tpi", "A.I.2.i.a") is None
    assert _events(ws) == before + len(steps) + 1
    ws.clear_answer(CODE, "tpi", "A.I.2.i.a")  # clearing twice changes nothing
    assert _events(ws) == before + len(steps) + 1


def _checked(given: dict[str, Any]) -> dict[str, Any]:
    from zi_desktop.scoring import coerce_answer

    return {k: coerce_answer(DEFINITION, k, v) for k, v in given.items()}


def test_answer_values_are_stored_as_exact_text(ws: Workspace) -> None:
    ws.set_answer(CODE, "tpi", "B.I.a", 3.1)
    ws.set_answer(CODE, "tpi", "A.II.1.i.a.1", 7)
    with ws.reading() as s:
        rows = {a.node_id: (a.option, a.number) for a in s.exec(select(Answer))}
    assert rows == {"B.I.a": (None, "3.1"), "A.II.1.i.a.1": (None, "7")}
    assert ws.open_assessment(CODE).value("tpi", "B.I.a") == Fraction(31, 10)


INVALID = [
    ("option", CODE, "tpi", "A.I.1.i.a", "Mungkin"),
    ("option-number", CODE, "tpi", "A.I.1.i.b", 1),
    ("unknown-item", CODE, "tpi", "A.IX.9.z", "Ya"),
    ("unknown-item-clear", CODE, "tpi", "A.IX.9.z", None),
    ("percent-item", CODE, "tpi", "A.II.1.i.a", 50),
    ("unknown-unit", "NOPE-404", "tpi", "A.I.1.i.a", "Ya"),
    ("negative-count", CODE, "tpi", "A.II.1.i.a.1", -1),
    ("fractional-count", CODE, "tpi", "A.II.1.i.a.1", 2.5),
    ("bool-count", CODE, "tpi", "A.II.1.i.a.1", True),
    ("text-count", CODE, "tpi", "A.II.1.i.a.1", "12"),
    ("index-4.5", CODE, "tpi", "B.I.a", 4.5),
    ("index-negative", CODE, "tpi", "B.I.a", -0.01),
    ("index-nan", CODE, "tpi", "B.I.a", float("nan")),
    ("index-inf", CODE, "tpi", "B.I.a", float("inf")),
    ("bad-tier", CODE, "tpx", "A.I.1.i.a", "Ya"),
]


@pytest.mark.parametrize(
    ("code", "tier", "node", "value"), [i[1:] for i in INVALID], ids=[i[0] for i in INVALID]
)
def test_invalid_answers_are_refused_and_change_nothing(
    ws: Workspace, code: str, tier: str, node: str, value: Any
) -> None:
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Tidak")
    ws.set_answer(CODE, "tpi", "A.II.1.i.a.1", 5)
    ws.set_answer(CODE, "tpi", "B.I.a", 2)
    before = _state(ws)
    with pytest.raises(UserFacingError) as err:
        ws.set_answer(code, tier, node, value)
    assert err.value.message
    assert _state(ws) == before


def test_unknown_unit_message_names_the_code(ws: Workspace) -> None:
    with pytest.raises(UserFacingError) as err:
        ws.set_answer("NOPE-404", "tpi", "A.I.1.i.a", "Ya")
    assert err.value.message == _("Unknown unit code {code}. See 'zi units' for the codes.").format(
        code="NOPE-404"
    )


def test_bad_tier_message_lists_the_tiers(ws: Workspace, english: None) -> None:
    with pytest.raises(UserFacingError, match="tpx") as err:
        ws.set_answer(CODE, "tpx", "A.I.1.i.a", "Ya")
    assert "unit, tpi, tpn" in err.value.message


def test_wrong_year_is_refused(ws: Workspace) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError, match="2019"):
        ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya", year=2019)
    assert _state(ws) == before


def test_index_without_a_decimal_form_is_refused(ws: Workspace) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError, match="B.I.a"):
        ws.set_answer(CODE, "tpi", "B.I.a", Fraction(1, 3))
    assert _state(ws) == before


def test_a_unit_has_one_assessment_per_year(ws: Workspace) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError, match=str(YEAR)):
        ws.start_assessment(CODE, YEAR, "permenpanrb-90-2021-rev2026")
    with pytest.raises(UserFacingError):
        ws.start_assessment(CODE, YEAR + 1, "no-such-lke")
    assert _state(ws) == before


# -- notes, status, recommendations ------------------------------------------------------


def test_notes_are_kept_apart_from_values(ws: Workspace) -> None:
    before = _events(ws)
    ws.set_note(CODE, "tpi", "A.I.1.i.a", "SK belum ditandatangani")
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")
    ws.set_note(CODE, "tpi", "A.I.1.i.a", "SK belum ditandatangani")  # same note: no event
    assert _events(ws) == before + 2
    ws.clear_answer(CODE, "tpi", "A.I.1.i.a")
    answer = ws.open_assessment(CODE).answers["tpi"]["A.I.1.i.a"]
    assert (answer.value, answer.note, answer.updated_by) == (
        None,
        "SK belum ditandatangani",
        "tester",
    )
    assert ws.open_assessment(CODE).scores["tpi"].total == 0  # a note alone is no answer
    snapshot = _state(ws)
    for node in ("A.IX.1.a", "A.II.1.i.a.1"):  # unknown, and an input (notes are per item)
        with pytest.raises(UserFacingError):
            ws.set_note(CODE, "tpi", node, "x")
    with pytest.raises(UserFacingError):
        ws.set_note(CODE, "evaluator", "A.I.1.i.a", "x")
    assert _state(ws) == snapshot


def test_status_transitions(ws: Workspace) -> None:
    assert ws.open_assessment(CODE).status == "draft"
    listed = [r.status for r in ws.list_units()]  # where the assessment stands, derived
    before = _events(ws)
    ws.set_status(CODE, "submitted")
    ws.set_status(CODE, "submitted")
    ws.set_status(CODE, "reviewed")
    assert ws.open_assessment(CODE).status == "reviewed"
    assert _events(ws) == before + 2
    assert [r.status for r in ws.list_units()] == listed  # the review status is apart
    snapshot = _state(ws)
    for bad in ("approved", "", "Draft"):
        with pytest.raises(UserFacingError):
            ws.set_status(CODE, bad)
    with pytest.raises(UserFacingError):
        ws.set_status("NOPE-404", "draft")
    assert _state(ws) == snapshot
    assert ws.open_assessment(CODE).status == "reviewed"


def test_recommendations(ws: Workspace) -> None:
    before = _events(ws)
    ws.set_recommendation(CODE, 5, "Perkuat pengendalian gratifikasi.")
    ws.set_recommendation(CODE, 1, "Tetapkan SK tim.")
    ws.set_recommendation(CODE, 5, "Perkuat pengendalian gratifikasi dan WBS.")
    ws.set_recommendation(CODE, 5, "Perkuat pengendalian gratifikasi dan WBS.")
    assert ws.open_assessment(CODE).recommendations == {
        1: "Tetapkan SK tim.",
        5: "Perkuat pengendalian gratifikasi dan WBS.",
    }
    assert _events(ws) == before + 3
    snapshot = _state(ws)
    for area in (0, 7, -1):
        with pytest.raises(UserFacingError):
            ws.set_recommendation(CODE, area, "x")
    assert _state(ws) == snapshot


# -- surveys -----------------------------------------------------------------------------


def test_survey_sets_the_index_answer_and_its_details(ws: Workspace, tmp_path: Path) -> None:
    report = _file(tmp_path / "docs", "laporan-ipak.pdf", PDF + b"IPAK")
    before = _events(ws)
    ws.set_survey(CODE, "IPAK", 3.74, 412, "Semester I 2026", "BPS", report)
    ws.set_survey(CODE, "IPKP", Decimal("3.66"), 0, "Semester I 2026", "BPS")
    view = ws.open_assessment(CODE)
    assert view.value("tpi", "B.I.a") == Fraction("3.74")
    assert view.value("tpi", "B.II.a") == Fraction("3.66")
    surveys = {s.kind: s for s in view.surveys}
    ipak = surveys["IPAK"]
    assert (ipak.tier, ipak.index, ipak.respondents, ipak.period, ipak.conducted_by) == (
        "tpi",
        Fraction("3.74"),
        412,
        "Semester I 2026",
        "BPS",
    )
    assert ipak.report_sha256 == hashlib.sha256(report.read_bytes()).hexdigest()
    assert ws.store.has(ipak.report_sha256)
    assert surveys["IPKP"].respondents == 0 and surveys["IPKP"].report_sha256 is None
    answers = {"B.I.a": Fraction("3.74"), "B.II.a": Fraction("3.66")}
    assert view.scores["tpi"] == score(DEFINITION, answers, ws.policy(), "none")
    assert view.scores["tpi"].hasil > 0
    assert _events(ws) == before + 4  # survey row and index answer, twice
    (row,) = ws.list_units()
    assert row.nilai_tpi == view.scores["tpi"].total


@pytest.mark.parametrize(
    ("kind", "index", "respondents"),
    [
        ("IPAK", 3.5, -1),
        ("IPAK", 4.5, 10),
        ("IPAK", "3,5", 10),
        ("SKM", 3.5, 10),
        ("IPKP", 3, True),
    ],
)
def test_bad_survey_values_are_refused(
    ws: Workspace, tmp_path: Path, kind: str, index: Any, respondents: Any
) -> None:
    ws.set_survey(CODE, "IPAK", 3.2, 100, "2025", "BPS")
    report = _file(tmp_path / "docs", "laporan.pdf", PDF + b"bad survey")
    before = _state(ws)
    with pytest.raises(UserFacingError):
        ws.set_survey(CODE, kind, index, respondents, "2026", "BPS", report)
    assert _state(ws) == before
    assert not ws.store.has(hashlib.sha256(report.read_bytes()).hexdigest())


def test_negative_respondents_message(ws: Workspace) -> None:
    with pytest.raises(UserFacingError) as err:
        ws.set_survey(CODE, "IPAK", 3.5, -5)
    assert err.value.message == _("The number of respondents must be 0 or more.")


# -- progress and the unit list ----------------------------------------------------------


def test_progress_per_area_sums_to_127(ws: Workspace) -> None:
    empty = ws.progress(CODE)
    assert [p.area for p in empty] == [1, 2, 3, 4, 5, 6, 7]
    assert sum(p.required for p in empty) == 127 == len(DEFINITION.answer_ids())
    assert sum(p.answered for p in empty) == 0
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")
    ws.set_answer(CODE, "tpi", "A.I.1.i.b", "A")
    ws.set_answer(CODE, "tpi", "A.II.1.i.a.1", 3)
    ws.set_answer(CODE, "tpi", "A.I.6.i.a", "A")
    ws.set_answer(CODE, "tpi", "B.I.a", 3)
    ws.set_answer(CODE, "unit", "A.I.2.i.a", "A")
    progress = {p.area: p.answered for p in ws.progress(CODE)}
    assert progress == {1: 3, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1}
    assert {p.area: p.answered for p in ws.progress(CODE, "unit")}[2] == 1
    assert sum(p.required for p in ws.progress(CODE, "unit")) == 127
    (row,) = ws.list_units()
    assert row.answered_tpi == 5 and row.required == 127
    with pytest.raises(UserFacingError):
        ws.progress(CODE, "tpn")


def _units_workspace(folder: Path) -> Workspace:
    ws: Workspace = Workspace.open(folder, actor="tester")
    ws.add_instansi("KAB-A", "Kabupaten Alfa")
    ws.add_instansi("KOTA-B", "Kota Beta")
    units = [
        UnitInfo("P-100", "Layanan 100% Prima", "KAB-A", "", target_predikat="WBBM"),
        UnitInfo("U_1", "Unit_Satu", "KAB-A", ""),
        UnitInfo("UX-1", "UnitXSatu", "KOTA-B", ""),
        UnitInfo("BS-1", "Dinas Back\\slash", "KOTA-B", "", target_predikat="WBBM"),
        UnitInfo("N-1", "Belum Dinilai", "KOTA-B", ""),
    ]
    for unit in units:
        ws.add_unit(unit)
        if unit.code != "N-1":
            ws.start_assessment(unit.code, YEAR, LKE)
    ws.set_answer("UX-1", "tpi", "A.I.1.i.a", "Ya")  # in progress; the others not started
    return ws


def _codes(rows: list[Any]) -> list[str]:
    return sorted(r.code for r in rows)


def test_list_units_filters(tmp_path: Path) -> None:
    with _units_workspace(tmp_path / "ws") as ws:
        assert _codes(ws.list_units()) == ["BS-1", "N-1", "P-100", "UX-1", "U_1"]
        assert _codes(ws.list_units("%")) == ["P-100"]
        assert _codes(ws.list_units("_")) == ["U_1"]
        assert _codes(ws.list_units("t_S")) == ["U_1"]
        assert _codes(ws.list_units("0%")) == ["P-100"]
        assert _codes(ws.list_units("\\")) == ["BS-1"]
        assert _codes(ws.list_units("satu")) == ["UX-1", "U_1"]  # case-insensitive
        assert _codes(ws.list_units("  P-10 ")) == ["P-100"]  # code, trimmed
        assert _codes(ws.list_units("tidak ada")) == []
        assert _codes(ws.list_units(instansi="KOTA-B")) == ["BS-1", "N-1", "UX-1"]
        assert _codes(ws.list_units(instansi="Kabupaten Alfa")) == ["P-100", "U_1"]
        assert _codes(ws.list_units(status="in_progress")) == ["UX-1"]
        assert _codes(ws.list_units(status="not_started")) == ["BS-1", "P-100", "U_1"]
        assert _codes(ws.list_units(target="WBBM")) == ["BS-1", "P-100"]
        assert _codes(ws.list_units("satu", instansi="KAB-A", target="WBK")) == ["U_1"]
        names = [r.name for r in ws.list_units()]
        assert names == sorted(names, key=str.casefold)
        (unassessed,) = ws.list_units("Belum")
        assert (unassessed.status, unassessed.year, unassessed.nilai_tpi) == ("", None, None)


def _assert_cache_agrees(ws: Workspace) -> None:
    rows = ws.list_units()
    assert rows
    for row in rows:
        if row.year is None:
            continue
        view = ws.open_assessment(row.code)
        unit, tpi = view.scores["unit"], view.scores["tpi"]
        for shown, live in ((row.nilai_unit, unit), (row.nilai_tpi, tpi)):
            if shown is None:  # a tier without any answer shows no score
                assert live.total == 0 and len(live.missing) == 127, row.code
            else:
                assert shown == live.total, row.code
        assert row.required == 127
        assert row.answered_tpi == 127 - len(tpi.missing)
        assert row.answered_tpi == sum(p.answered for p in ws.progress(row.code))
        assert (row.verdict_wbk, row.verdict_wbbm) == (
            tpi.verdicts["WBK"].status,
            tpi.verdicts["WBBM"].status,
        )


def test_score_cache_agrees_with_live_scores_after_changes(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    _assert_cache_agrees(demo_ws)
    demo_ws.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Tidak")
    demo_ws.set_answer("RSUD-002", "tpi", "A.II.1.i.a.1", 12)
    demo_ws.clear_answer("KPP-001", "unit", "A.I.1.i.b")
    demo_ws.set_survey("DUK-003", "IPAK", 3.9, 50, "2026", "BPS")
    answers = tmp_path / "a.json"
    answers.write_text(demo_ws.export_answers("RSUD-002", "unit"), encoding="utf-8")
    demo_ws.import_answers("DUK-003", "tpi", answers)
    _assert_cache_agrees(demo_ws)
    row = {r.code: r for r in demo_ws.list_units()}["DUK-003"]
    assert row.answered_tpi > 100


def test_score_cache_follows_a_policy_change(ws: Workspace) -> None:
    ws.set_answer(CODE, "tpi", "A.II.1.i.a.1", 0)  # zero denominator
    ws.set_answer(CODE, "tpi", "A.II.1.i.a.2", 0)
    before = ws.open_assessment(CODE).scores["tpi"].total
    events = _events(ws)
    ws.set_scoring_policy({"A.II.1.i.a": "1"})
    view = ws.open_assessment(CODE)
    live = view.scores["tpi"].total
    assert live > before  # the policy matters for this answer set
    assert any(p.item == "A.II.1.i.a" and p.value == 1 for p in view.scores["tpi"].policies_applied)
    (row,) = ws.list_units()
    assert row.nilai_tpi == live
    assert _events(ws) == events + 1
    ws.set_scoring_policy({"A.II.1.i.a": "1"})  # unchanged: no event
    assert _events(ws) == events + 1
    ws.set_scoring_policy({})
    assert ws.list_units()[0].nilai_tpi == before == ws.open_assessment(CODE).scores["tpi"].total


@pytest.mark.parametrize(
    "policy",
    [
        {"A.II.1.i.a": "1.5"},
        {"A.II.1.i.a": -1},
        {"A.II.1.i.a": "satu"},
        {"A.I.1.i.a": 1},
        {"A.X.1": 0},
    ],
)
def test_bad_scoring_policy_is_refused(ws: Workspace, policy: dict[str, object]) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError, match=next(iter(policy)).replace(".", r"\.")):
        ws.set_scoring_policy(policy)
    assert _state(ws) == before


def test_reserved_settings_have_their_own_services(ws: Workspace) -> None:
    before = _state(ws)
    for key in ("zero_denominator", "evaluator", "audit_head"):
        with pytest.raises(ValueError):
            ws.set_setting(key, {})
    assert _state(ws) == before
    ws.set_setting("ui.language", "en")
    assert ws.setting("ui.language", None) == "en"


# -- evaluator profile -------------------------------------------------------------------


def test_evaluator_profile(ws: Workspace) -> None:
    assert ws.evaluator() is None
    profile = EvaluatorProfile("Dewi Lestari", "198703152010122001", "ketua", "Kab X")
    ws.set_evaluator(profile)
    assert ws.evaluator() == profile
    assert ws.actor == "Dewi Lestari"
    assert ws.team() == [profile]
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")
    assert ws.open_assessment(CODE).answers["tpi"]["A.I.1.i.a"].updated_by == "Dewi Lestari"
    ws.set_evaluator(EvaluatorProfile("Dewi L.", "198703152010122001", "anggota"))
    assert [m.name for m in ws.team()] == ["Dewi L."]  # same NIP: updated, not added


@pytest.mark.parametrize(
    ("name", "nip", "role"),
    [
        ("Dewi", "19870315201012200", "ketua"),  # 17 digits
        ("Dewi", "1987031520101220011", "ketua"),  # 19 digits
        ("Dewi", "19870315201012200A", "ketua"),
        ("Dewi", "1987 0315 2010 1220", "ketua"),
        ("Dewi", "198703152010122001", "boss"),
        ("Dewi", "198703152010122001", "Ketua"),
        ("   ", "198703152010122001", "ketua"),
    ],
)
def test_invalid_evaluator_profile_is_refused(
    ws: Workspace, name: str, nip: str, role: str
) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError):
        ws.set_evaluator(EvaluatorProfile(name, nip, role))
    assert _state(ws) == before
    assert ws.evaluator() is None and ws.team() == []


def test_nip_must_be_ascii_digits(ws: Workspace) -> None:
    with pytest.raises(UserFacingError):
        ws.set_evaluator(EvaluatorProfile("Dewi", "¹⁹⁸⁷⁰³¹⁵²⁰¹⁰¹²²⁰⁰¹", "ketua"))


def test_team_member_profile_is_validated(ws: Workspace) -> None:
    with pytest.raises(UserFacingError):
        ws.add_team_member(EvaluatorProfile("", "12", "anggota"))


def test_team_member_with_bad_role_is_refused(ws: Workspace) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError):
        ws.add_team_member(EvaluatorProfile("Agus", "197905062005011003", "raja"))
    assert _state(ws) == before


# -- evidence links ----------------------------------------------------------------------


def test_stored_file_is_removed_only_with_its_last_link(ws: Workspace, tmp_path: Path) -> None:
    ws.add_unit(UnitInfo("U-002", "Dinas Dua", INSTANSI[0], INSTANSI[1]))
    ws.start_assessment("U-002", YEAR, LKE)
    docs = tmp_path / "docs"
    one = _file(docs, "sk.pdf", PDF + b"SK")
    two = _file(docs / "lain", "sk-salinan.pdf", PDF + b"SK")  # same content, other name
    a = ws.attach_evidence(CODE, "tpi", "A.I.1.i.a", one, "SK Tim")
    b = ws.attach_evidence("U-002", "unit", "A.I.1.i.b", two)
    assert a.sha256 == b.sha256 and a.id != b.id
    assert (a.size, a.mime, b.file_name) == (len(PDF) + 2, "application/pdf", "sk-salinan.pdf")
    assert ws.store.stored() == {a.sha256}
    (view_a,) = ws.open_assessment(CODE).evidence
    assert (view_a.id, view_a.node_id, view_a.caption, view_a.tier) == (
        a.id,
        "A.I.1.i.a",
        "SK Tim",
        "tpi",
    )
    before = _events(ws)
    ws.detach_evidence(a.id)
    assert ws.store.has(a.sha256) and ws.store.verify(a.sha256)
    assert ws.open_assessment(CODE).evidence == ()
    assert [e.id for e in ws.open_assessment("U-002").evidence] == [b.id]
    ws.detach_evidence(b.id)
    assert not ws.store.has(a.sha256)
    assert ws.store.stored() == set()
    with ws.reading() as s:
        assert s.get(StoredFile, a.sha256) is None
    assert _events(ws) == before + 2
    with pytest.raises(UserFacingError):
        ws.detach_evidence(b.id)


def test_a_survey_report_keeps_its_file(ws: Workspace, tmp_path: Path) -> None:
    report = _file(tmp_path, "laporan.pdf", PDF + b"report")
    ws.set_survey(CODE, "IPAK", 3.5, 10, report=report)
    link = ws.attach_evidence(CODE, "tpi", "B.I.a", report)
    ws.detach_evidence(link.id)
    assert ws.store.has(link.sha256)


def test_set_caption(ws: Workspace, tmp_path: Path) -> None:
    link = ws.attach_evidence(CODE, "tpi", "A.I.1.i.a", _file(tmp_path, "a.txt", b"catatan\n"))
    before = _events(ws)
    ws.set_caption(link.id, "Notulen rapat")
    ws.set_caption(link.id, "Notulen rapat")
    assert [e.caption for e in ws.open_assessment(CODE).evidence] == ["Notulen rapat"]
    assert _events(ws) == before + 1
    snapshot = _state(ws)
    with pytest.raises(UserFacingError):
        ws.set_caption(link.id + 100, "x")
    assert _state(ws) == snapshot


@pytest.mark.parametrize(
    ("code", "tier", "node", "name", "data"),
    [
        ("NOPE-404", "tpi", "A.I.1.i.a", "a.pdf", PDF),
        (CODE, "tpx", "A.I.1.i.a", "a.pdf", PDF),
        (CODE, "tpi", "A.IX.1.a", "a.pdf", PDF),
        (CODE, "tpi", "A.I.1.i.a", "a.exe", b"MZ" + b"\x00" * 64),
        (CODE, "tpi", "A.I.1.i.a", "missing.pdf", None),
    ],
)
def test_bad_attach_changes_nothing(
    ws: Workspace, tmp_path: Path, code: str, tier: str, node: str, name: str, data: bytes | None
) -> None:
    source = tmp_path / name if data is None else _file(tmp_path, name, data)
    before = _state(ws)
    with pytest.raises(UserFacingError):
        ws.attach_evidence(code, tier, node, source)
    assert _state(ws) == before
    assert ws.store.stored() == set()
    assert list(ws.store.incoming.iterdir()) == []


# -- answers files -----------------------------------------------------------------------


def test_import_then_export_round_trips_exactly(demo_ws: Workspace, tmp_path: Path) -> None:
    resource = resources_dir() / "demo" / "KPP-001.json"
    exported = demo_ws.export_answers("KPP-001", "unit")
    assert json.loads(exported) == json.loads(resource.read_text(encoding="utf-8"))
    source = tmp_path / "KPP-001-unit.json"
    source.write_text(exported, encoding="utf-8")
    before = _events(demo_ws)
    changed = demo_ws.import_answers("KPP-001", "tpi", source)
    assert changed > 0
    assert demo_ws.export_answers("KPP-001", "tpi") == exported  # byte for byte
    assert _events(demo_ws) == before + changed
    view = demo_ws.open_assessment("KPP-001")
    assert view.scores["tpi"] == view.scores["unit"]
    assert demo_ws.import_answers("KPP-001", "tpi", source) == 0  # again: nothing changes
    assert _events(demo_ws) == before + changed
    # Into another unit: the answers survive exactly.
    demo_ws.import_answers("RSUD-002", "tpi", source)
    again = json.loads(demo_ws.export_answers("RSUD-002", "tpi"))
    assert again["answers"] == json.loads(exported)["answers"]


def test_import_keeps_notes_and_clears_missing_answers(ws: Workspace, tmp_path: Path) -> None:
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Ya")
    ws.set_answer(CODE, "tpi", "A.I.1.i.b", "C")
    ws.set_note(CODE, "tpi", "A.I.1.i.b", "catatan")
    doc = {"format": "zi-answers/1", "lke": LKE, "answers": {"A.I.1.i.a": "Tidak", "B.I.a": 3.25}}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert ws.import_answers(CODE, "tpi", path) == 3
    view = ws.open_assessment(CODE)
    assert {n: a.value for n, a in view.answers["tpi"].items() if a.value is not None} == {
        "A.I.1.i.a": "Tidak",
        "B.I.a": Fraction("3.25"),
    }
    assert view.answers["tpi"]["A.I.1.i.b"].note == "catatan"
    assert json.loads(ws.export_answers(CODE, "tpi"))["answers"] == {
        "A.I.1.i.a": "Tidak",
        "B.I.a": 3.25,
    }


BAD_FILES = {
    "not-json": "{ this is not json",
    "unknown-node": json.dumps({"format": "zi-answers/1", "lke": LKE, "answers": {"A.X": "Ya"}}),
    "bad-value": json.dumps(
        {"format": "zi-answers/1", "lke": LKE, "answers": {"A.I.1.i.a": "Ya", "A.I.1.i.b": "Q"}}
    ),
    "other-lke": json.dumps(
        {"format": "zi-answers/1", "lke": "permenpanrb-90-2021-rev2026", "answers": {}}
    ),
    "wrong-format": json.dumps({"format": "zi-answers/9", "lke": LKE, "answers": {}}),
    "duplicate": '{"format": "zi-answers/1", "lke": "' + LKE + '", "answers": '
    '{"A.I.1.i.a": "Ya", "A.I.1.i.a": "Tidak"}}',
}


@pytest.mark.parametrize("content", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_import_of_a_bad_file_changes_nothing(ws: Workspace, tmp_path: Path, content: str) -> None:
    ws.set_answer(CODE, "tpi", "A.I.1.i.a", "Tidak")
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = _state(ws)
    with pytest.raises(UserFacingError) as err:
        ws.import_answers(CODE, "tpi", path)
    assert str(path) in err.value.message
    assert _state(ws) == before


def test_import_of_a_missing_file_or_into_an_unknown_unit(ws: Workspace, tmp_path: Path) -> None:
    before = _state(ws)
    with pytest.raises(UserFacingError):
        ws.import_answers(CODE, "tpi", tmp_path / "nothing.json")
    good = tmp_path / "good.json"
    good.write_text(ws.export_answers(CODE, "tpi"), encoding="utf-8")
    with pytest.raises(UserFacingError, match="NOPE-404"):
        ws.import_answers("NOPE-404", "tpi", good)
    with pytest.raises(UserFacingError):
        ws.import_answers(CODE, "tpx", good)
    assert _state(ws) == before


# -- opening: lock, read-only ------------------------------------------------------------


def test_a_second_open_is_refused_while_open(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    first = Workspace.open(folder)
    try:
        with pytest.raises(UserFacingError) as err:
            Workspace.open(folder)
        assert err.value.message == _(
            "The workspace {folder} is open in another running copy of ZI Desktop. "
            "Close it there first."
        ).format(folder=folder)
        first.add_instansi("KAB-X", "X")  # the first copy is unaffected
    finally:
        first.close()
    with Workspace.open(folder) as second:
        assert second.instansi_list() == [("KAB-X", "X")]


def test_opening_without_create_needs_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="zi init"):
        Workspace.open(tmp_path / "none", create=False)
    assert not (tmp_path / "none" / "zi.sqlite").exists()


READ_ONLY = (
    "The workspace folder {folder} is read-only. Copy it to a folder you can write to, "
    "or open it from there."
)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root ignores folder permissions; covered by the probe test below",
)
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    make_workspace(folder).close()
    folder.chmod(0o555)
    try:
        with pytest.raises(UserFacingError) as err:
            Workspace.open(folder)
        assert err.value.message == _(READ_ONLY).format(folder=folder)
    finally:
        folder.chmod(0o755)


def test_read_only_folder_is_refused_when_the_probe_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    make_workspace(folder).close()
    database = (folder / "zi.sqlite").read_bytes()
    real_write = Path.write_bytes
    probes: list[Path] = []

    def write_bytes(self: Path, data: Any) -> int:
        if self.name.startswith(".write-test-"):
            probes.append(self)
            raise PermissionError(13, "Permission denied", str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(UserFacingError) as err:
        Workspace.open(folder)
    assert err.value.message == _(READ_ONLY).format(folder=folder)
    assert probes and probes[0].parent == folder
    with pytest.raises(UserFacingError):
        Layout(folder).check_writable()
    monkeypatch.undo()
    assert (folder / "zi.sqlite").read_bytes() == database
    with Workspace.open(folder) as ws:  # the refusal held no lock
        assert [r.code for r in ws.list_units()] == [CODE]
    assert not any(p.name.startswith(".write-test-") for p in folder.iterdir())


@pytest.mark.parametrize(
    ("code", "msgid"),
    [
        (5, "The workspace database is busy. Wait a moment and try again."),  # SQLITE_BUSY
        (262, "The workspace database is busy. Wait a moment and try again."),  # LOCKED_SHAREDCACHE
        (13, "The disk is full. Free some space; nothing was saved for this change."),
        (8, "The workspace is read-only; nothing was saved."),  # SQLITE_READONLY
        (1032, "The workspace is read-only; nothing was saved."),  # READONLY_DBMOVED
        (11, "The workspace database is damaged. Restore it from backups/."),  # SQLITE_CORRUPT
        (26, "The workspace database is damaged. Restore it from backups/."),  # SQLITE_NOTADB
        (266, "The disk reported an input/output error; nothing was saved."),  # IOERR_READ
    ],
)
def test_sqlite_environment_errors_get_advice_by_their_code(code: int, msgid: str) -> None:
    driver = sqlite3.OperationalError("whatever the message says")
    driver.sqlite_errorcode = code  # type: ignore[attr-defined]
    error = classify_db_error(OperationalError("INSERT", {}, driver))
    assert error.message == _(msgid)
    assert "whatever the message says" in error.details


@pytest.mark.parametrize(
    "text", ["database is locked", "database or disk is full", "no such column: x"]
)
def test_errors_are_told_by_code_not_by_message_text(text: str) -> None:
    driver = sqlite3.OperationalError(text)
    driver.sqlite_errorcode = 1  # SQLITE_ERROR: a bug, whatever the text
    original = OperationalError("SELECT", {}, driver)
    with pytest.raises(OperationalError):
        classify_db_error(original)


def test_a_real_read_only_database_gets_its_advice(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()
    error = classify_db_error(OperationalError("INSERT", {}, raised.value))
    assert error.message == _("The workspace is read-only; nothing was saved.")


# -- the demo ----------------------------------------------------------------------------


def test_build_demo(demo_ws: Workspace) -> None:
    rows = {r.code: r for r in demo_ws.list_units()}
    assert sorted(rows) == ["DUK-003", "KPP-001", "RSUD-002"]
    first = rows["KPP-001"]
    assert 1 <= first.answered_tpi <= 126
    assert first.nilai_tpi is not None and first.nilai_tpi > 0
    assert rows["RSUD-002"].answered_tpi == 0 and rows["DUK-003"].answered_tpi == 0
    assert all(r.nilai_unit is not None and r.nilai_unit > 0 for r in rows.values())
    report = demo_ws.verify_audit()
    assert report.ok and report.events > 100
    view = demo_ws.open_assessment("KPP-001")
    assert len(view.evidence) >= 4
    assert all(demo_ws.store.verify(e.sha256) for e in view.evidence)
    assert {s.kind for s in view.surveys} == {"IPAK", "IPKP"}
    assert view.recommendations[5]
    profile = demo_ws.evaluator()
    assert profile is not None and len(profile.nip) == 18
    assert len(demo_ws.team()) >= 3
