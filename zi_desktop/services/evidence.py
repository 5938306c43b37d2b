"""Attaching evidence files to items, captions, detaching; survey results and their report.

A file is copied into the content-addressed store before the database transaction that links
it; a stored file is deleted only after the transaction that removed its last link.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from ..errors import UserFacingError
from ..i18n import _
from ..lke.model import SURVEYS
from ..storage.evidence import CancelCheck, Progress, StoredBlob
from ..storage.filetypes import name_for
from ..storage.tables import Evidence, StoredFile, Survey
from ..values.views import EvidenceView
from .assessments import AssessmentsMixin, check_tier
from .base import now
from .scorecache import encode_value


class EvidenceMixin(AssessmentsMixin):
    def _register_blob(self, s: Session, blob: StoredBlob) -> None:
        if s.get(StoredFile, blob.sha256) is None:
            s.add(StoredFile(sha256=blob.sha256, size=blob.size, mime=blob.mime, stored_at=now()))
            s.flush()  # no ORM relationship orders this insert before the link's

    def attach_evidence(
        self,
        code: str,
        tier: str,
        node_id: str,
        source: Path,
        caption: str = "",
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
        year: int | None = None,
    ) -> EvidenceView:
        """Store ``source`` (streamed, deduplicated) and link it to an item of a tier."""
        check_tier(tier)
        with self.reading() as s:  # fail fast on a bad unit or item before copying anything
            _u, _a, p = self.assessment_rows(s, code, year)
            if node_id not in self.definition(p.lke_version).items:
                raise UserFacingError(_("Unknown LKE item id {id}.").format(id=node_id))
        blob = self.store.add(Path(source), progress, cancel)
        with self.transaction() as s:
            _u, a, p = self.assessment_rows(s, code, year)
            assert a.id is not None
            self._register_blob(s, blob)
            link = Evidence(
                assessment_id=a.id,
                tier=tier,
                node_id=node_id,
                sha256=blob.sha256,
                file_name=name_for(Path(source).name, blob.mime),
                caption=caption,
                added_by=self.actor,
                added_at=now(),
            )
            s.add(link)
            s.flush()
            self.audit(
                s,
                f"evidence/{code}/{p.year}/{tier}/{node_id}",
                None,
                {"id": link.id, "sha256": blob.sha256, "file": link.file_name, "caption": caption},
            )
            assert link.id is not None
            return EvidenceView(
                link.id,
                tier,
                node_id,
                blob.sha256,
                link.file_name,
                caption,
                blob.size,
                blob.mime,
                self.actor,
                link.added_at,
            )

    def set_caption(self, evidence_id: int, caption: str) -> None:
        with self.transaction() as s:
            link = self._link(s, evidence_id)
            if link.caption != caption:
                self.audit(s, f"evidence-caption/{evidence_id}", link.caption, caption)
                link.caption = caption
                s.add(link)

    def detach_evidence(self, evidence_id: int) -> None:
        """Remove a link; the stored file goes too when nothing else refers to it."""
        with self.transaction() as s:
            link = self._link(s, evidence_id)
            sha = link.sha256
            self.audit(s, f"evidence/{evidence_id}", {"sha256": sha, "file": link.file_name}, None)
            s.delete(link)
            s.flush()
            orphan = self._unreferenced(s, sha)
            if orphan:
                blob = s.get(StoredFile, sha)
                if blob is not None:
                    s.delete(blob)
        if orphan:
            self.store.remove(sha)

    def evidence_path(self, sha256: str) -> Path:
        """Where a stored file can be read (for opening it with the system viewer)."""
        return self.store.path_of(sha256)

    def _link(self, s: Session, evidence_id: int) -> Evidence:
        link = s.get(Evidence, evidence_id)
        if link is None:
            raise UserFacingError(_("No evidence with id {id}.").format(id=evidence_id))
        return link

    def _unreferenced(self, s: Session, sha: str) -> bool:
        links = s.exec(
            select(func.count()).select_from(Evidence).where(Evidence.sha256 == sha)
        ).one()
        reports = s.exec(
            select(func.count()).select_from(Survey).where(Survey.report_sha256 == sha)
        ).one()
        return links == 0 and reports == 0

    def set_survey(
        self,
        code: str,
        kind: str,
        index: object,
        respondents: int | None = None,
        period: str = "",
        conducted_by: str = "",
        report: Path | None = None,
        tier: str = "tpi",
        year: int | None = None,
    ) -> None:
        """Record an IPAK or IPKP survey: the index (the answer to the LKE's survey item, B.I.a
        or B.II.a) and its details."""
        if kind not in SURVEYS:
            raise UserFacingError(_("Survey kind must be IPAK or IPKP."))
        if respondents is not None and (
            isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 0
        ):
            raise UserFacingError(_("The number of respondents must be 0 or more."))
        check_tier(tier)
        with self.reading() as s:
            _u, _a, p = self.assessment_rows(s, code, year)
            item = self.definition(p.lke_version).survey_items[kind]
            checked = self._coerce(self.definition(p.lke_version), item, index)
        blob = self.store.add(Path(report)) if report is not None else None
        with self.transaction() as s:
            unit, a, p = self.assessment_rows(s, code, year)
            assert a.id is not None
            if blob is not None:
                self._register_blob(s, blob)
            row = s.exec(
                select(Survey).where(
                    Survey.assessment_id == a.id, Survey.tier == tier, Survey.kind == kind
                )
            ).first() or Survey(assessment_id=a.id, tier=tier, kind=kind)
            old = {
                "respondents": row.respondents,
                "period": row.period,
                "by": row.conducted_by,
                "report": row.report_sha256,
            }
            replaced = row.report_sha256
            row.respondents, row.period, row.conducted_by = respondents, period, conducted_by
            if blob is not None:
                row.report_sha256 = blob.sha256
            new = {
                "respondents": respondents,
                "period": period,
                "by": conducted_by,
                "report": row.report_sha256,
            }
            if old != new or row.id is None:
                s.add(row)
                s.flush()
                self.audit(s, f"survey/{code}/{p.year}/{tier}/{kind}", old, new)
            orphan = (
                replaced is not None
                and replaced != row.report_sha256
                and self._unreferenced(s, replaced)
            )
            if orphan and replaced is not None:
                stale = s.get(StoredFile, replaced)
                if stale is not None:
                    s.delete(stale)
            answer = self._answer_row(s, a, tier, item)
            old_value = answer.number
            answer.option, answer.number = encode_value(checked)
            if old_value != answer.number:
                self.touch_answer(s, a, answer)
                self.audit(
                    s,
                    f"answer/{code}/{p.year}/{tier}/{item}",
                    old_value,
                    answer.number,
                )
            self.rescore(s, unit, a, p, tier)
        if orphan and replaced is not None:  # the old report file goes once nothing refers to it
            self.store.remove(replaced)
