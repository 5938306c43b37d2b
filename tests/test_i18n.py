"""The Indonesian catalog is complete, safe to format and in step with the code.

Run ``python -m zi_desktop.i18n_catalog`` after adding or changing a message, then translate
the new entries in ``resources/locale/id/LC_MESSAGES/zi_desktop.po``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from zi_desktop import i18n
from zi_desktop.i18n import _, catalog_path, ngettext, on_language_changed, parse_po, set_language
from zi_desktop.i18n_catalog import (
    ROOT,
    SOURCE_DIRS,
    Entry,
    placeholders,
    read_catalog,
    render_catalog,
    scan,
)

HOW_TO_FIX = "run `python -m zi_desktop.i18n_catalog`, then translate in the .po file"


@pytest.fixture(scope="module")
def code() -> dict[str, Entry]:
    return scan(ROOT / d for d in SOURCE_DIRS)


@pytest.fixture(scope="module")
def po_text() -> str:
    return catalog_path("id").read_text(encoding="utf-8")


@pytest.fixture
def language() -> Iterator[None]:
    """Let a test switch language; Indonesian (the default) is restored afterwards."""
    yield
    set_language("id")


def _where(entry: Entry) -> str:
    return f"{entry.msgid!r} ({', '.join(entry.locations)})"


# -- the catalog against the code --------------------------------------------------------------


def test_code_has_messages(code: dict[str, Entry]) -> None:
    assert len(code) > 20
    assert all(entry.locations for entry in code.values())


def test_every_message_has_an_indonesian_translation(code: dict[str, Entry], po_text: str) -> None:
    translated = parse_po(po_text)  # leaves out empty and fuzzy entries
    missing = [_where(e) for msgid, e in code.items() if msgid not in translated]
    assert not missing, f"untranslated ({HOW_TO_FIX}):\n" + "\n".join(missing)


def test_plural_entries_are_translated_as_plurals(code: dict[str, Entry], po_text: str) -> None:
    translated = parse_po(po_text)
    wrong = [
        _where(e)
        for msgid, e in code.items()
        if msgid in translated and isinstance(translated[msgid], list) != bool(e.plural)
    ]
    assert not wrong, "use msgid_plural/msgstr[0] exactly for ngettext messages:\n" + "\n".join(
        wrong
    )


def test_translations_keep_the_placeholders(code: dict[str, Entry], po_text: str) -> None:
    bad = []
    for msgid, found in parse_po(po_text).items():
        plural = code[msgid].plural if msgid in code else ""
        expected = placeholders(msgid) | placeholders(plural)
        for form in found if isinstance(found, list) else [found]:
            try:
                got = placeholders(form)
            except ValueError as exc:  # an unbalanced brace would break .format() at run time
                bad.append(f"{msgid!r} -> {form!r}: {exc}")
                continue
            if got != expected:
                bad.append(f"{msgid!r} -> {form!r}: {sorted(got)} instead of {sorted(expected)}")
    assert not bad, "translations must keep the msgid's {placeholders}:\n" + "\n".join(bad)


def test_catalog_has_no_obsolete_messages(code: dict[str, Entry], po_text: str) -> None:
    obsolete = sorted(msgid for msgid in read_catalog(po_text) if msgid not in code)
    assert not obsolete, f"no longer used by the code ({HOW_TO_FIX}):\n" + "\n".join(
        repr(m) for m in obsolete
    )


def test_catalog_is_in_code_order(code: dict[str, Entry], po_text: str) -> None:
    in_po = [msgid for msgid in read_catalog(po_text) if msgid in code]
    in_code = [msgid for msgid in code if msgid in in_po]
    assert in_po == in_code, f"the .po is sorted by first location ({HOW_TO_FIX})"


def test_catalog_declares_one_plural_form(po_text: str) -> None:
    assert "Plural-Forms: nplurals=1; plural=0;" in po_text
    assert "msgstr[1]" not in po_text


# -- parse_po ------------------------------------------------------------------------------------

SAMPLE_PO = r"""
msgid ""
msgstr ""
"Language: id\n"
"Plural-Forms: nplurals=1; plural=0;\n"

#: a.py:1
msgid "Total score"
msgstr "Nilai total"

#: a.py:2
msgid ""
"A long message "
"on two lines"
msgstr ""
"Pesan panjang "
"dalam dua baris"

#: a.py:3
msgid "Say \"hi\" to {name}\n"
msgstr "Sapa \"hi\" kepada {name}\n"

#: a.py:4
#, fuzzy, python-brace-format
msgid "Old {x}"
msgstr "Lama {x}"

#: a.py:5
msgid "Not translated yet"
msgstr ""

#: a.py:6
#, python-brace-format
msgid "{count} file"
msgid_plural "{count} files"
msgstr[0] "{count} berkas"

#, fuzzy
msgid "{count} row"
msgid_plural "{count} rows"
msgstr[0] "{count} baris"

#~ msgid "Gone"
#~ msgstr "Hilang"
"""


def test_parse_po_reads_every_kind_of_entry() -> None:
    assert parse_po(SAMPLE_PO) == {
        "Total score": "Nilai total",
        "A long message on two lines": "Pesan panjang dalam dua baris",
        'Say "hi" to {name}\n': 'Sapa "hi" kepada {name}\n',
        "{count} file": ["{count} berkas"],
    }


def test_parse_po_skips_fuzzy_untranslated_header_and_obsolete() -> None:
    entries = parse_po(SAMPLE_PO)
    for skipped in ("", "Old {x}", "Not translated yet", "{count} row", "Gone"):
        assert skipped not in entries


def test_read_catalog_keeps_what_a_merge_needs() -> None:
    entries = read_catalog(SAMPLE_PO)
    assert set(entries) == {
        "Total score",
        "A long message on two lines",
        'Say "hi" to {name}\n',
        "Old {x}",
        "Not translated yet",
        "{count} file",
        "{count} row",
    }
    assert entries["Old {x}"].fuzzy and entries["{count} row"].fuzzy
    assert not entries["Total score"].fuzzy and not entries["{count} file"].fuzzy
    assert entries["{count} file"].plural == "{count} files"
    assert entries["{count} file"].msgstr == ["{count} berkas"]


def test_rendered_catalog_reads_back_the_same() -> None:
    tricky = [
        Entry('Quote " and back\\slash', locations=["a.py:1"], msgstr=['Kutip " dan \\']),
        Entry("Two\nlines\tand a tab\n", locations=["a.py:2"], msgstr=["Dua\nbaris\tdan tab\n"]),
        Entry("{n} item", "{n} items", ["a.py:3", "b.py:9"], ["{n} butir"]),
        Entry("Unsure", locations=["a.py:4"], msgstr=["Ragu"], fuzzy=True),
    ]
    text = render_catalog(tricky, "id", nplurals=1)
    assert "#: a.py:3 b.py:9" in text
    assert parse_po(text) == {
        'Quote " and back\\slash': 'Kutip " dan \\',
        "Two\nlines\tand a tab\n": "Dua\nbaris\tdan tab\n",
        "{n} item": ["{n} butir"],
    }
    assert read_catalog(text)["Unsure"].fuzzy


# -- the extractor -------------------------------------------------------------------------------


def test_scan_finds_literal_calls_only(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "from zi_desktop import i18n\n"
        "a = _('Hello {name}')\n"
        "b = N_('Marked')\n"
        "c = ngettext('{n} unit', '{n} units', 3)\n"
        "d = i18n._('Via module')\n"
        "e = _(a)\n"
        "f = _(f'{a} formatted')\n"
        "g = _('Hello {name}')\n",
        encoding="utf-8",
    )
    found = scan([tmp_path])
    assert list(found) == ["Hello {name}", "Marked", "{n} unit", "Via module"]
    assert [loc.rsplit(":", 1)[1] for loc in found["Hello {name}"].locations] == ["2", "8"]
    assert found["{n} unit"].plural == "{n} units"
    assert found["Marked"].plural == ""


def test_placeholders() -> None:
    assert placeholders("{item}: scored {value} of {value}") == {"item", "value"}
    assert placeholders("100% done, no fields") == set()
    assert placeholders("{{literal}} and {real}") == {"real"}
    assert placeholders("{value:>{width}}") == {"value", "width"}
    with pytest.raises(ValueError):
        placeholders("unbalanced {brace")


# -- switching language --------------------------------------------------------------------------


def test_set_language_switches_messages(language: None, po_text: str) -> None:
    catalog = parse_po(po_text)
    msgid = "eligible"
    assert catalog[msgid] != msgid
    set_language("en")
    assert _(msgid) == msgid
    assert ngettext("{count} answer missing:", "{count} answers missing:", 2) == (
        "{count} answers missing:"
    )
    assert ngettext("{count} answer missing:", "{count} answers missing:", 1) == (
        "{count} answer missing:"
    )
    set_language("id")
    assert _(msgid) == catalog[msgid]
    plural = catalog["{count} answer missing:"]
    assert isinstance(plural, list)
    for n in (1, 2):
        assert ngettext("{count} answer missing:", "{count} answers missing:", n) == plural[0]


def test_unknown_message_falls_back_to_english(language: None) -> None:
    set_language("id")
    assert _("A message nobody translated") == "A message nobody translated"
    assert ngettext("{n} thing", "{n} things", 2) == "{n} things"


def test_listeners_hear_every_change(language: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_listeners", [])
    heard: list[str] = []
    on_language_changed(heard.append)
    set_language("en")
    set_language("id")
    assert heard == ["en", "id"]


def test_unsupported_language_is_refused(language: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_listeners", [])
    heard: list[str] = []
    on_language_changed(heard.append)
    set_language("en")
    with pytest.raises(ValueError, match="fr"):
        set_language("fr")
    assert i18n.get_language() == "en"
    assert heard == ["en"]


# -- no English inside Indonesian ---------------------------------------------------------------

ENGLISH = {
    "workspace",
    "package",
    "packages",
    "the",
    "and",
    "with",
    "please",
    "save",
    "undo",
    "typing",
    "answer",
    "answers",
    "report",
    "profile",
    "signer",
    "recipient",
    "fingerprint",
    "passphrase",
    "settings",
    "unchanged",
    "blank",
    "notice",
    "folder's",
    "evaluator's",
    "unit's",
    "sent",
}
# Names people type or read elsewhere stay as they are: commands and options ('zi units',
# --yes, FILE), file patterns (*.card), Excel's own menu (File > Info > …), format names.
CODE_LIKE = re.compile(
    r"\{[^}]*\}|'[^']*'|--[\w-]+|\b[A-Z]{2,}\b|\([^)]*[*>][^)]*\)|zi-\w+/1|\w+\.\w+"
)


def test_indonesian_texts_hold_no_english_words(po_text: str) -> None:
    found = []
    for msgstr in parse_po(po_text).values():
        for form in [msgstr] if isinstance(msgstr, str) else msgstr:
            words = {w.lower() for w in re.findall(r"[A-Za-z']+", CODE_LIKE.sub(" ", form))}
            if words & ENGLISH:
                found.append(f"{form!r} ({sorted(words & ENGLISH)})")
    assert not found, "English inside Indonesian:\n" + "\n".join(found)


# A name may end with its degree's full stop ("Drs. Bambang Sutrisno, M.Si."): no message puts
# another one right after it ("M.Si..").
NAME_THEN_STOP = re.compile(r"\{(name|signer|head|who)\}\.")


def test_no_message_puts_a_full_stop_right_after_a_name(
    code: dict[str, Entry], po_text: str
) -> None:
    texts = list(code) + [
        form
        for found in parse_po(po_text).values()
        for form in ([found] if isinstance(found, str) else found)
    ]
    assert [t for t in texts if NAME_THEN_STOP.search(t)] == []
