"""``zi score`` end to end, as a subprocess: the readable table, ``--json``, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

from zi_desktop.scoring import ScoreResult, score
from zi_desktop.scoring.answers_file import read_answers

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
KPP = DEMO / "KPP-001.json"
DEMOS = [DEMO / "KPP-001.json", DEMO / "RSUD-002.json", DEMO / "DUK-003.json"]

TOP_KEYS = {
    "file",
    "lke",
    "total",
    "pengungkit",
    "pemenuhan",
    "reform",
    "hasil",
    "areas",
    "nodes",
    "complete",
    "missing",
    "policies_applied",
    "warnings",
    "verdict",
}
CONDITION_CODES = [
    "total",
    "pengungkit",
    "area_1",
    "area_2",
    "area_3",
    "area_4",
    "area_5",
    "area_6",
    "bersih_akuntabel",
    "ipak",
    "capaian_kinerja",
    "pelayanan_prima",
]


def zi(*args: str, lang: str = "id") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ZI_LANG=lang, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zi_desktop.cli.main", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


def two_decimals(value: Fraction, comma: bool) -> str:
    """Round half up to two decimals, independently of zi_desktop.formatting."""
    with localcontext() as ctx:
        ctx.prec = 50
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        text = str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return text.replace(".", ",") if comma else text


def in_process(path: Path) -> ScoreResult:
    answers_file, definition = read_answers(path)
    return score(definition, answers_file.answers, current_predikat=answers_file.current_predikat)


# --- the readable table ---------------------------------------------------------------------


def test_table_shows_the_total_indonesian_style_and_the_verdicts() -> None:
    out = zi("score", str(KPP))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    total = in_process(KPP).total
    shown = two_decimals(total, comma=True)
    assert "," in shown
    assert shown in out.stdout
    assert two_decimals(total, comma=False) not in out.stdout
    assert "Menuju WBK" in out.stdout and "Menuju WBBM" in out.stdout
    assert str(KPP) in out.stdout
    assert "permenpanrb-90-2021" in out.stdout
    for area in range(1, 7):
        assert f"{area}. " in out.stdout


def test_table_in_english_uses_a_decimal_point() -> None:
    out = zi("--lang", "en", "score", str(KPP))
    assert out.returncode == 0, out.stderr
    total = in_process(KPP).total
    assert two_decimals(total, comma=False) in out.stdout
    assert "Menuju WBK" in out.stdout
    assert "eligible" in out.stdout


def test_table_lists_missing_answers_of_an_incomplete_file(tmp_path: Path) -> None:
    doc = json.loads(KPP.read_text(encoding="utf-8"))
    del doc["answers"]["A.I.1.i.b"]
    del doc["answers"]["A.II.5.iii.a.4"]
    path = tmp_path / "incomplete.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = zi("--lang", "en", "score", str(path))
    assert out.returncode == 0, out.stderr
    assert "A.I.1.i.b" in out.stdout and "A.II.5.iii.a.4" in out.stdout
    assert "incomplete" in out.stdout


# --- --json ----------------------------------------------------------------------------------


def test_json_prints_one_line_per_file_with_the_documented_keys() -> None:
    out = zi("score", "--json", *map(str, DEMOS))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    lines = out.stdout.splitlines()
    assert len(lines) == len(DEMOS)
    assert out.stdout.endswith("\n")
    for line, path in zip(lines, DEMOS, strict=True):
        doc = json.loads(line)
        assert set(doc) == TOP_KEYS
        assert doc["file"] == str(path)
        assert doc["lke"] == "permenpanrb-90-2021"
        assert list(doc["areas"]) == ["1", "2", "3", "4", "5", "6"]
        for area in doc["areas"].values():
            assert set(area) == {"pemenuhan", "reform", "total", "percent"}
            assert 0 <= area["percent"] <= 100
        assert isinstance(doc["nodes"], dict) and doc["nodes"]
        assert isinstance(doc["complete"], bool)
        assert isinstance(doc["missing"], list)
        assert doc["complete"] is (doc["missing"] == [])
        assert isinstance(doc["policies_applied"], list)
        assert set(doc["verdict"]) == {"WBK", "WBBM"}
        for predikat, verdict in doc["verdict"].items():
            assert set(verdict) == {"status", "conditions"}
            assert verdict["status"] in {"eligible", "not_eligible", "incomplete"}
            codes = [c["code"] for c in verdict["conditions"]]
            expected = CONDITION_CODES + (["predikat_wbk"] if predikat == "WBBM" else [])
            assert codes == expected
            for c in verdict["conditions"]:
                assert set(c) == {"code", "actual", "required", "passed"}
                assert isinstance(c["passed"], bool)


@pytest.mark.parametrize("path", DEMOS, ids=lambda p: p.stem)
def test_json_numbers_equal_the_in_process_score(path: Path) -> None:
    out = zi("score", "--json", str(path))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    r = in_process(path)
    assert doc["total"] == float(r.total)
    assert doc["pengungkit"] == float(r.pengungkit)
    assert doc["pemenuhan"] == float(r.pemenuhan)
    assert doc["reform"] == float(r.reform)
    assert doc["hasil"] == float(r.hasil)
    for n, area in r.areas.items():
        got = doc["areas"][str(n)]
        assert got["total"] == float(area.total)
        assert got["percent"] == float(area.total * 100 / area.weight)
    assert doc["missing"] == list(r.missing)
    assert doc["complete"] is r.complete
    assert doc["policies_applied"] == [
        {"item": p.item, "policy": p.policy, "value": float(p.value)} for p in r.policies_applied
    ]
    for predikat, verdict in r.verdicts.items():
        assert doc["verdict"][predikat]["status"] == verdict.status
        for got, cond in zip(
            doc["verdict"][predikat]["conditions"], verdict.conditions, strict=True
        ):
            assert got["passed"] is cond.passed
            if isinstance(cond.actual, Fraction):
                assert got["actual"] == float(cond.actual)
                assert got["required"] == float(cond.required)
            else:
                assert (got["actual"], got["required"]) == (cond.actual, cond.required)


def test_json_kpp_001_is_eligible_for_wbk() -> None:
    doc = json.loads(zi("score", "--json", str(KPP)).stdout)
    assert doc["complete"] is True
    assert doc["verdict"]["WBK"]["status"] == "eligible"
    wbbm = {c["code"]: c for c in doc["verdict"]["WBBM"]["conditions"]}
    assert wbbm["predikat_wbk"]["actual"] == "WBK"
    assert wbbm["predikat_wbk"]["required"] == "WBK"


def test_json_discloses_zero_denominators_and_warnings(tmp_path: Path) -> None:
    doc = json.loads(KPP.read_text(encoding="utf-8"))
    doc["answers"].update({"A.II.5.ii.a.1": 0, "A.II.5.ii.a.2": 0, "A.II.5.ii.a.3": 0})
    doc["answers"].update({"A.II.4.i.a.1": 3, "A.II.4.i.a.2": 5})
    path = tmp_path / "zero.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = zi("score", "--json", str(path))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert {"item": "A.II.5.ii.a", "policy": "zero_denominator", "value": 1.0} in result[
        "policies_applied"
    ]
    assert result["warnings"] == [{"item": "A.II.4.i.a", "code": "numerator_exceeds_denominator"}]


# --- bad input -------------------------------------------------------------------------------

GOOD = json.loads(KPP.read_text(encoding="utf-8"))


def with_answers(**changes: object) -> str:
    doc = json.loads(json.dumps(GOOD))
    doc["answers"].update(changes)
    return json.dumps(doc)


def with_top(**changes: object) -> str:
    doc = json.loads(json.dumps(GOOD))
    doc.update(changes)
    return json.dumps(doc)


# name: (file text, the id named (or "" when there is none), words of the problem in English)
BAD = {
    "not_json": ('{"format": "zi-answers/1", "lke": ', "", ["JSON"]),
    "wrong_format": (with_top(format="zi-answers/9"), "format", ["zi-answers/1"]),
    "unknown_lke": (with_top(lke="permenpanrb-52-2014"), "lke", ["permenpanrb-52-2014"]),
    "unknown_id": (with_answers(**{"A.I.9.z": "Ya"}), "A.I.9.z", ["unknown"]),
    "bad_option": (with_answers(**{"A.I.1.i.a": "B"}), "A.I.1.i.a", ["'B'", "Ya", "Tidak"]),
    "negative_count": (with_answers(**{"A.II.1.i.a.1": -3}), "A.II.1.i.a.1", ["-3", "negative"]),
    "fractional_count": (with_answers(**{"A.II.1.i.a.2": 2.5}), "A.II.1.i.a.2", ["2.5", "whole"]),
    "index_out_of_range": (with_answers(**{"B.I.a": 4.01}), "B.I.a", ["4.01", "0–4"]),
    "index_string": (with_answers(**{"B.II.a": "3.5"}), "B.II.a", ["'3.5'", "number"]),
    "nan": (with_answers(**{"B.I.a": "NAN"}).replace('"NAN"', "NaN"), "", ["NaN"]),
    "duplicate_key": (
        with_answers().replace('"A.I.1.i.a": "Ya"', '"A.I.1.i.a": "Ya", "A.I.1.i.a": "Tidak"'),
        "A.I.1.i.a",
        ["more than once"],
    ),
    "unknown_field": (with_top(unit="KPP-001"), "unit", ["unknown field"]),
    "bad_predikat": (with_top(current_predikat="wbk"), "current_predikat", ["'wbk'", "WBBM"]),
    "percentage_item": (with_answers(**{"A.II.1.i.a": 75}), "A.II.1.i.a", ["A.II.1.i.a.1"]),
}


def write_bad(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(BAD[name][0], encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exits_2_and_names_file_id_and_problem(tmp_path: Path, name: str) -> None:
    path = write_bad(tmp_path, name)
    _text, node, words = BAD[name]
    out = zi("--lang", "en", "score", "--json", str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    err = out.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: ")
    assert str(path) in err
    if node:
        assert f"{path}: {node}: " in err
    for word in words:
        assert word in err, (word, err)


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    out = zi("--lang", "en", "score", str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    assert str(path) in out.stderr and "not found" in out.stderr


def test_a_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"format": "zi-answers/1", "lke": "\xff"}')
    out = zi("--lang", "en", "score", "--json", str(path))
    assert out.returncode == 2
    assert out.stdout == ""
    assert str(path) in out.stderr


def test_bad_input_message_is_indonesian_by_default(tmp_path: Path) -> None:
    path = write_bad(tmp_path, "negative_count")
    out = zi("score", str(path))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("kesalahan: ")
    assert str(path) in out.stderr and "A.II.1.i.a.1" in out.stderr and "-3" in out.stderr


@pytest.mark.parametrize("bad_first", [True, False])
def test_only_the_good_file_is_printed(tmp_path: Path, bad_first: bool) -> None:
    bad = write_bad(tmp_path, "bad_option")
    files = [str(bad), str(KPP)] if bad_first else [str(KPP), str(bad)]
    out = zi("--lang", "en", "score", "--json", *files)
    assert out.returncode == 2
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["file"] == str(KPP)
    assert str(bad) in out.stderr and str(KPP) not in out.stderr
    # And in the readable table.
    out = zi("--lang", "en", "score", *files)
    assert out.returncode == 2
    assert str(KPP) in out.stdout and str(bad) not in out.stdout


def test_every_bad_file_is_reported_and_nothing_printed(tmp_path: Path) -> None:
    paths = [write_bad(tmp_path, name) for name in sorted(BAD)]
    out = zi("--lang", "en", "score", "--json", *map(str, paths))
    assert out.returncode == 2
    assert out.stdout == ""
    err_lines = out.stderr.splitlines()
    assert len(err_lines) == len(paths)
    for path, line in zip(paths, err_lines, strict=True):
        assert str(path) in line
    assert len(set(line.split(": ", 2)[-1] for line in err_lines)) == len(paths)
