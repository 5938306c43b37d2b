"""The survey page of Hasil: IPAK and IPKP index, respondents, period, who ran the survey and
the survey report as evidence. Capaian kinerja (A–E) is answered on its question page.

Each field saves when it loses focus (no save button); a respondent count under 30 is
flagged next to the field.

Signals:
    sig_changed(): a survey was saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.values.views import SURVEYS, AssessmentView

from ..dialogs import get_service
from ..widgets.plain_text import PlainLabel
from .inputs import IndexEdit

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

MIN_RESPONDENTS = 30


class _SurveyForm(QGroupBox):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.index = IndexEdit()
        self.respondents = QSpinBox()
        self.respondents.setRange(0, 10_000_000)
        self.respondents.setSpecialValueText("—")
        self.few = PlainLabel()
        self.few.setStyleSheet("color: #8a5a00")
        self.period = QLineEdit()
        self.conducted_by = QLineEdit()
        self.report = PlainLabel("—")
        self.choose_report = QPushButton()
        self.labels = [PlainLabel() for _ in range(5)]
        form = QFormLayout(self)
        for label, field in zip(
            self.labels,
            (self.index, self.respondents, self.period, self.conducted_by, self.report),
            strict=True,
        ):
            form.addRow(label, field)
        form.addRow("", self.few)
        form.addRow("", self.choose_report)

    def retranslate(self) -> None:
        self.setTitle(_("{kind} survey").format(kind=self.kind))
        texts = (_("Index (0–4)"), _("Respondents"), _("Period"), _("Conducted by"), _("Report"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.choose_report.setText(_("Attach survey report…"))
        self.update_warning()

    def update_warning(self) -> None:
        count = self.respondents.value()
        self.few.setText(
            _("Fewer than {minimum} respondents: check the survey's validity.").format(
                minimum=MIN_RESPONDENTS
            )
            if 0 < count < MIN_RESPONDENTS
            else ""
        )


class SurveyPage(QWidget):
    sig_changed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.code = ""
        self.heading = PlainLabel()
        self.heading.setWordWrap(True)
        self.forms = {kind: _SurveyForm(kind) for kind in SURVEYS}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for form in self.forms.values():
            layout.addWidget(form)
            form.index.sig_committed.connect(lambda _v, f=form: self._save(f))
            form.respondents.editingFinished.connect(lambda f=form: self._save(f))
            form.respondents.valueChanged.connect(lambda _v, f=form: f.update_warning())
            form.period.editingFinished.connect(lambda f=form: self._save(f))
            form.conducted_by.editingFinished.connect(lambda f=form: self._save(f))
            form.choose_report.clicked.connect(lambda _c=False, f=form: self._choose_report(f))
        layout.addStretch(1)
        self._loading = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(
            _(
                "External survey results of the unit (TPI tier). The index is the B.I.a / B.II.a "
                "answer: nilai = index ÷ 4 × 17,5."
            )
        )
        for form in self.forms.values():
            form.retranslate()

    def load(self, view: AssessmentView) -> None:
        self._loading = True
        self.code = view.unit.code
        for kind, form in self.forms.items():
            survey = next((s for s in view.surveys if s.kind == kind and s.tier == "tpi"), None)
            answer = view.answers["tpi"].get(view.survey_items[kind])
            form.index.set_value(answer.value if answer else None)
            form.respondents.setValue(survey.respondents or 0 if survey else 0)
            form.period.setText(survey.period if survey else "")
            form.conducted_by.setText(survey.conducted_by if survey else "")
            form.report.setText(
                survey.report_sha256[:12] if survey and survey.report_sha256 else "—"
            )
            form.update_warning()
        self._loading = False

    def _save(self, form: _SurveyForm, report: Path | None = None) -> None:
        if self._loading:
            return
        index = form.index._last  # the committed value (None while empty)
        if index is None:
            form.index.error.setText(_("Enter the index first; the survey details belong to it."))
            form.index.error.setVisible(True)
            return
        try:
            self.workspace.set_survey(
                self.code,
                form.kind,
                index,
                form.respondents.value() or None,
                form.period.text().strip(),
                form.conducted_by.text().strip(),
                report,
            )
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            return
        self.sig_changed.emit()

    def _choose_report(self, form: _SurveyForm) -> None:
        files = get_service().open_files(
            self, _("Survey report"), _("Documents (*.pdf *.jpg *.png)")
        )
        if files:
            self._save(form, files[0])
