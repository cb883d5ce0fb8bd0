from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.rewards.models import EarlyReason


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
