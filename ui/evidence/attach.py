"""The background work of adding evidence files: several files, one progress bar.

Runs on a worker thread through :func:`ui.ops.run_op` and never touches widgets. Each file is
attached on its own; a rejected file is reported and leaves everything unchanged, the others
still go in. Cancelling stops at the current file: those already attached stay attached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zi_desktop.errors import Cancelled, UserFacingError
from zi_desktop.values.views import EvidenceView

from ..ops import Progress

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace


@dataclass
class AttachResult:
    """What became of the files: attached ones, refused ones, and whether the user stopped."""

    attached: list[EvidenceView] = field(default_factory=list)
    errors: list[UserFacingError] = field(default_factory=list)
    cancelled: bool = False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the service reports why it cannot be read


def _overall(progress: Progress, base: int, total: int) -> Callable[[int, int], None]:
    """One file's progress as progress over all the files."""
    return lambda done, _file_total: progress.report(base + done, total)


def attach_files(
    workspace: Workspace,
    unit_code: str,
    tier: str,
    node_id: str,
    paths: Sequence[Path],
    progress: Progress,
) -> AttachResult:
    """Attach ``paths`` to one item and tier, reporting bytes stored over all files."""
    sizes = [_size(path) for path in paths]
    total, offset = sum(sizes), 0
    result = AttachResult()
    for path, size in zip(paths, sizes, strict=True):
        try:
            view = workspace.attach_evidence(
                unit_code,
                tier,
                node_id,
                path,
                progress=_overall(progress, offset, total),
                cancel=progress.cancelled,
            )
        except UserFacingError as error:
            result.errors.append(error)
        except Cancelled:
            if not result.attached:
                raise
            result.cancelled = True
            break
        else:
            result.attached.append(view)
        offset += size
        progress.report(offset, total)
    return result
