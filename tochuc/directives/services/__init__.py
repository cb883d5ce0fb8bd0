"""Writes to directives and tasks. Each service is one transaction with one audit event.

Decisions (issue 5):

- ``directive_register`` needs EDIT on the registering unit; the number-symbol is
  checked with the reader's ``validate_number_symbol``; the term defaults to
  ``term_for(issued_on)`` (see ``terms.py``).
- ``task_assign``: the assigning unit is the directive's unit (top tasks) or the
  parent task's lead unit (child tasks); the actor needs EDIT on it, and the lead
  and cooperating units must lie in its subtree. A finished task is not reassigned.
- ``task_break_down``: EDIT on the task's lead unit; children are led inside its
  subtree, with deadlines no later than the parent's.
- ``progress_report_submit``: EDIT on the lead unit; the percent never goes down;
  100 % or ``is_final`` completes the task (``completed_on`` = the report date).
- ``task_rate_quality``: APPROVE on the assigning unit (a leader's judgement), only
  when the task is done, never by the lead unit itself nor by the responsible person
  or a recorded relative of theirs.
"""

from __future__ import annotations

from tochuc.directives.services.common import MAX_TASKS
from tochuc.directives.services.directives import directive_register
from tochuc.directives.services.progress import progress_report_submit, task_rate_quality
from tochuc.directives.services.tasks import task_assign, task_break_down

__all__ = [
    "MAX_TASKS",
    "directive_register",
    "progress_report_submit",
    "task_assign",
    "task_break_down",
    "task_rate_quality",
]
