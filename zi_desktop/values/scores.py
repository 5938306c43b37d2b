"""The scoring results as value types for the screens and the command line: what a score is
(:class:`ScoreResult` with its areas, conditions and verdicts), the names people read for
them, and the LKE definition they refer to. Re-exported here so that front-ends never reach
into the scoring engine or the LKE loader themselves."""

from __future__ import annotations

from ..lke.model import AREA_NAMES as AREA_NAMES
from ..lke.model import Definition as Definition
from ..scoring.json_view import result_to_dict as result_to_dict
from ..scoring.labels import condition_label as condition_label
from ..scoring.labels import verdict_label as verdict_label
from ..scoring.result import AreaScore as AreaScore
from ..scoring.result import Condition as Condition
from ..scoring.result import ScoreResult as ScoreResult
from ..scoring.result import Verdict as Verdict
