"""Strict reading of a JSON object from a package: every field typed, bounded, none unknown."""

from __future__ import annotations

import re
from typing import Any

from .reasons import PackageRefused, Reason

HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")
TEXT_MAX = 1_000_000  # characters of one text field (a long note)


def malformed(detail: str) -> PackageRefused:
    return PackageRefused(Reason.MALFORMED, detail)


class Fields:
    """The fields of one object; refuses unknown fields at once and missing ones when read."""

    def __init__(self, obj: Any, where: str, allowed: set[str]) -> None:
        if not isinstance(obj, dict):
            raise malformed(f"{where}: an object is expected")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise malformed(f"{where}: unknown field {unknown[0]!r}")
        self.obj = obj
        self.where = where

    def _get(self, name: str) -> Any:
        if name not in self.obj:
            raise malformed(f"{self.where}: field {name!r} is missing")
        return self.obj[name]

    def text(
        self, name: str, max_len: int = TEXT_MAX, pattern: re.Pattern[str] | None = None
    ) -> str:
        value = self._get(name)
        if not isinstance(value, str) or len(value) > max_len:
            raise malformed(f"{self.where}: {name} must be text of at most {max_len} characters")
        if pattern is not None and not pattern.match(value):
            raise malformed(f"{self.where}: {name} has the wrong form")
        return value

    def opt_text(
        self, name: str, max_len: int = TEXT_MAX, pattern: re.Pattern[str] | None = None
    ) -> str | None:
        return None if self._get(name) is None else self.text(name, max_len, pattern)

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name, 40)
        if value not in allowed:
            raise malformed(f"{self.where}: {name} must be one of {', '.join(allowed)}")
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise malformed(f"{self.where}: {name} must be a whole number {low}…{high}")
        return value

    def opt_integer(self, name: str, low: int, high: int) -> int | None:
        return None if self._get(name) is None else self.integer(name, low, high)

    def array(self, name: str, max_items: int) -> list[Any]:
        value = self._get(name)
        if not isinstance(value, list) or len(value) > max_items:
            raise malformed(f"{self.where}: {name} must be a list of at most {max_items}")
        return value

    def texts(self, name: str, max_items: int, pattern: re.Pattern[str]) -> tuple[str, ...]:
        items = self.array(name, max_items)
        if not all(isinstance(i, str) and pattern.match(i) for i in items):
            raise malformed(f"{self.where}: {name} holds an item of the wrong form")
        return tuple(items)

    def child(self, name: str, allowed: set[str]) -> Fields:
        return Fields(self._get(name), f"{self.where}.{name}", allowed)
