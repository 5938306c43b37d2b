"""Evaluation worksheets that are not the LKE Zona Integritas of PermenPANRB 90/2021.

Units sometimes hand in the wrong instrument: the worksheet of the Reformasi Birokrasi
evaluation, or a Zona Integritas worksheet of the guideline before 2021 (PermenPANRB 52/2014,
amended by PermenPANRB 10/2019). Each is recognised by texts only it has, searched in a
sheet's text (lower case, spaces collapsed):

* the regulation named in the form's heading ("Nomor 52 Tahun 2014", "Nomor 10 Tahun 2019");
* the results (*hasil*) of the guideline before 2021, "Terwujudnya Pemerintahan yang Bersih
  dan Bebas KKN" and "Terwujudnya Peningkatan Kualitas Pelayanan Publik kepada Masyarakat"
  (PermenPANRB 90/2021 has "Birokrasi yang Bersih dan Akuntabel" and "Pelayanan Publik yang
  Prima");
* the areas of the Reformasi Birokrasi evaluation that the Zona Integritas does not have,
  "Deregulasi Kebijakan" and "Penataan dan Penguatan Organisasi".

A sheet whose heading names PermenPANRB 90/2021 ("Nomor 90 Tahun 2021") is never taken for
another instrument.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _

CURRENT = "nomor 90 tahun 2021"


@dataclass(frozen=True)
class Instrument:
    id: str
    marks: tuple[str, ...]

    def title(self) -> str:
        titles = {
            "zi-52-2014": _("a Zona Integritas worksheet of PermenPANRB 52/2014"),
            "zi-10-2019": _("a Zona Integritas worksheet of PermenPANRB 10/2019"),
            "zi-before-2021": _(
                "a Zona Integritas worksheet of the guideline before 2021 "
                "(PermenPANRB 52/2014, amended by 10/2019)"
            ),
            "rb": _("a worksheet of the Reformasi Birokrasi evaluation"),
        }
        return titles[self.id]


INSTRUMENTS = (
    Instrument("zi-10-2019", ("nomor 10 tahun 2019",)),
    Instrument("zi-52-2014", ("nomor 52 tahun 2014",)),
    Instrument(
        "zi-before-2021",
        (
            "terwujudnya pemerintahan yang bersih dan bebas kkn",
            "terwujudnya peningkatan kualitas pelayanan publik kepada masyarakat",
        ),
    ),
    Instrument("rb", ("deregulasi kebijakan", "penataan dan penguatan organisasi")),
)


def recognise(text: str) -> Instrument | None:
    """The other instrument whose marks ``text`` (lower case, spaces collapsed) has."""
    if CURRENT in text:
        return None
    return next((i for i in INSTRUMENTS if any(m in text for m in i.marks)), None)
