"""Feedback pages for staff: the register (scoped), recording a press article, one item, answering,
publishing, and reading the sender's identity (handling roles only, each time audited)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.core.actors import AuthedRequest
from tochuc.core.attachments import attached_files
from tochuc.core.documents.downloads import file_attachment, xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.feedback import selectors, services
from tochuc.feedback.exports import feedback_export as feedback_export_service
from tochuc.feedback.forms import AnswerForm, PressForm
from tochuc.feedback.models import Feedback, FeedbackChannel, FeedbackStatus
from tochuc.feedback.permissions import (
    can_answer_feedback,
    can_publish_feedback,
    can_record_feedback,
    can_reveal_feedback,
    get_feedback_for,
    has_identity,
)
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person
from tochuc.people.permissions import get_person_for


def _filtered(request: AuthedRequest) -> tuple[QuerySet[Feedback], dict[str, str]]:
    """The register as the filters of the page ask (unknown values ignored), and the filters used."""
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    if status not in (*FeedbackStatus.values, selectors.OVERDUE):
        status = ""
    if channel not in FeedbackChannel.values:
        channel = ""
    qs = selectors.feedback_for(request.user, status=status or None, channel=channel or None)
    return qs, {k: v for k, v in (("status", status), ("channel", channel)) if v}


@login_required
@require_GET
def feedback_list(request: AuthedRequest) -> HttpResponse:
    qs, filters = _filtered(request)
    page = Paginator(qs, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/list.html",
        {
            "page": page,
            "query": urlencode(filters),
            "status": filters.get("status", ""),
            "channel": filters.get("channel", ""),
            "statuses": FeedbackStatus.choices,
            "channels": FeedbackChannel.choices,
            "today": timezone.localdate(),
            "may_record": can_record_feedback(request.user),
        },
    )


@login_required
@require_GET
def feedback_export(request: AuthedRequest) -> HttpResponse:
    """The register in Excel; the sender's identity only in the rows of the items the user handles."""
    qs, filters = _filtered(request)
    content = feedback_export_service(actor=request.user, items=list(qs), filters=filters)
    return xlsx_attachment(content, "phan-anh")


@login_required
@require_http_methods(["GET", "POST"])
def press_new(request: AuthedRequest) -> HttpResponse:
    if not can_record_feedback(request.user):
        raise Http404
    form = PressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = get_unit_for(request.user, data["concerned_unit"].strip().upper())
            persons: list[Person] = [
                get_person_for(request.user, code.strip().upper())
                for code in data["persons"].split(",")
                if code.strip()
            ]
            feedback = services.feedback_record_press(
                actor=request.user,
                concerned_unit=unit,
                kind=data["kind"],
                content=data["content"],
                outlet=data["outlet"],
                published_on=data["published_on"],
                link=data["link"],
                persons=persons,
                files=attached_files(request, int(settings.TOCHUC_FEEDBACK_MAX_FILES)),
            )
        except Http404:
            form.add_error(None, _("Không tìm thấy đơn vị hoặc cán bộ trong phạm vi của bạn."))
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận phản ánh của báo chí; đơn vị xử lý: %(unit)s.") % {"unit": feedback.unit.name},
            )
            return redirect("feedback:detail", pk=feedback.pk)
    return render(request, "feedback/press_new.html", {"form": form})


def _detail(
    request: AuthedRequest, feedback: Feedback, answer_form: AnswerForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "feedback/detail.html",
        {
            "feedback": feedback,
            "persons": feedback.persons.all(),
            "files": feedback.files.only("name", "size"),
            "overdue": feedback.is_overdue(timezone.localdate()),
            "may_answer": can_answer_feedback(user, feedback),
            "may_publish": can_publish_feedback(user, feedback),
            "may_reveal": can_reveal_feedback(user, feedback),
            "has_identity": has_identity(feedback),
            "may_see_notes": services.may_handle(user, feedback),
            "answer_form": answer_form or AnswerForm(),
        },
        status=status,
    )


@login_required
@require_GET
def feedback_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, get_feedback_for(request.user, pk))


@login_required
@require_POST
def feedback_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    feedback = get_feedback_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_answer(
                actor=request.user,
                feedback=feedback,
                answer=form.cleaned_data["answer"],
                finding=form.cleaned_data["finding"],
                internal_note=form.cleaned_data["internal_note"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request, _("Đã lưu câu trả lời; lãnh đạo đơn vị công khai để người gửi tra cứu được.")
            )
            return redirect("feedback:detail", pk=pk)
    return _detail(request, feedback, form, status=400)


@login_required
@require_POST
def feedback_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    feedback = get_feedback_for(request.user, pk)
    try:
        services.feedback_publish(actor=request.user, feedback=feedback)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã công khai câu trả lời; người gửi tra cứu được bằng mã."))
    return redirect("feedback:detail", pk=pk)


@login_required
@require_POST
def feedback_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    feedback = get_feedback_for(request.user, pk)
    if not can_reveal_feedback(request.user, feedback):
        raise Http404
    name, contact = services.feedback_identity_reveal(actor=request.user, feedback=feedback)
    return render(request, "feedback/_sender.html", {"name": name, "contact": contact, "feedback": feedback})


@login_required
@require_GET
def feedback_file(request: AuthedRequest, pk: int, file_id: int) -> HttpResponse:
    """A file sent with the item, for the roles that handle it (a citizen's file may name the sender);
    each download is audited."""
    feedback = get_feedback_for(request.user, pk)
    found = feedback.files.filter(pk=file_id).first()
    if found is None or not services.may_handle(request.user, feedback):
        raise Http404
    services.feedback_file_read(actor=request.user, feedback=feedback, file=found)
    return file_attachment(bytes(found.data), found.name)
