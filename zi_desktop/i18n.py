"""Translations: English message ids, an Indonesian catalog, Indonesian by default.

Catalogs are gettext ``.po`` files under ``resources/locale/<lang>/LC_MESSAGES/zi_desktop.po``,
read directly (no compile step), so the same files serve the source tree and frozen builds.
The language is chosen with :func:`set_language`; the default comes from ``ZI_LANG`` and
falls back to Indonesian. Use named placeholders only (``{unit}``), never concatenation.
"""

from __future__ import annotations

import ast
import os
import string
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .paths import resources_dir

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "zi_desktop"

_listeners: list[Callable[[str], None]] = []
_current = os.environ.get("ZI_LANG", DEFAULT_LANGUAGE)
if _current not in LANGUAGES:
    _current = DEFAULT_LANGUAGE


def catalog_path(lang: str) -> Path:
    return resources_dir() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def parse_po(text: str) -> dict[str, str | list[str]]:
    """Parse a ``.po`` file into ``{msgid: msgstr}`` (a list of forms for plural entries).

    Fuzzy and untranslated entries are left out so that they fall back to English.
    """
    entries: dict[str, str | list[str]] = {}
    fields: dict[str, str] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal fuzzy
        if not fuzzy:
            _add_entry(entries, fields)
        fields.clear()
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if fields.get("msgstr") is not None or any(k.startswith("msgstr[") for k in fields):
                    flush()
                fuzzy = True
            continue
        if line.startswith('"'):
            fields[key] += ast.literal_eval(line)
            continue
        name, _sep, rest = line.partition(" ")
        if name == "msgid" and "msgid" in fields:
            flush()
        key = name
        fields[key] = ast.literal_eval(rest.strip())
    flush()
    return entries


def _add_entry(entries: dict[str, str | list[str]], fields: dict[str, str]) -> None:
    """Add the entry read into ``fields`` to ``entries``, unless it is untranslated."""
    msgid = fields.get("msgid")
    if not msgid:
        return
    if "msgid_plural" in fields:
        forms = [fields[k] for k in sorted(f for f in fields if f.startswith("msgstr["))]
        if all(forms):
            entries[msgid] = forms
    elif fields.get("msgstr"):
        entries[msgid] = fields["msgstr"]


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@cache
def _catalog(lang: str) -> dict[str, str | list[str]]:
    """The catalog of ``lang``; a damaged file or entry falls back to English, never crashes."""
    path = catalog_path(lang)
    if lang == "en" or not path.exists():
        return {}
    try:
        entries = parse_po(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError, KeyError):
        return {}
    safe: dict[str, str | list[str]] = {}
    for msgid, found in entries.items():
        forms = [found] if isinstance(found, str) else found
        try:
            if all(_fields(f) == _fields(msgid) for f in forms):
                safe[msgid] = found
        except ValueError:  # a stray brace: not a valid format string
            continue
    return safe


def get_language() -> str:
    return _current


def set_language(lang: str) -> None:
    """Switch the language of every later message; listeners re-translate what is shown."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener`` after every language change; returns a function that unregisters it."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    found = _catalog(_current).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count (Indonesian has one plural form)."""
    found = _catalog(_current).get(singular)
    if isinstance(found, list):
        return found[0] if len(found) == 1 or n == 1 else found[1]
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message
