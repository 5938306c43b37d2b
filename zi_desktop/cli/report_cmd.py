"""``zi report``: print the assessment report (LHE) of one unit, or of every unit, as PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import _, ngettext
from .common import add_workspace_option, open_workspace


def register(commands: Any) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "report", help=_("write the assessment report (LHE) as PDF")
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", metavar="CODE", help=_("the unit to report on"))
    which.add_argument("--all", action="store_true", help=_("one report per unit, into a folder"))
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help=_("the PDF file (with --unit) or the folder (with --all); default: exports/"),
    )
    p.add_argument(
        "--tier", default="tpi", choices=("tpi", "unit"), help=_("tier evaluated (default: tpi)")
    )
    p.add_argument("--year", type=int, help=_("evaluation year (default: the latest)"))
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help=_("evaluation date printed (default: the TPI's last change)"),
    )
    p.add_argument("--place", help=_("place of signing, e.g. the city"))
    p.add_argument(
        "--reproducible",
        action="store_true",
        help=_("no creation time in the file: the same assessment gives the same bytes"),
    )
    add_workspace_option(p)
    p.set_defaults(run=run)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserFacingError(
            _("{date} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23.").format(date=text)
        ) from None


def _done_line(code: str, pages: int, path: Path, complete: bool) -> str:
    text = ngettext(
        "{unit}: {pages} page written to {path}", "{unit}: {pages} pages written to {path}", pages
    ).format(unit=code, pages=pages, path=path)
    return text if complete else text + " " + _("(draft: the assessment is incomplete)")


def run(args: argparse.Namespace) -> int:
    from ..services import report  # the database and PDF layers load only when needed

    date = _date(args.date)
    with open_workspace(args) as ws:
        if args.all:
            if args.year is not None:
                raise UserFacingError(
                    _("--year goes with --unit; --all reports each unit's latest year.")
                )
            folder = args.output or ws.layout.exports
            done = report.write_all_reports(
                ws, folder, args.tier, date, args.place, args.reproducible,
                on_written=lambda w: print(_done_line(w.unit, w.pages, w.path, w.complete)),
            )  # fmt: skip
            for code, reason in done.skipped:
                print(
                    _("{unit}: skipped, {reason}").format(unit=code, reason=reason), file=sys.stderr
                )
            return 0
        target = args.output or report.default_report_path(ws, args.unit, args.year)
        if target.is_dir():
            view = ws.open_assessment(args.unit, args.year)
            target = target / report.report_file_name(view.unit.code, view.year)
        written = report.write_report(
            ws, args.unit, target, args.tier, args.year, date, args.place, args.reproducible
        )
    print(_done_line(written.unit, written.pages, written.path, written.complete))
    return 0
