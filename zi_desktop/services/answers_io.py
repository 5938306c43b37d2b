"""Importing and exporting one tier's answers as a ``zi-answers/1`` file."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from ..errors import UserFacingError
from ..i18n import _
from ..scoring.answers_file import AnswersFile, dump_answers, read_answers
from ..storage.tables import Answer
from .assessments import AssessmentsMixin, check_tier
from .base import now
from .scorecache import answers_map, decode_value, encode_value


class AnswersIOMixin(AssessmentsMixin):
    def import_answers(self, code: str, tier: str, path: Path, year: int | None = None) -> int:
        """Replace a tier's answers with those of a file, in one transaction; returns the count.

        Notes are kept. The whole file is checked before anything is written.
        """
        check_tier(tier)
        answers_file, _definition = read_answers(Path(path))
        with self.transaction() as s:
            unit, a, p = self.assessment_rows(s, code, year)
            if answers_file.lke != p.lke_version:
                raise UserFacingError(
                    _("{file} is for LKE {found}, but this assessment uses {expected}.").format(
                        file=path, found=answers_file.lke, expected=p.lke_version
                    )
                )
            definition = self.definition(p.lke_version)
            assert a.id is not None
            rows = {
                r.node_id: r
                for r in s.exec(
                    select(Answer).where(Answer.assessment_id == a.id, Answer.tier == tier)
                )
            }
            changed = 0
            for node_id in definition.answer_ids():
                new = answers_file.answers.get(node_id)
                row = rows.get(node_id) or Answer(
                    assessment_id=a.id, tier=tier, node_id=node_id, updated_at=now()
                )
                old = decode_value(definition, row) if row.id is not None else None
                if old == new:
                    continue
                row.option, row.number = (None, None) if new is None else encode_value(new)
                self.touch_answer(s, a, row)
                self.audit(
                    s,
                    f"answer/{code}/{p.year}/{tier}/{node_id}",
                    None if old is None else str(old),
                    None if new is None else str(new),
                )
                changed += 1
            self.rescore(s, unit, a, p, tier)
            return changed

    def export_answers(self, code: str, tier: str, year: int | None = None) -> str:
        """A tier's answers as the text of a ``zi-answers/1`` file."""
        check_tier(tier)
        with self.reading() as s:
            unit, a, p = self.assessment_rows(s, code, year)
            assert a.id is not None
            answers = answers_map(s, self.definition(p.lke_version), a.id, tier)
            predikat = self._predikat(unit)
        return dump_answers(AnswersFile(p.lke_version, answers, predikat))
