"""Upload commands: ``zi serve`` (the coordinator's intake), ``zi upload``, ``zi receipt``.

``zi upload`` exits 0 when the coordinator's signed receipt says the package was imported or
received, 1 when the intake refused it or its answer is not the coordinator's (reason code in
the message), 3 when the network did not allow it (the journal keeps the progress: run it
again), and 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..formatting import format_size
from ..i18n import _
from .common import add_workspace_option, open_workspace, workspace_folder
from .identity_cmds import add_identity_option, add_passphrase_option, read_passphrase

NETWORK_EXIT = 3


def register(commands: Any) -> None:
    p = commands.add_parser("serve", help=_("run the coordinator's intake for uploads"))
    p.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
    p.add_argument("--port", type=int, default=8765, help=_("port (0: any free port)"))
    p.add_argument("--tls-cert", type=Path, metavar="FILE", help=_("TLS certificate (PEM)"))
    p.add_argument("--tls-key", type=Path, metavar="FILE", help=_("TLS private key (PEM)"))
    p.add_argument("--max-package-mb", type=int, metavar="N", help=_("largest package accepted"))
    p.add_argument(
        "--sessions-per-device",
        type=int,
        metavar="N",
        help=_("unfinished uploads one key may hold at once"),
    )
    p.add_argument(
        "--expire-hours",
        type=float,
        metavar="H",
        help=_("unfinished uploads expire after H hours (default 72)"),
    )
    add_workspace_option(p)
    add_identity_option(p)
    add_passphrase_option(p)
    p.set_defaults(run=run_serve)

    p = commands.add_parser("upload", help=_("send a package to the coordinator's intake"))
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=_("the package, or all parts of a split package"),
    )
    p.add_argument("--server", required=True, metavar="URL", help=_("the intake's address"))
    p.add_argument(
        "--rate-kbps",
        type=int,
        default=0,
        metavar="N",
        help=_("send at most N kilobits per second"),
    )
    p.add_argument(
        "--retries",
        type=int,
        default=8,
        metavar="N",
        help=_("attempts in a row without progress before giving up"),
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help=_("give up on a connection silent this long"),
    )
    p.add_argument(
        "--cacert",
        type=Path,
        metavar="FILE",
        help=_("trust this certificate authority (PEM) for https"),
    )
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_workspace_option(p)
    add_identity_option(p)
    add_passphrase_option(p)
    p.set_defaults(run=run_upload)

    p = commands.add_parser("receipt", help=_("check a coordinator's receipt"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_workspace_option(p)
    p.set_defaults(run=run_receipt)


def _limits(args: argparse.Namespace) -> Any:
    from ..services.intake_values import IntakeLimits

    chosen: dict[str, Any] = {}
    if args.max_package_mb is not None:
        chosen["package_bytes"] = args.max_package_mb * 1_000_000
    if args.sessions_per_device is not None:
        chosen["sessions_per_key"] = args.sessions_per_device
    if args.expire_hours is not None:
        chosen["session_seconds"] = max(1, round(args.expire_hours * 3600))
    return IntakeLimits(**chosen)


def run_serve(args: argparse.Namespace) -> int:
    from ..intake.server import bind, run
    from ..services.identity import signer
    from ..services.intake_desk import IntakeDesk

    if (args.tls_cert is None) != (args.tls_key is None):
        raise UserFacingError(_("Give both --tls-cert and --tls-key, or neither."))
    key = signer(read_passphrase(args), args.identity_dir)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    for name in ("zi.intake", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if name == "zi.intake" else logging.WARNING)
        logger.propagate = False
    with open_workspace(args) as ws:
        desk = IntakeDesk(ws, key, args.identity_dir, _limits(args))
        try:
            sock = bind(args.host, args.port)
        except OSError as exc:
            raise UserFacingError(
                _("Cannot listen on {host}:{port}: {error}").format(
                    host=args.host, port=args.port, error=exc.strerror or exc
                )
            ) from None

        def ready(url: str) -> None:
            print(f"listening on {url}", flush=True)  # read by scripts: never translated

        run(desk, sock, ready, args.tls_cert, args.tls_key)
    return 0


def _record(args: argparse.Namespace, receipt: bytes) -> None:
    """Keep the receipt in the workspace too (the app shows the unit as sent)."""
    from ..services.delivery import record_receipt_data

    if args.workspace is None and not (workspace_folder(args) / "zi.sqlite").exists():
        return
    try:
        with open_workspace(args) as ws:
            record_receipt_data(ws, receipt)
    except UserFacingError as problem:
        print(
            _("The workspace did not record the receipt: {message}").format(
                message=problem.message
            ),
            file=sys.stderr,
        )


def run_upload(args: argparse.Namespace) -> int:
    from ..services.identity import signer
    from ..transfer.upload import upload_package
    from ..transfer.values import NetworkUnavailable, UploadRefused

    key = signer(read_passphrase(args), args.identity_dir)
    verify: str | bool = str(args.cacert) if args.cacert else True
    try:
        result = upload_package(
            args.files,
            args.server,
            key,
            retries=max(0, args.retries),
            timeout=args.timeout,
            verify=verify,
            control=_control(args.rate_kbps),
        )
    except UploadRefused as refusal:
        return _failed(args, 1, "refused", refusal.message, refusal.code, refusal.detail)
    except NetworkUnavailable as down:
        return _failed(args, NETWORK_EXIT, "unavailable", down.message)
    _record(args, result.receipt)
    if args.json:
        doc = {k: v for k, v in asdict(result).items() if k not in ("receipt", "receipt_path")}
        print(json.dumps({**doc, "receipt": str(result.receipt_path)}, ensure_ascii=False))
        return 0
    if result.status == "imported":
        print(_("Imported by the coordinator. Receipt: {path}").format(path=result.receipt_path))
    else:
        print(
            _("Received by the coordinator; the import is pending. Receipt: {path}").format(
                path=result.receipt_path
            )
        )
    sent, skipped = format_size(result.bytes_sent), format_size(result.bytes_skipped)
    print(
        _("Sent {sent}; {skipped} the coordinator already had.").format(sent=sent, skipped=skipped)
    )
    return 0


def _control(rate_kbps: int) -> Any:
    from ..transfer.values import UploadControl

    if rate_kbps < 0:
        raise UserFacingError(_("--rate-kbps needs a number of at least 0."))
    return UploadControl(rate_kbps=rate_kbps)


def _failed(
    args: argparse.Namespace,
    code: int,
    status: str,
    message: str,
    reason: str = "",
    detail: str = "",
) -> int:
    if args.json:
        print(
            json.dumps(
                {
                    "status": status,
                    "reason": reason or None,
                    "message": message,
                    "detail": detail or None,
                },
                ensure_ascii=False,
            )
        )
    elif reason:
        print(
            _("REFUSED ({reason}): {message}").format(reason=reason, message=message),
            file=sys.stderr,
        )
        if detail:
            print(_("Detail: {detail}").format(detail=detail), file=sys.stderr)
    else:
        print(message, file=sys.stderr)
    return code


def run_receipt(args: argparse.Namespace) -> int:
    from ..services.delivery import read_receipt
    from ..services.intake_reasons import IntakeRefused

    ws = None
    if args.workspace is not None or (workspace_folder(args) / "zi.sqlite").exists():
        ws = open_workspace(args)
    try:
        view = read_receipt(ws, args.file)
    except IntakeRefused as bad:
        return _failed(args, 1, "invalid", bad.message, bad.code, bad.detail)
    finally:
        if ws is not None:
            ws.close()
    if args.json:
        print(json.dumps({"valid": True, **asdict(view)}, ensure_ascii=False))
        return 0
    lines = [
        _("Receipt valid: signed by coordinator {fingerprint}.").format(
            fingerprint=view.coordinator_fingerprint
        ),
        _("Package SHA-256: {hash}").format(hash=view.package),
        _("Units: {units} (sequence {sequence})").format(
            units=", ".join(view.units), sequence=view.sequence
        ),
        _("Result: {result}, at {time}").format(result=_result_text(view.result), time=view.time),
    ]
    if view.result == "imported":
        lines.append(
            _("Records taken: {taken}; conflicts kept for review: {conflicts}.").format(
                taken=view.counts["taken"], conflicts=view.counts["conflicts"]
            )
        )
    if not view.pinned:
        lines.append(_("No coordinator key is pinned in this workspace: compare the fingerprint."))
    print("\n".join(lines))
    return 0


def _result_text(result: str) -> str:
    return _("imported") if result == "imported" else _("received, import pending")
