"""Tabel 6 boundaries: a value exactly at a threshold passes, the smallest step below fails.

Most boundaries are reached through ``score()`` with answer sets whose scores are computed by
hand below; a "smallest step" is made with a percentage item whose inputs are near 10**9
(the largest count an answers file accepts), a loss of about 10**-9 points that still shows
as the threshold when rounded for display.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from scoring_helpers import (
    CAPAIAN,
    IPAK,
    IPKP,
    base,
    best_answers,
    percent_inputs,
    set_sub_area_worst,
)

from zi_desktop.scoring import Condition, ScoreResult, score
from zi_desktop.scoring.verdict import conditions

F = Fraction
BIG = 10**9
TINY = F(1, BIG)


def answers_with(worst_sub_areas: list[str], **hasil: object) -> dict[str, object]:
    """Best answers, the listed sub-areas at their worst, and hasil (ipak=, capaian=, ipkp=)."""
    d = base()
    answers = best_answers(d)
    set_sub_area_worst(answers, d, worst_sub_areas)
    keys = {"ipak": IPAK, "capaian": CAPAIAN, "ipkp": IPKP}
    for name, value in hasil.items():
        answers[keys[name]] = value
    return answers


def failed(result: ScoreResult, predikat: str) -> list[str]:
    return [c.code for c in result.verdicts[predikat].failed]


def condition(result: ScoreResult, predikat: str, code: str) -> Condition:
    return next(c for c in result.verdicts[predikat].conditions if c.code == code)


def a_hair_below_one() -> dict[str, int]:
    """A.II.6.i.b (sub-area A.II.6.i, weight 2.5, two questions) at (10**9 − 1) / 10**9."""
    return {"A.II.6.i.b.1": BIG, "A.II.6.i.b.2": BIG - 1}


# --- WBK: every condition exactly at its threshold ------------------------------------------

# Losses from 60 (whole sub-areas at their worst), 17.25 in all:
#   area 1: A.II.1.i 2 + A.II.1.ii 1 = 3       → 5.00  (≥ 4.80)
#   area 2: A.I.2.ii 2 + A.I.2.iii 0.5 = 2.5   → 4.50  (≥ 4.20)
#   area 3: A.I.3.iv 2 + A.II.3.i 1.5 = 3.5, and A.II.3.iii.a at 3/4 (weight 2) loses 0.5
#                                              → 6.00  (= 60% of 10)
#   area 4: A.I.4.i 2.5 + A.II.4.ii 1.5 = 4    → 6.00  (= 60% of 10)
#   area 5: A.II.5.ii 3, A.I.5.i at half (A = 1, C = 0; weight 1.5) loses 0.75 → 11.25
# Pengungkit 42.75; hasil IPAK 3.60 → 15.75, capaian C → 2.50, IPKP 3.20 → 14.00 = 32.25.
WBK_WORST = ["A.II.1.i", "A.II.1.ii", "A.I.2.ii", "A.I.2.iii", "A.I.3.iv", "A.II.3.i"]
WBK_WORST += ["A.I.4.i", "A.II.4.ii", "A.II.5.ii"]


def wbk_at_threshold(**changes: object) -> dict[str, object]:
    answers = answers_with(WBK_WORST, ipak=F(360, 100), capaian="C", ipkp=F(320, 100))
    answers.update(percent_inputs("A.II.3.iii.a", F(3, 4)))
    answers["A.I.5.i.a"] = "C"  # A/B/C: 0
    answers["A.I.5.i.b"] = "A"  # A/B/C/D: 1
    answers.update(changes)
    return answers


def test_wbk_everything_exactly_at_threshold_is_eligible() -> None:
    r = score(base(), wbk_at_threshold())
    assert r.pengungkit == F(4275, 100)
    assert r.hasil == F(3225, 100)
    assert r.total == 75
    assert r.bersih_akuntabel == F(1825, 100)
    assert r.pelayanan_prima == 14
    assert r.nodes[IPAK] == F(1575, 100) and r.nodes[CAPAIAN] == F(5, 2)
    assert {n: a.total for n, a in r.areas.items()} == {
        1: 5,
        2: F(9, 2),
        3: 6,
        4: 6,
        5: F(45, 4),
        6: 10,
    }
    assert r.areas[3].percent == 60 and r.areas[4].percent == 60
    assert r.complete
    assert r.verdicts["WBK"].status == "eligible", failed(r, "WBK")
    for code, required in [
        ("total", 75),
        ("bersih_akuntabel", F(1825, 100)),
        ("ipak", F(1575, 100)),
        ("capaian_kinerja", F(5, 2)),
        ("pelayanan_prima", 14),
        ("area_3", 6),
        ("area_4", 6),
    ]:
        c = condition(r, "WBK", code)
        assert c.actual == c.required == required and c.passed, code


@pytest.mark.parametrize(
    ("change", "expected_failed"),
    [
        # total 75 − 2.5/2 × 10**-9
        (a_hair_below_one(), ["total"]),
        # A.II.3.iii.a at 3/4 − 10**-9: area 3 and the total a hair below
        ({"A.II.3.iii.a.1": BIG, "A.II.3.iii.a.2": BIG // 4 + 1}, ["total", "area_3"]),
        ({IPAK: F(359, 100)}, ["total", "bersih_akuntabel", "ipak"]),
        ({CAPAIAN: "D"}, ["total", "bersih_akuntabel", "capaian_kinerja"]),
        ({IPKP: F(319, 100)}, ["total", "pelayanan_prima"]),
    ],
    ids=["total", "area_3", "ipak", "capaian", "ipkp"],
)
def test_wbk_a_step_below_fails_that_condition(
    change: dict[str, object], expected_failed: list[str]
) -> None:
    r = score(base(), wbk_at_threshold(**change))
    assert r.complete
    assert r.total < 75
    assert failed(r, "WBK") == expected_failed
    assert r.verdicts["WBK"].status == "not_eligible"


def test_wbk_total_a_hair_below_is_exactly_computed() -> None:
    r = score(base(), wbk_at_threshold(**a_hair_below_one()))
    assert r.total == 75 - TINY / 2 * F(5, 2)
    assert round(float(r.total), 2) == 75.0  # shows as 75,00, yet fails
    assert not condition(r, "WBK", "total").passed


# --- WBBM: every condition exactly at its threshold -----------------------------------------

# Losses 10.25 (each area must keep 75%):
#   area 1: A.II.1.ii 1 + A.II.1.iii 1 = 2    → 6.00  (= 75% of 8)
#   area 2: A.I.2.iii 0.5 + A.II.2.i 0.5 = 1  → 6.00  (≥ 5.25)
#   area 3: A.I.3.iv 2 + A.I.3.ii 0.5 = 2.5   → 7.50  (= 75% of 10)
#   area 4: A.I.4.i 2.5                       → 7.50  (= 75% of 10)
#   area 5: A.I.5.i 1.5, A.I.5.ii all middle (C, C, B, B = 0.5; weight 1.5) loses 0.75
#                                             → 12.75 (≥ 11.25)
# Pengungkit 49.75; hasil IPAK 3.60 → 15.75, capaian B → 3.75, IPKP 3.60 → 15.75 = 35.25.
WBBM_WORST = ["A.II.1.ii", "A.II.1.iii", "A.I.2.iii", "A.II.2.i", "A.I.3.iv", "A.I.3.ii"]
WBBM_WORST += ["A.I.4.i", "A.I.5.i"]


def wbbm_at_threshold(**changes: object) -> dict[str, object]:
    answers = answers_with(WBBM_WORST, ipak=F(36, 10), capaian="B", ipkp=F(36, 10))
    answers.update({"A.I.5.ii.a": "C", "A.I.5.ii.b": "C", "A.I.5.ii.c": "B", "A.I.5.ii.d": "B"})
    answers.update(changes)
    return answers


def test_wbbm_everything_exactly_at_threshold_is_eligible() -> None:
    r = score(base(), wbbm_at_threshold(), current_predikat="WBK")
    assert r.pengungkit == F(4975, 100)
    assert r.hasil == F(3525, 100)
    assert r.total == 85
    assert r.bersih_akuntabel == F(39, 2)
    assert r.pelayanan_prima == F(1575, 100)
    assert {n: a.total for n, a in r.areas.items()} == {
        1: 6,
        2: 6,
        3: F(15, 2),
        4: F(15, 2),
        5: F(51, 4),
        6: 10,
    }
    assert r.areas[1].percent == 75
    assert r.verdicts["WBBM"].status == "eligible", failed(r, "WBBM")
    assert r.verdicts["WBK"].status == "eligible"
    for code, required in [
        ("total", 85),
        ("area_1", 6),
        ("area_3", F(15, 2)),
        ("bersih_akuntabel", F(39, 2)),
        ("ipak", F(1575, 100)),
        ("capaian_kinerja", F(15, 4)),
        ("pelayanan_prima", F(1575, 100)),
    ]:
        c = condition(r, "WBBM", code)
        assert c.actual == c.required == required and c.passed, code
    assert condition(r, "WBBM", "predikat_wbk").passed


@pytest.mark.parametrize(
    ("change", "expected_failed", "wbk_status"),
    [
        (a_hair_below_one(), ["total"], "eligible"),
        # A.II.1.i.a at (10**9 − 1) / 10**9: area 1 a hair below 6
        ({"A.II.1.i.a.1": BIG, "A.II.1.i.a.2": BIG - 1}, ["total", "area_1"], "eligible"),
        ({IPAK: F(359, 100)}, ["total", "bersih_akuntabel", "ipak"], "not_eligible"),
        # capaian C: 2.50 passes WBK but fails WBBM (3.75); B.I 18.25 passes WBK only
        ({CAPAIAN: "C"}, ["total", "bersih_akuntabel", "capaian_kinerja"], "eligible"),
        # IPKP 3.59: 15.70625 passes WBK (14) but fails WBBM (15.75)
        ({IPKP: F(359, 100)}, ["total", "pelayanan_prima"], "eligible"),
    ],
    ids=["total", "area_1", "ipak", "capaian", "ipkp"],
)
def test_wbbm_a_step_below_fails_that_condition(
    change: dict[str, object], expected_failed: list[str], wbk_status: str
) -> None:
    r = score(base(), wbbm_at_threshold(**change), current_predikat="WBK")
    assert failed(r, "WBBM") == expected_failed
    assert r.verdicts["WBBM"].status == "not_eligible"
    assert r.verdicts["WBK"].status == wbk_status


@pytest.mark.parametrize(("current", "passes"), [("none", False), ("WBK", True), ("WBBM", True)])
def test_wbbm_requires_the_wbk_predikat(current: str, passes: bool) -> None:
    r = score(base(), wbbm_at_threshold(), current_predikat=current)  # type: ignore[arg-type]
    c = condition(r, "WBBM", "predikat_wbk")
    assert c.passed is passes
    assert r.verdicts["WBBM"].status == ("eligible" if passes else "not_eligible")
    assert failed(r, "WBBM") == ([] if passes else ["predikat_wbk"])
    # WBK has no such prerequisite.
    assert "predikat_wbk" not in [c.code for c in r.verdicts["WBK"].conditions]
    assert r.verdicts["WBK"].status == "eligible"


# --- pengungkit 40 / 48 ----------------------------------------------------------------------

# Pengungkit exactly 40 (losses 20, every area still ≥ 60%):
#   area 1: A.II.1.i 2 + A.II.1.ii 1 = 3; area 2: A.I.2.ii 2 + A.I.2.iii 0.5 = 2.5;
#   area 3: A.I.3.iv 2 + A.II.3.iii 2 = 4; area 4: A.I.4.i 2.5 + A.II.4.ii 1.5 = 4;
#   area 5: A.II.5.i 2.5 + A.II.5.iii 2 + A.I.5.i 1.5 = 6;
#   area 6: A.I.6.iii all middle (C, B, B = 0.5; weight 1) loses 0.5.
PENGUNGKIT_40 = ["A.II.1.i", "A.II.1.ii", "A.I.2.ii", "A.I.2.iii", "A.I.3.iv", "A.II.3.iii"]
PENGUNGKIT_40 += ["A.I.4.i", "A.II.4.ii", "A.II.5.i", "A.II.5.iii", "A.I.5.i"]
# Pengungkit exactly 48 (losses 12, every area still ≥ 75%):
#   area 1: A.II.1.ii + A.II.1.iii = 2; area 2: A.I.2.iii + A.II.2.i = 1;
#   area 3: A.I.3.iv + A.I.3.ii = 2.5; area 4: A.I.4.i = 2.5; area 5: A.II.5.ii = 3;
#   area 6: A.I.6.i = 1.
PENGUNGKIT_48 = ["A.II.1.ii", "A.II.1.iii", "A.I.2.iii", "A.II.2.i", "A.I.3.iv", "A.I.3.ii"]
PENGUNGKIT_48 += ["A.I.4.i", "A.II.5.ii", "A.I.6.i"]


def test_pengungkit_40_passes_wbk_and_a_hair_below_fails() -> None:
    answers = answers_with(PENGUNGKIT_40)
    answers.update({"A.I.6.iii.a": "C", "A.I.6.iii.b": "B", "A.I.6.iii.c": "B"})
    r = score(base(), answers)
    assert r.pengungkit == 40 and r.total == 80
    assert r.verdicts["WBK"].status == "eligible", failed(r, "WBK")
    assert condition(r, "WBK", "pengungkit").passed
    answers.update(a_hair_below_one())
    r = score(base(), answers)
    assert r.pengungkit == 40 - TINY / 2 * F(5, 2)
    assert failed(r, "WBK") == ["pengungkit"]


def test_pengungkit_48_passes_wbbm_and_a_hair_below_fails() -> None:
    answers = answers_with(PENGUNGKIT_48)
    r = score(base(), answers, current_predikat="WBK")
    assert r.pengungkit == 48 and r.total == 88
    assert r.verdicts["WBBM"].status == "eligible", failed(r, "WBBM")
    answers.update(a_hair_below_one())
    r = score(base(), answers, current_predikat="WBK")
    assert failed(r, "WBBM") == ["pengungkit"]
    assert r.verdicts["WBK"].status == "eligible"


# --- one area at exactly 60% / 75% of its weight ---------------------------------------------


def area_1(reform_i: tuple[Fraction, Fraction]) -> ScoreResult:
    """Area 1 with pemenuhan 4 and reform = A.II.1.i only (weight 2, two percentage items)."""
    answers = best_answers(base())
    answers["A.II.1.ii.a"] = "E"
    answers["A.II.1.iii.a"] = "D"
    a, b = reform_i
    answers.update({"A.II.1.i.a.1": a.denominator, "A.II.1.i.a.2": a.numerator})
    answers.update({"A.II.1.i.b.1": b.denominator, "A.II.1.i.b.2": b.numerator})
    return score(base(), answers, current_predikat="WBK")


def test_area_1_at_exactly_60_percent() -> None:
    r = area_1((F(2, 5), F(2, 5)))  # reform (2/5 + 2/5) / 2 × 2 = 0.8
    assert r.areas[1].total == F(48, 10) and r.areas[1].percent == 60
    c = condition(r, "WBK", "area_1")
    assert c.required == F(48, 10) and c.passed
    assert not condition(r, "WBBM", "area_1").passed
    r = area_1((F(2, 5), F(2, 5) - TINY))
    assert r.areas[1].total == F(48, 10) - TINY
    assert not condition(r, "WBK", "area_1").passed


def test_area_1_at_exactly_75_percent() -> None:
    r = area_1((F(1), F(1)))  # reform 2
    assert r.areas[1].total == 6 and r.areas[1].percent == 75
    c = condition(r, "WBBM", "area_1")
    assert c.required == 6 and c.passed
    r = area_1((F(1), 1 - TINY))
    assert r.areas[1].total == 6 - TINY
    assert not condition(r, "WBBM", "area_1").passed
    assert condition(r, "WBK", "area_1").passed


def test_area_rule_reads_the_combined_area() -> None:
    # Reform half of area 1 at 0.8 of 4 (20%) still passes WBK on the combined 4.8 of 8.
    r = area_1((F(2, 5), F(2, 5)))
    assert r.areas[1].reform == F(4, 5) and r.areas[1].pemenuhan == 4
    assert condition(r, "WBK", "area_1").passed


# --- survey indices and capaian through answers ---------------------------------------------


def hasil_only(ipak: object = F(4), capaian: object = "A", ipkp: object = F(4)) -> ScoreResult:
    answers = best_answers(base())
    answers.update({IPAK: ipak, CAPAIAN: capaian, IPKP: ipkp})
    return score(base(), answers, current_predikat="WBK")


@pytest.mark.parametrize(("index", "passes"), [(F(360, 100), True), (F(359, 100), False)])
def test_ipak_index_3_60(index: Fraction, passes: bool) -> None:
    r = hasil_only(ipak=index)
    for predikat in ("WBK", "WBBM"):
        c = condition(r, predikat, "ipak")
        assert c.actual == index / 4 * F(35, 2)
        assert c.required == F(1575, 100)
        assert c.passed is passes


@pytest.mark.parametrize(
    ("index", "wbk", "wbbm"),
    [
        (F(320, 100), True, False),
        (F(319, 100), False, False),
        (F(360, 100), True, True),
        (F(359, 100), True, False),
    ],
)
def test_ipkp_index_3_20_and_3_60(index: Fraction, wbk: bool, wbbm: bool) -> None:
    r = hasil_only(ipkp=index)
    assert condition(r, "WBK", "pelayanan_prima").passed is wbk
    assert condition(r, "WBBM", "pelayanan_prima").passed is wbbm
    assert condition(r, "WBK", "pelayanan_prima").required == 14
    assert condition(r, "WBBM", "pelayanan_prima").required == F(1575, 100)


@pytest.mark.parametrize(
    ("code", "wbk", "wbbm"),
    [("A", True, True), ("B", True, True), ("C", True, False), ("D", False, False)],
)
def test_capaian_kinerja_c_for_wbk_and_b_for_wbbm(code: str, wbk: bool, wbbm: bool) -> None:
    r = hasil_only(capaian=code)
    assert condition(r, "WBK", "capaian_kinerja").passed is wbk
    assert condition(r, "WBBM", "capaian_kinerja").passed is wbbm
    assert condition(r, "WBK", "capaian_kinerja").required == F(5, 2)
    assert condition(r, "WBBM", "capaian_kinerja").required == F(15, 4)


@pytest.mark.parametrize(
    ("ipak", "capaian", "bersih", "wbk", "wbbm"),
    [
        (F(36, 10), "C", F(1825, 100), True, False),  # 15.75 + 2.50
        (F(36, 10), "B", F(1950, 100), True, True),  # 15.75 + 3.75
        (F(4), "C", F(20), True, True),  # 17.50 + 2.50
        (F(359, 100), "C", F(359, 100) / 4 * F(35, 2) + F(5, 2), False, False),
    ],
)
def test_bersih_akuntabel_18_25_and_19_50(
    ipak: Fraction, capaian: str, bersih: Fraction, wbk: bool, wbbm: bool
) -> None:
    r = hasil_only(ipak=ipak, capaian=capaian)
    assert r.bersih_akuntabel == bersih
    assert condition(r, "WBK", "bersih_akuntabel").passed is wbk
    assert condition(r, "WBBM", "bersih_akuntabel").passed is wbbm


def test_wbbm_thresholds_are_not_the_wbk_ones() -> None:
    r = hasil_only()
    wbk = {c.code: c.required for c in r.verdicts["WBK"].conditions}
    wbbm = {c.code: c.required for c in r.verdicts["WBBM"].conditions}
    assert (wbk["bersih_akuntabel"], wbbm["bersih_akuntabel"]) == (F(1825, 100), F(1950, 100))
    assert (wbk["capaian_kinerja"], wbbm["capaian_kinerja"]) == (F(250, 100), F(375, 100))
    assert (wbk["total"], wbbm["total"]) == (75, 85)
    assert (wbk["pengungkit"], wbbm["pengungkit"]) == (40, 48)
    assert (wbk["pelayanan_prima"], wbbm["pelayanan_prima"]) == (14, F(1575, 100))
    assert wbk["ipak"] == wbbm["ipak"] == F(1575, 100)
    areas = {1: 8, 2: 7, 3: 10, 4: 10, 5: 15, 6: 10}
    for n, weight in areas.items():
        assert wbk[f"area_{n}"] == F(weight) * 60 / 100
        assert wbbm[f"area_{n}"] == F(weight) * 75 / 100


# --- conditions() directly, on results edited with dataclasses.replace -----------------------


def _real_result() -> ScoreResult:
    return score(base(), best_answers(base()), current_predikat="WBK")


def _check(result: ScoreResult, predikat: str, code: str, current: str = "WBK") -> bool:
    d = base()
    conds = conditions(d, result, d.thresholds[predikat], current)  # type: ignore[arg-type]
    return next(c for c in conds if c.code == code).passed


@pytest.mark.parametrize(
    ("field", "code", "predikat", "threshold"),
    [
        ("total", "total", "WBK", F(75)),
        ("total", "total", "WBBM", F(85)),
        ("pengungkit", "pengungkit", "WBK", F(40)),
        ("pengungkit", "pengungkit", "WBBM", F(48)),
        ("bersih_akuntabel", "bersih_akuntabel", "WBK", F(1825, 100)),
        ("bersih_akuntabel", "bersih_akuntabel", "WBBM", F(1950, 100)),
        ("pelayanan_prima", "pelayanan_prima", "WBK", F(14)),
        ("pelayanan_prima", "pelayanan_prima", "WBBM", F(1575, 100)),
    ],
)
def test_conditions_exactly_at_and_a_hair_below(
    field: str, code: str, predikat: str, threshold: Fraction
) -> None:
    real = _real_result()
    assert _check(dataclasses.replace(real, **{field: threshold}), predikat, code)
    for step in (F(1, 100), F(1, 10**12)):
        below = dataclasses.replace(real, **{field: threshold - step})
        assert not _check(below, predikat, code), step


@pytest.mark.parametrize(("predikat", "ratio"), [("WBK", F(60, 100)), ("WBBM", F(75, 100))])
def test_area_conditions_exactly_at_and_a_hair_below(predikat: str, ratio: Fraction) -> None:
    real = _real_result()
    for number, area in real.areas.items():
        at = area.weight * ratio
        for value, passes in ((at, True), (at - F(1, 10**12), False)):
            areas = dict(real.areas)
            areas[number] = dataclasses.replace(area, total=value)
            edited = dataclasses.replace(real, areas=areas)
            assert _check(edited, predikat, f"area_{number}") is passes, (number, value)


def test_ipak_and_capaian_conditions_read_the_nilai() -> None:
    real = _real_result()
    for predikat, code, item, at in [
        ("WBK", "ipak", IPAK, F(1575, 100)),
        ("WBBM", "ipak", IPAK, F(1575, 100)),
        ("WBK", "capaian_kinerja", CAPAIAN, F(250, 100)),
        ("WBBM", "capaian_kinerja", CAPAIAN, F(375, 100)),
    ]:
        nodes = dict(real.nodes)
        nodes[item] = at
        assert _check(dataclasses.replace(real, nodes=nodes), predikat, code)
        nodes[item] = at - F(1, 10**12)
        assert not _check(dataclasses.replace(real, nodes=nodes), predikat, code)
