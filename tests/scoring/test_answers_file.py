"""The zi-answers/1 file: what parse_answers accepts, what it refuses, and the round trip."""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_helpers import BASE_ID, REV_ID, base, best_answers

from zi_desktop.errors import AnswersError
from zi_desktop.i18n import get_language, set_language
from zi_desktop.scoring import score
from zi_desktop.scoring.answers_file import (
    AnswersFile,
    dump_answers,
    parse_answers,
    read_answers,
)

F = Fraction
SOURCE = "unit-x.json"


@pytest.fixture(autouse=True, scope="module")
def english() -> Iterator[None]:
    """Problems are checked in English (the msgids); the suite defaults to Indonesian."""
    previous = get_language()
    set_language("en")
    yield
    set_language(previous)


def doc(answers: dict[str, object] | None = None, **top: object) -> dict[str, object]:
    out: dict[str, object] = {"format": "zi-answers/1", "lke": BASE_ID}
    out.update(top)
    if answers is not None:
        out["answers"] = answers
    return out


def text(answers: dict[str, object] | None = None, **top: object) -> str:
    return json.dumps(doc(answers, **top))


def refused(raw: str) -> AnswersError:
    with pytest.raises(AnswersError) as info:
        parse_answers(raw, SOURCE)
    err = info.value
    assert err.source == SOURCE
    assert SOURCE in err.message and err.problem in err.message
    if err.node:
        assert err.node in err.message
    return err


# --- accepted -------------------------------------------------------------------------------


def test_accepts_the_format() -> None:
    raw = (
        '{"format": "zi-answers/1", "lke": "permenpanrb-90-2021", "current_predikat": "WBK",'
        ' "answers": {"A.I.1.i.a": "Ya", "A.I.1.i.b": "b", "A.II.1.i.a.1": 12,'
        ' "A.II.1.i.a.2": 9, "B.I.a": 3.6, "B.II.a": 3, "B.I.b": "C"}}'
    )
    parsed, definition = parse_answers(raw, SOURCE)
    assert definition.id == BASE_ID
    assert parsed.lke == BASE_ID and parsed.current_predikat == "WBK"
    assert parsed.answers == {
        "A.I.1.i.a": "Ya",
        "A.I.1.i.b": "B",  # option codes are matched without regard to case
        "A.II.1.i.a.1": 12,
        "A.II.1.i.a.2": 9,
        "B.I.a": F(36, 10),  # the decimal written, exactly
        "B.II.a": F(3),
        "B.I.b": "C",
    }
    assert isinstance(parsed.answers["B.I.a"], Fraction)
    assert type(parsed.answers["A.II.1.i.a.1"]) is int


@pytest.mark.parametrize(
    ("raw", "code"), [("ya", "Ya"), (" TIDAK ", "Tidak"), (" b ", "B"), ("e", "E")]
)
def test_option_codes_ignore_case_and_surrounding_spaces(raw: str, code: str) -> None:
    item = "B.I.b" if code in {"B", "E"} else "A.I.1.i.a"
    parsed, _ = parse_answers(text({item: raw}), SOURCE)
    assert parsed.answers[item] == code


def test_defaults_and_the_revision() -> None:
    parsed, definition = parse_answers(json.dumps({"format": "zi-answers/1", "lke": REV_ID}), "f")
    assert parsed.answers == {} and parsed.current_predikat == "none"
    assert definition.id == REV_ID


@pytest.mark.parametrize("index", ["0", "4", "4.00", "3.60", "0.01"])
def test_index_bounds_inclusive(index: str) -> None:
    raw = f'{{"format":"zi-answers/1","lke":"{BASE_ID}","answers":{{"B.I.a":{index}}}}}'
    parsed, _ = parse_answers(raw, SOURCE)
    assert parsed.answers["B.I.a"] == F(index)


def test_read_answers_names_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(AnswersError) as info:
        read_answers(path)
    assert str(path) in info.value.message


# --- refused --------------------------------------------------------------------------------


def test_refuses_unreadable_json() -> None:
    err = refused('{"format": "zi-answers/1", "lke": ')
    assert err.node == ""
    assert "JSON" in err.problem


def test_refuses_a_json_value_that_is_not_an_object() -> None:
    assert refused("[1, 2]").node == ""


def test_refuses_a_wrong_format_tag() -> None:
    err = refused(text(format="zi-answers/2"))
    assert err.node == "format" and "zi-answers/1" in err.problem
    assert refused(json.dumps({"lke": BASE_ID})).node == "format"


def test_refuses_an_unknown_lke() -> None:
    err = refused(text(lke="permenpanrb-52-2014"))
    assert err.node == "lke" and "permenpanrb-52-2014" in err.problem


@pytest.mark.parametrize("lke", [None, 90, ["permenpanrb-90-2021"]])
def test_refuses_an_lke_that_is_not_an_id(lke: object) -> None:
    assert refused(text(lke=lke)).node == "lke"


def test_refuses_an_unknown_id() -> None:
    err = refused(text({"A.I.1.i.a": "Ya", "A.I.9.z": "Ya"}))
    assert err.node == "A.I.9.z"
    assert "unknown" in err.problem


def test_refuses_an_answer_to_a_percentage_item_itself() -> None:
    err = refused(text({"A.II.1.i.a": 50}))
    assert err.node == "A.II.1.i.a"
    assert "A.II.1.i.a.1" in err.problem and "A.II.1.i.a.2" in err.problem


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("A.I.1.i.a", "B"),  # Ya/Tidak
        ("A.I.1.i.a", "Yes"),
        ("A.I.1.i.b", "D"),  # A/B/C
        ("A.I.1.iii.a", "E"),  # A/B/C/D
        ("B.I.b", "F"),  # A/B/C/D/E
        ("A.I.1.i.a", 1),
        ("A.I.1.i.a", True),
    ],
)
def test_refuses_an_option_not_valid_for_the_item_type(item: str, value: object) -> None:
    err = refused(text({item: value}))
    assert err.node == item
    assert repr(value) in err.problem or str(value) in err.problem


def test_option_message_lists_the_valid_codes() -> None:
    err = refused(text({"A.I.1.i.a": "B"}))
    assert "Ya" in err.problem and "Tidak" in err.problem and "'B'" in err.problem


@pytest.mark.parametrize(
    ("value", "word"),
    [(-1, "negative"), (2.5, "whole"), (1.5e0, "whole"), ("3", "number"), (True, "number")],
)
def test_refuses_bad_counts(value: object, word: str) -> None:
    err = refused(text({"A.II.1.i.a.1": value}))
    assert err.node == "A.II.1.i.a.1"
    assert word in err.problem


def test_a_whole_count_written_with_a_decimal_point_is_a_count() -> None:
    parsed, _ = parse_answers(
        '{"format":"zi-answers/1","lke":"permenpanrb-90-2021","answers":{"A.II.1.i.a.1":3.0}}',
        SOURCE,
    )
    assert parsed.answers["A.II.1.i.a.1"] == 3


@pytest.mark.parametrize("value", ["4.01", "-1", "-0.01", "5", "400"])
def test_refuses_an_index_outside_0_to_4(value: str) -> None:
    raw = f'{{"format":"zi-answers/1","lke":"{BASE_ID}","answers":{{"B.II.a":{value}}}}}'
    err = refused(raw)
    assert err.node == "B.II.a"
    assert "0–4" in err.problem


@pytest.mark.parametrize("cell", ["A.I.1.i.a", "A.II.1.i.a.1", "B.I.a"])
def test_refuses_null(cell: str) -> None:
    err = refused(text({cell: None}))
    assert err.node == cell


@pytest.mark.parametrize("value", ['"3.5"', "true", "[3.5]", '{"v": 3.5}'])
def test_refuses_a_non_numeric_index(value: str) -> None:
    raw = f'{{"format":"zi-answers/1","lke":"{BASE_ID}","answers":{{"B.I.a":{value}}}}}'
    err = refused(raw)
    assert err.node == "B.I.a"
    assert "number" in err.problem


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("cell", ["B.I.a", "A.II.1.i.a.1"])
def test_refuses_nan_and_infinity(constant: str, cell: str) -> None:
    raw = f'{{"format":"zi-answers/1","lke":"{BASE_ID}","answers":{{"{cell}":{constant}}}}}'
    err = refused(raw)
    assert constant.lstrip("-") in err.problem


def test_refuses_duplicate_keys() -> None:
    raw = (
        '{"format":"zi-answers/1","lke":"permenpanrb-90-2021",'
        '"answers":{"A.I.1.i.a":"Ya","A.I.1.i.a":"Tidak"}}'
    )
    err = refused(raw)
    assert err.node == "A.I.1.i.a"
    assert "more than once" in err.problem
    top = '{"format":"zi-answers/1","lke":"permenpanrb-90-2021","lke":"permenpanrb-90-2021"}'
    assert refused(top).node == "lke"


def test_refuses_an_unknown_top_level_field() -> None:
    err = refused(text({}, unit="KPP-001"))
    assert err.node == "unit"
    assert "unknown" in err.problem


def test_refuses_answers_that_are_not_an_object() -> None:
    assert refused(text([["A.I.1.i.a", "Ya"]])).node == "answers"  # type: ignore[arg-type]


@pytest.mark.parametrize("predikat", ["wbk", "WBBM ", "", None, 1, ["WBK"], "Menuju WBK"])
def test_refuses_a_bad_current_predikat(predikat: object) -> None:
    err = refused(text({}, current_predikat=predikat))
    assert err.node == "current_predikat"
    assert "WBK" in err.problem and "WBBM" in err.problem


@pytest.mark.parametrize("predikat", ["none", "WBK", "WBBM"])
def test_accepts_each_predikat(predikat: str) -> None:
    parsed, _ = parse_answers(text({}, current_predikat=predikat), SOURCE)
    assert parsed.current_predikat == predikat


def test_problems_are_translated() -> None:
    set_language("id")
    try:
        indonesian = refused(text({"A.II.1.i.a.1": -1})).problem
    finally:
        set_language("en")
    english = refused(text({"A.II.1.i.a.1": -1})).problem
    assert indonesian != english
    assert "-1" in indonesian and "-1" in english


def test_the_messages_of_different_problems_differ() -> None:
    problems = [
        refused(text({"A.I.1.i.a": "B"})).problem,
        refused(text({"A.II.1.i.a.1": -1})).problem,
        refused(text({"A.II.1.i.a.1": 2.5})).problem,
        refused(text({"B.I.a": 4.01})).problem,
        refused(text({"B.I.a": "3.5"})).problem,
        refused(text({"X": 1})).problem,
        refused(text(lke="x")).problem,
        refused(text(format="x")).problem,
        refused("{").problem,
    ]
    assert len(set(problems)) == len(problems)


# --- round trip -----------------------------------------------------------------------------


def test_dump_then_parse_round_trips_a_full_answer_set() -> None:
    d = base()
    answers = best_answers(d)
    answers["B.I.a"] = F(335, 100)
    answers["B.II.a"] = F(3)
    answers["A.I.1.i.b"] = "B"
    original = AnswersFile(BASE_ID, answers, "WBK")  # type: ignore[arg-type]
    dumped = dump_answers(original)
    parsed, definition = parse_answers(dumped, "dumped")
    assert parsed == original
    assert dump_answers(parsed) == dumped
    assert score(definition, parsed.answers) == score(d, answers)  # type: ignore[arg-type]
    body = json.loads(dumped)
    assert body["format"] == "zi-answers/1"
    assert list(body["answers"]) == sorted(body["answers"])


cells = st.sampled_from(sorted(best_answers(base())))


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(cells, st.integers(0, 10**6), max_size=20),
    st.sampled_from(["none", "WBK", "WBBM"]),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_round_trip_property(raw: dict[str, int], predikat: str, ipak: int, ipkp: int) -> None:
    d = base()
    answers: dict[str, object] = {}
    for cell, n in raw.items():
        item = d.items.get(cell)
        if item is None:
            answers[cell] = n  # a count
        elif item.type.is_choice:
            answers[cell] = item.options[n % len(item.options)].code
    answers["B.I.a"] = F(ipak, 100)
    answers["B.II.a"] = F(ipkp, 100)
    original = AnswersFile(BASE_ID, answers, predikat)  # type: ignore[arg-type]
    parsed, _ = parse_answers(dump_answers(original), "dumped")
    assert parsed == original


def test_round_trip_keeps_every_digit_of_an_index() -> None:
    raw = (
        '{"format":"zi-answers/1","lke":"permenpanrb-90-2021",'
        '"answers":{"B.I.a":3.59999999999999999999}}'
    )
    parsed, d = parse_answers(raw, SOURCE)
    assert parsed.answers["B.I.a"] == F(359999999999999999999, 10**20)
    again, _ = parse_answers(dump_answers(parsed), "dumped")
    assert again.answers["B.I.a"] == parsed.answers["B.I.a"]
    ipak = [c for c in score(d, again.answers).verdicts["WBK"].conditions if c.code == "ipak"]
    assert not ipak[0].passed  # 3.5999… × 17.5 / 4 < 15.75


def test_refuses_an_lke_id_that_is_a_path() -> None:
    err = refused(text(lke="../lke/permenpanrb-90-2021"))
    assert err.node == "lke"
