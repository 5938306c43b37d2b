"""Printing the assessment report (LHE): gather what it shows, render it, write it durably.

The UI calls :func:`write_report` from a worker thread with a progress callback and a cancel
check; ``zi report`` calls it for one unit or :func:`write_all_reports` for every unit. The
report (PDF, or an editable Word .docx with the same content) is built in memory and only
then written (temp file, fsync, atomic rename), so a cancelled or failed report never leaves
a partial file behind.

Draft or final. A report is a draft, marked on every page, while the evaluated tier is
incomplete or the assessment is not approved. Approval is the last step of the review chain
(disetujui, by the pengendali teknis), recorded as the assessment's status ``approved``; no
workspace has that status yet, so today every LHE is a draft until the review chain exists.
The signatures come from the team today: the anggota tim prepare, the ketua tim reviews,
the pengendali teknis approves (none has signed: a line to date by hand); the review chain
will hand over who signed, and when, instead.

Dates. The report's date (beside its number, and of the signatures), is, in this order: the
date given by the caller; the assessment's stored evaluation date (the TPI visit), when one
is set; the local date of the last change the TPI made (an answer, a note or an evidence
file); today. The place of signing is the caller's, else the workspace setting
``report_place``, else a dotted line to fill in by hand. The kop surat, the number pattern,
the paper and the surat tugas are workspace settings (:mod:`.report_settings`).
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
from ..reports import (
    CancelCheck,
    Letterhead,
    LetterInfo,
    Progress,
    ReportData,
    Signatory,
    SurveyFile,
    render_docx,
    render_report,
)
from ..reports.numbering import report_number
from ..storage.durable import write_bytes
from ..storage.filetypes import UnsupportedType, detect_type
from ..storage.tables import Assessment, Period, Unit
from ..values.fingerprint import assessment_fingerprint
from ..values.views import AssessmentView, EvaluatorProfile
from .report_settings import check_paper, load_report_settings, report_logo
from .workspace import Workspace

REPORT_TIERS = ("tpi", "unit")
FORMATS = ("pdf", "docx")
APPROVED_STATUS = "approved"  # set by the review chain's last step; no workspace has it yet
STEP_ROLES = (("prepared", "anggota"), ("reviewed", "ketua"), ("approved", "dalnis"))


@dataclass(frozen=True)
class WrittenReport:
    """One report written to disk."""

    unit: str
    year: int
    path: Path
    pages: int  # 0 for a .docx: Word lays out its pages when it opens the file
    complete: bool
    fingerprint: str
    draft: str = ""  # why the report is a draft: incomplete | not_approved; "" when final
    format: str = "pdf"


@dataclass
class AllReports:
    """What ``write_all_reports`` did: the files written and the units without assessment."""

    written: list[WrittenReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (unit code, reason)


def report_file_name(code: str, year: int, fmt: str = "pdf") -> str:
    """``LHE-KPP-001-2026.pdf``; characters a file system may refuse become ``_``."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", code).strip(".") or "unit"
    return f"LHE-{safe}-{year}.{fmt}"


def default_report_path(
    ws: Workspace, code: str, year: int | None = None, fmt: str = "pdf"
) -> Path:
    """Where the app saves a unit's report unless the user chooses: the ``exports/`` folder."""
    view = ws.open_assessment(code, year)
    return ws.layout.exports / report_file_name(view.unit.code, view.year, fmt)


def _team(ws: Workspace) -> tuple[EvaluatorProfile, ...]:
    """The team, each NIP once (the evaluator's own profile may be listed twice)."""
    seen: dict[str, EvaluatorProfile] = {}
    for member in ws.team():
        seen.setdefault(member.nip or member.name, member)
    return tuple(seen.values())


def team_signatories(team: tuple[EvaluatorProfile, ...]) -> tuple[Signatory, ...]:
    """The signatures of the review chain as the team stands today, none of them signed.

    Every anggota prepares, the ketua reviews, the pengendali teknis approves; a step nobody
    in the team holds gets an empty box to fill in by hand.
    """
    out: list[Signatory] = []
    for step, role in STEP_ROLES:
        members = [m for m in team if m.role == role] or [EvaluatorProfile("", "", role)]
        out += [Signatory(step, m.name, m.nip, role) for m in members]
    return tuple(out)


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


def _assignment_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def report_data(
    ws: Workspace,
    code: str,
    tier: str = "tpi",
    year: int | None = None,
    date: dt.date | None = None,
    place: str | None = None,
    *,
    paper: str | None = None,
    seq: str = "",
) -> ReportData:
    """Everything the report of one unit shows, read from the workspace and its settings.

    ``paper`` (A4 or F4) and ``place`` override the workspace's settings; ``seq`` is the
    agenda number the number pattern's ``{seq}`` stands for.
    """
    if tier not in REPORT_TIERS:
        raise UserFacingError(
            _("A report is printed for the tpi or the unit tier, not {tier}.").format(tier=tier)
        )
    settings = load_report_settings(ws)
    paper = check_paper(paper if paper is not None else settings.paper)
    view = ws.open_assessment(code, year)
    when = date or evaluation_date(ws, view)
    team = _team(ws)
    return ReportData(
        view=view,
        definition=ws.definition(view.lke),
        team=team,
        evaluation_date=when,
        fingerprint=assessment_fingerprint(view),
        tier=tier,
        place=settings.place if place is None else place,
        lang=get_language(),
        survey_files=_survey_files(ws, view),
        letterhead=Letterhead(
            settings.instansi, settings.office, settings.address, report_logo(ws)
        ),
        letter=LetterInfo(
            number=report_number(settings.number_pattern, view.unit.code, view.year, when, seq),
            addressee="",
            assignment_number=settings.assignment_number,
            assignment_date=_assignment_date(settings.assignment_date),
            paper=paper,
        ),
        signatories=team_signatories(team),
        approved=view.status == APPROVED_STATUS,
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
    *,
    fmt: str = "pdf",
    paper: str | None = None,
    seq: str = "",
) -> WrittenReport:
    """Render the report of ``code`` and write it to ``target`` durably.

    ``fmt`` is ``pdf`` or ``docx`` (the same content, editable in Word). Safe to call from a
    worker thread (the workspace's reads open their own sessions). ``progress(done, total)``
    is called as the pages are laid out; when ``cancel()`` turns true the work stops with
    :class:`~zi_desktop.errors.Cancelled` and nothing is written.
    """
    if fmt not in FORMATS:
        raise UserFacingError(
            _("Unknown report format {format}; use pdf or docx.").format(format=fmt)
        )
    data = report_data(ws, code, tier, year, date, place, paper=paper, seq=seq)
    if fmt == "docx":
        content, pages = render_docx(data, progress, cancel, invariant), 0
    else:
        rendered = render_report(data, progress, cancel, invariant)
        content, pages = rendered.pdf, rendered.pages
    target = Path(target)
    if not target.parent.is_dir():
        raise UserFacingError(_("The folder {folder} does not exist.").format(folder=target.parent))
    write_bytes(target, content)
    return WrittenReport(
        data.view.unit.code,
        data.view.year,
        target,
        pages,
        data.complete,
        data.fingerprint,
        data.draft_reason,
        fmt,
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
    *,
    fmt: str = "pdf",
    paper: str | None = None,
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
        name = report_file_name(row.code, row.year, fmt)
        for suffix in range(2, len(units) + 2):  # codes that differ only in unsafe characters
            if name.casefold() not in used:
                break
            name = report_file_name(f"{row.code}-{suffix}", row.year, fmt)
        used.add(name.casefold())
        target = folder / name
        written = write_report(
            ws,
            row.code,
            target,
            tier,
            row.year,
            date,
            place,
            invariant,
            cancel=cancel,
            fmt=fmt,
            paper=paper,
        )
        done.written.append(written)
        if on_written is not None:
            on_written(written)
    if progress is not None:
        progress(len(units), len(units))
    return done
