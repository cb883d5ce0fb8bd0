"""Forms of the directive pages: intake, review, assignment, break-down, progress, quality."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.directives.models import DocType, ProductKind, Quality, ReportPeriod, TaskStatus
from tochuc.orgunits.models import OrgUnit

if TYPE_CHECKING:
    from tochuc.directives.suggestions import Suggestion

# What an uploaded document or an attachment may weigh, and how long a pasted text may be.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 400_000
INTAKE_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def _megabytes(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def lines(text: str) -> list[str]:
    """One non-empty, trimmed item per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class IntakeForm(forms.Form):
    """A Party document: a file, or its text pasted."""

    file = forms.FileField(
        label=_("Tệp văn bản"),
        required=False,
        help_text=_("TXT, Markdown, DOCX, PDF hoặc ảnh bản quét (JPEG, PNG, TIFF); tối đa %(size)s.")
        % {"size": "10 MB"},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(INTAKE_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Hoặc dán nội dung văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Dùng khi không có tệp: sao chép toàn bộ văn bản, kể cả phần đầu và nơi nhận."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Tệp nặng %(size)s, vượt giới hạn %(limit)s. Hãy tách tệp hoặc dán phần văn bản cần đọc.")
                % {"size": f"{upload.size / (1024 * 1024):.1f} MB", "limit": _megabytes(MAX_UPLOAD_BYTES)}
            )
        if not upload.name.lower().endswith(INTAKE_EXTENSIONS):
            raise ValidationError(_("Chỉ nhận tệp .txt, .md, .docx, .pdf hoặc ảnh .jpg, .png, .tif."))
        return upload

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text", "")
        if len(text) > MAX_TEXT_CHARS:
            raise ValidationError(
                _("Nội dung dán vào dài %(n)s ký tự, vượt giới hạn %(limit)s ký tự.")
                % {"n": len(text), "limit": MAX_TEXT_CHARS}
            )
        return text

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not self.errors and not data.get("file") and not data.get("text", "").strip():
            raise ValidationError(_("Hãy chọn một tệp văn bản hoặc dán nội dung văn bản."))
        return data


def unit_label(unit: OrgUnit) -> str:
    return f"{'· ' * max(unit.depth - 1, 0)}{unit.name} ({unit.code})"


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_label(obj)


class DirectiveValues(TypedDict):
    """The corrected reading, as ``directive_register`` takes it."""

    unit: OrgUnit
    doc_type: str
    number: str
    issuer_code: str
    issuer: str
    term: str
    title: str
    place: str
    issued_on: dt.date | None
    recipients: list[str]
    report_periods: list[str]
    signing_capacity: str
    signer_position: str
    signer_name: str


class TaskRow(TypedDict):
    no: str
    text: str
    deadline: dt.date | None
    lead_unit: OrgUnit | None


class BreakDownItem(TaskRow):
    pass


class ReviewForm(forms.Form):
    """What the reader found, every field correctable before registering."""

    unit = UnitChoiceField(
        label=_("Đơn vị quản lý, giao nhiệm vụ"),
        queryset=OrgUnit.objects.none(),
        help_text=_("Đơn vị theo dõi văn bản và giao các nhiệm vụ của văn bản."),
    )
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    number = forms.CharField(label=_("Số"), max_length=10)
    issuer_code = forms.CharField(
        label=_("Ký hiệu cơ quan ban hành"),
        max_length=30,
        help_text=_("Phần sau dấu gạch chéo trong số, ký hiệu, ví dụ BTCTW trong 03-KL/BTCTW."),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    issued_on = date_field(_("Ngày ban hành"))
    term = forms.CharField(
        label=_("Nhiệm kỳ"),
        max_length=20,
        help_text=_("Số văn bản được đánh từ 01 theo từng loại trong một nhiệm kỳ, ví dụ 2015-2020."),
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    report_periods = forms.CharField(
        label=_("Kỳ báo cáo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một kỳ, ví dụ «3 tháng»."),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một nơi nhận."),
    )
    signing_capacity = forms.CharField(
        label=_("Thẩm quyền ký"), max_length=100, required=False, help_text=_("Ví dụ: K/T TRƯỞNG BAN.")
    )
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: QuerySet[OrgUnit],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    def clean_number(self) -> str:
        number = "".join(self.cleaned_data["number"].split())
        if not number.isdigit():
            raise ValidationError(_("Số văn bản chỉ gồm chữ số, ví dụ 03."))
        return number

    def clean_issuer_code(self) -> str:
        code = "".join(self.cleaned_data["issuer_code"].split()).strip("/").upper()
        if not re.fullmatch(r"[^\W_][\w-]*", code):
            raise ValidationError(_("Ký hiệu cơ quan ban hành không hợp lệ, ví dụ BTCTW, TW, TU."))
        return code

    def service_values(self) -> DirectiveValues:
        d = self.cleaned_data
        return {
            "unit": d["unit"],
            "doc_type": d["doc_type"],
            "number": d["number"],
            "issuer_code": d["issuer_code"],
            "issuer": d["issuer"].strip(),
            "term": d["term"].strip(),
            "title": " ".join(d["title"].split()),
            "place": d["place"].strip(),
            "issued_on": d["issued_on"],
            "recipients": lines(d["recipients"]),
            "report_periods": lines(d["report_periods"]),
            "signing_capacity": d["signing_capacity"].strip(),
            "signer_position": d["signer_position"].strip(),
            "signer_name": d["signer_name"].strip(),
        }


OTHER_UNIT = "other"


class TaskRowForm(forms.Form):
    """One task as read; its lead unit confirmed among the suggestions, picked in the list, or left."""

    no = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False)
    text = forms.CharField(
        label=_("Nội dung nhiệm vụ"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = date_field(_("Thời hạn"))
    lead_choice = forms.ChoiceField(
        label=_("Cơ quan chủ trì"), required=False, widget=forms.RadioSelect, choices=()
    )
    lead_other = UnitChoiceField(
        label=_("Đơn vị khác"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Chưa giao —"),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[OrgUnit] | None = None,
        suggested: Sequence[Suggestion] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.suggested = list(suggested)
        other = self.fields["lead_other"]
        assert isinstance(other, forms.ModelChoiceField)
        if units is not None:
            other.queryset = units
        choice = self.fields["lead_choice"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [
            ("", _("Chưa giao")),
            *[(str(s.unit.pk), f"{s.unit.name} ({s.unit.code})") for s in self.suggested],
            (OTHER_UNIT, _("Đơn vị khác (chọn trong danh sách)")),
        ]

    @property
    def lead_options(self) -> list[tuple[object, str]]:
        """Each radio of the lead-unit choice with the reason it is suggested ("" for the others)."""
        reasons = ["", *[s.reason for s in self.suggested], ""]
        return list(zip(self["lead_choice"], reasons, strict=True))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if self.cleaned_data.get("DELETE"):
            return data
        if (data.get("no") or data.get("deadline")) and not (data.get("text") or "").strip():
            self.add_error("text", _("Nhập nội dung nhiệm vụ, hoặc đánh dấu «Bỏ»."))
        choice, other = data.get("lead_choice") or "", data.get("lead_other")
        if choice == OTHER_UNIT and other is None:
            self.add_error("lead_other", _("Chọn cơ quan chủ trì trong danh sách, hoặc chọn «Chưa giao»."))
        if choice and choice != OTHER_UNIT:
            data["lead_unit"] = next(s.unit for s in self.suggested if str(s.unit.pk) == choice)
        else:  # "Chưa giao" with a unit picked in the list: the list wins
            data["lead_unit"] = other
        return data


class BaseTaskRows(forms.BaseFormSet):  # type: ignore[type-arg]
    def rows(self) -> list[TaskRow]:
        """The kept rows, in order, numbered where the user left the number empty."""
        kept: list[TaskRow] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not (data.get("text") or "").strip():
                continue
            kept.append(
                {
                    "no": (data.get("no") or "").strip() or str(len(kept) + 1),
                    "text": " ".join(data["text"].split()),
                    "deadline": data.get("deadline"),
                    "lead_unit": data.get("lead_unit"),
                }
            )
        return kept

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        """``form_kwargs`` may carry ``suggested``: one list of suggestions per row, in order."""
        kwargs: dict[str, Any] = super().get_form_kwargs(index)
        per_row = kwargs.pop("suggested", ())
        kwargs["suggested"] = per_row[index] if index is not None and index < len(per_row) else ()
        return kwargs

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        numbers = [row["no"] for row in self.rows()]
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise ValidationError(
                _("Số thứ tự nhiệm vụ bị trùng: %(numbers)s.") % {"numbers": ", ".join(repeated)}
            )


TaskRows = forms.formset_factory(
    TaskRowForm, formset=BaseTaskRows, extra=1, can_delete=True, max_num=300, validate_max=True
)


class AssignForm(forms.Form):
    lead_unit = UnitChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Chọn đơn vị —"),
        help_text=_("Mỗi nhiệm vụ có đúng một cơ quan chủ trì."),
    )
    lead_unit_code = forms.CharField(
        label=_("Hoặc mã cơ quan chủ trì"),
        max_length=40,
        required=False,
        help_text=_("Khi đơn vị không có trong danh sách, nhập mã đơn vị."),
    )
    cooperating_units = UnitMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Giữ Ctrl để chọn nhiều đơn vị."),
    )
    responsible_person = forms.CharField(
        label=_("Mã đảng viên người chịu trách nhiệm"), max_length=40, required=False
    )
    deadline = date_field(_("Thời hạn"))
    report_period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportPeriod.choices, required=False)
    product_kind = forms.ChoiceField(
        label=_("Loại sản phẩm"), choices=[("", "—"), *ProductKind.choices], required=False
    )
    product = forms.CharField(
        label=_("Sản phẩm"),
        max_length=500,
        required=False,
        help_text=_("Ví dụ: Báo cáo sơ kết 6 tháng gửi Ban Tổ chức Trung ương."),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: QuerySet[OrgUnit],
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        for name in ("lead_unit", "cooperating_units"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = units

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not self.errors and not data.get("lead_unit") and not data.get("lead_unit_code", "").strip():
            self.add_error("lead_unit", _("Chọn cơ quan chủ trì (hoặc nhập mã đơn vị)."))
        if not self.errors and not data.get("deadline") and not data.get("report_period"):
            self.add_error("deadline", _("Nhập thời hạn hoặc chọn kỳ báo cáo định kỳ."))
        return data


class BreakDownRowForm(forms.Form):
    no = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False)
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = UnitChoiceField(
        label=_("Đơn vị chủ trì"), queryset=OrgUnit.objects.none(), required=False, empty_label="—"
    )
    deadline = date_field(_("Thời hạn"))

    def __init__(self, *args: Any, units: QuerySet[OrgUnit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        if units is not None:
            field.queryset = units


class BaseBreakDownRows(forms.BaseFormSet):  # type: ignore[type-arg]
    def items(self) -> list[BreakDownItem]:
        found: list[BreakDownItem] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or not (data.get("text") or "").strip():
                continue
            found.append(
                {
                    "no": (data.get("no") or "").strip() or str(len(found) + 1),
                    "text": " ".join(data["text"].split()),
                    "lead_unit": data.get("lead_unit"),
                    "deadline": data.get("deadline"),
                }
            )
        return found

    def clean(self) -> None:
        super().clean()
        if not any(self.errors) and not self.items():
            raise ValidationError(_("Nhập ít nhất một nhiệm vụ cụ thể."))


BreakDownRows = forms.formset_factory(
    BreakDownRowForm, formset=BaseBreakDownRows, extra=3, max_num=100, validate_max=True
)


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("Kết quả thực hiện"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Việc đã làm, sản phẩm đã có, khó khăn và kiến nghị."),
    )
    reported_on = date_field(_("Ngày báo cáo"), help_text=_("Để trống là hôm nay."))
    period_end = date_field(_("Kỳ báo cáo đến ngày"), help_text=_("Ngày cuối kỳ mà báo cáo này trả lời."))
    attachment = forms.FileField(label=_("Tệp đính kèm"), required=False)
    is_final = forms.BooleanField(label=_("Đây là báo cáo hoàn thành nhiệm vụ"), required=False)

    def clean_attachment(self) -> object:
        upload = self.cleaned_data.get("attachment")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Tệp đính kèm vượt giới hạn %(limit)s.") % {"limit": _megabytes(MAX_UPLOAD_BYTES)}
            )
        return upload

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("is_final") and data.get("percent") is not None and data["percent"] < 100:
            self.add_error("percent", _("Báo cáo hoàn thành phải có tiến độ 100%."))
        return data


class QualityForm(forms.Form):
    quality = forms.ChoiceField(label=_("Chất lượng"), choices=Quality.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DirectiveSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm văn bản"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Số, ký hiệu hoặc trích yếu")}),
    )


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"), required=False, choices=[("", _("Tất cả")), *TaskStatus.choices]
    )
