"""The ``zi-answers/1`` file: one assessment's answers keyed by LKE node id.

See ``docs/answers-format.md``. Reading is strict: malformed JSON, duplicate keys,
NaN/Infinity, unknown fields, an unknown LKE or id, and any value that is not a valid answer
are refused with an :class:`AnswersError` naming the file, the id and the problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..errors import AnswersError, DefinitionError, UserFacingError
from ..i18n import _
from ..inputfile import LIMITS, read_input
from ..lke.loader import load_definition
from ..lke.model import Definition
from .answers import AnswerValue, InvalidAnswer, Predikat, coerce_answer, coerce_predikat

FORMAT = "zi-answers/1"
_FIELDS = {"format", "lke", "current_predikat", "answers"}


@dataclass(frozen=True)
class AnswersFile:
    lke: str
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    current_predikat: Predikat = "none"


class _Duplicate(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def parse_answers(text: str, source: str) -> tuple[AnswersFile, Definition]:
    """Parse and check the text of an answers file; ``source`` names it in messages."""
    try:
        data = json.loads(
            text, parse_float=Decimal, parse_constant=_constant, object_pairs_hook=_pairs
        )
    except _Duplicate as dup:
        raise AnswersError(source, str(dup), _("the key appears more than once")) from None
    except ValueError as exc:
        raise AnswersError(source, "", _("not valid JSON ({error})").format(error=exc)) from None
    except RecursionError:
        raise AnswersError(source, "", _("the JSON is nested too deeply")) from None
    if not isinstance(data, dict):
        raise AnswersError(source, "", _("the file must hold one JSON object"))
    if data.get("format") != FORMAT:
        raise AnswersError(
            source, "format", _("the format must be {expected}").format(expected=FORMAT)
        )
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise AnswersError(source, unknown[0], _("unknown field"))
    lke_id = data.get("lke")
    try:
        definition = load_definition(str(lke_id))
    except DefinitionError:
        raise AnswersError(
            source, "lke", _("unknown LKE {lke}").format(lke=json.dumps(lke_id))
        ) from None
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, dict):
        raise AnswersError(source, "answers", _("answers must be a JSON object"))
    answers: dict[str, AnswerValue] = {}
    try:
        predikat = coerce_predikat(data.get("current_predikat", "none"))
        for node_id, raw in raw_answers.items():
            answers[node_id] = coerce_answer(definition, node_id, raw)
    except InvalidAnswer as bad:
        raise AnswersError(source, bad.node, bad.problem) from None
    return AnswersFile(definition.id, answers, predikat), definition


def read_answers(path: Path) -> tuple[AnswersFile, Definition]:
    """Read an answers file: a regular file of at most 16 MiB (see docs/answers-format.md)."""
    try:
        text = read_input(path, LIMITS["answers"]).decode("utf-8")
    except UserFacingError as err:
        raise AnswersError(str(path), "", err.message) from None
    except UnicodeDecodeError as exc:
        raise AnswersError(
            str(path), "", _("cannot read the file ({error})").format(error=exc)
        ) from None
    return parse_answers(text, str(path))


def json_number(value: Fraction | int) -> int | float | Decimal:
    """An exact JSON number when the value has a finite decimal form, else the nearest float."""
    if isinstance(value, int) or value.denominator == 1:
        return int(value)
    rest, digits = value.denominator, 0
    for p in (2, 5):
        count = 0
        while rest % p == 0:
            rest //= p
            count += 1
        digits = max(digits, count)
    if rest == 1:  # 10**digits is a multiple of the denominator: the decimal is exact
        return Decimal(value.numerator * (10**digits // value.denominator)).scaleb(-digits)
    return float(value)


def dump_answers(answers_file: AnswersFile) -> str:
    """The canonical text of an answers file (sorted keys, exact numbers)."""
    # JSON has no exact decimal type in Python's encoder: exact numbers go in as placeholder
    # strings and are put back as their literal decimal text, so no digit is lost to a float.
    exact: dict[str, str] = {}
    answers: dict[str, Any] = {}
    for key, value in sorted(answers_file.answers.items()):
        number = value if isinstance(value, (str, int)) else json_number(value)
        if isinstance(number, Decimal):
            token = f"\x00{len(exact)}\x00"
            exact[json.dumps(token)] = format(number, "f")
            number = token
        answers[key] = number
    doc = {
        "format": FORMAT,
        "lke": answers_file.lke,
        "current_predikat": answers_file.current_predikat,
        "answers": answers,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    for token, literal in exact.items():
        text = text.replace(token, literal)
    return text + "\n"
