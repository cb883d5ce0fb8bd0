from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.orgunits import selectors, services
from tochuc.orgunits.errors import OrgunitsErrorCode
from tochuc.orgunits.forms import (
    FunctionCreateForm,
    UnitCreateForm,
    UnitDissolveForm,
    UnitMergeForm,
    UnitMoveForm,
    UnitRenameForm,
    UnitSplitForm,
    split_codes,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import can_manage_unit, get_unit_for
from tochuc.rewards.selectors import unit_record

SUBTREE_PAGE_SIZE = 50


@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    context: dict[str, object] = {"roots": selectors.scope_roots(request.user), "q": query}
    if query:
        results = selectors.search_units(request.user, query, limit=50)
        context["results"] = results
        context["visible_parents"] = selectors.visible_parents(request.user, results)
    return render(request, "orgunits/tree.html", context)


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    """Search-as-you-type results (a partial for HTMX, the tree page otherwise)."""
    if not request.htmx:
        return tree(request)
    query = request.GET.get("q", "").strip()
    results = selectors.search_units(request.user, query) if query else []
    visible_parents = selectors.visible_parents(request.user, results)
    return render(
        request,
        "orgunits/_search_results.html",
        {"results": results, "q": query, "visible_parents": visible_parents},
    )


@login_required
def children(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    return render(
        request,
        "orgunits/_children.html",
        {"nodes": selectors.children_of(request.user, unit), "parent": unit},
    )


@login_required
def detail(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    context = {
        "unit": unit,
        "crumbs": selectors.breadcrumbs(request.user, unit),
        "children": selectors.children_of(request.user, unit, include_inactive=True),
        "functions": selectors.unit_functions(request.user, unit),
        "events": unit.events.select_related("related_unit", "actor").all()[:100],
        "may_manage": can_manage_unit(request.user, unit),
        "record": unit_record(unit),
    }
    return render(request, "orgunits/detail.html", context)


@login_required
def subtree(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    page = selectors.subtree_page(request.user, unit, request.GET.get("page"), SUBTREE_PAGE_SIZE)
    return render(
        request,
        "orgunits/subtree.html",
        {"unit": unit, "crumbs": selectors.breadcrumbs(request.user, unit), "page": page},
    )


@login_required
def overlaps(request: AuthedRequest) -> HttpResponse:
    pairs = selectors.function_overlaps(request.user)
    return render(request, "orgunits/overlaps.html", {"pairs": pairs})


def _act(
    request: AuthedRequest,
    unit: OrgUnit,
    form: forms.Form,
    *,
    title: str,
    perform: Callable[[], OrgUnit],
    done: str,
    danger: bool = False,
    explain: str = "",
) -> HttpResponse:
    """Run one write from a form: show it, or call the service and report in a sentence."""
    if request.method == "POST" and form.is_valid():
        try:
            target = perform()
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("orgunits:detail", code=target.code)
    return render(
        request,
        "orgunits/action_form.html",
        {
            "unit": unit,
            "crumbs": selectors.breadcrumbs(request.user, unit),
            "form": form,
            "title": title,
            "danger": danger,
            "explain": explain,
        },
    )


def _units_by_codes(request: AuthedRequest, codes: list[str], field: str) -> list[OrgUnit]:
    found = {u.code: u for u in selectors.visible_units(request.user).filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError(
            _("Không tìm thấy đơn vị: %(codes)s.") % {"codes": ", ".join(missing)},
            field=field,
            code=OrgunitsErrorCode.UNKNOWN_UNITS,
        )
    return [found[c] for c in codes]


@login_required
def create_child(request: AuthedRequest, code: str) -> HttpResponse:
    parent = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitCreateForm(request.POST or None)
    return _act(
        request,
        parent,
        form,
        title=_("Thành lập đơn vị trực thuộc"),
        perform=lambda: services.unit_create(actor=request.user, parent=parent, **form.cleaned_data),
        done=_("Đã thành lập đơn vị mới."),
    )


@login_required
def rename(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitRenameForm(request.POST or None, initial={"name": unit.name, "short_name": unit.short_name})
    return _act(
        request,
        unit,
        form,
        title=_("Đổi tên đơn vị"),
        perform=lambda: services.unit_rename(actor=request.user, unit=unit, **form.cleaned_data),
        done=_("Đã đổi tên đơn vị; tên cũ được lưu trong lịch sử."),
    )


@login_required
def move(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitMoveForm(request.POST or None)

    def perform() -> OrgUnit:
        data = form.cleaned_data
        (new_parent,) = _units_by_codes(request, [data["new_parent_code"].strip().upper()], "new_parent_code")
        return services.unit_move(
            actor=request.user,
            unit=unit,
            new_parent=new_parent,
            effective_on=data["effective_on"],
            note=data["note"],
        )

    return _act(
        request,
        unit,
        form,
        title=_("Chuyển đơn vị sang đơn vị cấp trên khác"),
        perform=perform,
        done=_("Đã chuyển đơn vị cùng toàn bộ đơn vị trực thuộc."),
        explain=_("Toàn bộ đơn vị trực thuộc được chuyển theo."),
    )


@login_required
def merge(request: AuthedRequest, code: str) -> HttpResponse:
    survivor = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitMergeForm(request.POST or None)

    def perform() -> OrgUnit:
        data = form.cleaned_data
        sources = _units_by_codes(request, split_codes(data["source_codes"]), "source_codes")
        return services.unit_merge(
            actor=request.user,
            sources=sources,
            survivor=survivor,
            effective_on=data["effective_on"],
            note=data["note"],
        )

    return _act(
        request,
        survivor,
        form,
        title=_("Hợp nhất đơn vị khác vào đơn vị này"),
        perform=perform,
        done=_("Đã hợp nhất; đơn vị trực thuộc và chức năng đã chuyển về đơn vị này."),
        danger=True,
        explain=_(
            "Các đơn vị được hợp nhất sẽ chấm dứt hoạt động; đơn vị trực thuộc và chức năng, nhiệm vụ "
            "của chúng chuyển về đơn vị này. Lịch sử được giữ lại."
        ),
    )


def _parse_parts(raw: str) -> list[services.SplitPart]:
    parts = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise DomainError(
                _("Dòng %(n)d: cần «Mã | Tên | mã đơn vị trực thuộc».") % {"n": number},
                field="parts",
                code=OrgunitsErrorCode.INVALID_SPLIT_LINE,
            )
        parts.append(
            services.SplitPart(
                code=cells[0], name=cells[1], children=split_codes(cells[2]) if len(cells) > 2 else []
            )
        )
    return parts


@login_required
def split(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitSplitForm(request.POST or None)

    def perform() -> OrgUnit:
        data = form.cleaned_data
        new_units = services.unit_split(
            actor=request.user,
            unit=unit,
            parts=_parse_parts(data["parts"]),
            effective_on=data["effective_on"],
            note=data["note"],
        )
        return new_units[0]

    return _act(
        request,
        unit,
        form,
        title=_("Chia tách đơn vị"),
        perform=perform,
        done=_("Đã chia tách đơn vị."),
        danger=True,
        explain=_("Đơn vị này chấm dứt hoạt động; mỗi đơn vị trực thuộc phải được giao cho một đơn vị mới."),
    )


@login_required
def dissolve(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = UnitDissolveForm(request.POST or None)
    return _act(
        request,
        unit,
        form,
        title=_("Giải thể đơn vị"),
        perform=lambda: services.unit_dissolve(
            actor=request.user,
            unit=unit,
            effective_on=form.cleaned_data["effective_on"],
            note=form.cleaned_data["note"],
        ),
        done=_("Đã giải thể đơn vị; hồ sơ và lịch sử vẫn được lưu."),
        danger=True,
        explain=_(
            "Đơn vị sẽ chấm dứt hoạt động từ ngày hiệu lực. Không thể giải thể khi còn đơn vị trực thuộc."
        ),
    )


@login_required
def function_create(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code, Action.MANAGE_UNITS)
    form = FunctionCreateForm(request.POST or None)

    def perform() -> OrgUnit:
        data = form.cleaned_data
        cooperating = _units_by_codes(request, split_codes(data["cooperating_codes"]), "cooperating_codes")
        services.function_create(
            actor=request.user,
            lead_unit=unit,
            title=data["title"],
            description=data["description"],
            cooperating_units=cooperating,
        )
        return unit

    return _act(
        request,
        unit,
        form,
        title=_("Thêm chức năng, nhiệm vụ do đơn vị chủ trì"),
        perform=perform,
        done=_("Đã thêm chức năng, nhiệm vụ."),
    )
