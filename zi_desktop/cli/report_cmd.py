"""``zi report``: the assessment report (LHE) of one unit, or of every unit, as PDF or .docx."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserFacingError
from ..i18n import _, ngettext
from .common import add_workspace_option, open_workspace

if TYPE_CHECKING:
    from ..services.report import WrittenReport


def register(commands: Any) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "report", help=_("write the assessment report (LHE) as PDF or Word .docx")
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--unit", metavar="CODE", help=_("the unit to report on"))
    which.add_argument("--all", action="store_true", help=_("one report per unit, into a folder"))
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help=_("the file (with --unit) or the folder (with --all); default: exports/"),
    )
    p.add_argument(
        "--format",
        choices=("pdf", "docx"),
        help=_("pdf, or docx to edit in Word (default: from the file name, else pdf)"),
    )
    p.add_argument(
        "--paper", type=str.upper, choices=("A4", "F4"), help=_("paper (default: the setting)")
    )
    p.add_argument(
        "--seq",
        default="",
        metavar="N",
        help=_("agenda number for {seq} in the report number pattern"),
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


def _done_line(written: WrittenReport) -> str:
    if written.format == "docx":
        text = _("{unit}: written to {path}").format(unit=written.unit, path=written.path)
    else:
        text = ngettext(
            "{unit}: {pages} page written to {path}",
            "{unit}: {pages} pages written to {path}",
            written.pages,
        ).format(unit=written.unit, pages=written.pages, path=written.path)
    if written.draft == "incomplete":
        return text + " " + _("(draft: the assessment is incomplete)")
    if written.draft:
        return text + " " + _("(draft: not approved yet)")
    return text


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    output: Path | None = args.output
    return "docx" if output is not None and output.suffix.lower() == ".docx" else "pdf"


def run(args: argparse.Namespace) -> int:
    from ..services import report  # the database and PDF layers load only when needed

    date = _date(args.date)
    fmt = _format(args)
    with open_workspace(args) as ws:
        if args.all:
            if args.year is not None:
                raise UserFacingError(
                    _("--year goes with --unit; --all reports each unit's latest year.")
                )
            folder = args.output or ws.layout.exports
            done = report.write_all_reports(
                ws,
                folder,
                args.tier,
                date,
                args.place,
                args.reproducible,
                on_written=lambda w: print(_done_line(w)),
                fmt=fmt,
                paper=args.paper,
            )
            for code, reason in done.skipped:
                print(
                    _("{unit}: skipped, {reason}").format(unit=code, reason=reason), file=sys.stderr
                )
            return 0
        target = args.output or report.default_report_path(ws, args.unit, args.year, fmt)
        if target.is_dir():
            view = ws.open_assessment(args.unit, args.year)
            target = target / report.report_file_name(view.unit.code, view.year, fmt)
        written = report.write_report(
            ws,
            args.unit,
            target,
            args.tier,
            args.year,
            date,
            args.place,
            args.reproducible,
            fmt=fmt,
            paper=args.paper,
            seq=args.seq,
        )
    print(_done_line(written))
    return 0
