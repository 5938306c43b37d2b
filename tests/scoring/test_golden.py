"""Hand-computed scores (docs/scoring.md §2–§5); every expected value is an exact Fraction."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from scoring_helpers import (
    CAPAIAN,
    FORMULAS,
    IPAK,
    IPKP,
    base,
    best_answers,
    input_ids,
    percent_inputs,
    reference_score,
    worst_answers,
)

from zi_desktop.scoring import PolicyUse, ScoringPolicy, Warning, score
from zi_desktop.scoring.answers_file import read_answers

F = Fraction
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def inputs(item_id: str, *values: int) -> dict[str, object]:
    ids = input_ids(item_id)
    assert len(values) == len(ids)
    return dict(zip(ids, values, strict=True))


# --- best, worst ----------------------------------------------------------------------------


def test_all_best_answers_score_exactly_100_and_are_eligible_for_both() -> None:
    d = base()
    answers = best_answers(d)
    assert len(answers) == 127
    r = score(d, answers, current_predikat="WBK")
    assert r.total == 100 and isinstance(r.total, Fraction)
    assert (r.pemenuhan, r.reform, r.pengungkit, r.hasil) == (30, 30, 60, 40)
    assert (r.bersih_akuntabel, r.pelayanan_prima) == (F(45, 2), F(35, 2))
    assert {n: a.total for n, a in r.areas.items()} == {1: 8, 2: 7, 3: 10, 4: 10, 5: 15, 6: 10}
    assert all(a.percent == 100 for a in r.areas.values())
    assert r.complete and r.missing == ()
    assert r.policies_applied == () and r.warnings == ()
    assert r.verdicts["WBK"].status == "eligible"
    assert r.verdicts["WBBM"].status == "eligible"


def test_all_best_without_a_wbk_predikat_is_only_eligible_for_wbk() -> None:
    d = base()
    r = score(d, best_answers(d))
    assert r.verdicts["WBK"].status == "eligible"
    assert r.verdicts["WBBM"].status == "not_eligible"
    assert [c.code for c in r.verdicts["WBBM"].failed] == ["predikat_wbk"]


def test_lhk_numerator_must_equal_the_sum_of_the_three_denominators() -> None:
    d = base()
    answers = best_answers(d)
    # .1 = 1, .2 = 2, .3 = 3: 6 people must report. Only as many as the largest part did.
    answers.update(inputs("A.II.5.iii.a", 1, 2, 3, 3))
    r = score(d, answers, current_predikat="WBK")
    assert r.values["A.II.5.iii.a"] == F(3, 6)
    # LHK sub-area (weight 2) = %LHKPN × 1 + %LHKASN × 1 = 1/2 + 1
    assert r.nodes["A.II.5.iii"] == F(3, 2)
    assert r.total == 100 - F(1, 2)


def test_all_worst_answers_score_0() -> None:
    d = base()
    r = score(d, worst_answers(d), current_predikat="WBK")
    assert r.total == 0
    assert (r.pengungkit, r.hasil, r.pemenuhan, r.reform) == (0, 0, 0, 0)
    assert r.complete
    assert r.verdicts["WBK"].status == "not_eligible"
    assert r.verdicts["WBBM"].status == "not_eligible"


def test_no_answers_score_0_and_list_all_127_cells_as_missing() -> None:
    d = base()
    r = score(d, {})
    assert r.total == 0
    assert sorted(r.missing) == sorted(best_answers(d))
    assert {v.status for v in r.verdicts.values()} == {"incomplete"}


# --- the eight percentage formulas ---------------------------------------------------------

# item: (inputs in order .1, .2, …, expected value, sub-area id, sub-area weight)
FORMULA_CASES = {
    # .2 perubahan / .1 agen
    "A.II.1.i.a": ((8, 6), F(6, 8), "A.II.1.i", F(2)),
    # .2 diintegrasikan / .1 perubahan dibuat
    "A.II.1.i.b": ((10, 4), F(4, 10), "A.II.1.i", F(2)),
    # (prev − now) / prev; .3 (sanksi) unused
    "A.II.3.iii.a": ((8, 6, 5), F(8 - 6, 8), "A.II.3.iii", F(2)),
    # .2 tercapai / .1 jumlah sasaran
    "A.II.4.i.a": ((12, 9), F(9, 12), "A.II.4.i", F(2)),
    # .3 selesai / .1 harus ditindaklanjuti; .2 (diproses) unused
    "A.II.5.ii.a": ((20, 10, 15), F(15, 20), "A.II.5.ii", F(3)),
    # .4 / (.1 + .2 + .3)
    "A.II.5.iii.a": ((1, 4, 5, 7), F(7, 1 + 4 + 5), "A.II.5.iii", F(2)),
    "A.II.5.iii.b": ((2, 3, 15, 16), F(16, 2 + 3 + 15), "A.II.5.iii", F(2)),
    # .2 dipermudah / .1 terdata
    "A.II.6.i.b": ((40, 30), F(30, 40), "A.II.6.i", F(5, 2)),
}


@pytest.mark.parametrize("item_id", sorted(FORMULA_CASES))
def test_percentage_formula_by_hand(item_id: str) -> None:
    d = base()
    values, expected, sub_id, weight = FORMULA_CASES[item_id]
    r = score(d, inputs(item_id, *values))
    assert r.values[item_id] == expected
    # The only answered question of its sub-area: nilai = value × sub-area weight.
    assert r.nodes[sub_id] == expected * weight
    assert r.policies_applied == () and r.warnings == ()
    assert not set(input_ids(item_id)) & set(r.missing)


def test_percentage_formulas_do_not_repeat_known_wrong_turns() -> None:
    d = base()
    # Disciplinary item is not now/prev (8 → 6 would give 3/4).
    assert score(d, inputs("A.II.3.iii.a", 8, 6, 0)).values["A.II.3.iii.a"] == F(1, 4)
    # Complaints are not selesai / (proses + selesai) (15 / 25 = 3/5): .2 is unused.
    for diproses in (0, 10, 1000):
        r = score(d, inputs("A.II.5.ii.a", 20, diproses, 15))
        assert r.values["A.II.5.ii.a"] == F(3, 4)
    # The LHK sub-area keeps its second child.
    both = inputs("A.II.5.iii.a", 1, 4, 5, 7) | inputs("A.II.5.iii.b", 2, 3, 15, 16)
    r = score(d, both)
    assert r.nodes["A.II.5.iii"] == F(7, 10) * 1 + F(16, 20) * 1 == F(3, 2)


def test_disciplinary_rule() -> None:
    d = base()
    item = "A.II.3.iii.a"
    # No violations last year nor this year: full value, no policy involved.
    r = score(d, inputs(item, 0, 0, 0))
    assert r.values[item] == 1 and r.policies_applied == ()
    # Violations rose from none: the documented default 0, disclosed.
    r = score(d, inputs(item, 0, 3, 1))
    assert r.values[item] == 0
    assert r.policies_applied == (PolicyUse(item, "zero_denominator", F(0)),)
    # More violations than last year: 0, not negative, and no policy involved.
    r = score(d, inputs(item, 4, 6, 2))
    assert r.values[item] == 0 and r.nodes["A.II.3.iii"] == 0
    assert r.policies_applied == ()
    # Halved: 1/2.
    assert score(d, inputs(item, 4, 2, 2)).values[item] == F(1, 2)
    # A workspace policy changes the rose-from-none case only.
    policy = ScoringPolicy(zero_denominator={item: F(1, 2)})
    r = score(d, inputs(item, 0, 3, 1), policy)
    assert r.values[item] == F(1, 2)
    assert r.policies_applied == (PolicyUse(item, "zero_denominator", F(1, 2)),)
    assert score(d, inputs(item, 0, 0, 0), policy).values[item] == 1
    assert score(d, inputs(item, 4, 6, 2), policy).values[item] == 0


ZERO_DEFAULTS = {
    "A.II.1.i.a": F(0),
    "A.II.1.i.b": F(0),
    "A.II.4.i.a": F(0),
    "A.II.6.i.b": F(0),
    "A.II.5.ii.a": F(1),
    "A.II.5.iii.a": F(1),
    "A.II.5.iii.b": F(1),
}


@pytest.mark.parametrize("item_id", sorted(ZERO_DEFAULTS))
def test_zero_denominator_default_is_applied_and_disclosed(item_id: str) -> None:
    d = base()
    zeros = {i: 0 for i in input_ids(item_id)}
    r = score(d, zeros)
    expected = ZERO_DEFAULTS[item_id]
    assert r.values[item_id] == expected
    assert r.policies_applied == (PolicyUse(item_id, "zero_denominator", expected),)
    assert item_id not in r.missing and not set(zeros) & set(r.missing)
    # A workspace override changes the value and is disclosed with the new value.
    override = F(1, 4)
    r = score(d, zeros, ScoringPolicy(zero_denominator={item_id: override}))
    assert r.values[item_id] == override
    assert r.policies_applied == (PolicyUse(item_id, "zero_denominator", override),)
    # The override does not touch a non-zero denominator.
    normal = percent_inputs(item_id, F(1, 2))
    r = score(d, normal, ScoringPolicy(zero_denominator={item_id: override}))
    assert r.values[item_id] == F(1, 2) and r.policies_applied == ()


def test_zero_denominator_disclosure_reaches_a_full_result() -> None:
    d = base()
    answers = best_answers(d)
    answers.update(inputs("A.II.5.ii.a", 0, 0, 0))  # no complaints: default 1
    answers.update(inputs("A.II.4.i.a", 0, 0))  # no targets: default 0
    r = score(d, answers, current_predikat="WBK")
    assert set(r.policies_applied) == {
        PolicyUse("A.II.5.ii.a", "zero_denominator", F(1)),
        PolicyUse("A.II.4.i.a", "zero_denominator", F(0)),
    }
    assert r.total == 100 - 2  # A.II.4.i (weight 2, one item) is lost
    assert r.complete


@pytest.mark.parametrize("item_id", sorted(set(FORMULAS) - {"A.II.3.iii.a"}))
def test_numerator_above_denominator_is_clipped_and_flagged(item_id: str) -> None:
    d = base()
    answers = percent_inputs(item_id, 1)
    num = FORMULAS[item_id][1]
    answers[item_id + num] += 1
    r = score(d, answers)
    assert r.values[item_id] == 1
    assert r.warnings == (Warning(item_id, "numerator_exceeds_denominator"),)
    # Exactly equal is not a data error.
    assert score(d, percent_inputs(item_id, 1)).warnings == ()


def test_a_partly_filled_percentage_item_is_unanswered() -> None:
    d = base()
    answers = {"A.II.5.iii.a.1": 1, "A.II.5.iii.a.2": 4} | inputs("A.II.5.iii.b", 2, 3, 15, 16)
    r = score(d, answers)
    assert r.values["A.II.5.iii.a"] is None
    assert {"A.II.5.iii.a.3", "A.II.5.iii.a.4"} <= set(r.missing)
    assert not {"A.II.5.iii.a.1", "A.II.5.iii.a.2"} & set(r.missing)
    assert not set(input_ids("A.II.5.iii.b")) & set(r.missing)
    # The sub-area averages over its answered question only: 4/5 × 2.
    assert r.nodes["A.II.5.iii"] == F(4, 5) * 2
    assert {v.status for v in r.verdicts.values()} == {"incomplete"}


# --- choice values, averages, unanswered ---------------------------------------------------


def test_abcd_b_and_c_average_to_exactly_one_half() -> None:
    d = base()
    answers = best_answers(d)
    answers["A.I.1.iii.a"] = "B"
    answers["A.I.1.iii.b"] = "C"
    del answers["A.I.1.iii.c"]
    r = score(d, answers, current_predikat="WBK")
    # (0.67 + 0.33) / 2 × weight 1
    assert r.nodes["A.I.1.iii"] == (F(67, 100) + F(33, 100)) / 2 == F(1, 2)
    assert r.nodes["A.I.1.iii"] != F(5000001, 10000000)
    assert isinstance(r.nodes["A.I.1.iii"], Fraction)
    assert r.areas[1].pemenuhan == 4 - F(1, 2)
    assert r.total == 100 - F(1, 2)
    assert r.missing == ("A.I.1.iii.c",)
    # And with the third answered A: (0.67 + 0.33 + 1) / 3 = 2/3 exactly.
    answers["A.I.1.iii.c"] = "A"
    assert score(d, answers).nodes["A.I.1.iii"] == F(2, 3)


def test_abcd_values_are_decimals_not_thirds() -> None:
    d = base()
    r = score(d, {"A.I.1.iii.a": "B"})
    assert r.nodes["A.I.1.iii"] == F(67, 100) and r.values["A.I.1.iii.a"] == F(67, 100)
    r = score(d, {"A.I.1.iii.a": "C"})
    assert r.nodes["A.I.1.iii"] == F(33, 100)


@pytest.mark.parametrize(
    ("item_id", "sub_id", "weight", "expected"),
    [
        ("A.I.1.i.a", "A.I.1.i", F(1, 2), {"Ya": F(1), "Tidak": F(0)}),
        ("A.I.1.i.b", "A.I.1.i", F(1, 2), {"A": F(1), "B": F(1, 2), "C": F(0)}),
        (
            "A.II.1.ii.a",
            "A.II.1.ii",
            F(1),
            {"A": F(1), "B": F(3, 4), "C": F(1, 2), "D": F(1, 4), "E": F(0)},
        ),
    ],
)
def test_option_values(item_id: str, sub_id: str, weight: Fraction, expected: dict) -> None:
    d = base()
    for code, value in expected.items():
        r = score(d, {item_id: code})
        assert r.values[item_id] == value
        assert r.nodes[sub_id] == value * weight


def test_unanswered_items_are_skipped_in_the_average_and_listed() -> None:
    d = base()
    answers = best_answers(d)
    # A.I.1.ii (weight 1, three questions): only a = Ya and b = B answered.
    answers["A.I.1.ii.b"] = "B"
    del answers["A.I.1.ii.c"]
    del answers[CAPAIAN]
    r = score(d, answers, current_predikat="WBK")
    assert r.nodes["A.I.1.ii"] == (1 + F(1, 2)) / 2 * 1  # not (1 + 1/2 + 0) / 3
    assert set(r.missing) == {"A.I.1.ii.c", CAPAIAN}
    assert r.values["A.I.1.ii.c"] is None and r.values[CAPAIAN] is None
    # A missing capaian scores 0 in B.I.
    assert r.bersih_akuntabel == F(35, 2)
    assert r.total == 100 - F(1, 4) - 5
    assert not r.complete
    assert r.verdicts["WBK"].status == "incomplete"
    assert r.verdicts["WBBM"].status == "incomplete"


def test_a_sub_area_with_no_answer_scores_0() -> None:
    d = base()
    answers = best_answers(d)
    for item_id in ("A.I.1.iv.a", "A.I.1.iv.b", "A.I.1.iv.c", "A.I.1.iv.d"):
        del answers[item_id]
    r = score(d, answers)
    assert r.nodes["A.I.1.iv"] == 0
    assert r.total == 100 - F(3, 2)
    assert len(r.missing) == 4


@pytest.mark.parametrize("missing", [IPAK, IPKP])
def test_a_missing_survey_index_scores_0_and_is_incomplete(missing: str) -> None:
    d = base()
    answers = best_answers(d)
    del answers[missing]
    r = score(d, answers, current_predikat="WBK")
    assert r.total == 100 - F(35, 2)
    assert r.missing == (missing,)
    assert {v.status for v in r.verdicts.values()} == {"incomplete"}


@pytest.mark.parametrize("index", [F(0), F(1), F(335, 100), F(36, 10), F(359, 100), F(4)])
def test_survey_index_nilai_is_index_over_4_times_17_5(index: Fraction) -> None:
    d = base()
    r = score(d, {IPAK: index, IPKP: index, CAPAIAN: "C"})
    nilai = index / 4 * F(175, 10)
    assert r.nodes[IPAK] == nilai
    assert r.nodes[IPKP] == nilai
    assert r.bersih_akuntabel == nilai + F(1, 2) * 5
    assert r.pelayanan_prima == nilai
    assert r.hasil == 2 * nilai + F(5, 2)


def test_ipak_is_continuous_not_four_steps() -> None:
    d = base()
    nilai = {i: score(d, {IPAK: F(i, 100)}).nodes[IPAK] for i in (300, 301, 350, 399)}
    assert len(set(nilai.values())) == 4
    assert nilai[301] - nilai[300] == F(1, 100) / 4 * F(35, 2)


@pytest.mark.parametrize(
    ("code", "value"), [("A", F(1)), ("B", F(3, 4)), ("C", F(1, 2)), ("D", F(1, 4)), ("E", 0)]
)
def test_capaian_kinerja_nilai(code: str, value: Fraction) -> None:
    r = score(base(), {CAPAIAN: code})
    assert r.nodes[CAPAIAN] == value * 5
    assert r.bersih_akuntabel == value * 5


def test_missing_ids_are_listed_in_worksheet_order() -> None:
    d = base()
    answers = best_answers(d)
    gone = ["B.II.a", "A.II.5.iii.a.4", "A.I.1.i.a", "B.I.b", "A.II.1.i.b.1", "A.I.6.v.c"]
    for cell in gone:
        del answers[cell]
    r = score(d, answers)
    worksheet = [
        "A.I.1.i.a",
        "A.I.6.v.c",
        "A.II.1.i.b.1",
        "A.II.5.iii.a.4",
        "B.I.b",
        "B.II.a",
    ]
    assert list(r.missing) == worksheet
    assert "A.II.1.i.b" not in r.missing and "A.II.5.iii.a" not in r.missing


def test_percentage_question_node_is_value_times_weight_over_question_count() -> None:
    d = base()
    answers = inputs("A.II.6.i.b", 40, 30) | {"A.II.6.i.a": "B"}
    r = score(d, answers)
    # Sub-area A.II.6.i: weight 2.5, two questions.
    assert r.nodes["A.II.6.i.b"] == F(3, 4) * F(5, 2) / 2
    assert r.nodes["A.II.6.i"] == (F(67, 100) + F(3, 4)) / 2 * F(5, 2)
    # The hasil items carry value × item weight; parts and components are listed too.
    assert r.nodes["B"] == r.hasil and r.nodes["A"] == r.pengungkit
    assert r.nodes["A.I"] == r.pemenuhan and r.nodes["A.II"] == r.reform


# --- cross-check against the reference scorer ------------------------------------------------


@pytest.mark.parametrize("name", ["KPP-001.json", "RSUD-002.json", "DUK-003.json"])
def test_demo_files_match_the_reference_scorer(name: str) -> None:
    answers_file, d = read_answers(DEMO / name)
    r = score(d, answers_file.answers, current_predikat=answers_file.current_predikat)
    ref = reference_score(d, answers_file.answers)
    assert r.total == ref.total
    assert (r.pemenuhan, r.reform, r.hasil) == (ref.pemenuhan, ref.reform, ref.hasil)
    assert {n: a.total for n, a in r.areas.items()} == ref.areas
    for sub_id, nilai in ref.sub_areas.items():
        assert r.nodes[sub_id] == nilai, sub_id
    assert set(r.missing) == ref.missing
    assert {p.item for p in r.policies_applied} == ref.zero_used
    assert {w.item for w in r.warnings} == ref.clipped
