"""``zi score FILE... [--json]``: score answers files and show areas, total and verdicts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import _
from ..services.scoring_files import score_file
from ..values.scores import result_to_dict
from ..values.vocabulary import TIERS
from .common import add_workspace_option, open_workspace
from .score_view import render


def register(commands: Any) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "score", help=_("score answers files (zi-answers/1)")
    )
    p.add_argument("files", nargs="*", metavar="FILE", help=_("answers file"))
    p.add_argument("--unit", metavar="CODE", help=_("score a unit of the workspace instead"))
    p.add_argument("--tier", default="tpi", choices=TIERS, help=_("tier to score (default: tpi)"))
    add_workspace_option(p)
    p.add_argument("--json", action="store_true", help=_("one JSON object per file per line"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.unit:
        return _run_unit(args)
    if not args.files:
        raise UserFacingError(_("Give answers files, or --unit CODE to score a workspace unit."))
    status = 0
    for name in args.files:
        try:
            scored = score_file(Path(name))
        except UserFacingError as err:
            print(_("error: {message}").format(message=err.message), file=sys.stderr)
            status = 2
            continue
        if args.json:
            doc = result_to_dict(scored.result, file=name)
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            sys.stdout.write(render(name, scored.definition, scored.result) + "\n")
    return status


def _run_unit(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        view = ws.open_assessment(args.unit)
        if args.tier not in view.scores:
            raise UserFacingError(_("Scores are kept for the unit and tpi tiers."))
        result = view.scores[args.tier]
        definition = ws.definition(view.lke)
    label = f"{view.unit.code} ({args.tier})"
    if args.json:
        doc = result_to_dict(result, file=label)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        sys.stdout.write(render(label, definition, result) + "\n")
    return 0
