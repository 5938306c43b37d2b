"""Opening an assessment, and answering: set or clear an answer, a note; status; progress."""

from __future__ import annotations

from typing import Any, cast

from sqlmodel import Session, select

from ..errors import UserFacingError
from ..i18n import _
from ..lke.model import Definition
from ..scoring import AnswerValue, InvalidAnswer, Predikat, ScoreResult, coerce_answer, score
from ..storage.answer_queries import (
    find_answer,
    find_target,
    insert_answer,
    touch_assessment,
    update_answer,
)
from ..storage.rows import answer_row
from ..storage.tables import (
    STATUSES,
    TIERS,
    Answer,
    Assessment,
    Evidence,
    Instansi,
    Period,
    Recommendation,
    StoredFile,
    Survey,
    Unit,
)
from ..values.views import (
    MAX_NOTE_CHARS,
    AnswerView,
    AreaProgress,
    AssessmentView,
    EvidenceView,
    SurveyView,
    UnitInfo,
)
from .base import WorkspaceBase, now
from .scorecache import answers_map, decode_value, encode_value, rescore


def check_tier(tier: str) -> None:
    if tier not in TIERS:
        raise UserFacingError(
            _("Unknown tier {tier}; use one of {tiers}.").format(tier=tier, tiers=", ".join(TIERS))
        )


def check_text_length(text: str) -> None:
    """Refuse a note or recommendation too long for the report to stay printable."""
    if len(text) > MAX_NOTE_CHARS:
        raise UserFacingError(
            _(
                "A note or recommendation holds at most {limit} characters; this one has "
                "{count}. Shorten it; nothing was saved."
            ).format(limit=MAX_NOTE_CHARS, count=len(text))
        )


def _json_value(value: AnswerValue | None) -> Any:
    if value is None or isinstance(value, (str, int)):
        return value
    return str(value)


class AssessmentsMixin(WorkspaceBase):
    def _predikat(self, unit: Unit) -> Predikat:
        return cast(Predikat, unit.current_predikat)

    def rescore(self, s: Session, unit: Unit, a: Assessment, p: Period, tier: str) -> ScoreResult:
        """Score a tier again inside the caller's transaction and keep its summary."""
        assert a.id is not None
        return rescore(
            s, self.definition(p.lke_version), a.id, tier, self.policy(), self._predikat(unit)
        )

    def open_assessment(self, code: str, year: int | None = None) -> AssessmentView:
        """The unit's assessment with both tiers' answers, evidence and live scores."""
        with self.reading() as s:
            unit, a, p = self.assessment_rows(s, code, year)
            definition = self.definition(p.lke_version)
            instansi = s.get(Instansi, unit.instansi_id)
            assert instansi is not None and a.id is not None
            answers: dict[str, dict[str, AnswerView]] = {t: {} for t in TIERS}
            for row in s.exec(select(Answer).where(Answer.assessment_id == a.id)):
                answers[row.tier][row.node_id] = AnswerView(
                    row.node_id,
                    decode_value(definition, row),
                    row.note,
                    row.updated_by,
                    row.updated_at,
                )
            policy, predikat = self.policy(), self._predikat(unit)
            scores = {
                t: score(definition, answers_map(s, definition, a.id, t), policy, predikat)
                for t in ("unit", "tpi")
            }
            return AssessmentView(
                unit=UnitInfo(
                    unit.code,
                    unit.name,
                    instansi.code,
                    instansi.name,
                    unit.address,
                    unit.head,
                    unit.service_type,
                    unit.current_predikat,
                    unit.target_predikat,
                ),
                year=p.year,
                lke=p.lke_version,
                status=a.status,
                answers=answers,
                evidence=self._evidence_views(s, a.id),
                surveys=self._survey_views(s, definition, a.id),
                recommendations={
                    r.area: r.text
                    for r in s.exec(
                        select(Recommendation).where(Recommendation.assessment_id == a.id)
                    )
                },
                scores=scores,
                survey_items=dict(definition.survey_items),
            )

    def _evidence_views(self, s: Session, assessment_id: int) -> tuple[EvidenceView, ...]:
        rows = s.exec(
            select(Evidence, StoredFile)
            .join(StoredFile)
            .where(Evidence.assessment_id == assessment_id)
            .order_by(Evidence.id)  # type: ignore[arg-type]
        )
        return tuple(
            EvidenceView(
                e.id or 0,
                e.tier,
                e.node_id,
                e.sha256,
                e.file_name,
                e.caption,
                f.size,
                f.mime,
                e.added_by,
                e.added_at,
            )
            for e, f in rows
        )

    def _survey_views(
        self, s: Session, definition: Definition, assessment_id: int
    ) -> tuple[SurveyView, ...]:
        index_item = definition.survey_items
        out = []
        for row in s.exec(select(Survey).where(Survey.assessment_id == assessment_id)):
            answer = s.exec(
                select(Answer).where(
                    Answer.assessment_id == assessment_id,
                    Answer.tier == row.tier,
                    Answer.node_id == index_item[row.kind],
                )
            ).first()
            value = decode_value(definition, answer) if answer else None
            out.append(
                SurveyView(
                    row.kind,
                    row.tier,
                    value if not isinstance(value, (str, int)) else None,
                    row.respondents,
                    row.period,
                    row.conducted_by,
                    row.report_sha256,
                )
            )
        return tuple(out)

    def set_answer(
        self, code: str, tier: str, node_id: str, value: object, year: int | None = None
    ) -> ScoreResult:
        """Set one answer (``None`` clears it); returns the tier's new score.

        The evaluator's hot path: it runs after every click, so its statements go to the
        connection directly, past the ORM's unit of work, in the same one transaction.
        """
        check_tier(tier)
        with self.transaction() as s:
            conn = s.connection()
            target = find_target(conn, code, year)
            if target is None:
                self.assessment_rows(s, code, year)  # says why: an unknown unit, or no assessment
                raise AssertionError("unreachable: the lookup above raises")
            assessment_id, predikat = target.assessment_id, target.current_predikat
            definition = self.definition(target.lke_version)
            checked = None if value is None else self._coerce(definition, node_id, value)
            if (
                value is None
                and node_id not in definition.items
                and node_id not in definition.inputs
            ):
                raise UserFacingError(_("Unknown LKE item id {id}.").format(id=node_id))
            row = find_answer(conn, assessment_id, tier, node_id)
            old = None if row is None else decode_value(definition, row)
            if old != checked:
                option, number = (None, None) if checked is None else encode_value(checked)
                stamp = now()
                change = {
                    "option": option,
                    "number": number,
                    "updated_by": self.actor,
                    "updated_at": stamp,
                }
                if row is None:
                    key = {"assessment_id": assessment_id, "tier": tier, "node_id": node_id}
                    insert_answer(conn, {**key, **change})
                else:
                    update_answer(conn, row.id, change)
                touch_assessment(conn, assessment_id, stamp)
                self.audit(
                    s,
                    f"answer/{code}/{target.year}/{tier}/{node_id}",
                    _json_value(old),
                    _json_value(checked),
                )
            policy = self.policy()
            return rescore(s, definition, assessment_id, tier, policy, cast(Predikat, predikat))

    def clear_answer(
        self, code: str, tier: str, node_id: str, year: int | None = None
    ) -> ScoreResult:
        return self.set_answer(code, tier, node_id, None, year)

    def set_note(
        self, code: str, tier: str, node_id: str, note: str, year: int | None = None
    ) -> None:
        check_tier(tier)
        check_text_length(note)
        with self.transaction() as s:
            _unit, a, p = self.assessment_rows(s, code, year)
            definition = self.definition(p.lke_version)
            if node_id not in definition.items:
                raise UserFacingError(_("Unknown LKE item id {id}.").format(id=node_id))
            row = self._answer_row(s, a, tier, node_id)
            if row.note == note:
                return
            old = row.note
            row.note = note
            self.touch_answer(s, a, row)
            self.audit(s, f"note/{code}/{p.year}/{tier}/{node_id}", old, note)

    def set_status(self, code: str, status: str, year: int | None = None) -> None:
        if status not in STATUSES:
            raise UserFacingError(
                _("Unknown status {status}; use one of {statuses}.").format(
                    status=status, statuses=", ".join(STATUSES)
                )
            )
        with self.transaction() as s:
            _unit, a, p = self.assessment_rows(s, code, year)
            if a.status != status:
                self.audit(s, f"status/{code}/{p.year}", a.status, status)
                a.status = status
                a.updated_at = now()
                s.add(a)

    def set_recommendation(self, code: str, area: int, text: str, year: int | None = None) -> None:
        if area not in range(1, 7):
            raise UserFacingError(_("Area must be 1 to 6."))
        check_text_length(text)
        with self.transaction() as s:
            _unit, a, p = self.assessment_rows(s, code, year)
            assert a.id is not None
            row = s.exec(
                select(Recommendation).where(
                    Recommendation.assessment_id == a.id, Recommendation.area == area
                )
            ).first() or Recommendation(assessment_id=a.id, area=area, text="", updated_at=now())
            if row.text == text:
                return
            self.audit(s, f"recommendation/{code}/{p.year}/{area}", row.text, text)
            row.text, row.updated_at = text, now()
            s.add(row)

    def progress(self, code: str, tier: str = "tpi", year: int | None = None) -> list[AreaProgress]:
        """Answered and required cells per area (7 = hasil)."""
        view = self.open_assessment(code, year)
        definition = self.definition(view.lke)
        if tier not in view.scores:
            raise UserFacingError(_("Progress is kept for the unit and tpi tiers."))
        missing = set(view.scores[tier].missing)
        counts: dict[int, list[int]] = {}
        for node in definition.answer_ids():
            area = int(node.split(".")[2]) if node.startswith("A.") else 7
            entry = counts.setdefault(area, [0, 0])
            entry[1] += 1
            if node not in missing:
                entry[0] += 1
        return [AreaProgress(k, v[0], v[1]) for k, v in sorted(counts.items())]

    # -- helpers -------------------------------------------------------------------------
    def _coerce(self, definition: Definition, node_id: str, value: object) -> AnswerValue:
        try:
            return coerce_answer(definition, node_id, value)
        except InvalidAnswer as bad:
            raise UserFacingError(
                _("{node}: {problem}").format(node=bad.node, problem=bad.problem)
            ) from None

    def _answer_row(self, s: Session, a: Assessment, tier: str, node_id: str) -> Answer:
        return answer_row(s, a, tier, node_id)

    def touch_answer(self, s: Session, a: Assessment, row: Answer) -> None:
        """Stamp a changed answer (and its assessment) with this actor and the time."""
        row.updated_by, row.updated_at = self.actor, now()
        a.updated_at = row.updated_at
        s.add(row)
        s.add(a)
