"""Writes to evaluations. Each service is one transaction with one audit event.

- ``cycle``: opening (bulk: one evaluation per collective and per person), closing, task figures.
- ``steps``: self-review → comments → appraisal → decision, justifications.
- ``importing``: proposed results from a workbook, all-or-nothing.
"""

from tochuc.evaluations.services.batch import UnitDecisions, decisions_for_unit, ready_to_decide
from tochuc.evaluations.services.common import period_end, period_start
from tochuc.evaluations.services.cycle import (
    cycle_close,
    cycle_open,
    evaluation_refresh_tasks,
)
from tochuc.evaluations.services.importing import (
    ImportRejected,
    ImportRow,
    evaluation_import,
    read_workbook,
)
from tochuc.evaluations.services.steps import (
    appraisal_record,
    comments_record,
    decision_record,
    justification_write,
    self_review_submit,
)

__all__ = [
    "ImportRejected",
    "ImportRow",
    "UnitDecisions",
    "appraisal_record",
    "comments_record",
    "cycle_close",
    "cycle_open",
    "decision_record",
    "decisions_for_unit",
    "evaluation_import",
    "evaluation_refresh_tasks",
    "justification_write",
    "period_end",
    "period_start",
    "read_workbook",
    "ready_to_decide",
    "self_review_submit",
]
