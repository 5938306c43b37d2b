"""How the sync commands show a package and a refusal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..i18n import _
from ..services.sync.text import package_lines
from ..services.sync.values import PackageSummary


def print_summary(s: PackageSummary) -> None:
    for line in package_lines(s):
        print(line)


def refused(args: argparse.Namespace, refusal: Any) -> int:
    if getattr(args, "json", False):
        doc = {
            "valid": False,
            "reason": refusal.reason.value,
            "message": refusal.message,
            "detail": refusal.detail,
        }
        print(json.dumps(doc, ensure_ascii=False))
    else:
        print(
            _("REFUSED ({reason}): {message}").format(
                reason=refusal.reason.value, message=refusal.message
            ),
            file=sys.stderr,
        )
        if refusal.detail:
            print(_("Detail: {detail}").format(detail=refusal.detail), file=sys.stderr)
    return 1
