"""Interchange subcommands: import-excel, export-excel, export-portalrb."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import _
from ..values.vocabulary import TIERS
from .common import add_workspace_option, open_workspace


def register(commands: Any) -> None:
    p = commands.add_parser("import-excel", help=_("import answers from an LKE ZI workbook"))
    add_workspace_option(p)
    p.add_argument(
        "file",
        type=Path,
        metavar="WORKBOOK",
        help=_("the unit's LKE workbook: .xlsx, .xlsm, .xls, .xlsb or .ods"),
    )
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--tier", required=True, choices=TIERS)
    p.add_argument(
        "--sheet", metavar="NAME", help=_("the sheet to read (found by its content when not given)")
    )
    p.add_argument("--yes", action="store_true", help=_("import without asking"))
    p.add_argument(
        "--clear-blank",
        action="store_true",
        help=_("also clear the answers and notes the workbook leaves blank"),
    )
    p.set_defaults(run=run_import_excel)

    p = commands.add_parser("export-portalrb", help=_("write both tiers as PortalRB JSON"))
    add_workspace_option(p)
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json")
    p.set_defaults(run=run_export_portalrb)

    p = commands.add_parser("export-excel", help=_("write both tiers as an LKE ZI workbook"))
    add_workspace_option(p)
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    p.set_defaults(run=run_export_excel)


def run_import_excel(args: argparse.Namespace) -> int:
    from ..services import interop

    with open_workspace(args) as ws:
        preview = interop.excel_import_preview(
            ws, args.unit, args.tier, args.file, sheet=args.sheet
        )
        plan = preview.plan
        if args.yes and plan.ambiguous:
            raise UserFacingError(
                _(
                    "Several sheets of {file} look like an LKE ({sheets}); nothing was "
                    "imported. Choose one with --sheet NAME."
                ).format(file=args.file, sheets=", ".join(repr(s) for s in plan.sheets))
            )
        for line in preview.lines_for(args.clear_blank):
            print(line)
        if not args.yes:
            if not sys.stdin.isatty():
                print(_("Nothing was imported: confirm with --yes."), file=sys.stderr)
                return 1
            reply = input(
                _("Import into the {tier} tier of {unit}? [y/N] ").format(
                    tier=args.tier, unit=args.unit
                )
            )
            if reply.strip().lower() not in ("y", "yes", "ya"):
                print(_("Nothing was imported."))
                return 1
        done = interop.apply_excel_import(
            ws, args.unit, args.tier, plan, clear_blank=args.clear_blank
        )
        print(done.summary())
    return 0


def run_export_portalrb(args: argparse.Namespace) -> int:
    from ..services import interop

    with open_workspace(args) as ws:
        count = interop.portalrb_export(ws, args.unit, args.output)
    print(_("Wrote {count} soal to {file}").format(count=count, file=args.output))
    return 0


def run_export_excel(args: argparse.Namespace) -> int:
    from ..services import interop

    with open_workspace(args) as ws:
        interop.excel_export(ws, args.unit, args.output)
    print(_("Wrote {file}").format(file=args.output))
    return 0
