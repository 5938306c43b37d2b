"""``python -m bench.intake_server``: ``zi serve`` plus a plain ``PUT /bench/put`` route.

The upload benchmark compares the intake's resumable upload with a plain HTTP PUT of the same
bytes to the same server: this route streams the request body into a file and fsyncs it once
at the end, as a server that keeps what it receives must. Not a part of the application.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zi_desktop.identity.store import IdentityStore
from zi_desktop.intake.server import bind, run
from zi_desktop.services.intake_desk import IntakeDesk
from zi_desktop.services.intake_values import IntakeLimits
from zi_desktop.services.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--identity-dir", type=Path, required=True)
    parser.add_argument("--passphrase-file", type=Path, required=True)
    args = parser.parse_args()
    key = IdentityStore(args.identity_dir).unlock(
        args.passphrase_file.read_text(encoding="utf-8").splitlines()[0]
    )
    target = args.workspace / "put.bin"

    async def put(request: Request) -> Response:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        count = 0
        try:
            async for chunk in request.stream():
                os.write(fd, chunk)
                count += len(chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
        return Response(status_code=204, headers={"X-Received": str(count)})

    with Workspace.open(args.workspace, create=False) as ws:
        desk = IntakeDesk(ws, key, args.identity_dir, IntakeLimits())
        sock = bind("127.0.0.1", 0)
        run(
            desk,
            sock,
            lambda url: print(f"listening on {url}", flush=True),
            extra_routes=[Route("/bench/put", put, methods=["PUT"])],
        )


if __name__ == "__main__":
    sys.exit(main())
