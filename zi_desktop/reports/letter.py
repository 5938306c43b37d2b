"""The letter around the results: kop surat, number and addressee, introduction, closing.

The LHE leaves the office as a letter (Tata Naskah Dinas): the letterhead of the issuing
office; number, attachments and subject beside the place and date; the addressee (the head of
the evaluated unit); then chapter I, the introduction (the basis of the evaluation, the
surat tugas, the team, the period, the scope and the method). Chapter V closes the letter
before the signatures.
"""

from __future__ import annotations

from ..formatting import format_date
from ..i18n import _
from ..values.views import EvaluatorProfile
from .blocks import Block, Heading, LetterHead, LetterMeta, Numbered, Row, Table, para
from .labels import area_name, predikat_label, role_label, tier_label
from .model import ReportData

ROLE_ORDER = {"dalnis": 0, "ketua": 1, "anggota": 2, "koordinator": 3}
BLANK = "……………………"


def team_members(data: ReportData) -> list[EvaluatorProfile]:
    """The team in order of responsibility: pengendali teknis, ketua, anggota, koordinator."""
    return sorted(data.team, key=lambda m: ROLE_ORDER.get(m.role, 9))


def letterhead(data: ReportData) -> LetterHead:
    """The kop surat from the settings; without them, the unit's instansi and the TPI."""
    head = data.letterhead
    return LetterHead(
        instansi=(head.instansi.strip() or data.view.unit.instansi_name).upper(),
        office=(head.office.strip() or _("Internal evaluation team (TPI)")).upper(),
        address=head.address.strip(),
        logo=head.logo,
    )


def dated(data: ReportData) -> str:
    place = data.place.strip() or BLANK
    return _("{place}, {date}").format(
        place=place, date=format_date(data.evaluation_date, data.lang)
    )


def subject(data: ReportData) -> str:
    return _(
        "Report on the evaluation of Zona Integritas development towards WBK/WBBM at {unit}"
    ).format(unit=data.view.unit.name.strip())


def letter_meta(data: ReportData) -> LetterMeta:
    addressee = data.letter.addressee.strip() or _("Head of {unit}").format(
        unit=data.view.unit.name.strip()
    )
    return LetterMeta(
        fields=(
            (_("Number"), data.letter.number),
            (_("Attachments"), _("2 (two) appendices")),
            (_("Subject"), subject(data)),
        ),
        dated=dated(data),
        addressee=(_("To: {addressee}").format(addressee=addressee), _("at their office")),
    )


def _assignment(data: ReportData) -> str:
    number = data.letter.assignment_number.strip() or BLANK
    when = data.letter.assignment_date
    date = format_date(when, data.lang) if when else BLANK
    return _("Assignment letter (surat tugas) number {number} of {date}.").format(
        number=number, date=date
    )


def opening(data: ReportData) -> list[Block]:
    """The title and the first paragraph of the letter."""
    v = data.view
    return [
        para(
            _("Report on the Evaluation of Zona Integritas Development towards WBK/WBBM").upper(),
            "title",
        ),
        para(f"{v.unit.name} — " + _("Year {year}").format(year=v.year), "subtitle"),
        para(
            _(
                "Under the assignment letter (surat tugas) named below, the internal "
                "evaluation team (TPI) has evaluated the development of the Zona Integritas "
                "towards WBK/WBBM at {unit}. We report the results as follows."
            ).format(unit=v.unit.name.strip())
        ),
    ]


def _team_table(data: ReportData) -> Table:
    rows = tuple(
        Row((str(n), m.name, m.nip, role_label(m.role)))
        for n, m in enumerate(team_members(data), 1)
    ) or (Row(("—", "—", "—", "—")),)
    return Table((_("No."), _("Name"), _("NIP"), _("Role")), rows, (10, 60, 45, 55), "c")


def _identity_table(data: ReportData) -> Table:
    u = data.view.unit
    pairs = (
        (_("Unit name"), u.name),
        (_("Unit code"), u.code),
        (_("Instansi"), f"{u.instansi_name} ({u.instansi_code})"),
        (_("Address"), u.address),
        (_("Head of unit"), u.head),
        (_("Type of service"), u.service_type),
        (_("Current predikat"), predikat_label(u.current_predikat)),
        (_("Predikat proposed"), predikat_label(u.target_predikat)),
    )
    return Table((), tuple(Row((k, v or "—")) for k, v in pairs), (30, 70), key_value=True)


def introduction(data: ReportData) -> list[Block]:
    v = data.view
    areas = ", ".join(area_name(n) for n in range(1, 7))
    return [
        Heading(_("I. INTRODUCTION"), 1),
        Heading(_("A. Basis of the evaluation"), 2),
        Numbered(
            (
                _(
                    "Regulation of the Minister for Administrative and Bureaucratic Reform "
                    "(PermenPANRB) number 90 of 2021 on the development and evaluation of "
                    "Zona Integritas towards WBK and WBBM in government agencies;"
                ),
                _assignment(data),
            )
        ),
        Heading(_("B. Evaluation team"), 2),
        _team_table(data),
        Heading(_("C. Period and time of the evaluation"), 2),
        para(
            _(
                "The evaluation covers the development of the Zona Integritas in the year "
                "{year} and was carried out on {date}."
            ).format(year=v.year, date=format_date(data.evaluation_date, data.lang))
        ),
        Heading(_("D. Scope"), 2),
        para(
            _(
                "The evaluation covers {unit} of {instansi}, proposed for the predikat "
                "{predikat}: the pengungkit component (the six areas of change: {areas}) and "
                "the hasil component (a clean and accountable bureaucracy, excellent public "
                "service), with the worksheet {lke}."
            ).format(
                unit=v.unit.name.strip(),
                instansi=v.unit.instansi_name.strip(),
                predikat=predikat_label(v.unit.target_predikat),
                areas=areas,
                lke=data.definition.title,
            )
        ),
        _identity_table(data),
        Heading(_("E. Method"), 2),
        para(
            _(
                "The team reviewed the unit's self-assessment in the evaluation worksheet "
                "(LKE), checked the evidence (data dukung), held interviews and observed the "
                "services on site, and computed the scores and the verdicts by the rules of "
                "PermenPANRB 90/2021, Lampiran II. The unit's scores and the TPI's are shown "
                "side by side. Scores evaluated in this report: {tier}."
            ).format(tier=tier_label(data.tier))
        ),
    ]


def closing(data: ReportData) -> list[Block]:
    return [
        Heading(_("V. CLOSING"), 1),
        para(
            _(
                "This concludes our report on the evaluation. Thank you for your attention and "
                "cooperation."
            )
        ),
    ]
