from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.people import services
from tochuc.people.ethnicities import ETHNIC_GROUPS
from tochuc.people.models import Gender, MembershipStatus, Person, TheoryLevel
from tochuc.people.selectors import AGE_BAND_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _blank(
    choices: Iterable[tuple[str, StrOrPromise]], label: StrOrPromise
) -> list[tuple[str, StrOrPromise]]:
    return [("", label), *choices]


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=40)
    gender = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=_blank(Gender.choices, _("Tất cả"))
    )
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), required=False)
    age_band = forms.ChoiceField(
        label=_("Độ tuổi"), required=False, choices=_blank(list(AGE_BAND_LABELS.items()), _("Tất cả"))
    )
    political_theory_level = forms.ChoiceField(
        label=_("Lý luận chính trị"), required=False, choices=_blank(TheoryLevel.choices, _("Tất cả"))
    )
    membership_status = forms.ChoiceField(
        label=_("Tình trạng đảng viên"),
        required=False,
        choices=_blank(MembershipStatus.choices, _("Tất cả")),
    )

    def __init__(self, data: QueryDict | None = None, *, ethnicities: list[str]) -> None:
        super().__init__(data)
        field = self.fields["ethnicity"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _blank([(e, e) for e in ethnicities], _("Tất cả"))


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xem số CCCD"),
        min_length=5,
        max_length=300,
        help_text=_("Ví dụ: đối chiếu hồ sơ chuyển sinh hoạt đảng. Lần xem được ghi vào nhật ký."),
    )


class PersonFieldsForm(forms.Form):
    """The main items of the 2C, shared by the form that adds a person and the one that corrects them."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    other_names = forms.CharField(label=_("Tên gọi khác"), max_length=150, required=False)
    birth_date = date_field(_("Ngày sinh"), required=True)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=50)
    religion = forms.CharField(label=_("Tôn giáo"), max_length=50, required=False)
    place_of_birth = forms.CharField(label=_("Nơi sinh"), max_length=255, required=False)
    hometown = forms.CharField(label=_("Quê quán"), max_length=255, required=False)
    residence = forms.CharField(label=_("Nơi ở hiện nay"), max_length=255, required=False)
    citizen_id = forms.CharField(
        label=_("Số CCCD"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    general_education = forms.CharField(label=_("Giáo dục phổ thông"), max_length=20, required=False)
    professional_qualification = forms.CharField(
        label=_("Trình độ chuyên môn"), max_length=255, required=False
    )
    political_theory_level = forms.ChoiceField(label=_("Lý luận chính trị"), choices=TheoryLevel.choices)
    foreign_language = forms.CharField(label=_("Ngoại ngữ"), max_length=100, required=False)
    it_level = forms.CharField(label=_("Tin học"), max_length=100, required=False)
    current_post = forms.CharField(label=_("Chức vụ hiện tại"), max_length=255, required=False)
    workplace = forms.CharField(label=_("Cơ quan công tác"), max_length=255, required=False)
    recruited_on = date_field(_("Ngày tuyển dụng"), required=False)
    civil_grade = forms.CharField(
        label=_("Ngạch công chức, viên chức"),
        max_length=150,
        required=False,
        help_text=_("Ví dụ: Chuyên viên chính."),
    )
    civil_grade_code = forms.CharField(
        label=_("Mã ngạch"), max_length=20, required=False, help_text=_("Ví dụ: 01.002.")
    )
    salary_step = forms.IntegerField(
        label=_("Bậc lương"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Bậc lương là một số nguyên, ví dụ 3.")},
    )
    salary_coefficient = forms.DecimalField(
        label=_("Hệ số lương"),
        required=False,
        max_digits=4,
        decimal_places=2,
        localize=True,
        help_text=_("Ví dụ: 4,98."),
        error_messages={
            "invalid": _("Hệ số lương là một số có tối đa hai chữ số thập phân, ví dụ 4,98."),
            "max_digits": _("Hệ số lương có tối đa hai chữ số trước dấu phẩy."),
            "max_decimal_places": _("Hệ số lương có tối đa hai chữ số sau dấu phẩy."),
        },
    )
    salary_since = date_field(_("Hưởng lương từ ngày"), required=False)
    enlisted_on = date_field(_("Ngày nhập ngũ"), required=False)
    discharged_on = date_field(_("Ngày xuất ngũ"), required=False)
    military_rank = forms.CharField(
        label=_("Quân hàm, chức vụ cao nhất"),
        max_length=150,
        required=False,
        help_text=_("Ví dụ: Thượng úy, Đại đội phó."),
    )
    status = forms.ChoiceField(label=_("Tình trạng đảng viên"), choices=MembershipStatus.choices)
    admitted_on = date_field(_("Ngày vào Đảng"), required=False)
    full_member_on = date_field(_("Ngày chính thức"), required=False)
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=20, required=False)

    PERSON_FIELDS: tuple[str, ...] = services.PERSON_FIELDS
    MEMBERSHIP_FIELDS = services.MEMBERSHIP_FIELDS

    def person_values(self) -> dict[str, object]:
        values = {name: self.cleaned_data[name] for name in self.PERSON_FIELDS}
        if self.cleaned_data["citizen_id"]:
            values["citizen_id"] = self.cleaned_data["citizen_id"].strip()
        return values

    def membership_values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.MEMBERSHIP_FIELDS}


class PersonCreateForm(PersonFieldsForm):
    unit_code = forms.CharField(
        label=_("Mã đơn vị sinh hoạt"),
        max_length=40,
        help_text=_("Mã chi bộ hoặc đảng bộ nơi người này sinh hoạt, ví dụ T01-X01-CB1."),
    )
    code = forms.CharField(
        label=_("Mã đảng viên"),
        max_length=40,
        required=False,
        help_text=_("Để trống để hệ thống cấp mã theo đơn vị (mã đơn vị, số thứ tự)."),
    )
    ethnicity = forms.ChoiceField(  # type: ignore[assignment]  # a list here, free text when correcting
        label=_("Dân tộc"), choices=[(name, name) for name in ETHNIC_GROUPS], initial="Kinh"
    )
    field_order = ["unit_code", "code"]
    status = forms.ChoiceField(
        label=_("Tình trạng đảng viên"),
        required=False,
        choices=[("", _("— Chưa phải đảng viên —")), *MembershipStatus.choices],
        help_text=_(
            "Để trống nếu chưa vào Đảng; có ngày vào Đảng thì mặc định là dự bị hoặc chính thức theo ngày."
        ),
    )

    PERSON_FIELDS = tuple(name for name in services.PERSON_FIELDS if name != "citizen_id")

    def clean_citizen_id(self) -> str:
        value: str = self.cleaned_data["citizen_id"].strip()
        if value and not (value.isdigit() and len(value) == 12):
            raise forms.ValidationError(_("Số CCCD gồm đúng 12 chữ số."))
        return value


class PersonCorrectForm(PersonFieldsForm):
    citizen_id = forms.CharField(
        label=_("Số CCCD mới"),
        max_length=12,
        required=False,
        help_text=_("Chỉ nhập khi cần sửa số CCCD; để trống là giữ nguyên số đã lưu."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=_("Lý do sửa"),
        max_length=500,
        help_text=_("Căn cứ sửa hồ sơ, ví dụ: văn bản đồng ý số 12-CV/BTC ngày 05/3/2026."),
    )

    # Every correctable field but the citizen ID, which is never put back into a page.
    PERSON_FIELDS = tuple(name for name in services.PERSON_FIELDS if name != "citizen_id")

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, object]:
        """The current values, except the citizen ID, which is never put in a page."""
        initial = {name: getattr(person, name) for name in cls.PERSON_FIELDS}
        membership = getattr(person, "membership", None)
        if membership is not None:
            initial.update({name: getattr(membership, name) for name in cls.MEMBERSHIP_FIELDS})
        return initial


class PersonMoveForm(forms.Form):
    unit_code = forms.CharField(label=_("Mã đơn vị mới"), max_length=40)
    reason = forms.CharField(
        label=_("Lý do chuyển sinh hoạt"),
        max_length=500,
        help_text=_("Ví dụ: Quyết định số 45-QĐ/ĐU ngày 10/01/2026 chuyển sinh hoạt đảng."),
    )


class CareerEntryForm(forms.Form):
    start = date_field(_("Từ ngày"), required=True)
    end = date_field(_("Đến ngày"), required=False, help_text=_("Để trống nếu đang đảm nhiệm."))
    description = forms.CharField(label=_("Chức danh, chức vụ, đơn vị công tác"), max_length=500)


class TrainingForm(forms.Form):
    start = date_field(_("Từ ngày"), required=True)
    end = date_field(_("Đến ngày"), required=False)
    institution = forms.CharField(label=_("Tên trường"), max_length=255)
    field = forms.CharField(label=_("Ngành học hoặc tên lớp"), max_length=255)
    form = forms.CharField(
        label=_("Hình thức học"),
        max_length=100,
        required=False,
        help_text=_("Chính quy, tại chức, chuyên tu, bồi dưỡng…"),
    )
    qualification = forms.CharField(label=_("Văn bằng, chứng chỉ"), max_length=255, required=False)


class RewardForm(forms.Form):
    decided_on = date_field(_("Ngày quyết định"), required=True)
    title = forms.CharField(label=_("Hình thức khen thưởng"), max_length=255)
    decided_by = forms.CharField(label=_("Cấp quyết định"), max_length=255, required=False)


class DisciplineForm(forms.Form):
    decided_on = date_field(_("Ngày quyết định"), required=True)
    form = forms.CharField(
        label=_("Hình thức kỷ luật"),
        max_length=100,
        help_text=_("Khiển trách, cảnh cáo, cách chức, khai trừ."),
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)
    decided_by = forms.CharField(label=_("Cấp quyết định"), max_length=255, required=False)


class RelativeForm(forms.Form):
    relation = forms.CharField(label=_("Quan hệ"), max_length=50, help_text=_("Bố, mẹ, vợ, chồng, con, anh…"))
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1850, max_value=2100)
    occupation = forms.CharField(label=_("Nghề nghiệp, nơi công tác"), max_length=500, required=False)
    linked_code = forms.CharField(
        label=_("Mã đảng viên của thân nhân (nếu có trong hồ sơ)"),
        max_length=40,
        required=False,
        help_text=_("Dùng để phát hiện xung đột lợi ích khi bổ nhiệm, đánh giá."),
    )


class LineReasonForm(forms.Form):
    change_reason = forms.CharField(
        label=_("Lý do sửa, xóa"),
        max_length=500,
        help_text=_("Căn cứ sửa hoặc xóa dòng này, ví dụ: văn bản đồng ý số 12-CV/BTC ngày 05/3/2026."),
    )


def with_reason(form_class: type[forms.Form]) -> type[forms.Form]:
    """``form_class`` with the required reason of a change at its end."""
    order = [*form_class.base_fields, "change_reason"]
    return type(f"{form_class.__name__}Change", (form_class, LineReasonForm), {"field_order": order})


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Ảnh 4×6"),
        help_text=_("Ảnh JPEG hoặc PNG, tối đa 2 MB, chụp chính diện."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
