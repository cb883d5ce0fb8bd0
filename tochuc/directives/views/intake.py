"""Taking a Party document in: upload or paste → review what was read → register."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tochuc.accounts.models import User
from tochuc.accounts.policy import Action, can, has_any, scope_q
from tochuc.core.actors import AuthedRequest
from tochuc.core.dates import today
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.core.forms import show_domain_error
from tochuc.directives import parsing, services
from tochuc.directives.forms import MAX_TEXT_CHARS, BaseTaskRows, IntakeForm, ReviewForm, TaskRows
from tochuc.directives.models import RecognitionJob, RecognitionStatus
from tochuc.directives.recognition import recognition_submit
from tochuc.directives.suggestions import Suggestion, suggest_for_tasks
from tochuc.directives.terms import term_for
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.selectors import chooser_units

# The text read from a file waits in the session (never in the page) until the user confirms.
SESSION_KEY = "directive_intake"
KEEP_INTAKES = 3

# Reader field names → review form fields, to highlight what the reader doubts.
DOUBT_FIELDS: dict[str, tuple[str, ...]] = {
    "doc_type": ("doc_type",),
    "number": ("number",),
    "symbol": ("issuer_code",),
    "number_symbol": ("number", "issuer_code"),
    "issuer": ("issuer",),
    "place": ("place",),
    "date": ("issued_on",),
    "title": ("title",),
    "recipients": ("recipients",),
    "report_periods": ("report_periods",),
    "signer": ("signing_capacity", "signer_position", "signer_name"),
    "signing_capacity": ("signing_capacity",),
    "signer_position": ("signer_position",),
    "signer_name": ("signer_name",),
}


def _stash(request: AuthedRequest, text: str, name: str) -> str:
    stored: dict[str, dict[str, str]] = request.session.get(SESSION_KEY, {})
    token = secrets.token_urlsafe(12)
    stored[token] = {"text": text, "name": name[:255]}
    for old in list(stored)[:-KEEP_INTAKES]:
        del stored[old]
    request.session[SESSION_KEY] = stored
    return token


def _stashed(request: AuthedRequest, token: str) -> dict[str, str] | None:
    stored: dict[str, dict[str, str]] = request.session.get(SESSION_KEY, {})
    return stored.get(token)


def _forget(request: AuthedRequest, token: str) -> None:
    stored: dict[str, dict[str, str]] = request.session.get(SESSION_KEY, {})
    stored.pop(token, None)
    request.session[SESSION_KEY] = stored


@login_required
def intake(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = IntakeForm(request.POST, request.FILES) if request.method == "POST" else IntakeForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text, name = form.cleaned_data["text"], ""
        if upload is not None:
            name = upload.name
            try:
                data = upload.read()
                if parsing.needs_ocr(data, name):  # a scan: recognised in the background, with progress
                    job = recognition_submit(actor=request.user, data=data, file_name=name)
                    return redirect("directives:recognition", pk=job.pk)
                text = parsing.extract_text(data, name)
            except DomainError as exc:
                show_domain_error(form, exc)
            except Exception:  # a damaged file: say so, never a 500
                form.add_error(
                    "file", _("Không đọc được tệp này. Hãy kiểm tra tệp hoặc dán nội dung văn bản.")
                )
        if not form.errors:
            if not text.strip():
                form.add_error(
                    "file" if upload else "text",
                    _("Không tìm thấy chữ trong văn bản. Tệp PDF quét cần được nhận dạng chữ (OCR) trước."),
                )
            elif len(text) > MAX_TEXT_CHARS:
                form.add_error("file", _("Văn bản quá dài (trên %(n)s ký tự).") % {"n": MAX_TEXT_CHARS})
            else:
                token = _stash(request, text, name)
                return redirect("directives:review", token=token)
    return render(request, "directives/intake.html", {"form": form})


@login_required
def recognition(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """A scan being recognised: its progress (polled), then on to the review of what was read."""
    job = RecognitionJob.objects.filter(pk=pk, created_by=request.user).first()
    if job is None or not has_any(request.user, Action.EDIT):
        raise Http404
    if job.status == RecognitionStatus.DONE:
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = request.path
            return response
        if len(job.text) > MAX_TEXT_CHARS:
            messages.error(request, _("Văn bản quá dài (trên %(n)s ký tự).") % {"n": MAX_TEXT_CHARS})
            return redirect("directives:intake")
        token = _stash(request, job.text, job.file_name)
        return redirect("directives:review", token=token)
    template = (
        "directives/_recognition_status.html"
        if request.headers.get("HX-Request")
        else ("directives/recognition.html")
    )
    return render(request, template, {"job": job})


def _initial(
    parsed: dict[str, Any], default_unit: OrgUnit | None
) -> tuple[dict[str, object], list[dict[str, object]]]:
    issued_on = dt.date.fromisoformat(parsed["date"]) if parsed.get("date") else None
    symbol = parsed.get("symbol") or ""
    signer = parsed.get("signer") or {}
    initial = {
        "unit": default_unit,
        "doc_type": parsed.get("doc_type") or "",
        "number": parsed.get("number") or "",
        "issuer_code": symbol.split("/", 1)[1] if "/" in symbol else "",
        "issuer": parsed.get("issuer") or "",
        "place": parsed.get("place") or "",
        "issued_on": issued_on,
        "term": term_for(issued_on or today()),
        "title": parsed.get("title") or "",
        "recipients": "\n".join(parsed.get("recipients") or []),
        "report_periods": "\n".join(parsed.get("report_periods") or []),
        "signing_capacity": signer.get("capacity") or "",
        "signer_position": signer.get("position") or "",
        "signer_name": signer.get("name") or "",
    }
    tasks = [
        {
            "no": t.get("no") or "",
            "text": t.get("text") or "",
            "deadline": dt.date.fromisoformat(t["deadline"]) if t.get("deadline") else None,
        }
        for t in parsed.get("tasks") or []
    ]
    return initial, tasks


def _suggested(user: User, data: dict[str, Any]) -> list[list[Suggestion]]:
    """Suggested lead units for each task as read (a row the user rewrote keeps them), kept to the
    active units the user may enter data for."""
    rows = suggest_for_tasks([t["text"] for t in data.get("tasks") or []], user)
    pks = {s.unit.pk for row in rows for s in row}
    allowed = set(
        OrgUnit.objects.filter(scope_q(user, Action.EDIT), pk__in=pks, valid_to__isnull=True).values_list(
            "pk", flat=True
        )
    )
    return [[s for s in row if s.unit.pk in allowed] for row in rows]


def _doubted(parsed: object, data: Mapping[str, object]) -> set[str]:
    """Form fields to highlight: what the reader doubts, and what it could not find."""
    names: set[str] = set()
    for field in getattr(parsed, "doubts", ()) or ():
        names.update(DOUBT_FIELDS.get(field, (field,)))
    for field in ("doc_type", "number", "symbol", "issuer", "date", "title"):
        if not data.get(field):
            names.update(DOUBT_FIELDS[field])
    return names


@login_required
def review(request: AuthedRequest, token: str) -> HttpResponse:
    units = chooser_units(request.user, Action.EDIT)
    if not units.exists():
        raise Http404
    stashed = _stashed(request, token)
    if stashed is None:
        messages.warning(request, _("Phiên đọc văn bản đã hết hoặc không tồn tại. Hãy tải văn bản lên lại."))
        return redirect("directives:intake")
    text, source_name = stashed["text"], stashed["name"]
    parsed = parsing.parse_document(text)
    data = parsed.as_json()
    doubts = _doubted(parsed, data)
    row_kwargs = {"units": units, "suggested": _suggested(request.user, data)}
    if request.method == "POST":
        form = ReviewForm(request.POST, units=units)
        rows = TaskRows(request.POST, prefix="tasks", form_kwargs=row_kwargs)
        if "add_row" in request.POST:
            # One more empty task row; nothing is validated or saved yet.
            post = request.POST.copy()
            post["tasks-TOTAL_FORMS"] = str(int(post.get("tasks-TOTAL_FORMS", "0") or 0) + 1)
            form = ReviewForm(post, units=units)
            rows = TaskRows(post, prefix="tasks", form_kwargs=row_kwargs)
            return _render_review(
                request, token, text, source_name, data, doubts, form, rows, bound_quiet=True
            )
        if form.is_valid() and rows.is_valid():
            unit = form.cleaned_data["unit"]
            if not can(request.user, Action.EDIT, unit):  # re-checked: the list is only a convenience
                raise Http404
            try:
                directive = services.directive_register(
                    actor=request.user,
                    body=parsing.to_unicode(text)[0],
                    source_name=source_name,
                    tasks=cast(BaseTaskRows, rows).rows(),
                    **form.service_values(),
                )
            except DomainError as exc:
                if exc.kind == ErrorCode.CONFLICT:
                    form.add_error(None, exc.message)
                else:
                    show_domain_error(form, exc)
            else:
                _forget(request, token)
                messages.success(
                    request,
                    _("Đã đăng ký văn bản %(ns)s với %(n)s nhiệm vụ.")
                    % {
                        "ns": directive.number_symbol,
                        "n": directive.tasks.filter(parent__isnull=True).count(),
                    },
                )
                return redirect("directives:detail", pk=directive.pk)
    else:
        initial, tasks = _initial(data, units.first())
        form = ReviewForm(initial=initial, units=units)
        rows = TaskRows(initial=tasks, prefix="tasks", form_kwargs=row_kwargs)
    return _render_review(request, token, text, source_name, data, doubts, form, rows)


def _render_review(
    request: AuthedRequest,
    token: str,
    text: str,
    source_name: str,
    data: dict[str, Any],
    doubts: set[str],
    form: ReviewForm,
    rows: forms.BaseFormSet[forms.Form],
    *,
    bound_quiet: bool = False,
) -> HttpResponse:
    return render(
        request,
        "directives/review.html",
        {
            "form": form,
            "rows": rows,
            "token": token,
            "text": text,
            "source_name": source_name,
            "parsed": data,
            "doubts": doubts,
            "warnings": data.get("warnings") or [],
            "quiet": bound_quiet,
        },
    )
