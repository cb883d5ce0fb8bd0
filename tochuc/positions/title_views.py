"""Pages of the title catalog: the list, adding, renaming, retiring and offering again."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import UnitKind
from tochuc.positions import titles
from tochuc.positions.models import LeadershipGroup


class TitleForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên chức danh"), max_length=255)
    is_leadership = forms.BooleanField(label=gettext_lazy("Chức danh lãnh đạo, quản lý"), required=False)
    leadership_group = forms.TypedChoiceField(
        label=gettext_lazy("Nhóm chức danh lãnh đạo"),
        choices=[("", gettext_lazy("— Không thuộc nhóm nào —")), *LeadershipGroup.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    unit_kind = forms.ChoiceField(
        label=gettext_lazy("Thuộc cấp"),
        choices=[("", gettext_lazy("— Mọi cấp —")), *UnitKind.choices],
        required=False,
        help_text=gettext_lazy("Chức danh của cấp nào chỉ được quy hoạch, bổ nhiệm ở đơn vị cấp đó."),
    )
    is_elected = forms.BooleanField(
        label=gettext_lazy("Chức danh do bầu cử"),
        required=False,
        help_text=gettext_lazy("Bí thư, phó bí thư…: qua bầu cử hoặc chỉ định, không bổ nhiệm."),
    )


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên mới"), max_length=255)


@login_required
@require_http_methods(["GET", "POST"])
def title_list(request: AuthedRequest) -> HttpResponse:
    """The catalog, with a form to add a title."""
    if not titles.may_see_titles(request.user):
        raise Http404
    form = TitleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            title = titles.title_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã thêm chức danh «%(name)s».") % {"name": title.name})
            return redirect("positions:titles")
    page = Paginator(titles.titles_for(request.user), settings.TOCHUC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shown = list(page.object_list)
    allowed = titles.manageable(request.user, shown)
    rows = [(t, t.pk in allowed) for t in shown]
    return render(request, "positions/titles.html", {"rows": rows, "page": page, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def title_rename(request: AuthedRequest, pk: int) -> HttpResponse:
    title = titles.get_title_for(request.user, pk)
    form = RenameForm(request.POST or None, initial={"name": title.name})
    if request.method == "POST" and form.is_valid():
        try:
            titles.title_rename(actor=request.user, title=title, name=form.cleaned_data["name"])
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã đổi tên chức danh; các vị trí mang chức danh này hiện tên mới."))
            return redirect("positions:titles")
    return render(request, "positions/title_rename.html", {"title": title, "form": form})


@login_required
@require_POST
def title_retire(request: AuthedRequest, pk: int) -> HttpResponse:
    title = titles.get_title_for(request.user, pk)
    retire = request.POST.get("retire", "1") == "1"
    try:
        titles.title_retire(actor=request.user, title=title, retire=retire)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã thôi sử dụng chức danh «%(name)s»; các vị trí đang mang chức danh này giữ nguyên.")
            % {"name": title.name}
            if retire
            else _("Đã dùng lại chức danh «%(name)s».") % {"name": title.name},
        )
    return redirect("positions:titles")
