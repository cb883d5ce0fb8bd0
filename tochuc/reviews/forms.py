from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.reviews.models import PeriodKind, Section


class PeriodOpenForm(forms.Form):
    code = forms.CharField(
        label=_("Mã kỳ báo cáo"), max_length=40, help_text=_("Ví dụ: T01-2025-Q1 (mã đơn vị, năm, kỳ).")
    )
    unit = forms.ChoiceField(label=_("Đơn vị mở kỳ"))
    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.IntegerField(
        label=_("Quý (hoặc nửa năm)"),
        required=False,
        min_value=1,
        max_value=4,
        help_text=_("Quý 1–4; kỳ 6 tháng: 1 là đầu năm, 2 là cuối năm; để trống với kỳ năm."),
    )
    deadline = date_field(_("Hạn gửi báo cáo"), required=True)
    title = forms.CharField(label=_("Nội dung sơ kết, tổng kết"), max_length=500, required=False)

    def __init__(self, data: QueryDict | None = None, *, units: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    results = forms.CharField(
        label=Section.RESULTS.label, widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    shortcomings = forms.CharField(
        label=Section.SHORTCOMINGS.label, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lessons = forms.CharField(
        label=Section.LESSONS.label, widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_tasks = forms.CharField(
        label=Section.NEXT_TASKS.label, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    proposals = forms.CharField(
        label=Section.PROPOSALS.label, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ExpectedChangeForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    reason = forms.CharField(label=_("Lý do"), max_length=500)
