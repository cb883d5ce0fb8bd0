"""Writes for review periods and unit reports: one transaction and one audit event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, enforce, users_who_can
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload
from tochuc.core.errors import DomainError, not_found
from tochuc.notifications.services import Message, deliver
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews import figures as fig
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.files import attach
from tochuc.reviews.handover import hand_over_proposals
from tochuc.reviews.models import (
    SENT_STATUSES,
    ExpectedUnit,
    PeriodKind,
    ReportStatus,
    ReviewPeriod,
    Section,
    UnitReport,
    period_bounds,
)

MAX_SECTION_CHARS = 20_000
MAX_CODE_CHARS = 40
KIND_REMINDER = "review.reminder"


def _invalid(message: str, code: ReviewsErrorCode, field: str) -> DomainError:
    return DomainError(message, code=code, field=field)


def subordinates_on(unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    """The unit's direct subordinates still active on ``day`` (not dissolved, merged or split before it).

    The start of validity is not checked: units entered into the system after the day still
    report on the period (their creation date is often the day they were recorded).
    """
    return list(
        OrgUnit.objects.filter(parent=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("path")
    )


def _check_period_input(*, code: str, kind: str, year: int, quarter: int | None, deadline: dt.date) -> None:
    if not code.strip():
        raise _invalid(_("Cần nhập mã kỳ báo cáo."), ReviewsErrorCode.CODE_REQUIRED, "code")
    if len(code) > MAX_CODE_CHARS:
        raise _invalid(
            _("Mã kỳ báo cáo dài quá %(n)d ký tự.") % {"n": MAX_CODE_CHARS},
            ReviewsErrorCode.CODE_REQUIRED,
            "code",
        )
    if kind not in PeriodKind.values:
        raise _invalid(_("Loại kỳ báo cáo không hợp lệ."), ReviewsErrorCode.INVALID_KIND, "kind")
    if not 2000 <= year <= 2100:
        raise _invalid(_("Năm không hợp lệ."), ReviewsErrorCode.INVALID_YEAR, "year")
    if kind == PeriodKind.QUARTER and quarter not in (1, 2, 3, 4):
        raise _invalid(_("Kỳ quý cần số quý từ 1 đến 4."), ReviewsErrorCode.INVALID_QUARTER, "quarter")
    if kind == PeriodKind.HALF_YEAR and quarter not in (1, 2):
        raise _invalid(
            _("Kỳ 6 tháng cần ghi 1 (đầu năm) hoặc 2 (cuối năm)."),
            ReviewsErrorCode.INVALID_QUARTER,
            "quarter",
        )
    if kind in (PeriodKind.YEAR, PeriodKind.AD_HOC) and quarter is not None:
        raise _invalid(_("Kỳ này không ghi số quý."), ReviewsErrorCode.INVALID_QUARTER, "quarter")
    start, _end = period_bounds(kind, year, quarter, deadline)
    if deadline < start:
        raise _invalid(
            _("Hạn gửi báo cáo phải sau ngày bắt đầu kỳ (%(d)s).") % {"d": date_format(start, "d/m/Y")},
            ReviewsErrorCode.DEADLINE_BEFORE_START,
            "deadline",
        )


def period_open(
    *,
    actor: Actor | None,
    code: str,
    unit: OrgUnit,
    kind: str,
    year: int,
    quarter: int | None,
    deadline: dt.date,
    title: str = "",
    parent: ReviewPeriod | None = None,
) -> ReviewPeriod:
    """Open a period for ``unit``: its direct subordinates active on the last day must report.

    With ``parent``, the unit is one of the units expected in the upper level's period and opens
    the same period for its own subordinates; its report there is then their sum.
    """
    code = code.strip()
    enforce(actor, Action.EDIT, unit)
    _check_period_input(code=code, kind=kind, year=year, quarter=quarter, deadline=deadline)
    if parent is not None:
        if not parent.expected.filter(unit=unit, removed_at__isnull=True).exists():
            raise _invalid(
                _("Đơn vị không thuộc diện báo cáo trong kỳ của cấp trên."),
                ReviewsErrorCode.PARENT_MISMATCH,
                "parent",
            )
        kind, year, quarter = parent.kind, parent.year, parent.quarter
        if deadline > parent.deadline:
            raise _invalid(
                _("Hạn gửi báo cáo không được sau hạn của cấp trên (%(d)s).")
                % {"d": date_format(parent.deadline, "d/m/Y")},
                ReviewsErrorCode.DEADLINE_BEFORE_START,
                "deadline",
            )
    start, end = period_bounds(kind, year, quarter, deadline)
    units = subordinates_on(unit, end)
    if not units:
        raise _invalid(
            _("Đơn vị «%(unit)s» không có đơn vị trực thuộc phải báo cáo.") % {"unit": unit.name},
            ReviewsErrorCode.NO_SUBORDINATES,
            "unit",
        )
    if ReviewPeriod.objects.filter(code=code).exists():
        raise DomainError(
            _("Mã kỳ báo cáo «%(code)s» đã được dùng.") % {"code": code},
            code=ReviewsErrorCode.CODE_TAKEN,
            field="code",
        )
    if parent is not None and parent.children.filter(unit=unit).exists():
        raise DomainError(
            _("Đơn vị đã mở kỳ báo cáo này cho các đơn vị trực thuộc."),
            code=ReviewsErrorCode.ALREADY_OPENED,
            field="parent",
        )
    try:
        with transaction.atomic():
            period = ReviewPeriod.objects.create(
                code=code,
                unit=unit,
                kind=kind,
                year=year,
                quarter=quarter,
                title=title.strip()[:500],
                deadline=deadline,
                starts_on=start,
                ends_on=end,
                parent=parent,
                opened_by=actor if actor is not None and actor.is_authenticated else None,
            )
            ExpectedUnit.objects.bulk_create(ExpectedUnit(period=period, unit=u) for u in units)
            record(
                actor=actor,
                action="review_period.open",
                target=period,
                unit_path=unit.path,
                summary={
                    "code": code,
                    "kind": kind,
                    "year": year,
                    "quarter": quarter,
                    "deadline": deadline.isoformat(),
                    "expected": [u.code for u in units],
                    "parent": parent.code if parent else None,
                },
            )
    except IntegrityError as exc:
        raise DomainError(
            _("Mã kỳ báo cáo «%(code)s» đã được dùng.") % {"code": code},
            code=ReviewsErrorCode.CODE_TAKEN,
            field="code",
        ) from exc
    return period


def _expected_line(period: ReviewPeriod, unit: OrgUnit) -> ExpectedUnit:
    line = ExpectedUnit.objects.filter(period=period, unit=unit, removed_at__isnull=True).first()
    if line is None:
        raise DomainError(_("Đơn vị không thuộc diện báo cáo trong kỳ."), code=ReviewsErrorCode.NOT_EXPECTED)
    return line


def figures_for(period: ReviewPeriod, unit: OrgUnit, today: dt.date) -> fig.Figures:
    """What ``unit`` reports in ``period``: the sum of its subordinates' submitted reports when it
    opened the same period for them, otherwise the system's count over its subtree."""
    own = ReviewPeriod.objects.filter(parent=period, unit=unit).first()
    if own is None:
        return fig.compute(unit, period.starts_on, period.ends_on, today)
    sent = list(UnitReport.objects.filter(period=own, status__in=SENT_STATUSES).order_by("unit__path"))
    result = fig.Figures(values=fig.total(r.figures for r in sent))
    for report in sent:
        result.overdue.extend(report.overdue_tasks)
    return result


def _refresh(report: UnitReport, today: dt.date) -> None:
    computed = figures_for(report.period, report.unit, today)
    report.figures = computed.values
    report.overdue_tasks = computed.overdue
    report.figures_at = timezone.now()


def _clean_sections(sections: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for key, value in sections.items():
        if key not in Section.values:
            raise _invalid(
                _("Mục «%(s)s» không có trong báo cáo.") % {"s": key}, ReviewsErrorCode.SECTION_TOO_LONG, key
            )
        text = (value or "").strip()
        if len(text) > MAX_SECTION_CHARS:
            raise _invalid(
                _("Mục «%(s)s» dài quá %(n)d ký tự.") % {"s": Section(key).label, "n": MAX_SECTION_CHARS},
                ReviewsErrorCode.SECTION_TOO_LONG,
                key,
            )
        cleaned[key] = text
    return cleaned


def report_prepare(
    *, actor: Actor | None, period: ReviewPeriod, unit: OrgUnit, today: dt.date | None = None
) -> UnitReport:
    """The unit's draft, created on first use; its figures recomputed while it is still editable."""
    enforce(actor, Action.EDIT, unit)
    today = today or timezone.localdate()
    _expected_line(period, unit)
    with transaction.atomic():
        report, created = UnitReport.objects.select_for_update().get_or_create(period=period, unit=unit)
        if report.is_editable:
            _refresh(report, today)
            report.save()
        if created:
            record(
                actor=actor,
                action="review_report.prepare",
                target=report,
                unit_path=unit.path,
                summary={"period": period.code, "unit": unit.code},
                object_label=f"{period.code} / {unit.code}",
            )
    return report


def report_save(
    *,
    actor: Actor | None,
    period: ReviewPeriod,
    unit: OrgUnit,
    sections: Mapping[str, str],
    files: Sequence[Upload] = (),
) -> UnitReport:
    """Keep the narrative (and new attached files) of a draft or a returned report without sending it."""
    enforce(actor, Action.EDIT, unit)
    cleaned = _clean_sections(sections)
    _expected_line(period, unit)
    with transaction.atomic():
        report, _created = UnitReport.objects.select_for_update().get_or_create(period=period, unit=unit)
        if not report.is_editable:
            raise DomainError(_("Báo cáo đã gửi, không sửa được."), code=ReviewsErrorCode.ALREADY_SUBMITTED)
        for key, text in cleaned.items():
            setattr(report, key, text)
        report.save()
        attach(actor=actor, report=report, files=files)
        record(
            actor=actor,
            action="review_report.save",
            target=report,
            unit_path=unit.path,
            summary={"period": period.code, "unit": unit.code, "sections": sorted(cleaned)},
            object_label=f"{period.code} / {unit.code}",
        )
    return report


def report_submit(
    *,
    actor: Actor | None,
    period: ReviewPeriod,
    unit: OrgUnit,
    sections: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    files: Sequence[Upload] = (),
) -> UnitReport:
    """Send the unit's report up: figures from the system, frozen from now on.

    Late when sent after the deadline; the delay is kept even if the report is returned and sent again.
    """
    enforce(actor, Action.EDIT, unit)
    cleaned = _clean_sections(sections or {})
    today = today or timezone.localdate()
    _expected_line(period, unit)
    with transaction.atomic():
        report, _created = UnitReport.objects.select_for_update().get_or_create(period=period, unit=unit)
        if not report.is_editable:
            raise DomainError(
                _("Báo cáo của «%(unit)s» đã gửi và chưa bị trả lại.") % {"unit": unit.name},
                code=ReviewsErrorCode.ALREADY_SUBMITTED,
            )
        for key, text in cleaned.items():
            setattr(report, key, text)
        attach(actor=actor, report=report, files=files)
        _refresh(report, today)
        delay = (today - period.deadline).days
        if delay > 0:
            report.late = True
            report.delay_days = max(report.delay_days, delay)
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor if actor is not None and actor.is_authenticated else None
        report.save()
        record(
            actor=actor,
            action="review_report.submit",
            target=report,
            unit_path=unit.path,
            summary={
                "period": period.code,
                "unit": unit.code,
                "late": report.late,
                "delay_days": report.delay_days,
                "figures": report.figures,
            },
            object_label=f"{period.code} / {unit.code}",
        )
    return report


def _may_decide(actor: Actor | None, period: ReviewPeriod) -> None:
    if actor is not None and not (
        can(actor, Action.EDIT, period.unit) or can(actor, Action.APPROVE, period.unit)
    ):
        raise not_found()


def report_return(*, actor: Actor | None, report: UnitReport, comment: str) -> UnitReport:
    """Send a report back for revision, with what to fix; the unit may edit and send it again."""
    _may_decide(actor, report.period)
    if not comment.strip():
        raise _invalid(_("Cần ghi ý kiến khi trả lại báo cáo."), ReviewsErrorCode.COMMENT_REQUIRED, "comment")
    with transaction.atomic():
        report = UnitReport.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)
        if report.status != ReportStatus.SUBMITTED:
            raise DomainError(_("Chỉ trả lại được báo cáo đã gửi."), code=ReviewsErrorCode.NOT_SUBMITTED)
        report.status = ReportStatus.RETURNED
        report.return_comment = comment.strip()[:MAX_SECTION_CHARS]
        report.decided_at = timezone.now()
        report.save()
        record(
            actor=actor,
            action="review_report.return",
            target=report,
            unit_path=report.period.unit.path,
            summary={
                "period": report.period.code,
                "unit": report.unit.code,
                "comment": report.return_comment,
            },
            object_label=f"{report.period.code} / {report.unit.code}",
        )
        link = reverse("reviews:report", args=[report.period.code, report.unit.code])
        editors = users_who_can(Action.EDIT, {report.unit.path}).get(report.unit.path, set())
        text = _("Báo cáo kỳ %(p)s của %(unit)s bị trả lại: %(c)s") % {
            "p": report.period.code,
            "unit": report.unit.name,
            "c": report.return_comment[:200],
        }
        key = f"review:{report.pk}:returned:{report.decided_at.isoformat()}"
        deliver(Message(uid, KIND_REMINDER, text, link, key) for uid in sorted(editors))
    return report


def report_accept(*, actor: Actor | None, report: UnitReport) -> UnitReport:
    """Accept a submitted report; its proposals and obstacles go on as a proposal to the period's unit."""
    _may_decide(actor, report.period)
    with transaction.atomic():
        report = UnitReport.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)
        if report.status != ReportStatus.SUBMITTED:
            raise DomainError(_("Chỉ tiếp nhận được báo cáo đã gửi."), code=ReviewsErrorCode.NOT_SUBMITTED)
        report.status = ReportStatus.ACCEPTED
        report.decided_at = timezone.now()
        report.save()
        hand_over_proposals(actor=actor, report=report)
        record(
            actor=actor,
            action="review_report.accept",
            target=report,
            unit_path=report.period.unit.path,
            summary={"period": report.period.code, "unit": report.unit.code},
            object_label=f"{report.period.code} / {report.unit.code}",
        )
    return report


def missing_units(period: ReviewPeriod) -> list[OrgUnit]:
    sent = UnitReport.objects.filter(period=period, status__in=SENT_STATUSES).values("unit_id")
    return [
        line.unit
        for line in period.expected.filter(removed_at__isnull=True)
        .exclude(unit_id__in=sent)
        .select_related("unit")
    ]


def period_remind(*, actor: Actor | None, period: ReviewPeriod, today: dt.date | None = None) -> int:
    """Notify the editors of every unit that has not sent its report; returns how many were new.

    One notification per unit and day: a second click on the same day sends nothing twice.
    """
    _may_decide(actor, period)
    today = today or timezone.localdate()
    units = missing_units(period)
    editors = users_who_can(Action.EDIT, {u.path for u in units})
    messages: list[Message] = []
    for unit in units:
        if today > period.deadline:
            text = _("Báo cáo kỳ %(p)s của %(unit)s đã quá hạn %(d)s, đề nghị gửi ngay.")
        else:
            text = _("Đề nghị %(unit)s gửi báo cáo kỳ %(p)s trước ngày %(d)s.")
        text = text % {"p": period.label, "unit": unit.name, "d": date_format(period.deadline, "d/m/Y")}
        link = reverse("reviews:report", args=[period.code, unit.code])
        key = f"review:{period.pk}:{unit.pk}:remind:{today.isoformat()}"
        messages.extend(
            Message(uid, KIND_REMINDER, text, link, key) for uid in sorted(editors.get(unit.path, set()))
        )
    with transaction.atomic():
        new = deliver(messages)
        record(
            actor=actor,
            action="review_period.remind",
            target=period,
            unit_path=period.unit.path,
            summary={"units": [u.code for u in units], "notifications": len(new)},
        )
    return len(new)
