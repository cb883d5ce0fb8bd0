"""Progress reports by the lead unit and quality ratings by the assigning unit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today as _today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.models import ProgressReport, Quality, Task
from tochuc.people.relations import related_person_ids


def progress_report_submit(
    *,
    actor: Actor | None,
    task: Task,
    percent: int,
    narrative: str,
    reported_on: dt.date | None = None,
    period_end: dt.date | None = None,
    attachment: object = None,
    is_final: bool = False,
) -> ProgressReport:
    """The lead unit reports progress; 100 % (or ``is_final``) completes the task on ``reported_on``."""
    today = _today()
    reported_on = reported_on or today
    if reported_on > today:
        raise DomainError(
            _("Ngày báo cáo không được sau hôm nay."),
            field="reported_on",
            code=DirectivesErrorCode.REPORTED_IN_FUTURE,
        )
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise DomainError(
            _("Tiến độ phải là số nguyên từ 0 đến 100."),
            field="percent",
            code=DirectivesErrorCode.INVALID_PERCENT,
        )
    if is_final and percent != 100:
        raise DomainError(
            _("Báo cáo hoàn thành phải ghi tiến độ 100%."),
            field="percent",
            code=DirectivesErrorCode.DONE_NEEDS_FULL_PERCENT,
        )
    narrative = nfc(narrative or "").strip()
    if not narrative:
        raise DomainError(
            _("Cần nêu kết quả thực hiện."), field="narrative", code=DirectivesErrorCode.NARRATIVE_REQUIRED
        )
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("lead_unit", "directive")
            .get(pk=task.pk)
        )
        if task.lead_unit is None:
            raise DomainError(_("Nhiệm vụ chưa có cơ quan chủ trì."), code=DirectivesErrorCode.NO_LEAD_UNIT)
        enforce(actor, Action.EDIT, task.lead_unit)
        if task.completed_on is not None:
            raise DomainError(
                _("Nhiệm vụ đã hoàn thành; không báo cáo thêm."), code=DirectivesErrorCode.TASK_DONE
            )
        if percent < task.percent:
            raise DomainError(
                _("Tiến độ không được thấp hơn lần báo cáo trước (%(p)d%%).") % {"p": task.percent},
                field="percent",
                code=DirectivesErrorCode.PERCENT_DECREASED,
            )
        if task.last_report_on is not None and reported_on < task.last_report_on:
            raise DomainError(
                _("Ngày báo cáo không được trước lần báo cáo trước (%(d)s).")
                % {"d": date_format(task.last_report_on, "d/m/Y")},
                field="reported_on",
                code=DirectivesErrorCode.REPORTED_BEFORE_LAST,
            )
        done = is_final or percent == 100
        report = ProgressReport(
            task=task,
            period_end=period_end,
            reported_on=reported_on,
            percent=percent,
            narrative=narrative,
            is_final=done,
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if attachment is not None:
            report.attachment = attachment
        report.save()
        task.percent = percent
        task.last_report_on = reported_on
        task.started_on = task.started_on or reported_on
        if done:
            task.completed_on = reported_on
        task.save(update_fields=["percent", "last_report_on", "started_on", "completed_on", "updated_at"])
        record(
            actor=actor,
            action="task.report",
            target=task,
            unit_path=task.lead_unit.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "percent": percent,
                "reported_on": reported_on.isoformat(),
                "final": done,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return report


def task_rate_quality(*, actor: Actor | None, task: Task, quality: str, note: str = "") -> Task:
    """The assigning unit rates a finished task (exceeding / met / not met)."""
    if quality not in Quality.values:
        raise DomainError(
            _("Mức chất lượng không hợp lệ."), field="quality", code=DirectivesErrorCode.INVALID_QUALITY
        )
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("assigned_by", "lead_unit", "directive")
            .get(pk=task.pk)
        )
        enforce(actor, Action.APPROVE, task.assigned_by)
        if task.completed_on is None:
            raise DomainError(
                _("Chỉ đánh giá chất lượng khi nhiệm vụ đã hoàn thành."),
                code=DirectivesErrorCode.TASK_NOT_DONE,
            )
        if task.lead_unit_id == task.assigned_by_id:
            raise DomainError(
                _(
                    "Cơ quan chủ trì không tự đánh giá chất lượng nhiệm vụ của mình; cấp giao nhiệm vụ đánh giá."
                ),
                code=DirectivesErrorCode.LEAD_RATES_OWN,
            )
        own = getattr(actor, "person_id", None)
        responsible = task.responsible_person_id
        if (
            own is not None
            and responsible is not None
            and (own == responsible or responsible in related_person_ids(own))
        ):
            raise DomainError(
                _("Không đánh giá nhiệm vụ do chính mình hoặc người thân phụ trách."),
                code=DirectivesErrorCode.RATER_CONFLICT,
            )
        previous = task.quality
        task.quality = quality
        task.quality_note = nfc(note or "").strip()
        task.rated_by = actor if getattr(actor, "is_authenticated", False) else None
        task.save(update_fields=["quality", "quality_note", "rated_by", "updated_at"])
        record(
            actor=actor,
            action="task.rate",
            target=task,
            unit_path=task.assigned_by.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "quality": quality,
                "previous": previous,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return task
