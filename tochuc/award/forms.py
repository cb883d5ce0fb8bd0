from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from tochuc.award.models import AwardForm, Panel
from tochuc.award.rules import AWARD_PACKS
from tochuc.core.forms import date_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OFF_TOPIC = "other"


class RoundForm(forms.Form):
    organizer = forms.ChoiceField(label=_("Cơ quan tổ chức"), choices=[])
    year = forms.IntegerField(label=_("Năm"), min_value=2016, max_value=2100)
    name = forms.CharField(label=_("Tên đợt giải"), max_length=255, required=False)
    pack = forms.ChoiceField(label=_("Thể lệ áp dụng"), choices=[])
    window_start = date_field(_("Đăng, phát từ ngày"), help_text=_("Để trống: theo thể lệ (1/11 năm trước)."))
    window_end = date_field(_("Đăng, phát đến ngày"), help_text=_("Để trống: theo thể lệ (31/10)."))

    def __init__(self, *args: object, organizers: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        organizer = self.fields["organizer"]
        pack = self.fields["pack"]
        assert isinstance(organizer, forms.ChoiceField) and isinstance(pack, forms.ChoiceField)
        organizer.choices = organizers
        pack.choices = AWARD_PACKS.choices()


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Tên tác phẩm"), max_length=500)
    authors = forms.CharField(
        label=_("Tác giả"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng một tác giả; thêm «| mã đảng viên» nếu tác giả có hồ sơ, ví dụ: Nguyễn Văn An | DV00012."
        ),
    )
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=255)
    form = forms.ChoiceField(label=_("Loại hình"), choices=AwardForm.choices)
    published_on = date_field(_("Ngày đăng, phát"), required=True)
    topic = forms.ChoiceField(label=_("Chủ đề"), choices=[])
    link = forms.URLField(label=_("Đường dẫn"), required=False, max_length=500, assume_scheme="https")
    scan = forms.FileField(label=_("Bản chụp (PDF, ảnh)"), required=False)

    def __init__(self, *args: object, topics: list[tuple[str, StrOrPromise]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = [*topics, (OFF_TOPIC, _("Chủ đề khác (không về xây dựng Đảng)"))]


class JurorForm(forms.Form):
    panel = forms.ChoiceField(label=_("Hội đồng"), choices=Panel.choices)
    username = forms.CharField(label=_("Tài khoản của giám khảo"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    outlet = forms.CharField(
        label=_("Cơ quan công tác"),
        max_length=255,
        required=False,
        help_text=_("Giám khảo không chấm tác phẩm của cơ quan báo chí nơi mình công tác."),
    )
    person = forms.CharField(
        label=_("Mã đảng viên (nếu có hồ sơ)"),
        max_length=40,
        required=False,
        help_text=_("Có hồ sơ thì người thân ghi trong hồ sơ được loại trừ tự động."),
    )


class RelationForm(forms.Form):
    relation = forms.CharField(label=_("Quan hệ"), max_length=50)
    full_name = forms.CharField(label=_("Họ và tên người thân"), max_length=150)


class ScoreForm(forms.Form):
    score = forms.CharField(label=_("Điểm"), max_length=10)
    comment = forms.CharField(label=_("Nhận xét"), max_length=500, required=False)

    def clean_score(self) -> Decimal:
        """A score typed "85,5" or "85.5"; the range is the service's check."""
        try:
            value = Decimal(str(self.cleaned_data["score"]).strip().replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(_("Điểm phải là số, ví dụ 85 hoặc 85,5.")) from None
        if not value.is_finite():
            raise forms.ValidationError(_("Điểm phải là số, ví dụ 85 hoặc 85,5."))
        return value


class PublishForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định công bố kết quả"),
        max_length=50,
        required=False,
        help_text=_("Để trống: lấy số tiếp theo trong sổ văn bản đi của cơ quan tổ chức."),
    )
    published_on = date_field(_("Ngày công bố"), required=True)
