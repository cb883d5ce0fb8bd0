from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.orgunits.models import UnitKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _date_field(label: StrOrPromise) -> forms.DateField:
    return date_field(label, help_text=_("Để trống là hôm nay."))


class UnitCreateForm(forms.Form):
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang."),
    )
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    valid_from = _date_field(_("Ngày thành lập"))


class UnitRenameForm(forms.Form):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    effective_on = _date_field(_("Ngày hiệu lực"))
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)


class UnitMoveForm(forms.Form):
    new_parent_code = forms.CharField(label=_("Mã đơn vị cấp trên mới"), max_length=40)
    effective_on = _date_field(_("Ngày hiệu lực"))
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)


class UnitMergeForm(forms.Form):
    source_codes = forms.CharField(
        label=_("Mã các đơn vị hợp nhất vào đơn vị này"),
        help_text=_("Cách nhau bằng dấu phẩy. Các đơn vị này sẽ chấm dứt hoạt động."),
        max_length=1000,
    )
    effective_on = _date_field(_("Ngày hiệu lực"))
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)
    confirm = forms.BooleanField(label=_("Tôi đã kiểm tra và xác nhận hợp nhất"), required=True)


class UnitSplitForm(forms.Form):
    parts = forms.CharField(
        label=_("Các đơn vị mới"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Mỗi dòng một đơn vị: Mã | Tên | mã các đơn vị trực thuộc được giao (cách nhau bằng dấu phẩy). "
            "Đơn vị ở dòng đầu tiếp nhận chức năng, nhiệm vụ."
        ),
    )
    effective_on = _date_field(_("Ngày hiệu lực"))
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)
    confirm = forms.BooleanField(label=_("Tôi đã kiểm tra và xác nhận chia tách"), required=True)


class UnitDissolveForm(forms.Form):
    effective_on = _date_field(_("Ngày hiệu lực"))
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), max_length=500)
    confirm = forms.BooleanField(label=_("Tôi xác nhận giải thể đơn vị này"), required=True)


class FunctionCreateForm(forms.Form):
    title = forms.CharField(label=_("Chức năng, nhiệm vụ"), max_length=500)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    cooperating_codes = forms.CharField(
        label=_("Mã các cơ quan phối hợp"),
        required=False,
        max_length=1000,
        help_text=_("Cách nhau bằng dấu phẩy."),
    )


def split_codes(raw: str) -> list[str]:
    return [c.strip().upper() for c in raw.replace(";", ",").split(",") if c.strip()]
