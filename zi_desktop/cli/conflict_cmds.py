"""The coordinator's commands after imports: packages received, conflicts, resolving."""

from __future__ import annotations

import argparse
import json

from ..formatting import one_line
from ..i18n import _
from .common import open_workspace


def run_packages(args: argparse.Namespace) -> int:
    from ..services.sync.conflicts import received_packages

    with open_workspace(args) as ws:
        rows = received_packages(ws, args.unit)
    for r in rows:
        print(
            f"{r.imported_at}  {one_line(', '.join(r.units))}  {r.kind}/{r.mode} #{r.sequence}  "
            f"{one_line(r.signer_name)} [{r.signer_fingerprint}]  "
            + _("sent {created}; {taken} taken, {conflicts} conflicts").format(
                created=r.created, taken=r.taken, conflicts=r.conflicts
            )
        )
    if not rows:
        print(_("No packages received yet."))
    return 0


def _show(value: object) -> str:
    return "—" if value is None else one_line(json.dumps(value, ensure_ascii=False))


def run_conflicts(args: argparse.Namespace) -> int:
    from ..services.sync.conflicts import conflicts

    with open_workspace(args) as ws:
        rows = conflicts(ws, args.unit, open_only=not args.all)
    for c in rows:
        record = one_line("/".join(c.record))
        print(f"#{c.id}  {one_line(c.unit)}/{c.year}  {record}  {c.resolution or _('open')}")
        print(
            "    "
            + _("here: {value} (from {source})").format(
                value=_show(c.local_value),
                source=one_line(" ".join(filter(None, (c.local_by, c.local_source))))
                or _("this workspace"),
            )
        )
        print(
            "    "
            + _("incoming: {value} (from {name}, {source})").format(
                value=_show(c.incoming_value),
                name=one_line(c.incoming_by),
                source=c.incoming_signer,
            )
        )
    if not rows:
        print(_("No conflicts."))
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    from ..services.sync.conflicts import resolve_conflict

    with open_workspace(args) as ws:
        resolve_conflict(ws, args.id, args.keep)
    if args.keep == "local":
        print(_("Conflict {id} resolved: the value here was kept.").format(id=args.id))
    else:
        print(_("Conflict {id} resolved: the incoming value was taken.").format(id=args.id))
    return 0
