"""Helpers shared by the subcommands: the ``--workspace`` option and opening a workspace.

The workspace is ``--workspace DIR`` given before the command (``zi --workspace DIR units``)
or after it, else the folder named by the environment variable ``ZI_WORKSPACE``, else the
default one (the user data folder, or beside a portable build).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from ..services.app_settings import default_workspace

if TYPE_CHECKING:
    from ..services.workspace import Workspace

WORKSPACE_ENV = "ZI_WORKSPACE"


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help=_(
            "workspace folder (default: {env}, else the user data folder, or beside a "
            "portable build)"
        ).format(env=WORKSPACE_ENV),
    )


def workspace_folder(args: argparse.Namespace) -> Path:
    folder: Path | None = getattr(args, "workspace", None)
    if folder is not None:
        return folder
    named = os.environ.get(WORKSPACE_ENV, "").strip()
    return Path(named).expanduser() if named else default_workspace()


def open_workspace(args: argparse.Namespace, create: bool = False) -> Workspace:
    from ..services.workspace import Workspace  # the database layer loads only when needed

    ws: Workspace = Workspace.open(workspace_folder(args), create=create)
    return ws
