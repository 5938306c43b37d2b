"""The cover page (title, unit, period, date, team, QR seal) and the identity section.

The cover's QR code and fingerprint sit at a fixed place at the foot of the page (the
"seal"), drawn by the cover's page template, so they are always on page 1 however long the
unit's name or the team list is.
"""

from __future__ import annotations

from ..formatting import format_date
from ..i18n import _, ngettext
from ..services.values import EvaluatorProfile
from . import styles as st
from .fonts import BOLD, REGULAR
from .labels import num, predikat_label, role_label, status_label, tier_label, verdict_label
from .model import ReportData
from .rl import (
    Canvas,
    Drawing,
    Flowable,
    NextPageTemplate,
    PageBreak,
    QrCodeWidget,
    Spacer,
    mm,
    renderPDF,
    simpleSplit,
)

QR_SIZE = 34 * mm
QR_X = st.PAGE_WIDTH - st.MARGIN_X - QR_SIZE
QR_Y = st.MARGIN_BOTTOM
COVER_FRAME_BOTTOM = QR_Y + QR_SIZE + 6 * mm
ROLE_ORDER = {"dalnis": 0, "ketua": 1, "anggota": 2, "koordinator": 3}
COVER_TEAM = 6  # members named on the cover


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    """The QR code of ``payload`` (error correction M, survives a worn printout)."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2, barWidth=size, barHeight=size)
    drawing = Drawing(size, size, initialFontName=REGULAR)
    drawing.add(widget)
    return drawing


def draw_cover_seal(canvas: Canvas, data: ReportData) -> None:
    """QR code and full fingerprint at the foot of the cover."""
    renderPDF.draw(qr_drawing(data.qr_payload()), canvas, QR_X, QR_Y)
    left = st.MARGIN_X
    width = QR_X - left - 6 * mm
    canvas.saveState()
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(left, QR_Y, QR_X - left - 3 * mm, QR_SIZE, stroke=1, fill=0)
    y = QR_Y + QR_SIZE - 14
    canvas.setFillColor(st.INK)
    canvas.setFont(BOLD, 9)
    canvas.drawString(left + 8, y, _("Fingerprint of the assessment (SHA-256)"))
    canvas.setFont(REGULAR, 8.5)
    fp = data.fingerprint.upper()
    for part in (fp[:32], fp[32:]):
        y -= 12
        canvas.drawString(left + 8, y, " ".join(part[i : i + 4] for i in range(0, len(part), 4)))
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(st.MUTED)
    lines = _(
        "The QR code holds the unit, period, LKE version and this fingerprint. "
        "'zi verify' shows the same fingerprint for the signed package of this assessment."
    )
    y -= 6
    for line in simpleSplit(lines, REGULAR, 7.5, width - 8):
        y -= 10
        canvas.drawString(left + 8, y, line)
    canvas.restoreState()


def team_members(data: ReportData) -> list[EvaluatorProfile]:
    """The team in signing order: pengendali teknis, ketua, anggota, koordinator."""
    return sorted(data.team, key=lambda m: ROLE_ORDER.get(m.role, 9))


def _cover_team(data: ReportData) -> str:
    """The team, one member a line; a big team is cut short (section 1 lists everyone)."""
    members = team_members(data)
    shown = members if len(members) <= COVER_TEAM else members[: COVER_TEAM - 1]
    lines = [f"{m.name} — {role_label(m.role)}" for m in shown]
    rest = len(members) - len(shown)
    if rest:
        lines.append(
            ngettext(
                "and {count} more member (see section 1)",
                "and {count} more members (see section 1)",
                rest,
            ).format(count=rest)
        )
    return "\n".join(lines)


def cover(data: ReportData) -> list[Flowable]:
    v = data.view
    out: list[Flowable] = [
        NextPageTemplate("body"),  # a cover that overflows continues on ordinary pages
        st.para(_("INTERNAL EVALUATION TEAM (TPI)"), st.CENTER),
        st.para(v.unit.instansi_name.upper(), st.CENTER),
        Spacer(1, 16 * mm),
        st.para(
            _("Report on the Evaluation of Zona Integritas Development towards WBK/WBBM"), st.TITLE
        ),
        Spacer(1, 4 * mm),
        st.para(v.unit.name, st.SUBTITLE),
        Spacer(1, 12 * mm),
    ]
    team = _cover_team(data)
    verdicts = "\n".join(
        _("Menuju {predikat}: {status}").format(predikat=p, status=verdict_label(r.status))
        for p, r in data.result.verdicts.items()
    )
    out.append(
        st.key_value_table(
            [
                (_("Unit"), f"{v.unit.name} ({v.unit.code})"),
                (_("Instansi"), v.unit.instansi_name),
                (_("Evaluation period"), _("Year {year}").format(year=v.year)),
                (_("Evaluation date"), format_date(data.evaluation_date, data.lang)),
                (_("Scores evaluated"), tier_label(data.tier)),
                (_("LKE version"), f"{data.definition.title} — {v.lke}"),
                (_("Assessment status"), status_label(v.status)),
                (_("ZI evaluation score"), num(data.result.total, data.lang)),
                (_("Verdict"), verdicts),
                (_("TPI team"), team or "—"),
            ]
        )
    )
    out.append(PageBreak())
    return out


def identity(data: ReportData) -> list[Flowable]:
    u = data.view.unit
    out: list[Flowable] = [
        st.para(_("1. Identity of the unit and the evaluation team"), st.H1),
        st.para(_("Unit"), st.H2),
        st.key_value_table(
            [
                (_("Unit name"), u.name),
                (_("Unit code"), u.code),
                (_("Instansi"), f"{u.instansi_name} ({u.instansi_code})"),
                (_("Address"), u.address),
                (_("Head of unit"), u.head),
                (_("Type of service"), u.service_type),
                (_("Current predikat"), predikat_label(u.current_predikat)),
                (_("Predikat proposed"), predikat_label(u.target_predikat)),
            ]
        ),
        st.para(_("Internal evaluation team (TPI)"), st.H2),
    ]
    head = [st.para(t, st.CELL_BOLD) for t in ("No.", _("Name"), _("NIP"), _("Role"))]
    rows = [
        [st.para(str(n), st.CELL_CENTER), st.para(m.name, st.CELL), st.para(m.nip, st.CELL),
         st.para(role_label(m.role), st.CELL)]
        for n, m in enumerate(team_members(data), 1)
    ]  # fmt: skip
    if not rows:
        rows = [[st.para("—", st.CELL)] * 4]
    out.append(st.table([head, *rows], [8, 60, 45, 55]))
    return out
