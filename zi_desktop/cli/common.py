"""Helpers shared by the subcommands: the ``--workspace`` option and opening a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from ..storage.location import default_workspace

if TYPE_CHECKING:
    from ..services.workspace import Workspace


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        type=Path,
        metavar="DIR",
        help=_("workspace folder (default: the user data folder, or beside a portable build)"),
    )


def workspace_folder(args: argparse.Namespace) -> Path:
    folder: Path | None = getattr(args, "workspace", None)
    return folder if folder is not None else default_workspace()


def open_workspace(args: argparse.Namespace, create: bool = False) -> Workspace:
    from ..services.workspace import Workspace  # the database layer loads only when needed

    ws: Workspace = Workspace.open(workspace_folder(args), create=create)
    return ws
