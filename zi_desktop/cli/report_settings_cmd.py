"""``zi report-settings``: show or change the workspace's report settings.

The kop surat (instansi, office, address, logo), the report number pattern, the paper, the
place of signing and the surat tugas; ``zi report`` and the app's "Cetak laporan" use them.
Every value given is checked before any is stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import _
from .common import add_workspace_option, open_workspace

OPTIONS = (  # (option, setting, metavar)
    ("--instansi", "instansi", "TEXT"),
    ("--office", "office", "TEXT"),
    ("--address", "address", "TEXT"),
    ("--number-pattern", "number_pattern", "PATTERN"),
    ("--paper", "paper", "A4|F4"),
    ("--place", "place", "TEXT"),
    ("--surat-tugas-number", "assignment_number", "TEXT"),
    ("--surat-tugas-date", "assignment_date", "YYYY-MM-DD"),
)


def _helps() -> dict[str, str]:
    return {
        "instansi": _("first line of the letterhead, e.g. Pemerintah Kabupaten Sukamaju"),
        "office": _("the office that issues the report, e.g. Inspektorat Daerah"),
        "address": _("address under it; \\n starts a new line"),
        "number_pattern": _(
            "report number, e.g. {example}; placeholders {{seq}} {{unit}} {{year}} {{month}} "
            "{{roman_month}} {{day}}"
        ).format(example="700/{seq}/IRDA/{year}"),
        "paper": _("A4 or F4 (215 × 330 mm)"),
        "place": _("place of signing, e.g. the city"),
        "assignment_number": _("number of the surat tugas of the evaluation"),
        "assignment_date": _("date of the surat tugas"),
    }


def register(commands: Any) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "report-settings", help=_("show or change the letterhead, number pattern and paper")
    )
    helps = _helps()
    for option, name, metavar in OPTIONS:
        p.add_argument(option, dest=name, metavar=metavar, help=helps[name])
    logo = p.add_mutually_exclusive_group()
    logo.add_argument("--logo", type=Path, metavar="FILE", help=_("logo image, PNG or JPEG"))
    logo.add_argument("--no-logo", action="store_true", help=_("print no logo"))
    add_workspace_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..services import report_settings as rs  # the database layer loads only when needed

    changes = {
        name: getattr(args, name).replace("\\n", "\n")
        for _option, name, _metavar in OPTIONS
        if getattr(args, name) is not None
    }
    with open_workspace(args) as ws:
        settings = rs.save_report_settings(ws, **changes)
        if args.logo is not None or args.no_logo:
            settings = rs.set_report_logo(ws, None if args.no_logo else args.logo)
    for title, value in rs.describe(settings):
        shown = value.replace("\n", " / ") if value else "—"
        print(f"{title}: {shown}")
    return 0
