"""Pages of the people register: the list, the 2C curriculum vitae, corrections and downloads."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tochuc.accounts.policy import Action, has_any
from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment, xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.orgunits import selectors as unit_selectors
from tochuc.orgunits.models import OrgUnit
from tochuc.people import forms as people_forms
from tochuc.people import listing, selectors, services
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.excel.writing import list_workbook
from tochuc.people.models import Membership, Person, PersonCorrection, PersonPhoto
from tochuc.people.permissions import can_edit_person, can_reveal_citizen_id, get_person_for
from tochuc.people.services.records import PART_MODELS
from tochuc.people.word import curriculum_vitae_docx

# The most rows one Excel export may hold; a bigger list must be narrowed by filters first.
EXPORT_ROW_CAP: int = getattr(settings, "TOCHUC_PEOPLE_EXPORT_CAP", 20_000)


# --- The list ---------------------------------------------------------------


def _filtered(
    request: AuthedRequest,
) -> tuple[people_forms.PeopleFilterForm, selectors.PeopleFilter, OrgUnit | None]:
    form = people_forms.PeopleFilterForm(request.GET, ethnicities=selectors.ethnicities_for(request.user))
    if not form.is_valid():
        return form, selectors.PeopleFilter(), None
    data = form.cleaned_data
    unit: OrgUnit | None = None
    if data["unit"].strip():
        code = data["unit"].strip().upper()
        unit = unit_selectors.visible_units(request.user, include_inactive=True).filter(code=code).first()
        if unit is None:
            form.add_error(
                "unit", _("Không tìm thấy đơn vị «%(code)s» trong phạm vi của bạn.") % {"code": code}
            )
    filters = selectors.PeopleFilter(
        q=data["q"].strip(),
        unit=unit,
        gender=data["gender"],
        ethnicity=data["ethnicity"],
        age_band=data["age_band"],
        political_theory_level=data["political_theory_level"],
        membership_status=data["membership_status"],
    )
    return form, filters, unit


def _query_string(request: AuthedRequest) -> str:
    kept = {k: v for k, v in request.GET.items() if k != "page" and v}
    return urlencode(kept)


def _is_filtered(filters: selectors.PeopleFilter) -> bool:
    return any(
        [
            filters.q,
            filters.unit,
            filters.gender,
            filters.ethnicity,
            filters.age_band,
            filters.political_theory_level,
            filters.membership_status,
        ]
    )


@login_required
def person_list(request: AuthedRequest) -> HttpResponse:
    form, filters, _unit = _filtered(request)
    if form.errors:
        qs, counted, named = Person.objects.none(), selectors.Counted(0, more=False), None
    else:
        named = selectors.name_query(request.user, filters)
        qs = selectors.filter_people(request.user, filters, named=named)
        kept = listing.kept_total(request.user, filters)
        counted = (
            selectors.count_people(filters, qs, named) if kept is None else selectors.Counted(kept, False)
        )
        number = request.GET.get("page")
        wide = (
            listing.wide_subtree(request.user, filters)
            if listing.wide_pays(filters, number, counted.n, settings.TOCHUC_PAGE_SIZE)
            else None
        )
        if wide is not None:  # a QuerySet: never tested for truth, that would read every row
            qs = wide
    page = selectors.people_page(
        qs,
        request.GET.get("page"),
        settings.TOCHUC_PAGE_SIZE,
        count=counted.n,
        named=named,
        within=selectors.people_for(request.user),
    )
    context = {
        "form": form,
        "page": page,
        "more": counted.more,
        "query": _query_string(request),
        "filtered": _is_filtered(filters) or bool(form.errors),
        "export_cap": EXPORT_ROW_CAP,
        "may_export_citizen_id": has_any(request.user, Action.REVEAL_CITIZEN_ID),
        "may_add": has_any(request.user, Action.EDIT),
    }
    template = "people/_results.html" if request.htmx else "people/list.html"
    return render(request, template, context)


def _filters_summary(filters: selectors.PeopleFilter) -> dict[str, str]:
    summary = {
        "q": filters.q,
        "unit": filters.unit.code if filters.unit else "",
        "gender": filters.gender,
        "ethnicity": filters.ethnicity,
        "age_band": filters.age_band,
        "political_theory_level": filters.political_theory_level,
        "membership_status": filters.membership_status,
    }
    return {k: v for k, v in summary.items() if v}


@login_required
@require_http_methods(["GET", "POST"])
def person_export(request: AuthedRequest) -> HttpResponse:
    """The filtered list as Excel; the citizen ID column only on a POST that gives a reason."""
    form, filters, unit = _filtered(request)
    back = reverse("people:list") + ("?" + _query_string(request) if _query_string(request) else "")
    if form.errors:
        messages.error(request, _("Bộ lọc chưa hợp lệ; hãy sửa rồi xuất lại."))
        return redirect(back)
    qs = selectors.filter_people(request.user, filters)
    total = qs.count()
    if total > EXPORT_ROW_CAP:
        messages.error(
            request,
            _(
                "Danh sách có %(total)s người, vượt giới hạn %(cap)s dòng của một lần xuất Excel. "
                "Hãy lọc theo đơn vị hoặc điều kiện khác rồi xuất lại."
            )
            % {"total": f"{total:,}".replace(",", "."), "cap": f"{EXPORT_ROW_CAP:,}".replace(",", ".")},
        )
        return redirect(back)
    reason = ""
    if request.method == "POST":
        reason_form = people_forms.RevealForm(request.POST)
        if not reason_form.is_valid():
            messages.error(request, _("Cần ghi rõ lý do (ít nhất 5 ký tự) để xuất kèm số CCCD."))
            return redirect(back)
        if not selectors.may_reveal_all(request.user, qs):
            messages.error(
                request,
                _(
                    "Bạn không được xem số CCCD của mọi người trong danh sách này; "
                    "hãy lọc theo đơn vị bạn được xem số CCCD rồi xuất lại."
                ),
            )
            return redirect(back)
        reason = reason_form.cleaned_data["reason"]
    content = list_workbook(qs.select_related("unit", "membership"), with_citizen_id=bool(reason))
    details: dict[str, object] = {"filters": _filters_summary(filters), "citizen_id": bool(reason)}
    if reason:
        details.update(reason=reason, citizen_ids=total)
    export_record(
        actor=request.user,
        kind="person.export_citizen_ids" if reason else "person.export",
        target=request.user,
        unit_path=unit.path if unit else "",
        rows=total,
        details=details,
        label=_("Danh sách đảng viên"),
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_attachment(content, f"danh-sach-dang-vien-{stamp}")


# --- One person ---------------------------------------------------------------


def _person_context(request: AuthedRequest, person: Person) -> dict[str, object]:
    return {
        "person": person,
        "crumbs": unit_selectors.breadcrumbs(request.user, person.unit),
        "unit": person.unit,
    }


PART_LABELS = {
    "career": gettext_noop("Quá trình công tác"),
    "training": gettext_noop("Đào tạo, bồi dưỡng"),
    "reward": gettext_noop("Khen thưởng"),
    "discipline": gettext_noop("Kỷ luật"),
    "relative": gettext_noop("Thân nhân"),
}


def _field_label(name: str) -> str:
    model: type[models.Model] = Person
    if name.startswith("membership."):
        model, name = Membership, name.split(".", 1)[1]
    kind = name.split(".", 1)[0]
    if kind in PART_MODELS and "." in name:
        field = name.split(".", 1)[1]
        if field == "linked_person":
            return _("%(part)s — Mã đảng viên của thân nhân") % {"part": _(PART_LABELS[kind])}
        return _("%(part)s — %(field)s") % {
            "part": _(PART_LABELS[kind]),
            "field": _field_label_of(PART_MODELS[kind], field),
        }
    if name == "unit":
        return _("Đơn vị sinh hoạt")
    return _field_label_of(model, name)


def _field_label_of(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


def _correction_rows(corrections: list[PersonCorrection]) -> list[dict[str, object]]:
    """Corrections as the page shows them; sensitive values are already hashes in ``changes``."""
    rows = []
    for correction in corrections:
        changes = [
            {
                "label": _field_label(name),
                "old": pair[0] if isinstance(pair, list) and pair else "",
                "new": pair[1] if isinstance(pair, list) and len(pair) > 1 else "",
                "hashed": name in services.SENSITIVE_FIELDS,
            }
            for name, pair in correction.changes.items()
        ]
        actor = correction.actor
        rows.append(
            {
                "when": correction.corrected_at,
                "actor": (getattr(actor, "full_name", "") or actor.get_username()) if actor else "",
                "reason": correction.reason,
                "changes": changes,
            }
        )
    return rows


@login_required
def person_detail(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, photo="exists")
    profile = selectors.person_profile(person)
    context = {
        **_person_context(request, person),
        **profile,
        "corrections": _correction_rows(profile["corrections"]),
        "positions": selectors.person_positions(request.user, person),
        "may_edit": can_edit_person(request.user, person),
        "may_reveal": can_reveal_citizen_id(request.user, person),
        "person_photo": getattr(person, "has_photo", False),
    }
    return render(request, "people/detail.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def person_reveal(request: AuthedRequest, code: str) -> HttpResponse:
    """Ask for a reason, then show the full citizen ID once; each reveal is an audit event."""
    person = get_person_for(request.user, code, Action.REVEAL_CITIZEN_ID)
    form = people_forms.RevealForm(request.POST or None)
    partial = bool(request.htmx)
    if request.method == "POST" and form.is_valid():
        try:
            number = services.citizen_id_reveal(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            context = {**_person_context(request, person), "number": number}
            response = render(
                request, "people/_revealed.html" if partial else "people/revealed.html", context
            )
            response["Cache-Control"] = "no-store"
            return response
    template = "people/_reveal_form.html" if partial else "people/reveal.html"
    return render(request, template, {**_person_context(request, person), "form": form})


@login_required
def person_2c(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, photo="data")
    photo: PersonPhoto | None = getattr(person, "photo", None)  # None when the person has no photo
    content = curriculum_vitae_docx(
        person,
        selectors.person_profile(person, corrections=False),
        selectors.person_positions(request.user, person),
        today=timezone.localdate(),
        photo=bytes(photo.data) if photo is not None else None,
    )
    export_record(
        actor=request.user,
        kind="person.download_2c",
        target=person,
        unit_path=person.unit.path,
        details={"code": person.code},
        label=person.full_name,
    )
    return docx_attachment(content, f"2C-{person.code}")


def _act(
    request: AuthedRequest,
    person: Person,
    form: forms.Form,
    *,
    title: str,
    perform: Callable[[], object],
    done: str,
    explain: str = "",
) -> HttpResponse:
    """Run one write from a form: show it, or call the service and say what happened."""
    if request.method == "POST" and form.is_valid():
        try:
            perform()
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("people:detail", code=person.code)
    context = {**_person_context(request, person), "form": form, "title": title, "explain": explain}
    return render(request, "people/action_form.html", context)


@login_required
def person_correct(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, Action.EDIT)
    form = people_forms.PersonCorrectForm(
        request.POST or None, initial=people_forms.PersonCorrectForm.initial_for(person)
    )

    def perform() -> object:
        assert isinstance(form, people_forms.PersonCorrectForm)
        data = form.cleaned_data
        return services.person_correct(
            actor=request.user,
            person=person,
            reason=data["reason"],
            values=form.person_values(),
            membership=form.membership_values(),
        )

    return _act(
        request,
        person,
        form,
        title=_("Sửa hồ sơ"),
        perform=perform,
        done=_("Đã sửa hồ sơ; giá trị cũ, người sửa và lý do được lưu trong lịch sử sửa đổi."),
        explain=_(
            "Hồ sơ đảng viên là tài liệu mật; chỉ sửa khi có văn bản đồng ý. "
            "Mỗi lần sửa được lưu lại: ai sửa, khi nào, vì sao và đã đổi những gì."
        ),
    )


@login_required
def person_move(request: AuthedRequest, code: str) -> HttpResponse:
    person = get_person_for(request.user, code, Action.EDIT)
    form = people_forms.PersonMoveForm(request.POST or None)

    def perform() -> object:
        data = form.cleaned_data
        target_code = data["unit_code"].strip().upper()
        target = unit_selectors.visible_units(request.user).filter(code=target_code).first()
        if target is None:
            raise DomainError(
                _("Không tìm thấy đơn vị «%(code)s» trong phạm vi của bạn.") % {"code": target_code},
                field="unit_code",
                code=PeopleErrorCode.UNKNOWN_UNIT,
            )
        if target.pk == person.unit_id:
            raise DomainError(
                _("Đảng viên đang sinh hoạt ở đơn vị này."), field="unit_code", code=PeopleErrorCode.SAME_UNIT
            )
        return services.person_move(actor=request.user, person=person, unit=target, reason=data["reason"])

    return _act(
        request,
        person,
        form,
        title=_("Chuyển sinh hoạt sang đơn vị khác"),
        perform=perform,
        done=_("Đã chuyển sinh hoạt; việc chuyển được ghi vào lịch sử sửa đổi."),
        explain=_("Cả đơn vị hiện tại và đơn vị mới phải thuộc phạm vi bạn được giao."),
    )


def _part_view(
    form_class: type[forms.Form],
    add: Callable[..., object],
    title: str,
    done: str,
    prepare: Callable[[AuthedRequest, Person, dict[str, object]], dict[str, object]] | None = None,
) -> Callable[[AuthedRequest, str], HttpResponse]:
    @login_required
    def view(request: AuthedRequest, code: str) -> HttpResponse:
        person = get_person_for(request.user, code, Action.EDIT)
        form = form_class(request.POST or None)

        def perform() -> object:
            data = form.cleaned_data
            values = prepare(request, person, dict(data)) if prepare else data
            return add(actor=request.user, person=person, **values)

        return _act(request, person, form, title=_(title), perform=perform, done=_(done))

    return view


def _relative_values(request: AuthedRequest, person: Person, data: dict[str, object]) -> dict[str, object]:
    linked_code = str(data.pop("linked_code")).strip().upper()
    data["linked_person"] = None
    if linked_code:
        linked = selectors.people_for(request.user).filter(code=linked_code).first()
        if linked is None:
            raise DomainError(
                _("Không tìm thấy đảng viên mã «%(code)s» trong phạm vi của bạn.") % {"code": linked_code},
                field="linked_code",
                code=PeopleErrorCode.UNKNOWN_RELATIVE,
            )
        data["linked_person"] = linked
    return data


career_add = _part_view(
    people_forms.CareerEntryForm,
    services.career_entry_add,
    gettext_noop("Thêm quá trình công tác"),
    gettext_noop("Đã thêm quá trình công tác."),
)
training_add = _part_view(
    people_forms.TrainingForm,
    services.training_add,
    gettext_noop("Thêm quá trình đào tạo, bồi dưỡng"),
    gettext_noop("Đã thêm quá trình đào tạo, bồi dưỡng."),
)
reward_add = _part_view(
    people_forms.RewardForm,
    services.reward_add,
    gettext_noop("Thêm khen thưởng"),
    gettext_noop("Đã thêm khen thưởng."),
)
discipline_add = _part_view(
    people_forms.DisciplineForm,
    services.discipline_add,
    gettext_noop("Thêm kỷ luật"),
    gettext_noop("Đã thêm kỷ luật."),
)
relative_add = _part_view(
    people_forms.RelativeForm,
    services.relative_add,
    gettext_noop("Thêm thân nhân"),
    gettext_noop("Đã thêm thân nhân."),
    prepare=_relative_values,
)
