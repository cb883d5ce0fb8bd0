from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.attachments import MultipleFileField, MultipleFileInput
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
    attachments = MultipleFileField(
        label=_("Tệp gửi kèm (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt"}),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile[bytes]] | None = None,
        *,
        initial: dict[str, str] | None = None,
    ) -> None:
        super().__init__(data, files, initial=initial)
        self.fields["attachments"].help_text = _(
            "PDF, ảnh, Word, Excel hoặc văn bản; tối đa %(n)d tệp cho một báo cáo."
        ) % {"n": settings.TOCHUC_REVIEW_MAX_FILES}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ExpectedChangeForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị"))
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, data: QueryDict | None = None, *, units: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


class IssueForm(forms.Form):
    signer_name = forms.CharField(
        label=_("Họ tên người ký"),
        max_length=150,
        required=False,
        help_text=_("Người ký báo cáo tổng hợp; bắt buộc trước khi lấy số."),
    )


class DispatchForm(forms.Form):
    units = forms.MultipleChoiceField(
        label=_("Nơi nhận"), widget=forms.CheckboxSelectMultiple, help_text=_("Các đơn vị nhận văn bản.")
    )

    def __init__(self, data: QueryDict | None = None, *, units: list[tuple[str, str]]) -> None:
        super().__init__(data, initial={"units": [code for code, _label in units]})
        self.fields["units"].choices = units  # type: ignore[attr-defined]
