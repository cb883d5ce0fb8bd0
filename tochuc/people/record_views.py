"""Pages that add a person, change or remove the lines of a 2C, and put a photo on it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tochuc.accounts.policy import Action, has_any, scope_q
from tochuc.core.actors import AuthedRequest
from tochuc.core.attachments import uploads_from
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.people import forms as people_forms
from tochuc.people import services
from tochuc.people.models import MembershipStatus, Person, PersonPhoto
from tochuc.people.permissions import get_person_for
from tochuc.people.services.records import PART_FIELDS, PART_MODELS
from tochuc.people.views import _person_context, _relative_values

# Each kind of line: its form and what its pages are called.
PART_FORMS: dict[str, type[forms.Form]] = {
    "career": people_forms.CareerEntryForm,
    "training": people_forms.TrainingForm,
    "reward": people_forms.RewardForm,
    "discipline": people_forms.DisciplineForm,
    "relative": people_forms.RelativeForm,
}
PART_NAMES = {
    "career": gettext_lazy("quá trình công tác"),
    "training": gettext_lazy("quá trình đào tạo, bồi dưỡng"),
    "reward": gettext_lazy("khen thưởng"),
    "discipline": gettext_lazy("kỷ luật"),
    "relative": gettext_lazy("thân nhân"),
}


# --- Adding a person -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthedRequest) -> HttpResponse:
    """One person typed in a form, as the Excel import would add them."""
    if not has_any(request.user, Action.EDIT):
        raise Http404
    initial = {"unit_code": request.GET.get("unit", "")[:40], "ethnicity": "Kinh"}
    form = people_forms.PersonCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit_code = data["unit_code"].strip().upper()
        unit = OrgUnit.objects.filter(scope_q(request.user, Action.EDIT), code=unit_code).first()
        if unit is None:
            form.add_error(
                "unit_code",
                _("Không có đơn vị mã «%(code)s» trong phạm vi bạn được nhập hồ sơ.") % {"code": unit_code},
            )
        elif not unit.is_active:
            form.add_error("unit_code", _("Đơn vị đã chấm dứt hoạt động."))
        else:
            membership = form.membership_values()
            has_membership = any(membership.values())
            if has_membership and not membership["status"]:
                full = membership["full_member_on"]
                membership["status"] = MembershipStatus.FULL if full else MembershipStatus.PROBATIONARY
            values = form.person_values()
            if data["citizen_id"]:
                values["citizen_id"] = data["citizen_id"]
            try:
                person = services.person_create(
                    actor=request.user,
                    unit=unit,
                    code=data["code"],
                    values=values,
                    membership=membership if has_membership else None,
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã thêm hồ sơ %(name)s, mã %(code)s.")
                    % {"name": person.full_name, "code": person.code},
                )
                return redirect("people:detail", code=person.code)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "title": _("Thêm đảng viên"), "cancel": reverse("people:list")},
    )


# --- Changing and removing a line of the 2C ------------------------------------------------------


def _line(request: AuthedRequest, code: str, kind: str, pk: int) -> tuple[Person, object]:
    if kind not in PART_FORMS:
        raise Http404
    person = get_person_for(request.user, code, Action.EDIT)
    part = PART_MODELS[kind]._default_manager.filter(person=person, pk=pk).first()
    if part is None:
        raise Http404
    return person, part


def _initial(kind: str, part: object) -> dict[str, object]:
    initial = {name: getattr(part, name) for name in PART_FIELDS[kind] if name != "linked_person"}
    if kind == "relative":
        linked = getattr(part, "linked_person", None)
        initial["linked_code"] = linked.code if linked is not None else ""
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request: AuthedRequest, code: str, kind: str, pk: int) -> HttpResponse:
    person, part = _line(request, code, kind, pk)
    form = people_forms.with_reason(PART_FORMS[kind])(request.POST or None, initial=_initial(kind, part))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = str(data.pop("change_reason"))
        try:
            values = _relative_values(request, person, data) if kind == "relative" else data
            services.part_update(
                actor=request.user, person=person, kind=kind, part_id=pk, reason=reason, values=values
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã sửa dòng %(part)s; nội dung cũ và lý do được lưu.") % {"part": PART_NAMES[kind]},
            )
            return redirect("people:detail", code=person.code)
    title = _("Sửa %(part)s") % {"part": PART_NAMES[kind]}
    context = {**_person_context(request, person), "form": form, "title": title}
    return render(request, "people/action_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def part_delete(request: AuthedRequest, code: str, kind: str, pk: int) -> HttpResponse:
    """Ask for confirmation and a reason (GET), then remove the line (POST)."""
    person, part = _line(request, code, kind, pk)
    form = people_forms.LineReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_delete(
                actor=request.user,
                person=person,
                kind=kind,
                part_id=pk,
                reason=form.cleaned_data["change_reason"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request, _("Đã xóa dòng %(part)s; nội dung và lý do được lưu.") % {"part": PART_NAMES[kind]}
            )
            return redirect("people:detail", code=person.code)
    shown = [
        (getattr(PART_MODELS[kind]._meta.get_field(name), "verbose_name", name), getattr(part, name))
        for name in PART_FIELDS[kind]
        if name != "linked_person"
    ]
    context = {
        **_person_context(request, person),
        "form": form,
        "title": _("Xóa %(part)s") % {"part": PART_NAMES[kind]},
        "shown": shown,
    }
    return render(request, "people/part_delete.html", context)


# --- The photo -----------------------------------------------------------------------------------


@login_required
def person_photo(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code)
    photo = PersonPhoto.objects.filter(person=person).first()
    if photo is None:
        raise Http404
    response = HttpResponse(bytes(photo.data), content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def photo_upload(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, Action.EDIT)
    form = people_forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = uploads_from([form.cleaned_data["photo"]])[0]
            services.photo_set(actor=request.user, person=person, upload=upload)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật ảnh."))
            return redirect("people:detail", code=person.code)
    has_photo = PersonPhoto.objects.filter(person=person).exists()
    context = {**_person_context(request, person), "form": form, "has_photo": has_photo}
    return render(request, "people/photo_form.html", context)


@login_required
@require_POST
def photo_remove(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, Action.EDIT)
    try:
        services.photo_remove(actor=request.user, person=person)
    except DomainError as exc:  # pragma: no cover - the person was found in scope just above
        raise Http404 from exc
    messages.success(request, _("Đã gỡ ảnh."))
    return redirect("people:detail", code=person.code)
