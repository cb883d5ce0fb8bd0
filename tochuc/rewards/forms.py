from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.rewards.models import AppealOutcome, DisciplineForm, EarlyReason


class BadgeDueForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    on = date_field(
        _("Ngày trao"), required=True, help_text=_("3/2, 19/5, 2/9, 7/11 hoặc ngày kỷ niệm khác.")
    )


class BadgeProposeForm(forms.Form):
    unit = forms.CharField(max_length=40, widget=forms.HiddenInput)
    on = date_field(_("Ngày trao"), required=True)
    people = forms.MultipleChoiceField(label=_("Đảng viên"), choices=[], widget=forms.CheckboxSelectMultiple)
    occasion = forms.CharField(
        label=_("Dịp trao"),
        max_length=255,
        required=False,
        help_text=_("Bắt buộc khi không phải 3/2, 19/5, 2/9, 7/11."),
    )
    early_reason = forms.ChoiceField(
        label=_("Trường hợp đặc biệt"), choices=EarlyReason.choices, required=False
    )
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, people: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["people"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = people or []


class BadgeDecideForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_on = date_field(_("Ngày quyết định"), required=True)
    badge_number = forms.CharField(label=_("Số huy hiệu"), max_length=50)


class DisciplineProposeForm(forms.Form):
    subject = forms.CharField(
        label=_("Mã đảng viên hoặc mã tổ chức đảng"),
        max_length=40,
        help_text=_("Mã đảng viên (ví dụ DV00001) hoặc mã đơn vị của tổ chức đảng bị kỷ luật."),
    )
    form = forms.ChoiceField(label=_("Hình thức kỷ luật đề nghị"), choices=DisciplineForm.choices)
    violation = forms.CharField(label=_("Nội dung vi phạm"), widget=forms.Textarea(attrs={"rows": 3}))
    violation_on = date_field(_("Ngày vi phạm"), required=True)
    no_time_limit = forms.BooleanField(
        label=_("Vi phạm không áp dụng thời hiệu"),
        required=False,
        help_text=_(
            "Chính trị nội bộ, quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia; sử dụng văn bằng bất hợp pháp."
        ),
    )


class DisciplineDecideForm(forms.Form):
    level = forms.ChoiceField(label=_("Cấp quyết định"), choices=[])
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_on = date_field(_("Ngày quyết định"), required=True)

    def __init__(self, *args: object, levels: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["level"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = levels or []


class AppealFileForm(forms.Form):
    received_on = date_field(_("Ngày nhận quyết định kỷ luật"), required=True)
    filed_on = date_field(_("Ngày khiếu nại"), required=True)
    content = forms.CharField(label=_("Nội dung khiếu nại"), widget=forms.Textarea(attrs={"rows": 3}))


class AppealAnswerForm(forms.Form):
    level = forms.ChoiceField(label=_("Cấp giải quyết"), choices=[])
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(v, lbl) for v, lbl in AppealOutcome.choices if v],
    )
    changed_form = forms.ChoiceField(
        label=_("Hình thức mới (khi thay đổi)"),
        choices=[("", "—"), *DisciplineForm.choices],
        required=False,
    )
    answered_on = date_field(_("Ngày trả lời"), required=True)
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, levels: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["level"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = levels or []


class CertificatesForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    year = forms.IntegerField(
        label=_("Năm đánh giá"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "4"}),
    )


class CertificateApproveForm(forms.Form):
    level = forms.ChoiceField(label=_("Cấp quyết định"), choices=[])
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_on = date_field(_("Ngày quyết định"), required=True)

    def __init__(self, *args: object, levels: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["level"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = levels or []
