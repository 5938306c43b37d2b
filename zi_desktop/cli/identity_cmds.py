"""``zi identity`` and ``zi trust``: the evaluator's key, cards, and the trust store."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..formatting import one_line
from ..i18n import _
from ..inputfile import LIMITS, read_input
from ..values.people import ROLES
from .common import add_workspace_option, open_workspace


def add_identity_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--identity-dir",
        type=Path,
        metavar="DIR",
        help=_("folder of the identity (default: ZI_IDENTITY_DIR, or the settings folder)"),
    )


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=_("read the passphrase from the first line of FILE (default: ask)"),
    )


def interactive() -> bool:
    return sys.stdin.isatty()


def read_passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            text = read_input(path, LIMITS["passphrase"]).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserFacingError(
                _("Cannot read the passphrase file {path}: {error}").format(path=path, error=exc)
            ) from None
        return text.split("\n", 1)[0].removesuffix("\r")
    if not interactive():
        raise UserFacingError(_("No passphrase: give --passphrase-file FILE."))
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise UserFacingError(_("The two passphrases differ; nothing was changed."))
    return first


def _ask(value: str | None, prompt: str) -> str:
    if value is not None:
        return value
    if not interactive():
        raise UserFacingError(_("Missing {what}; give it as an option.").format(what=prompt))
    return input(f"{prompt}: ").strip()


def confirm(question: str, yes: bool) -> bool:
    """Whether the person agreed; ``--yes`` agrees without asking."""
    if yes:
        return True
    if not interactive():
        raise UserFacingError(
            _(
                "Confirmation needed: compare the fingerprint, then repeat the command with "
                "--yes (for an import: --accept-key FINGERPRINT)."
            )
        )
    answer = input(f"{question} [y/N] ").strip().casefold()
    return answer in ("y", "yes", "ya")


def register(commands: Any) -> None:
    p = commands.add_parser("identity", help=_("your signing key: create, show, export a card"))
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sub.add_parser("init", help=_("create your key pair, sealed under a passphrase"))
    q.add_argument("--name")
    q.add_argument("--nip")
    q.add_argument("--role", choices=ROLES)
    q.add_argument("--instansi", default="")
    q.add_argument("--replace", action="store_true", help=_("replace an existing identity"))
    add_passphrase_option(q)
    add_identity_option(q)
    q.set_defaults(run=run_init)
    q = sub.add_parser("show", help=_("name, role and key fingerprint"))
    q.add_argument("--json", action="store_true")
    add_identity_option(q)
    q.set_defaults(run=run_show)
    q = sub.add_parser("export-card", help=_("write your public key card for enrolment"))
    q.add_argument("-o", "--output", type=Path, required=True, metavar="CARD")
    add_passphrase_option(q)
    add_identity_option(q)
    q.set_defaults(run=run_export_card)

    p = commands.add_parser("trust", help=_("the keys this workspace trusts"))
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = sub.add_parser("add", help=_("enrol an evaluator's card after comparing its fingerprint"))
    q.add_argument("card", type=Path, metavar="CARD")
    q.add_argument("--yes", action="store_true", help=_("the fingerprint was compared already"))
    add_workspace_option(q)
    q.set_defaults(run=run_trust_add)
    q = sub.add_parser("list", help=_("enrolled keys and the pinned coordinator key"))
    q.add_argument("--json", action="store_true")
    add_workspace_option(q)
    q.set_defaults(run=run_trust_list)
    q = sub.add_parser("remove", help=_("remove an enrolled key"))
    q.add_argument("key", metavar="FINGERPRINT")
    add_workspace_option(q)
    q.set_defaults(run=run_trust_remove)


def run_init(args: argparse.Namespace) -> int:
    from ..services.identity import create_identity
    from ..values.views import EvaluatorProfile

    name = _ask(args.name, _("name"))
    nip = _ask(args.nip, _("NIP"))
    role = _ask(args.role, _("role ({roles})").format(roles=", ".join(ROLES)))
    info = create_identity(
        EvaluatorProfile(name, nip, role, args.instansi),
        read_passphrase(args, confirm=True),
        args.identity_dir,
        args.replace,
    )
    print(_("Identity created for {name} ({role}).").format(name=info.name, role=info.role))
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..services.identity import current_identity

    info = current_identity(args.identity_dir)
    if info is None:
        raise UserFacingError(_("No identity yet. Create one with 'zi identity init'."))
    if args.json:
        print(json.dumps({**asdict(info), "folder": str(info.folder)}, ensure_ascii=False))
        return 0
    print(f"{info.name}  ({info.role}, NIP {info.nip})")
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    print(_("Key id: {key}").format(key=info.key_id))
    return 0


def run_export_card(args: argparse.Namespace) -> int:
    from ..services.identity import export_card

    info = export_card(args.output, read_passphrase(args), args.identity_dir)
    print(_("Card written: {path}").format(path=args.output))
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    return 0


def run_trust_add(args: argparse.Namespace) -> int:
    from ..services.identity import preview_card, trust_card

    info = preview_card(args.card)
    print(f"{one_line(info.name)}  ({one_line(info.role)}, NIP {one_line(info.nip)})")
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    question = _("Does this fingerprint match the one the evaluator reads to you?")
    if not confirm(question, args.yes):
        print(_("Not enrolled."))
        return 1
    with open_workspace(args) as ws:
        _info, new = trust_card(ws, args.card)
    print(_("Enrolled.") if new else _("Already enrolled; card details refreshed."))
    return 0


def run_trust_list(args: argparse.Namespace) -> int:
    from ..services.identity import coordinator_key, trusted_keys

    with open_workspace(args) as ws:
        keys, pinned = trusted_keys(ws), coordinator_key(ws)
    if args.json:
        doc = {"trusted": [asdict(k) for k in keys], "coordinator": pinned and asdict(pinned)}
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    for k in keys:
        print(f"{k.fingerprint}  {one_line(k.name)}  ({one_line(k.role)}, NIP {one_line(k.nip)})")
        if k.refused:
            print("    " + _("NEVER TRUSTED: {why}; remove it.").format(why=k.refused))
    if pinned is not None:
        print(
            _("Coordinator (pinned): {fingerprint}  {name}").format(
                fingerprint=pinned.fingerprint, name=one_line(pinned.name)
            )
        )
        if pinned.refused:
            print("    " + _("NEVER TRUSTED: {why}.").format(why=pinned.refused))
    if not keys and pinned is None:
        print(_("No trusted keys yet."))
    return 0


def run_trust_remove(args: argparse.Namespace) -> int:
    from ..services.identity import untrust

    with open_workspace(args) as ws:
        info = untrust(ws, args.key)
    print(
        _("Removed: {fingerprint}  {name}").format(
            fingerprint=info.fingerprint, name=one_line(info.name)
        )
    )
    return 0
