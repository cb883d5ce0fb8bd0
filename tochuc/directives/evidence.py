"""Task-results evidence for evaluations: the figures of one unit or one person over a period.

The evaluation capability calls ``task_evidence`` and nothing else. A task counts
when its deadline falls in ``[start, end]`` (tasks without a deadline are never
"due"). For a unit: the tasks it leads itself (not its children's); for a person:
the tasks where they are the responsible person. As of ``end``:

- ``due`` — tasks with a deadline in the period;
- ``done_on_time`` — completed on or before the deadline;
- ``done_late`` — completed after the deadline, by ``end``;
- ``overdue`` — not completed by ``end`` although the deadline is before ``end``
  (a task whose deadline is ``end`` itself and is still open is due but not
  overdue, so ``due`` may exceed the sum of the other three);
- ``exceeding`` — due tasks rated "exceeding requirements".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.models import Quality, Task
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person


@dataclass(frozen=True)
class TaskEvidence:
    due: int
    done_on_time: int
    done_late: int
    overdue: int
    exceeding: int


def task_evidence(
    *, unit: OrgUnit | None = None, person: Person | None = None, start: dt.date, end: dt.date
) -> TaskEvidence:
    if (unit is None) == (person is None):
        raise DomainError(
            _("Cần chọn đúng một đơn vị hoặc một người."), code=DirectivesErrorCode.ONE_SUBJECT_REQUIRED
        )
    if end < start:
        raise DomainError(
            _("Ngày kết thúc kỳ không được trước ngày bắt đầu."),
            field="end",
            code=DirectivesErrorCode.END_BEFORE_START,
        )
    qs = Task.objects.filter(deadline__gte=start, deadline__lte=end)
    qs = qs.filter(lead_unit=unit) if unit is not None else qs.filter(responsible_person=person)
    done_by_end = Q(completed_on__isnull=False, completed_on__lte=end)
    figures = qs.aggregate(
        due=Count("id"),
        done_on_time=Count("id", filter=Q(completed_on__isnull=False, completed_on__lte=F("deadline"))),
        done_late=Count("id", filter=done_by_end & Q(completed_on__gt=F("deadline"))),
        overdue=Count("id", filter=~done_by_end & Q(deadline__lt=end)),
        exceeding=Count("id", filter=Q(quality=Quality.EXCEEDING)),
    )
    return TaskEvidence(**figures)
