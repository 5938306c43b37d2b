"""Properties of the scoring engine over random answer sets (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_helpers import (
    DECREASE,
    FORMULAS,
    OPTION_VALUES,
    base,
    choice_items,
    input_ids,
    reference_score,
)

from zi_desktop.scoring import ScoreResult, ScoringPolicy, score

F = Fraction
D = base()
CHOICES = {item.id: list(OPTION_VALUES[item.type.value]) for item in choice_items(D)}
INDICES = ["B.I.a", "B.II.a"]
INPUTS = [i for item_id in FORMULAS for i in input_ids(item_id)]
AREA_WEIGHTS = {1: 8, 2: 7, 3: 10, 4: 10, 5: 15, 6: 10}

CELLS = [*CHOICES, *INDICES, *INPUTS]


def _decode(raw: bytes, allow_missing: bool, good: bool = False) -> dict[str, object]:
    """Answers from two bytes per cell (one draw of bytes keeps generation fast).

    The first byte decides whether the cell is left empty (about one in six, when allowed),
    the second its value: an option code, an index 0.00…4.00 or a count (mostly small, so
    that zero denominators and numerators above denominators both occur). ``good`` answers
    are mostly the best option and indices above 3, so that verdicts near the thresholds and
    "eligible" occur too.
    """
    out: dict[str, object] = {}
    for n, cell in enumerate(CELLS):
        gate, value = raw[2 * n], raw[2 * n + 1]
        if allow_missing and gate >= 214:
            continue
        if cell in CHOICES:
            codes = CHOICES[cell]
            out[cell] = codes[0] if good and value < 224 else codes[value % len(codes)]
        elif cell in INDICES and good:
            out[cell] = F(300 + value * 100 // 255, 100)
        elif cell in INDICES:
            out[cell] = F(min(value * 2, 400) if gate % 2 else value * 400 // 255, 100)
        else:
            out[cell] = value % 7 if gate % 2 else value % 41
    return out


_raw = st.binary(min_size=2 * len(CELLS), max_size=2 * len(CELLS))
complete_answers = _raw.map(lambda raw: _decode(raw, allow_missing=False))
any_answers = _raw.map(lambda raw: _decode(raw, allow_missing=True))
good_answers = _raw.map(lambda raw: _decode(raw, allow_missing=False, good=True))
answer_sets = st.one_of(complete_answers, any_answers, good_answers)
policies = st.dictionaries(
    st.sampled_from(sorted(FORMULAS)), st.integers(0, 4).map(lambda n: F(n, 4)), max_size=3
).map(lambda z: ScoringPolicy(zero_denominator=z))

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(answer_sets, policies)
def test_scores_stay_within_their_weights(
    answers: dict[str, object], policy: ScoringPolicy
) -> None:
    r = score(D, answers, policy)
    assert 0 <= r.total <= 100
    assert 0 <= r.pengungkit <= 60 and 0 <= r.hasil <= 40
    assert 0 <= r.pemenuhan <= 30 and 0 <= r.reform <= 30
    for n, area in r.areas.items():
        assert 0 <= area.total <= AREA_WEIGHTS[n]
        assert 0 <= area.percent <= 100
    for sub in D.sub_areas():
        assert 0 <= r.nodes[sub.id] <= sub.weight
    for value in r.values.values():
        assert value is None or 0 <= value <= 1


@FAST
@given(answer_sets)
def test_the_parts_add_up(answers: dict[str, object]) -> None:
    r = score(D, answers)
    assert sum((a.total for a in r.areas.values()), F(0)) == r.pengungkit
    assert sum((a.pemenuhan for a in r.areas.values()), F(0)) == r.pemenuhan
    assert sum((a.reform for a in r.areas.values()), F(0)) == r.reform
    assert r.pemenuhan + r.reform == r.pengungkit
    assert r.bersih_akuntabel + r.pelayanan_prima == r.hasil
    assert r.pengungkit + r.hasil == r.total
    for n, area in r.areas.items():
        assert area.pemenuhan + area.reform == area.total
        assert area.percent == area.total * 100 / AREA_WEIGHTS[n]
    for aspect in D.pengungkit.children:
        for area in aspect.children:
            assert sum((r.nodes[s.id] for s in area.children), F(0)) == r.nodes[area.id]


@FAST
@given(any_answers)
def test_an_incomplete_answer_set_is_never_eligible(answers: dict[str, object]) -> None:
    r = score(D, answers, current_predikat="WBK")
    cells = set(CHOICES) | set(INDICES) | set(INPUTS)
    if set(answers) != cells:
        assert not r.complete
        assert r.missing
        assert {v.status for v in r.verdicts.values()} == {"incomplete"}
    for verdict in r.verdicts.values():
        if verdict.status == "eligible":
            assert r.complete


@FAST
@given(st.one_of(complete_answers, good_answers))
def test_a_complete_answer_set_gets_a_verdict(answers: dict[str, object]) -> None:
    r = score(D, answers, current_predikat="WBK")
    assert r.complete and r.missing == ()
    for verdict in r.verdicts.values():
        expected = "eligible" if all(c.passed for c in verdict.conditions) else "not_eligible"
        assert verdict.status == expected


@FAST
@given(answer_sets, policies)
def test_scoring_is_deterministic(answers: dict[str, object], policy: ScoringPolicy) -> None:
    first = score(D, answers, policy, "WBK")
    again = score(D, dict(answers), policy, "WBK")
    shuffled = score(D, dict(reversed(list(answers.items()))), policy, "WBK")
    assert first == again == shuffled
    assert first.missing == shuffled.missing
    assert first.policies_applied == shuffled.policies_applied


def _improve(answers: dict[str, object], data: st.DataObject) -> dict[str, object] | None:
    """The answer set with one answered cell made better, or None if nothing can improve."""
    candidates: list[str] = []
    for item_id, codes in CHOICES.items():
        if item_id in answers and codes.index(str(answers[item_id])) > 0:
            candidates.append(item_id)
    for item_id in INDICES:
        if item_id in answers and answers[item_id] < 4:  # type: ignore[operator]
            candidates.append(item_id)
    for item_id, (kind, _num, dens, _default) in FORMULAS.items():
        if not all(i in answers for i in input_ids(item_id)):
            continue  # improving an unanswered item may change an average
        if kind == DECREASE and answers[item_id + dens[0]] == 0:  # type: ignore[comparison-overlap]
            continue
        candidates.append(item_id)
    if not candidates:
        return None
    target = data.draw(st.sampled_from(candidates), label="improved")
    better = dict(answers)
    if target in CHOICES:
        codes = CHOICES[target]
        k = codes.index(str(answers[target]))
        better[target] = data.draw(st.sampled_from(codes[:k]), label="better code")
    elif target in INDICES:
        current = answers[target]
        assert isinstance(current, Fraction)
        better[target] = data.draw(
            st.integers(int(current * 100) + 1, 400).map(lambda n: F(n, 100)), label="index"
        )
    else:
        kind, num, dens, _default = FORMULAS[target]
        if kind == DECREASE:  # fewer violations this year
            now = answers[target + dens[0]]
            assert isinstance(now, int)
            better[target + dens[0]] = data.draw(st.integers(0, now - 1), label="now")
        else:  # more done
            done = answers[target + num]
            assert isinstance(done, int)
            better[target + num] = done + data.draw(st.integers(1, 20), label="more")
    return better


def _numbers(r: ScoreResult) -> dict[str, Fraction]:
    out = dict(r.nodes)
    out.update(
        total=r.total,
        pengungkit=r.pengungkit,
        pemenuhan=r.pemenuhan,
        reform=r.reform,
        hasil=r.hasil,
        bersih=r.bersih_akuntabel,
        prima=r.pelayanan_prima,
    )
    out.update({f"area {n}": a.total for n, a in r.areas.items()})
    return out


@FAST
@given(answer_sets, st.data())
def test_improving_an_answer_never_lowers_any_nilai(
    answers: dict[str, object], data: st.DataObject
) -> None:
    better = _improve(answers, data)
    if better is None:
        return
    before, after = _numbers(score(D, answers)), _numbers(score(D, better))
    assert set(before) == set(after)
    lowered = {k: (before[k], after[k]) for k in before if after[k] < before[k]}
    assert not lowered
    assert after["total"] >= before["total"]


@FAST
@given(answer_sets, policies)
def test_engine_matches_the_reference_scorer(
    answers: dict[str, object], policy: ScoringPolicy
) -> None:
    r = score(D, answers, policy)
    ref = reference_score(D, answers, policy.zero_denominator)
    assert r.total == ref.total
    assert (r.pemenuhan, r.reform, r.hasil) == (ref.pemenuhan, ref.reform, ref.hasil)
    assert (r.bersih_akuntabel, r.pelayanan_prima) == (ref.bersih, ref.prima)
    assert {n: a.total for n, a in r.areas.items()} == ref.areas
    for sub_id, nilai in ref.sub_areas.items():
        assert r.nodes[sub_id] == nilai, sub_id
    assert r.values == ref.values
    assert set(r.missing) == ref.missing
    assert len(r.missing) == len(set(r.missing))
    assert {p.item for p in r.policies_applied} == ref.zero_used
    assert {w.item for w in r.warnings} == ref.clipped
