"""Every reportlab name the report uses, imported in one place.

reportlab ships no type information (and the project installs no stubs for it), so its
names are typed ``Any``; importing them here keeps the ``type: ignore`` comments that this
needs out of the modules that lay out the report.
"""

from reportlab.graphics import renderPDF  # type: ignore[import-untyped]
from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader, simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "TA_CENTER",
    "TA_RIGHT",
    "BaseDocTemplate",
    "Canvas",
    "CondPageBreak",
    "Drawing",
    "Flowable",
    "Frame",
    "HRFlowable",
    "HorizontalBarChart",
    "Image",
    "ImageReader",
    "KeepTogether",
    "Line",
    "NextPageTemplate",
    "PageBreak",
    "PageTemplate",
    "Paragraph",
    "ParagraphStyle",
    "QrCodeWidget",
    "Rect",
    "Spacer",
    "String",
    "TTFont",
    "Table",
    "TableStyle",
    "addMapping",
    "colors",
    "mm",
    "pdfmetrics",
    "renderPDF",
    "simpleSplit",
    "stringWidth",
]
