"""The bits of WordprocessingML that python-docx has no API for.

Page-number fields, cell shading, a table header row repeated on every page, paragraph
borders (the kop surat's double rule), the draft watermark (a VML text shape in the header,
the way Word writes its own watermarks, which LibreOffice reads too), and a reproducible
package (fixed time stamps in the ZIP).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import quoteattr

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'


def add_field(paragraph: Paragraph, code: str) -> None:
    """A field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice fill in when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def shade(cell: _Cell, fill: str) -> None:
    """Fill ``cell`` with the colour ``fill`` (hex, no #)."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def repeat_as_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table runs onto; never split it."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def keep_row_whole(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)


def bottom_border(paragraph: Paragraph, kind: str = "thickThinSmallGap", size: int = 24) -> None:
    """A rule under ``paragraph`` (the kop surat's thick-and-thin double line)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", kind),
        ("w:sz", str(size)),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


def no_borders(table_element: object) -> None:
    """Remove every border of a table (layout tables: kop surat, letter fields, signatures)."""
    properties = table_element.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def watermark(paragraph: Paragraph, text: str, colour: str) -> None:
    """``text`` across the middle of every page, turned and faint, behind the text."""
    shape = (
        f"<w:r {nsdecls('w')} {VML}><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        '<v:shape id="ZiDraftMark" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:470pt;height:90pt;'
        "rotation:308;z-index:-251657216;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        f'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#{colour}" '
        'stroked="f"><v:fill opacity=".18"/>'
        '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" '
        f"string={quoteattr(text)}/>"
        "</v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(shape))


def reproducible(package: bytes) -> bytes:
    """The same package with every member's time stamp fixed, so equal input gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()
