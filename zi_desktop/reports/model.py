"""What a report is made from: one plain value object, gathered by the services.

The report layer never opens a workspace: :mod:`zi_desktop.services.report` reads the
assessment, the team, the definition and the report settings and hands them over as a
:class:`ReportData`, so the same data always prints the same PDF and the same .docx.

The signatures are a list of :class:`Signatory` (step, name, NIP, date signed or none) and
``approved`` says whether the assessment was approved: today the services fill both from the
team and the assessment's status; the review chain will fill them from its signed steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..lke.model import Definition
from ..scoring import ScoreResult
from ..values.views import AssessmentView, EvaluatorProfile


@dataclass(frozen=True)
class SurveyFile:
    """A survey's report file, listed in the evidence index beside the items' evidence."""

    kind: str  # IPAK | IPKP
    tier: str
    sha256: str
    size: int | None
    mime: str


SIGNING_STEPS = ("prepared", "reviewed", "approved")  # disusun, direviu, disetujui


@dataclass(frozen=True)
class Signatory:
    """One signature of the review chain.

    ``step`` is ``prepared`` (disusun: an anggota tim), ``reviewed`` (direviu: the ketua tim)
    or ``approved`` (disetujui: the pengendali teknis); ``role`` is the member's role in the
    team; ``signed_on`` is the date they signed, or None while nobody has (a line to date by
    hand is printed then). An empty name leaves a box to fill in by hand.
    """

    step: str
    name: str
    nip: str
    role: str
    signed_on: dt.date | None = None


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: the instansi, the office that issues the report, its address, a logo.

    ``address`` may hold several lines (street, telephone, e-mail); ``logo`` is PNG or JPEG
    bytes, or empty for none.
    """

    instansi: str
    office: str
    address: str = ""
    logo: bytes = b""


@dataclass(frozen=True)
class LetterInfo:
    """What makes the report a letter: its number, the addressee, the surat tugas, the paper.

    ``number`` is already filled from the workspace's pattern; ``assignment_date`` is the
    date of the surat tugas, None when it is not known (a line is left to fill in).
    """

    number: str
    addressee: str
    assignment_number: str = ""
    assignment_date: dt.date | None = None
    paper: str = "A4"


@dataclass(frozen=True)
class ReportData:
    """Everything one LHE shows.

    ``tier`` is the tier the report evaluates (``tpi`` normally; ``unit`` prints the unit's
    self-assessment); the score tables show both tiers side by side whatever it is.
    ``evaluation_date`` is printed on the cover and dates the signatures.
    """

    view: AssessmentView
    definition: Definition
    team: tuple[EvaluatorProfile, ...]
    evaluation_date: dt.date
    fingerprint: str  # hex SHA-256 of the assessment's canonical content
    tier: str = "tpi"
    place: str = ""
    lang: str = "id"
    survey_files: tuple[SurveyFile, ...] = field(default=())
    letterhead: Letterhead = Letterhead("", "")
    letter: LetterInfo = LetterInfo("", "")
    signatories: tuple[Signatory, ...] = field(default=())
    approved: bool = False  # set by the review chain's last step (disetujui)

    @property
    def result(self) -> ScoreResult:
        """The score of the tier this report evaluates."""
        return self.view.scores[self.tier]

    @property
    def unit_result(self) -> ScoreResult:
        return self.view.scores["unit"]

    @property
    def tpi_result(self) -> ScoreResult:
        return self.view.scores["tpi"]

    @property
    def complete(self) -> bool:
        return self.result.complete

    @property
    def draft_reason(self) -> str:
        """Why the report is a draft: ``incomplete``, ``not_approved``, or "" for final.

        An incomplete assessment is a draft whatever its status; a complete one stays a draft
        until the review chain approves it.
        """
        if not self.complete:
            return "incomplete"
        return "" if self.approved else "not_approved"

    def qr_payload(self) -> str:
        """What the QR code holds: enough to find the package and check its fingerprint."""
        v = self.view
        return f"ZI:{v.unit.code}:{v.year}:{v.lke}:{self.fingerprint}"
