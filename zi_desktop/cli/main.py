"""Entry point of the ``zi`` command: parses arguments and dispatches to subcommands.

Exit status: 0 success, 1 a check failed (for example a verification), 2 bad input, 3 the
network did not allow an upload (``zi upload``).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..errors import UserFacingError
from ..i18n import LANGUAGES, _, set_language
from . import (
    intake_cmds,
    interop_cmds,
    report_cmd,
    report_settings_cmd,
    score_cmd,
    sync_cmds,
    workspace_cmds,
)
from .common import WORKSPACE_ENV
from .terminal import escaping


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zi", description=_("ZI Desktop: Zona Integritas evaluation (PermenPANRB 90/2021)")
    )
    parser.add_argument("--version", action="version", version=f"zi {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages (default: id)"))
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        dest="global_workspace",
        help=_(
            "workspace folder for the command (default: {env}, else the user data folder)"
        ).format(env=WORKSPACE_ENV),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    score_cmd.register(commands)
    workspace_cmds.register(commands)
    report_cmd.register(commands)
    report_settings_cmd.register(commands)
    sync_cmds.register(commands)
    interop_cmds.register(commands)
    intake_cmds.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before the help texts are built.
    for i, arg in enumerate(args_list):
        if arg == "--lang" and i + 1 < len(args_list) and args_list[i + 1] in LANGUAGES:
            set_language(args_list[i + 1])
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            set_language(arg.split("=", 1)[1])
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = escaping(out), escaping(err)
    try:
        return _run(build_parser(), args_list)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(parser: argparse.ArgumentParser, args_list: list[str]) -> int:
    args = parser.parse_args(args_list)
    if getattr(args, "workspace", None) is None and args.global_workspace is not None:
        args.workspace = args.global_workspace  # zi --workspace DIR units, as git -C DIR
    try:
        status: int = args.run(args)
    except UserFacingError as err:
        print(_("error: {message}").format(message=err.message), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":
    raise SystemExit(main())
