from __future__ import annotations

import datetime as dt
from typing import TypedDict, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.evaluations.models import CycleKind, Rating
from tochuc.evaluations.rules.base import Criterion

RATING_CHOICES = [("", _("— Chọn xếp loại —")), *Rating.choices]
REASON_HELP = _("Bắt buộc khi xếp loại khác với xếp loại đã có.")


def _packs() -> list[tuple[str, str]]:
    from tochuc.evaluations.rules import available_packs

    return [(p.code, p.name) for p in available_packs()]


class CycleValues(TypedDict):
    """A new cycle as ``cycle_open`` takes it."""

    code: str
    name: str
    kind: str
    year: int
    quarter: int | None
    pack: str
    self_review_due: dt.date | None
    comments_due: dt.date | None
    appraisal_due: dt.date | None
    decision_due: dt.date | None


class CycleOpenForm(forms.Form):
    code = forms.CharField(label=_("Mã đợt"), max_length=40, help_text=_("Ví dụ: T01-2025."))
    name = forms.CharField(label=_("Tên đợt đánh giá"), max_length=255)
    unit_code = forms.CharField(
        label=_("Mã đơn vị"), max_length=40, help_text=_("Đợt gồm đơn vị này và các đơn vị trực thuộc.")
    )
    kind = forms.ChoiceField(label=_("Loại đợt"), choices=CycleKind.choices, initial=CycleKind.ANNUAL)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Chỉ với đợt hằng quý."),
    )
    pack = forms.ChoiceField(label=_("Bộ quy tắc"), choices=())
    self_review_due = date_field(_("Hạn tự kiểm điểm"))
    comments_due = date_field(_("Hạn lấy ý kiến"))
    appraisal_due = date_field(_("Hạn thẩm định"))
    decision_due = date_field(_("Hạn quyết định"))

    def __init__(self, data: QueryDict | None = None) -> None:
        super().__init__(data)
        from tochuc.evaluations.rules import DEFAULT_PACK

        pack_field = cast(forms.ChoiceField, self.fields["pack"])
        pack_field.choices = _packs()
        pack_field.initial = DEFAULT_PACK

    def service_values(self) -> CycleValues:
        data = self.cleaned_data
        return CycleValues(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            year=data["year"],
            quarter=data["quarter"],
            pack=data["pack"],
            self_review_due=data["self_review_due"],
            comments_due=data["comments_due"],
            appraisal_due=data["appraisal_due"],
            decision_due=data["decision_due"],
        )


class ProgressFilterForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=40)
    unfinished = forms.BooleanField(label=_("Chỉ đơn vị chưa xong"), required=False)


class SelfReviewForm(forms.Form):
    """One number field per criterion of the frame, then the narrative and the evidence."""

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        criteria: list[Criterion],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c_{criterion.key}"] = forms.DecimalField(
                label=f"{criterion.label} (tối đa {criterion.max_points})",
                min_value=0,
                max_value=criterion.max_points,
                decimal_places=1,
                max_digits=4,
            )
        self.fields["self_review"] = forms.CharField(
            label=_("Bản tự kiểm điểm"), widget=forms.Textarea(attrs={"rows": 5})
        )
        self.fields["evidence"] = forms.CharField(
            label=_("Minh chứng"), widget=forms.Textarea(attrs={"rows": 3}), required=False
        )
        self.fields["rating"] = forms.ChoiceField(
            label=_("Tự xếp loại"),
            choices=[("", _("— Theo điểm —")), *Rating.choices],
            required=False,
            help_text=_("Để trống: xếp loại theo khung điểm của bộ quy tắc."),
        )
        self.fields["reason"] = forms.CharField(
            label=_("Lý do thay đổi xếp loại"), required=False, help_text=REASON_HELP
        )

    def criteria_values(self) -> dict[str, object]:
        return {c.key: self.cleaned_data[f"c_{c.key}"] for c in self.criteria}


class CommentsForm(forms.Form):
    comments = forms.CharField(label=_("Ý kiến của tập thể"), widget=forms.Textarea(attrs={"rows": 4}))
    suggested_rating = forms.ChoiceField(label=_("Tập thể đề nghị xếp loại"), choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Lý do thay đổi xếp loại"), required=False, help_text=REASON_HELP)


class AppraisalForm(forms.Form):
    score = forms.DecimalField(
        label=_("Điểm đề xuất"), min_value=0, max_value=100, decimal_places=1, max_digits=4
    )
    rating = forms.ChoiceField(label=_("Đề xuất xếp loại"), choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Lý do đề xuất"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    rating = forms.ChoiceField(label=_("Quyết định xếp loại"), choices=RATING_CHOICES)
    score = forms.DecimalField(
        label=_("Điểm"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        max_digits=4,
        required=False,
        help_text=_("Để trống: lấy điểm đề xuất."),
    )
    reason = forms.CharField(label=_("Lý do thay đổi xếp loại"), required=False, help_text=REASON_HELP)


class JustificationForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput, max_length=80)
    unit_code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    person_code = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    text = forms.CharField(label=_("Giải trình"), widget=forms.Textarea(attrs={"rows": 3}))
