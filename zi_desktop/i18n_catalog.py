"""Keep the translation catalogs in step with the code.

Finds every ``_("literal")``, ``N_("literal")`` and ``ngettext("singular", "plural", n)`` in the
``.py`` files of ``zi_desktop/`` and ``ui/`` with :mod:`ast`, and checks ``{name}`` placeholders.
Run ``python -m zi_desktop.i18n_catalog`` to rewrite ``resources/locale/zi_desktop.pot`` and
merge new messages into the Indonesian catalog: existing translations are kept, new entries get
an empty ``msgstr`` (so they show in English until translated), and entries the code no longer
uses are dropped and listed on stderr.
"""

from __future__ import annotations

import ast
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import DOMAIN, catalog_path
from .paths import resources_dir

ROOT = resources_dir().parent
SOURCE_DIRS = ("zi_desktop", "ui")
_SINGLE = {"_", "N_"}
HEADER = (
    "Project-Id-Version: ZI Desktop\nLanguage: {lang}\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals={nplurals}; plural={plural};\n"
)


@dataclass
class Entry:
    """One message of a catalog: where the code uses it and its translation, if any."""

    msgid: str
    plural: str = ""
    locations: list[str] = field(default_factory=list)
    msgstr: list[str] = field(default_factory=lambda: [""])
    fuzzy: bool = False


def _python_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += path.rglob("*.py") if path.is_dir() else [path]
    return sorted((f for f in files if f.is_file()), key=lambda f: f.resolve().parts)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def scan(paths: Iterable[Path]) -> dict[str, Entry]:
    """Every literal message in ``paths`` (files or folders), in order of first use."""
    entries: dict[str, Entry] = {}
    for file in _python_files(paths):
        try:
            where = file.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            where = file.as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
            args = [_literal(a) for a in call.args]
            if name in _SINGLE and len(args) == 1 and args[0]:
                entry = entries.setdefault(args[0], Entry(args[0]))
            elif name == "ngettext" and len(args) == 3 and args[0] and args[1]:
                entry = entries.setdefault(args[0], Entry(args[0], args[1]))
            else:
                continue
            if f"{where}:{call.lineno}" not in entry.locations:
                entry.locations.append(f"{where}:{call.lineno}")
    return entries


def extract_messages(paths: Iterable[Path]) -> dict[str, list[str]]:
    """``{msgid: ["file:line", ...]}`` for every translatable literal in ``paths``."""
    return {msgid: entry.locations for msgid, entry in scan(paths).items()}


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message (also those nested in a format spec)."""
    found: set[str] = set()
    for _literal_text, name, spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            found.add(name)
            found |= placeholders(spec or "")
    return found


def read_catalog(text: str) -> dict[str, Entry]:
    """The entries of a ``.po`` file with their flags (the header and ``#~`` lines skipped)."""
    entries: dict[str, Entry] = {}
    current: dict[str, str] = {}
    key, fuzzy = "", False

    def flush() -> None:
        nonlocal fuzzy
        msgid = current.get("msgid")
        if msgid:
            forms = [current[k] for k in sorted(current) if k.startswith("msgstr")]
            entries[msgid] = Entry(msgid, current.get("msgid_plural", ""), [], forms, fuzzy)
        current.clear()
        fuzzy = False

    for line in (raw.strip() for raw in text.splitlines()):
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in current):
                flush()
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith('"') and key in current:
            current[key] += ast.literal_eval(line)
        elif line:
            key, _sep, rest = line.partition(" ")
            if key == "msgid" and "msgid" in current:
                flush()
            current[key] = ast.literal_eval(rest.strip())
    flush()
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\t", "\\t").replace("\r", "\\r")
    lines = escaped.replace("\n", "\\n\n").split("\n")
    lines = lines[:-1] if len(lines) > 1 and not lines[-1] else lines
    return "\n".join(f'"{line}"' for line in ([""] + lines if len(lines) > 1 else lines))


def render_catalog(entries: Iterable[Entry], lang: str = "", nplurals: int = 2) -> str:
    """A ``.po`` (or, with no ``lang``, ``.pot``) text of ``entries`` in the order given."""
    plural = "0" if nplurals == 1 else "(n != 1)"
    header = HEADER.format(lang=lang, nplurals=nplurals, plural=plural)
    out = [f'msgid ""\nmsgstr {_quote(header)}\n']
    for e in entries:
        flags = ["fuzzy"] if e.fuzzy else []
        flags += ["python-brace-format"] if placeholders(e.msgid) else []
        lines = [f"#: {' '.join(e.locations)}"] + ([f"#, {', '.join(flags)}"] if flags else [])
        lines.append(f"msgid {_quote(e.msgid)}")
        if e.plural:
            forms = (e.msgstr + [""] * nplurals)[:nplurals]
            lines.append(f"msgid_plural {_quote(e.plural)}")
            lines += [f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(forms)]
        else:
            lines.append(f"msgstr {_quote(e.msgstr[0] if e.msgstr else '')}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def main() -> int:
    """Rewrite the template and merge the Indonesian catalog; print what changed."""
    found = scan(ROOT / d for d in SOURCE_DIRS)
    locale = resources_dir() / "locale"
    (locale / f"{DOMAIN}.pot").write_text(render_catalog(found.values()), encoding="utf-8")
    po = catalog_path("id")
    old = read_catalog(po.read_text(encoding="utf-8")) if po.exists() else {}
    for msgid, entry in found.items():
        if msgid in old:
            entry.msgstr, entry.fuzzy = old[msgid].msgstr[:1], old[msgid].fuzzy
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(render_catalog(found.values(), "id", nplurals=1), encoding="utf-8")
    new = [m for m in found if m not in old]
    for label, msgids in (("new", new), ("obsolete, removed", [m for m in old if m not in found])):
        for msgid in msgids:
            print(f"{label}: {msgid!r}", file=sys.stderr)
    print(f"{len(found)} messages, {len(new)} new; wrote {po.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
