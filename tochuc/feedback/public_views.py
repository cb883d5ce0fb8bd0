"""The public feedback pages: send feedback without an account, find a unit, look up a tracking code.

Plain Vietnamese, CSRF on, no login. The look-up shows only the status, the day received and the
published answer of the item whose code was typed: never its content, the sender or internal notes.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tochuc.core.addresses import client_address
from tochuc.core.attachments import Upload, attached_files
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.feedback import selectors, services
from tochuc.feedback.errors import FeedbackErrorCode
from tochuc.feedback.forms import LookupForm, PublicFeedbackForm
from tochuc.feedback.models import Feedback


def _uploads(request: HttpRequest) -> list[Upload]:
    return attached_files(request, int(settings.TOCHUC_FEEDBACK_MAX_FILES))


def _limits() -> dict[str, int]:
    return {
        "max_files": int(settings.TOCHUC_FEEDBACK_MAX_FILES),
        "max_mb": int(settings.TOCHUC_FEEDBACK_MAX_FILE_BYTES) // (1024 * 1024),
    }


@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest) -> HttpResponse:
    initial = {"unit": request.GET.get("unit", "")[:255]}
    form = PublicFeedbackForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit_public(
                    unit=data["unit"],
                    kind=data["kind"],
                    content=data["content"],
                    sender_name=data["name"],
                    sender_contact=data["contact"],
                    files=_uploads(request),
                    address=client_address(request),
                    honeypot=data["website"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
                status = 429 if exc.code == FeedbackErrorCode.RATE_LIMITED else 400
            else:
                return render(request, "feedback/public_sent.html", {"feedback": feedback})
        else:
            status = 400
    return render(request, "feedback/public_form.html", {"form": form, **_limits()}, status=status)


@require_GET
def public_units(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    units = selectors.public_units(query) if query else []
    return render(request, "feedback/public_units.html", {"q": query, "units": units})


@require_GET
def public_lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    found: Feedback | None = None
    error = ""
    if form.is_valid():
        try:
            found = selectors.feedback_by_code(form.cleaned_data["code"])
        except Http404:
            error = _("Không tìm thấy phản ánh có mã tra cứu này. Xin kiểm tra lại mã.")
    return render(
        request,
        "feedback/public_lookup.html",
        {"form": form, "found": found, "answer": found.public_answer() if found else None, "error": error},
        status=404 if error else 200,
    )
