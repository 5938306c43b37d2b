"""Canonical JSON for signed documents, and a guarded parser for JSON from outside.

Canonical form (key files, cards, package manifests): UTF-8, object keys sorted by code point,
no whitespace outside strings, non-ASCII characters written as themselves, integers only (no
fractions, exponents, NaN or Infinity). The guarded parser refuses what a signed document never
holds — duplicate keys, NaN/Infinity, floats, a byte-order mark, invalid UTF-8 — and documents
larger or deeper than the caller allows, before handing anything back.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn


class JsonRejected(ValueError):
    """Untrusted JSON was refused; ``kind`` is ``malformed`` or ``too_large``."""

    def __init__(self, kind: str, problem: str) -> None:
        super().__init__(problem)
        self.kind = kind
        self.problem = problem


def dumps(value: Any) -> bytes:
    """The canonical bytes of ``value`` (which must hold no floats)."""
    _check_no_floats(value)
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def _check_no_floats(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise TypeError("canonical JSON holds no floats")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _refuse(problem: str) -> NoReturn:
    raise JsonRejected("malformed", problem)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            _refuse(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    _refuse(f"{name} is not allowed")


def _no_float(text: str) -> NoReturn:
    _refuse(f"the number {text[:20]} is not an integer")


def _text_ok(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        _refuse("a string holds a lone surrogate (\\ud800-\\udfff)")


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (a scalar has depth 0).

    Also refuses strings that are not valid Unicode text (lone surrogates from ``\\udXXX``).
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str):
            _text_ok(item)
        elif isinstance(item, dict):
            for key in item:
                _text_ok(key)
            stack.extend((v, level + 1) for v in item.values())
            deepest = max(deepest, level + 1)
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
            deepest = max(deepest, level + 1)
    return deepest


def loads(data: bytes, max_bytes: int, max_depth: int) -> Any:
    """Parse untrusted JSON, refusing anything a canonical document would not hold."""
    if len(data) > max_bytes:
        raise JsonRejected("too_large", f"{len(data)} bytes, at most {max_bytes} allowed")
    if data.startswith(b"\xef\xbb\xbf"):
        _refuse("a byte-order mark is not allowed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRejected("malformed", f"not UTF-8: {exc.reason}") from None
    try:
        value = json.loads(
            text, object_pairs_hook=_pairs, parse_constant=_no_constant, parse_float=_no_float
        )
    except JsonRejected:
        raise
    except RecursionError:
        raise JsonRejected("too_large", "nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, and integers too long to convert
        raise JsonRejected("malformed", f"not valid JSON: {exc}") from None
    if depth(value) > max_depth:
        raise JsonRejected("too_large", f"nested deeper than {max_depth} levels")
    return value


def loads_canonical(data: bytes, max_bytes: int, max_depth: int) -> Any:
    """Like :func:`loads`, and the bytes must be exactly the canonical form of the value."""
    value = loads(data, max_bytes, max_depth)
    if dumps(value) != data:
        _refuse("not in canonical form")
    return value
