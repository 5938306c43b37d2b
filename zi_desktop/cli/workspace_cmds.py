"""Workspace subcommands: init, demo, units, import-answers, export-answers, attach, audit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..formatting import format_number, one_line
from ..i18n import _, ngettext
from ..services.files import write_file
from ..values.vocabulary import TIERS
from .common import add_workspace_option, open_workspace, workspace_folder


def register(commands: Any) -> None:
    p = commands.add_parser("init", help=_("create an empty workspace"))
    add_workspace_option(p)
    p.set_defaults(run=run_init)

    p = commands.add_parser("demo", help=_("create the demo workspace"))
    add_workspace_option(p)
    p.set_defaults(run=run_demo)

    p = commands.add_parser("units", help=_("list the units of the workspace"))
    add_workspace_option(p)
    p.add_argument("--search", default="", help=_("part of a unit's name or code"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per unit per line"))
    p.set_defaults(run=run_units)

    p = commands.add_parser("import-answers", help=_("import a zi-answers/1 file into a tier"))
    add_workspace_option(p)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--tier", required=True, choices=TIERS)
    p.set_defaults(run=run_import)

    p = commands.add_parser("export-answers", help=_("write a tier's answers as zi-answers/1"))
    add_workspace_option(p)
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--tier", required=True, choices=TIERS)
    p.add_argument("-o", "--output", type=Path, help=_("file to write (default: print)"))
    p.set_defaults(run=run_export)

    p = commands.add_parser("attach", help=_("attach evidence files to an item"))
    add_workspace_option(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--item", required=True, metavar="ID")
    p.add_argument("--tier", default="tpi", choices=TIERS)
    p.add_argument("--caption", default="")
    p.set_defaults(run=run_attach)

    p = commands.add_parser("audit", help=_("check the audit chain"))
    add_workspace_option(p)
    p.add_argument("action", choices=["verify"])
    p.set_defaults(run=run_audit)


def run_init(args: argparse.Namespace) -> int:
    with open_workspace(args, create=True) as ws:
        print(_("Workspace ready: {folder}").format(folder=ws.layout.root))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    folder = workspace_folder(args)
    if (folder / "zi.sqlite").exists():
        raise UserFacingError(
            _("{folder} already holds a workspace; choose an empty folder for the demo.").format(
                folder=folder
            )
        )
    from ..services.demo import build_demo  # the database layer loads only when needed

    with build_demo(folder) as ws:
        print(_("Demo workspace ready: {folder}").format(folder=ws.layout.root))
    return 0


def _n(value: Any) -> str:
    return "—" if value is None else format_number(value)


def run_units(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        rows = ws.list_units(query=args.search)
    for r in rows:
        if args.json:
            doc = {
                "code": r.code,
                "name": r.name,
                "instansi": r.instansi,
                "target": r.target_predikat,
                "status": r.status,
                "year": r.year,
                "answered_tpi": r.answered_tpi,
                "required": r.required,
                "nilai_unit": None if r.nilai_unit is None else float(r.nilai_unit),
                "nilai_tpi": None if r.nilai_tpi is None else float(r.nilai_tpi),
                "verdict": {"WBK": r.verdict_wbk, "WBBM": r.verdict_wbbm},
            }
            print(json.dumps(doc, ensure_ascii=False))
        else:
            print(
                f"{one_line(r.code):<12} {one_line(r.name)[:44]:<44} {r.target_predikat:<5} "
                f"{r.answered_tpi:>3}/{r.required:<3} {_n(r.nilai_unit):>7} {_n(r.nilai_tpi):>7}"
            )
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        count = ws.import_answers(args.unit, args.tier, args.file)
    print(
        ngettext("{count} answer changed.", "{count} answers changed.", count).format(count=count)
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        text = ws.export_answers(args.unit, args.tier)
    if args.output:
        write_file(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def run_attach(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        for path in args.files:  # each file is checked before anything is attached
            ws.store.check(path)
        for path in args.files:
            view = ws.attach_evidence(args.unit, args.tier, args.item, path, args.caption)
            print(
                f"{view.sha256[:12]}  {view.size:>10}  {view.mime:<28} {one_line(view.file_name)}"
            )
    return 0


def run_audit(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        report = ws.verify_audit()
    if report.ok:
        print(_("Audit chain intact: {count} events.").format(count=report.events))
        return 0
    print(
        _("Audit chain BROKEN at event {seq}: {problem}.").format(
            seq=report.seq, problem=report.problem
        ),
        file=sys.stderr,
    )
    return 1
