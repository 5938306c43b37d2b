"""Sync subcommands: export, assign, verify, import, join, packages, conflicts, resolve.

``register`` also adds ``zi identity`` and ``zi trust`` (:mod:`.identity_cmds`). ``zi verify``
and a refused ``zi import`` exit 1 with one reason code and a sentence; ``zi join`` exits 1
when a part is missing or damaged.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..formatting import format_size
from ..i18n import _, ngettext
from . import conflict_cmds, identity_cmds
from .common import add_workspace_option, open_workspace
from .identity_cmds import add_identity_option, add_passphrase_option, confirm, read_passphrase
from .sync_view import print_summary, refused


def register(commands: Any) -> None:
    identity_cmds.register(commands)
    p = commands.add_parser("export", help=_("write a signed sync package of units"))
    _unit_options(p)
    p.add_argument(
        "--since-last", action="store_true", help=_("only what changed since the last package")
    )
    p.add_argument(
        "--to", type=Path, metavar="CARD", help=_("recipient's card (default: your coordinator)")
    )
    p.add_argument("--split-mb", type=int, metavar="N", help=_("write numbered parts of N MB"))
    p.set_defaults(run=run_export)

    p = commands.add_parser("assign", help=_("write an assignment package for an evaluator"))
    _unit_options(p)
    p.add_argument("--to", type=Path, metavar="CARD", required=True, help=_("the evaluator's card"))
    p.add_argument("--split-mb", type=int, metavar="N", help=_("write numbered parts of N MB"))
    p.set_defaults(run=run_assign)

    p = commands.add_parser("verify", help=_("check a package; exit 1 if it is not valid"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CARD|DIR",
        help=_("trust the key of this card (or of the cards in this folder)"),
    )
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_workspace_option(p)
    add_identity_option(p)
    p.set_defaults(run=run_verify)

    p = commands.add_parser("import", help=_("verify and import a package"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--accept-key",
        metavar="FINGERPRINT",
        help=_("the coordinator's fingerprint, confirmed, for the first assignment"),
    )
    p.add_argument("--yes", action="store_true", help=_("the fingerprint was compared already"))
    add_workspace_option(p)
    add_identity_option(p)
    p.set_defaults(run=run_import)

    p = commands.add_parser("join", help=_("rebuild a package from its parts"))
    p.add_argument("parts", nargs="+", type=Path, metavar="PART")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(run=run_join)

    p = commands.add_parser("packages", help=_("packages received: who sent what, and when"))
    p.add_argument("--unit", metavar="CODE")
    add_workspace_option(p)
    p.set_defaults(run=conflict_cmds.run_packages)

    p = commands.add_parser("conflicts", help=_("answers two sources set differently"))
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--all", action="store_true", help=_("resolved ones too"))
    add_workspace_option(p)
    p.set_defaults(run=conflict_cmds.run_conflicts)

    p = commands.add_parser("resolve", help=_("settle a conflict"))
    p.add_argument("id", type=int)
    p.add_argument("--keep", required=True, choices=["local", "incoming"])
    add_workspace_option(p)
    p.set_defaults(run=conflict_cmds.run_resolve)


def _unit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", action="append", required=True, metavar="CODE", dest="units")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--overwrite", action="store_true", help=_("replace FILE if it exists"))
    add_passphrase_option(p)
    add_workspace_option(p)
    add_identity_option(p)


def _write(args: argparse.Namespace, kind: str) -> int:
    from ..services.sync.export import assign_package, export_package, preview_export

    with open_workspace(args) as ws:
        preview = preview_export(
            ws, args.units, getattr(args, "since_last", False), args.to, args.identity_dir, kind
        )
        print_summary(preview)
        passphrase = read_passphrase(args)
        if kind == "sync":
            done = export_package(
                ws,
                args.units,
                args.output,
                passphrase,
                since_last=args.since_last,
                to=args.to,
                split_mb=args.split_mb,
                identity_folder=args.identity_dir,
                overwrite=args.overwrite,
            )
        else:
            done = assign_package(
                ws,
                args.units,
                args.to,
                args.output,
                passphrase,
                identity_folder=args.identity_dir,
                split_mb=args.split_mb,
                overwrite=args.overwrite,
            )
    for path in done.paths:
        print(
            _("Written: {path} ({size})").format(path=path, size=format_size(path.stat().st_size))
        )
    print(_("Package SHA-256: {hash}").format(hash=done.package_hash))
    return 0


def run_export(args: argparse.Namespace) -> int:
    return _write(args, "sync")


def run_assign(args: argparse.Namespace) -> int:
    return _write(args, "assignment")


def run_verify(args: argparse.Namespace) -> int:
    from ..services.sync.importer import verify_package
    from ..services.sync.values import PackageRefused

    ws = open_workspace(args) if args.workspace is not None or not args.trust else None
    try:
        summary = verify_package(
            args.file, ws=ws, cards=args.trust, identity_folder=args.identity_dir
        )
    except PackageRefused as refusal:
        return refused(args, refusal)
    finally:
        if ws is not None:
            ws.close()
    if args.json:
        doc = {"valid": True, "reason": None, **asdict(summary)}
        doc["paths"] = [str(p) for p in summary.paths]
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    print(_("Package valid: {path}").format(path=args.file))
    print_summary(summary)
    if summary.already_imported:
        print(_("Already imported into this workspace."))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..services.sync.importer import NeedsPin, import_package
    from ..services.sync.values import PackageRefused

    with open_workspace(args) as ws:
        try:
            try:
                result = import_package(
                    ws, args.file, accept_key=args.accept_key, identity_folder=args.identity_dir
                )
            except NeedsPin as first:
                print(first.message)
                question = _("Pin key {fingerprint} as your coordinator's?").format(
                    fingerprint=first.signer.fingerprint
                )
                if not confirm(question, args.yes):
                    print(_("Nothing was imported."))
                    return 1
                result = import_package(
                    ws, args.file, accept_key=first.signer.key_id, identity_folder=args.identity_dir
                )
        except PackageRefused as refusal:
            return refused(args, refusal)
    s = result.summary
    if result.already_imported:
        print(
            _("Already imported (sequence {sequence} from {name}); nothing changed.").format(
                sequence=s.sequence, name=s.signer.name
            )
        )
        return 0
    if result.pinned:
        print(_("Coordinator key pinned: {fingerprint}").format(fingerprint=s.signer.fingerprint))
    print(
        _("Imported from {name}: {units}.").format(
            name=s.signer.name, units=", ".join(u.code for u in s.units)
        )
    )
    print(
        ngettext("{count} record taken.", "{count} records taken.", result.taken).format(
            count=result.taken
        )
    )
    print(
        ngettext(
            "{count} conflict kept for review ('zi conflicts').",
            "{count} conflicts kept for review ('zi conflicts').",
            result.conflicts,
        ).format(count=result.conflicts)
    )
    return 0


def run_join(args: argparse.Namespace) -> int:
    from ..services.sync.parts import JoinFailed, join_parts

    try:
        size = join_parts(args.parts, args.output)
    except JoinFailed as failed:
        print(failed.message, file=sys.stderr)
        return 1
    print(
        _("Joined: {path} ({size}); check it with 'zi verify'.").format(
            path=args.output, size=format_size(size)
        )
    )
    return 0
