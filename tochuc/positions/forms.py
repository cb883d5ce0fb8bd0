from __future__ import annotations

from typing import TypedDict

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.people.models import TheoryLevel
from tochuc.positions.models import AssignmentKind, DegreeLevel, PositionGroup, Title
from tochuc.positions.requirements import Requirements

TODAY_HELP = _("Để trống là hôm nay.")


class PositionValues(TypedDict):
    """A position as ``position_create`` and ``position_update`` take it."""

    name: str
    group: str
    title: Title | None
    duties: list[str]
    headcount_quota: int
    requirements: Requirements


class PositionFilterForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=40)
    group = forms.ChoiceField(
        label=_("Nhóm vị trí"), required=False, choices=[("", _("Tất cả")), *PositionGroup.choices]
    )


class PositionForm(forms.Form):
    name = forms.CharField(label=_("Tên vị trí việc làm"), max_length=255)
    group = forms.ChoiceField(label=_("Nhóm vị trí"), choices=PositionGroup.choices)
    title = forms.ModelChoiceField(
        label=_("Chức danh"),
        queryset=Title.objects.filter(retired_on__isnull=True).order_by("name"),
        required=False,
        empty_label=_("— Không gắn chức danh —"),
    )
    duties = forms.CharField(
        label=_("Nhiệm vụ (bản mô tả công việc)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Mỗi dòng một nhiệm vụ. Mỗi nhiệm vụ sẽ có đúng một người chịu trách nhiệm."),
    )
    headcount_quota = forms.IntegerField(label=_("Biên chế"), min_value=0, max_value=9999, initial=1)
    min_degree = forms.TypedChoiceField(
        label=_("Trình độ chuyên môn tối thiểu"), choices=DegreeLevel.choices, coerce=int, initial=0
    )
    min_theory_level = forms.ChoiceField(
        label=_("Lý luận chính trị tối thiểu"), choices=TheoryLevel.choices, initial=TheoryLevel.NONE
    )
    min_experience_years = forms.IntegerField(
        label=_("Số năm kinh nghiệm tối thiểu"), min_value=0, max_value=50, initial=0
    )
    min_age = forms.IntegerField(label=_("Tuổi tối thiểu"), min_value=16, max_value=80, required=False)
    max_age = forms.IntegerField(
        label=_("Tuổi tối đa"),
        min_value=16,
        max_value=80,
        required=False,
        help_text=_("Để trống nếu không giới hạn."),
    )

    def service_values(self) -> PositionValues:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "group": data["group"],
            "title": data["title"],
            "duties": data["duties"].splitlines(),
            "headcount_quota": data["headcount_quota"],
            "requirements": Requirements(
                min_degree=data["min_degree"],
                min_theory_level=data["min_theory_level"],
                min_experience_years=data["min_experience_years"],
                min_age=data["min_age"],
                max_age=data["max_age"],
            ),
        }


class PositionCreateForm(PositionForm):
    unit_code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    field_order = ["unit_code"]


class AssignForm(forms.Form):
    person_code = forms.CharField(label=_("Mã đảng viên của người được bố trí"), max_length=40)
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=AssignmentKind.choices, initial=AssignmentKind.HOLDER
    )
    start = date_field(_("Từ ngày"), help_text=TODAY_HELP)
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)


class AssignConfirmForm(AssignForm):
    accept_warnings = forms.BooleanField(
        label=_("Tôi đã xem các điểm chưa đạt và vẫn bố trí"), required=False
    )
    justification = forms.CharField(
        label=_("Lý do vẫn bố trí"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Được ghi vào nhật ký kiểm tra cùng các điểm chưa đạt."),
    )


class AssignmentEndForm(forms.Form):
    end = date_field(_("Ngày kết thúc"), help_text=TODAY_HELP)
    note = forms.CharField(label=_("Căn cứ (số quyết định)"), required=False, max_length=500)
    confirm = forms.BooleanField(label=_("Tôi xác nhận kết thúc việc bố trí này"), required=True)


class DutyHolderForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Người chịu trách nhiệm"), coerce=int)
    start = date_field(_("Từ ngày"), help_text=TODAY_HELP)

    def __init__(self, data: QueryDict | None = None, *, choices: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["person"].choices = choices  # type: ignore[attr-defined]


class ManyPostsForm(forms.Form):
    n = forms.IntegerField(label=_("Giữ nhiều hơn (số vị trí)"), min_value=0, max_value=50, required=False)
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=40)
