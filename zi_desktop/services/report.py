"""Printing the assessment report (LHE): gather what it shows, render it, write it durably.

The UI calls :func:`write_report` from a worker thread with a progress callback and a cancel
check; ``zi report`` calls it for one unit or :func:`write_all_reports` for every unit. The
PDF is built in memory and only then written (temp file, fsync, atomic rename), so a
cancelled or failed report never leaves a partial file behind.

Dates. The cover's evaluation date, which also dates the signatures, is, in this order: the
date given by the caller; the assessment's stored evaluation date (the TPI visit), when one
is set; the local date of the last change the TPI made (an answer, a note or an evidence
file); today. The place of signing is the caller's, else the workspace setting
``report_place``, else a dotted line to fill in by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from ..errors import UserFacingError
from ..i18n import _, get_language
from ..reports import CancelCheck, Progress, ReportData, SurveyFile, render_report
from ..storage.durable import write_bytes
from ..storage.filetypes import UnsupportedType, detect_type
from ..storage.tables import Assessment, Period, Unit
from .fingerprint import assessment_fingerprint
from .values import AssessmentView, EvaluatorProfile
from .workspace import Workspace

REPORT_TIERS = ("tpi", "unit")
PLACE_SETTING = "report_place"


@dataclass(frozen=True)
class WrittenReport:
    """One report written to disk."""

    unit: str
    year: int
    path: Path
    pages: int
    complete: bool
    fingerprint: str


@dataclass
class AllReports:
    """What ``write_all_reports`` did: the files written and the units without assessment."""

    written: list[WrittenReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (unit code, reason)


def report_file_name(code: str, year: int) -> str:
    """``LHE-KPP-001-2026.pdf``; characters a file system may refuse become ``_``."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", code).strip(".") or "unit"
    return f"LHE-{safe}-{year}.pdf"


def default_report_path(ws: Workspace, code: str, year: int | None = None) -> Path:
    """Where the app saves a unit's report unless the user chooses: the ``exports/`` folder."""
    view = ws.open_assessment(code, year)
    return ws.layout.exports / report_file_name(view.unit.code, view.year)


def _team(ws: Workspace) -> tuple[EvaluatorProfile, ...]:
    """The team, each NIP once (the evaluator's own profile may be listed twice)."""
    seen: dict[str, EvaluatorProfile] = {}
    for member in ws.team():
        seen.setdefault(member.nip or member.name, member)
    return tuple(seen.values())


def _stored_evaluation_date(ws: Workspace, code: str, year: int) -> dt.date | None:
    with ws.reading() as s:
        stored = s.exec(
            select(Assessment.evaluation_date)
            .join(Unit, Unit.id == Assessment.unit_id)  # type: ignore[arg-type]
            .join(Period, Period.id == Assessment.period_id)  # type: ignore[arg-type]
            .where(Unit.code == code, Period.year == year)
        ).first()
    try:
        return dt.date.fromisoformat(stored) if stored else None
    except ValueError:
        return None


def _local_date(moment: dt.datetime) -> dt.date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # stored in UTC
    return aware.astimezone().date()


def last_tpi_change(view: AssessmentView) -> dt.date | None:
    """The local date of the TPI's last answer, note or evidence file, if any."""
    moments = [a.updated_at for a in view.answers.get("tpi", {}).values()]
    moments += [e.added_at for e in view.evidence if e.tier == "tpi"]
    return _local_date(max(moments)) if moments else None


def evaluation_date(ws: Workspace, view: AssessmentView) -> dt.date:
    """The stored date of the TPI visit, else the TPI's last change, else today."""
    return (
        _stored_evaluation_date(ws, view.unit.code, view.year)
        or last_tpi_change(view)
        or dt.date.today()
    )


def _survey_files(ws: Workspace, view: AssessmentView) -> tuple[SurveyFile, ...]:
    out = []
    for s in view.surveys:
        if not s.report_sha256:
            continue
        path = ws.evidence_path(s.report_sha256)
        try:
            size, mime = path.stat().st_size, detect_type(path)
        except (OSError, UnsupportedType):
            size, mime = None, ""
        out.append(SurveyFile(s.kind, s.tier, s.report_sha256, size, mime))
    return tuple(out)


def report_data(
    ws: Workspace,
    code: str,
    tier: str = "tpi",
    year: int | None = None,
    date: dt.date | None = None,
    place: str | None = None,
) -> ReportData:
    """Everything the report of one unit shows, read from the workspace."""
    if tier not in REPORT_TIERS:
        raise UserFacingError(
            _("A report is printed for the tpi or the unit tier, not {tier}.").format(tier=tier)
        )
    view = ws.open_assessment(code, year)
    if place is None:
        stored = ws.setting(PLACE_SETTING, "")
        place = stored if isinstance(stored, str) else ""
    return ReportData(
        view=view,
        definition=ws.definition(view.lke),
        team=_team(ws),
        evaluation_date=date or evaluation_date(ws, view),
        fingerprint=assessment_fingerprint(view),
        tier=tier,
        place=place,
        lang=get_language(),
        survey_files=_survey_files(ws, view),
    )


def write_report(
    ws: Workspace,
    code: str,
    target: Path,
    tier: str = "tpi",
    year: int | None = None,
    date: dt.date | None = None,
    place: str | None = None,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> WrittenReport:
    """Render the report of ``code`` and write it to ``target`` durably.

    Safe to call from a worker thread (the workspace's reads open their own sessions).
    ``progress(done, total)`` is called as the pages are laid out; when ``cancel()`` turns
    true the work stops with :class:`~zi_desktop.errors.Cancelled` and nothing is written.
    """
    data = report_data(ws, code, tier, year, date, place)
    rendered = render_report(data, progress, cancel, invariant)
    target = Path(target)
    if not target.parent.is_dir():
        raise UserFacingError(_("The folder {folder} does not exist.").format(folder=target.parent))
    write_bytes(target, rendered.pdf)
    return WrittenReport(
        data.view.unit.code, data.view.year, target, rendered.pages, data.complete, data.fingerprint
    )


def write_all_reports(
    ws: Workspace,
    folder: Path,
    tier: str = "tpi",
    date: dt.date | None = None,
    place: str | None = None,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    on_written: Callable[[WrittenReport], None] | None = None,
) -> AllReports:
    """One report per unit (its latest assessment) in ``folder``, named by unit and year.

    Units without an assessment are skipped and listed. ``progress(units done, units)``.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(
            _("Cannot create the folder {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc
            )
        ) from None
    units = ws.list_units()
    done = AllReports()
    used: set[str] = set()
    for n, row in enumerate(units):
        if progress is not None:
            progress(n, len(units))
        if row.year is None:
            done.skipped.append((row.code, _("no assessment yet")))
            continue
        name = report_file_name(row.code, row.year)
        for suffix in range(2, len(units) + 2):  # codes that differ only in unsafe characters
            if name.casefold() not in used:
                break
            name = report_file_name(f"{row.code}-{suffix}", row.year)
        used.add(name.casefold())
        target = folder / name
        written = write_report(
            ws, row.code, target, tier, row.year, date, place, invariant, cancel=cancel
        )
        done.written.append(written)
        if on_written is not None:
            on_written(written)
    if progress is not None:
        progress(len(units), len(units))
    return done
