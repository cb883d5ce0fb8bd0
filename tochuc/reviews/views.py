"""Pages of review periods: thin, the services and selectors do the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.accounts.policy import Action
from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.attachments import attached_files
from tochuc.core.documents.charts import Bar, bar_chart
from tochuc.core.documents.downloads import docx_attachment, xlsx_attachment
from tochuc.core.documents.word import render_party_document
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.reviews import documents, register, selectors, services
from tochuc.reviews.figures import FIGURE_KEYS
from tochuc.reviews.files import max_files
from tochuc.reviews.forms import IssueForm, PeriodOpenForm, ReportForm, ReturnForm
from tochuc.reviews.models import ReviewPeriod, Section
from tochuc.reviews.outgoing_views import outgoing_context
from tochuc.reviews.permissions import (
    can_decide_report,
    can_edit_report,
    can_manage_period,
    can_open_period,
    get_period_for,
    get_report_for,
)


def _unit_choices(request: AuthedRequest) -> list[tuple[str, str]]:
    return [(u.code, f"{'— ' * u.depth}{u.name}") for u in chooser_units(request.user, Action.EDIT)]


def _open_form_page(request: AuthedRequest, form: PeriodOpenForm | None) -> HttpResponse:
    page = Paginator(selectors.periods_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "reviews/period_list.html", {"page": page, "form": form})


@login_required
@require_GET
def period_list(request: AuthedRequest) -> HttpResponse:
    form = PeriodOpenForm(units=_unit_choices(request)) if can_open_period(request.user) else None
    return _open_form_page(request, form)


@login_required
@require_POST
def period_open(request: AuthedRequest) -> HttpResponse:
    if not can_open_period(request.user):
        raise Http404
    form = PeriodOpenForm(request.POST, units=_unit_choices(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            period = services.period_open(
                actor=request.user,
                code=data["code"],
                unit=get_unit_for(request.user, data["unit"], Action.EDIT),
                kind=data["kind"],
                year=data["year"],
                quarter=data["quarter"],
                deadline=data["deadline"],
                title=data["title"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã mở kỳ báo cáo %(code)s.") % {"code": period.code})
            return redirect("reviews:detail", period.code)
    return _open_form_page(request, form)


def _chart(status: selectors.PeriodStatus, key: str, title: str) -> str:
    bars = [
        Bar(line.unit.short_name or line.unit.name, line.report.figures.get(key, 0))
        for line in status.lines
        if line.report is not None and line.is_sent
    ]
    return bar_chart(bars, chart_id=f"chart-{key}", title=title, show_share=False)


@login_required
@require_GET
def period_detail(request: AuthedRequest, code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    status = selectors.period_status_for(request.user, period)
    labels = documents.figure_labels()
    sent = status.sent_reports
    narratives = [
        (section.label, [(r.unit, getattr(r, section.value)) for r in sent if getattr(r, section.value)])
        for section in Section
        if section != Section.PROPOSALS  # shown with their hand-over, in their own card
    ]
    figure_rows = [
        (
            labels[key],
            status.figures[key],
            # One cell per unit, joined here: a province has a hundred units, and as many template
            # nodes per row made the page several times slower.
            format_html_join(
                "",
                '<td class="num">{}</td>',
                (
                    (line.report.figures.get(key, 0) if line.report and line.is_sent else "—",)
                    for line in status.lines
                ),
            ),
        )
        for key in FIGURE_KEYS
    ]
    candidates = [
        line.unit
        for line in status.lines
        if line.child_period is None and can_open_period(request.user, line.unit)
    ]
    with_children = set(
        OrgUnit.objects.filter(parent__in=candidates).values_list("parent_id", flat=True).distinct()
    )
    may_open_below = {unit.code for unit in candidates if unit.pk in with_children}
    return render(
        request,
        "reviews/period_detail.html",
        {
            "period": period,
            "status": status,
            "figure_rows": figure_rows,
            "narratives": narratives,
            "chart": _chart(status, "tasks_done_on_time", _("Nhiệm vụ hoàn thành đúng hạn theo đơn vị")),
            "may_decide": can_decide_report(request.user, period),
            "may_manage": can_manage_period(request.user, period),
            "consolidating": selectors.consolidates(request.user, period),
            "may_open_below": may_open_below,
            "today": timezone.localdate(),
            "return_label": ReturnForm.base_fields["comment"].label,
            **outgoing_context(request, status),
        },
    )


@login_required
@require_POST
def period_remind(request: AuthedRequest, code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    if not can_decide_report(request.user, period):
        raise Http404
    units = len(services.missing_units(period))
    sent = services.period_remind(actor=request.user, period=period)
    messages.success(
        request, _("Đã nhắc %(u)d đơn vị chưa gửi báo cáo (%(n)d thông báo mới).") % {"u": units, "n": sent}
    )
    return redirect("reviews:detail", period.code)


@login_required
@require_POST
def period_open_below(request: AuthedRequest, code: str) -> HttpResponse:
    """A reporting unit opens the same period for its own subordinates."""
    period = get_period_for(request.user, code)
    unit = get_unit_for(request.user, request.POST.get("unit", ""), Action.EDIT)
    try:
        below = services.period_open(
            actor=request.user,
            code=f"{period.code}.{unit.code}"[:40],
            unit=unit,
            kind=period.kind,
            year=period.year,
            quarter=period.quarter,
            deadline=period.deadline,
            title=period.title,
            parent=period,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reviews:detail", period.code)
    messages.success(
        request, _("Đã mở kỳ báo cáo %(code)s cho các đơn vị trực thuộc.") % {"code": below.code}
    )
    return redirect("reviews:detail", below.code)


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    unit, report = get_report_for(request.user, period, unit_code)
    editable = can_edit_report(request.user, unit, report)
    form = ReportForm(initial=report.sections() if report else None)
    if request.method == "POST":
        if not editable:
            raise Http404
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            sections = {key: form.cleaned_data[key] for key in Section.values}
            uploads = attached_files(request, max_files())
            try:
                if "submit" in request.POST:
                    report = services.report_submit(
                        actor=request.user, period=period, unit=unit, sections=sections, files=uploads
                    )
                    messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
                else:
                    report = services.report_save(
                        actor=request.user, period=period, unit=unit, sections=sections, files=uploads
                    )
                    messages.success(request, _("Đã lưu bản nháp."))
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                return redirect("reviews:report", period.code, unit.code)
    elif editable:
        report = services.report_prepare(actor=request.user, period=period, unit=unit)
    labels = documents.figure_labels()
    figures = [(labels[k], (report.figures if report else {}).get(k, 0)) for k in FIGURE_KEYS]
    return render(
        request,
        "reviews/report.html",
        {
            "period": period,
            "unit": unit,
            "report": report,
            "form": form,
            "editable": editable and (report is None or report.is_editable),
            "figures": figures,
            "child_period": ReviewPeriod.objects.filter(parent=period, unit=unit).first(),
            "files": list(report.files.defer("data")) if report else [],
        },
    )


def _decided_report(request: AuthedRequest, code: str, unit_code: str) -> tuple[ReviewPeriod, str]:
    period = get_period_for(request.user, code)
    if not can_decide_report(request.user, period):
        raise Http404
    return period, unit_code


@login_required
@require_POST
def report_return(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    period, unit_code = _decided_report(request, code, unit_code)
    _unit, report = get_report_for(request.user, period, unit_code)
    if report is None:
        raise Http404
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Cần ghi ý kiến khi trả lại báo cáo."))
        services.report_return(actor=request.user, report=report, comment=form.cleaned_data["comment"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã trả lại báo cáo để hoàn thiện."))
    return redirect("reviews:detail", period.code)


@login_required
@require_POST
def report_accept(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    period, unit_code = _decided_report(request, code, unit_code)
    _unit, report = get_report_for(request.user, period, unit_code)
    if report is None:
        raise Http404
    try:
        services.report_accept(actor=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã tiếp nhận báo cáo."))
    return redirect("reviews:detail", period.code)


@login_required
@require_GET
def consolidated_docx(request: AuthedRequest, code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    if not selectors.consolidates(request.user, period):
        raise Http404
    status = selectors.period_status(period)
    document = documents.issued_document(status, register.period_number(period), timezone.localdate())
    content = render_party_document(document)
    export_record(
        actor=request.user,
        kind="review_period.consolidated_export",
        target=period,
        unit_path=period.unit.path,
        details={"format": "docx", "submitted": len(status.submitted), "missing": len(status.missing)},
        label=str(period),
    )
    return docx_attachment(content, documents.file_stem(period, "bao-cao-tong-hop"))


@login_required
@require_GET
def figures_xlsx(request: AuthedRequest, code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    if not selectors.consolidates(request.user, period):
        raise Http404
    status = selectors.period_status(period)
    content = documents.figures_xlsx(status)
    export_record(
        actor=request.user,
        kind="review_period.figures_export",
        target=period,
        unit_path=period.unit.path,
        rows=len(status.lines),
        details={"format": "xlsx"},
        label=str(period),
    )
    return xlsx_attachment(content, documents.file_stem(period, "so-lieu"))


@login_required
@require_POST
def period_issue(request: AuthedRequest, code: str) -> HttpResponse:
    """Give the consolidated report its number from the outgoing register."""
    period = get_period_for(request.user, code)
    if not can_manage_period(request.user, period):
        raise Http404
    form = IssueForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Họ tên người ký quá dài."))
        issued = register.period_report_issue(
            actor=request.user,
            period=period,
            issued_on=timezone.localdate(),
            signer_name=form.cleaned_data["signer_name"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Báo cáo tổng hợp mang số %(n)s.") % {"n": issued.number_symbol})
    return redirect("reviews:detail", period.code)
