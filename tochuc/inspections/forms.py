"""Forms of the inspection pages: the decision, the team, each step, the conclusion, the programme."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.inspections.models import Basis, InspectionKind, MemberRole
from tochuc.rewards.models import DisciplineForm

CODE_HELP = _("Nhập mã đơn vị, ví dụ T01-X01.")
CODES_HELP = _("Một hoặc nhiều mã, cách nhau bằng dấu phẩy hoặc khoảng trắng.")


def split_codes(value: str) -> list[str]:
    return [c for c in value.replace(",", " ").split() if c]


class InspectionForm(forms.Form):
    code = forms.CharField(
        label=_("Mã cuộc kiểm tra, giám sát"), max_length=40, help_text=_("Ví dụ KT-2026-01.")
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=InspectionKind.choices)
    basis = forms.ChoiceField(label=_("Hình thức"), choices=Basis.choices)
    unit = forms.CharField(label=_("Cấp tiến hành (mã đơn vị)"), max_length=40, help_text=CODE_HELP)
    targets = forms.CharField(
        label=_("Tổ chức đảng được kiểm tra, giám sát (mã)"), max_length=2000, help_text=CODES_HELP
    )
    target_people = forms.CharField(
        label=_("Đảng viên được kiểm tra, giám sát (mã)"),
        max_length=4000,
        required=False,
        help_text=CODES_HELP,
    )
    subject = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    start = date_field(_("Từ ngày"), required=True)
    end = date_field(_("Đến ngày"), required=True)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    source_signal = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


class MemberForm(forms.Form):
    person = forms.CharField(label=_("Mã đảng viên"), max_length=40)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class StepForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 5}))


class ConclusionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung kết luận"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 8})
    )


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Yêu cầu khắc phục"), max_length=5000, required=False)
    lead_unit = forms.CharField(label=_("Đơn vị chủ trì (mã)"), max_length=40, required=False)
    deadline = date_field(_("Thời hạn"))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("text") and not (data.get("lead_unit") and data.get("deadline")):
            raise forms.ValidationError(_("Mỗi yêu cầu cần đơn vị chủ trì và thời hạn."))
        return data


class DisciplineProposalForm(forms.Form):
    person = forms.CharField(label=_("Mã đảng viên đề nghị kỷ luật"), max_length=40, required=False)
    form = forms.ChoiceField(
        label=_("Hình thức đề nghị"), choices=[("", "—"), *DisciplineForm.choices], required=False
    )
    reason = forms.CharField(label=_("Nội dung vi phạm"), max_length=5000, required=False)
    violation_on = date_field(_("Ngày vi phạm"))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("person") and not (data.get("form") and data.get("reason") and data.get("violation_on")):
            raise forms.ValidationError(_("Cần chọn hình thức, ghi nội dung và ngày vi phạm."))
        return data


FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=3, max_num=100)
DisciplineFormSet = forms.formset_factory(DisciplineProposalForm, extra=2, max_num=50)


class ProgrammeForm(forms.Form):
    unit = forms.CharField(label=_("Cấp ủy (mã đơn vị)"), max_length=40, help_text=CODE_HELP)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=500)
    notes = forms.CharField(
        label=_("Nội dung chủ yếu"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SignalUnitForm(forms.Form):
    unit = forms.CharField(label=_("Đơn vị (mã)"), max_length=40, help_text=CODE_HELP)
