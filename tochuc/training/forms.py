from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.training.models import AttendanceResult, CourseKind, NeedReason


class NeedsFilterForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    kind = forms.ChoiceField(
        label=_("Loại lớp"), choices=[("", _("Tất cả")), *CourseKind.choices], required=False
    )
    reason = forms.ChoiceField(
        label=_("Lý do"), choices=[("", _("Tất cả")), *NeedReason.choices], required=False
    )


class ReportForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)


class CourseForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị tổ chức"), max_length=40)
    code = forms.CharField(label=_("Mã lớp"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=CourseKind.choices)
    name = forms.CharField(label=_("Tên lớp"), max_length=255)
    provider = forms.CharField(label=_("Cơ sở đào tạo"), max_length=255)
    start = date_field(_("Từ ngày"), required=True)
    end = date_field(_("Đến ngày"), required=True)
    qualification = forms.CharField(
        label=_("Văn bằng, chứng chỉ"),
        max_length=255,
        required=False,
        help_text=_(
            "Ghi vào quá trình đào tạo (mẫu 2C) của người hoàn thành; với lớp tin học, ngoại ngữ, "
            "chuyên môn thì cũng là trình độ mới của họ."
        ),
    )


class PlanForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Tên kế hoạch"), max_length=255, required=False)


class RequestForm(forms.Form):
    person = forms.CharField(label=_("Mã đảng viên"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=CourseKind.choices)
    note = forms.CharField(label=_("Nội dung đề nghị"), max_length=500)


RESULT_CHOICES = [(v, label) for v, label in AttendanceResult.choices if v != AttendanceResult.PENDING]
