"""The forms of the personnel pages: plain fields; the services judge the content."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tochuc.core.forms import date_field
from tochuc.orgunits.models import OrgUnit
from tochuc.personnel.models import ProcedureKind, ProcedureStatus, RemovalReason
from tochuc.personnel.rules import DEFAULT_PACK, available_packs, get_pack
from tochuc.positions.models import Position, Title

TODAY_HELP = _("Để trống là hôm nay.")
PERSON_HELP = _("Gõ mã đảng viên, hoặc họ tên (không cần dấu) rồi chọn trong danh sách gợi ý.")


def person_input(list_id: str) -> forms.TextInput:
    """A person typed as a code or a name; suggestions come into the datalist ``list_id`` (HTMX)."""
    return forms.TextInput(
        attrs={
            "list": list_id,
            "autocomplete": "off",
            "hx-get": reverse_lazy("personnel:person_search"),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": f"#{list_id}",
            "data-suggest": list_id,
        }
    )


def _leadership_titles(unit_kind: str = "") -> QuerySet[Title]:
    """The leadership titles in use, only those of the unit's level when the unit is known."""
    titles = Title.objects.filter(is_leadership=True, retired_on__isnull=True)
    if unit_kind:
        titles = titles.filter(Q(unit_kind="") | Q(unit_kind=unit_kind))
    return titles.order_by("leadership_group", "name")


def _pack_choices() -> list[tuple[str, str]]:
    return [(pack.code, pack.name) for pack in available_packs()]


class UnitChoiceMixin:
    """A unit chosen among those the page offers (value: the unit code)."""

    def set_units(self, field: str, units: Iterable[OrgUnit], *, blank: str | None = None) -> None:
        choices = [
            (u.code, f"{'— ' * max(u.depth - 1, 0)}{u.short_name or u.name} ({u.code})") for u in units
        ]
        if blank is not None:
            choices.insert(0, ("", blank))
        self.fields[field].choices = choices  # type: ignore[attr-defined]


CHOOSE_UNIT = _("— Chọn đơn vị —")
CHOOSE_TITLE = _("— Chọn chức danh —")


class CycleOpenForm(UnitChoiceMixin, forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị"))
    code = forms.CharField(label=_("Mã đợt"), max_length=40, help_text=_("Ví dụ: QH-T01-2025."))
    name = forms.CharField(label=_("Tên đợt quy hoạch"), max_length=255)
    term = forms.CharField(
        label=_("Nhiệm kỳ"), max_length=20, help_text=_("Dạng năm bắt đầu-năm kết thúc, ví dụ 2025-2030.")
    )
    pack = forms.ChoiceField(label=_("Bộ quy tắc"), initial=DEFAULT_PACK)

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("unit", units, blank=str(CHOOSE_UNIT))
        self.fields["pack"].choices = _pack_choices()  # type: ignore[attr-defined]


class EntryProposeForm(forms.Form):
    person = forms.CharField(
        label=_("Người được đề xuất"), max_length=150, help_text=PERSON_HELP, widget=person_input("s-person")
    )
    title = forms.ModelChoiceField(
        label=_("Chức danh quy hoạch"), queryset=Title.objects.none(), empty_label=CHOOSE_TITLE
    )
    position = forms.TypedChoiceField(
        label=_("Vị trí việc làm (để đối chiếu tiêu chuẩn)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Không bắt buộc. Khi chọn, tiêu chuẩn của vị trí được đối chiếu."),
    )
    justification = forms.CharField(
        label=_("Giải trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi có điều kiện cần giải trình (ít nhất 10 ký tự)."),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        positions: Iterable[Position] = (),
        unit_kind: str = "",
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["title"].queryset = _leadership_titles(unit_kind)  # type: ignore[attr-defined]
        self.fields["position"].choices = [  # type: ignore[attr-defined]
            ("", _("— Không chọn —")),
            *((p.pk, f"{p.name} — {p.unit.short_name or p.unit.name}") for p in positions),
        ]


class EntryRemoveForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do đưa ra khỏi quy hoạch"),
        choices=[
            (value, label) for value, label in RemovalReason.choices if value != RemovalReason.APPOINTED
        ],
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi chọn «Lý do khác»."),
    )


class ProcedureFilterForm(UnitChoiceMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *ProcedureStatus.choices]
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("unit", units, blank=str(_("Tất cả đơn vị trong phạm vi")))


class ProcedureForm(UnitChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại thủ tục"), choices=ProcedureKind.choices)
    unit = forms.ChoiceField(label=_("Đơn vị bổ nhiệm"))
    title = forms.ModelChoiceField(
        label=_("Chức danh"), queryset=Title.objects.none(), empty_label=CHOOSE_TITLE
    )
    position = forms.TypedChoiceField(
        label=_("Vị trí việc làm"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Không bắt buộc; khi có quyết định, người được bổ nhiệm được bố trí vào vị trí này."),
    )
    candidate = forms.CharField(
        label=_("Người được đề nghị"),
        max_length=150,
        help_text=PERSON_HELP,
        widget=person_input("s-candidate"),
    )
    file_received_on = date_field(
        _("Ngày nhận hồ sơ"),
        required=True,
        help_text=_("Tuổi và thời hạn kỷ luật được tính đến ngày này."),
    )
    term_months = forms.IntegerField(
        label=_("Thời hạn giữ chức vụ (tháng)"), min_value=12, max_value=120, initial=60
    )
    approver = forms.CharField(
        label=_("Người có thẩm quyền quyết định"),
        max_length=150,
        required=False,
        help_text=_("Mã đảng viên hoặc họ tên. Người có quan hệ với người được đề nghị sẽ bị từ chối."),
        widget=person_input("s-approver"),
    )
    justification = forms.CharField(
        label=_("Giải trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bắt buộc khi có điều kiện cần giải trình (chưa có trong quy hoạch, chưa đạt tiêu chuẩn…), "
            "ít nhất 10 ký tự."
        ),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        positions: Iterable[Position] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("unit", units, blank=str(CHOOSE_UNIT))
        self.fields["title"].queryset = _leadership_titles()  # type: ignore[attr-defined]
        self.fields["position"].choices = [  # type: ignore[attr-defined]
            ("", _("— Không chọn —")),
            *((p.pk, f"{p.name} — {p.unit.short_name or p.unit.name} ({p.unit.code})") for p in positions),
        ]


OTHER_CANDIDATES = 2


class StepForm(forms.Form):
    """One meeting: its counts, and one number of votes for each candidate (never who voted for whom)."""

    held_on = date_field(_("Ngày họp"), required=True)
    convened = forms.IntegerField(label=_("Số người được triệu tập"), min_value=1, max_value=100000)
    present = forms.IntegerField(label=_("Số người có mặt"), min_value=0, max_value=100000)
    candidate_votes = forms.IntegerField(min_value=0, max_value=100000)

    def __init__(
        self, data: QueryDict | None = None, *, candidate: str, initial: dict[str, object] | None = None
    ) -> None:
        super().__init__(data, initial=initial)
        self.candidate = candidate
        self.fields["candidate_votes"].label = _("Số phiếu đồng ý của %(name)s") % {"name": candidate}
        self.fields["candidate_votes"].help_text = _("Bỏ phiếu kín: chỉ ghi số phiếu, không ghi ai bầu ai.")
        for n in range(1, OTHER_CANDIDATES + 1):
            self.fields[f"other_name_{n}"] = forms.CharField(
                label=_("Ứng viên khác %(n)d (nếu có)") % {"n": n}, max_length=150, required=False
            )
            self.fields[f"other_votes_{n}"] = forms.IntegerField(
                label=_("Số phiếu đồng ý của ứng viên khác %(n)d") % {"n": n},
                min_value=0,
                max_value=100000,
                required=False,
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("candidate_votes") is None:
            return data
        votes: dict[str, int] = {self.candidate: int(data["candidate_votes"])}
        for n in range(1, OTHER_CANDIDATES + 1):
            name = " ".join(str(data.get(f"other_name_{n}") or "").split())
            count = data.get(f"other_votes_{n}")
            if not name and count is None:
                continue
            if not name:
                self.add_error(f"other_name_{n}", _("Ghi họ tên ứng viên có số phiếu này."))
            elif count is None:
                self.add_error(f"other_votes_{n}", _("Ghi số phiếu của %(name)s.") % {"name": name})
            elif name in votes:
                self.add_error(f"other_name_{n}", _("%(name)s đã được ghi.") % {"name": name})
            else:
                votes[name] = int(count)
        data["votes"] = votes
        return data


class StepCorrectForm(StepForm):
    """The same counts, corrected, with the reason kept beside the old values (fields prefixed: the
    recording form may be on the same page)."""

    prefix = "correct"

    reason = forms.CharField(
        label=_("Lý do sửa kết quả"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ít nhất 10 ký tự, ví dụ: biên bản kiểm phiếu ghi 11 phiếu, đã nhập nhầm 10."),
    )


class ApproverForm(forms.Form):
    approver = forms.CharField(
        label=_("Người có thẩm quyền quyết định"),
        max_length=150,
        help_text=PERSON_HELP,
        widget=person_input("s-approver"),
    )


class DecideForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=60, help_text=_("Ví dụ: 125-QĐ/ĐU.")
    )
    decided_on = date_field(_("Ngày quyết định"), required=True)
    term_start = date_field(_("Giữ chức vụ từ ngày"), help_text=_("Để trống là ngày quyết định."))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do dừng thủ tục"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ít nhất 5 ký tự; lý do được ghi vào hồ sơ thủ tục và nhật ký."),
    )


class RotationForm(UnitChoiceMixin, forms.Form):
    person = forms.CharField(
        label=_("Người được luân chuyển"),
        max_length=150,
        help_text=PERSON_HELP,
        widget=person_input("s-person"),
    )
    to_unit = forms.ChoiceField(label=_("Đến đơn vị"))
    to_title = forms.ModelChoiceField(
        label=_("Chức danh đảm nhiệm"),
        queryset=Title.objects.none(),
        required=False,
        empty_label=_("— Không ghi —"),
    )
    purpose = forms.CharField(label=_("Mục đích"), max_length=500)
    start = date_field(_("Từ ngày"), required=True)
    planned_end = date_field(_("Dự kiến kết thúc"))

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("to_unit", units, blank=str(CHOOSE_UNIT))
        self.fields["planned_end"].help_text = _("Để trống là đủ {months} tháng kể từ ngày bắt đầu.").format(
            months=get_pack().rotation_min_months
        )
        self.fields["to_title"].queryset = _leadership_titles()  # type: ignore[attr-defined]


class RotationEndForm(forms.Form):
    ended_on = date_field(_("Ngày kết thúc"), required=True)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=500,
    )

    def __init__(self, data: QueryDict | None = None, *, min_months: int | None = None) -> None:
        super().__init__(data)
        months = get_pack().rotation_min_months if min_months is None else min_months
        self.fields["note"].help_text = _("Bắt buộc khi kết thúc trước {months} tháng.").format(months=months)


class VoteForm(UnitChoiceMixin, forms.Form):
    person = forms.CharField(
        label=_("Người được lấy phiếu"),
        max_length=150,
        help_text=PERSON_HELP,
        widget=person_input("s-person"),
    )
    unit = forms.ChoiceField(label=_("Nơi lấy phiếu"))
    held_on = date_field(_("Ngày lấy phiếu"), required=True)
    voters = forms.IntegerField(label=_("Số người tham gia"), min_value=1, max_value=100000)
    high = forms.IntegerField(label=_("Tín nhiệm cao"), min_value=0, max_value=100000)
    confidence = forms.IntegerField(label=_("Tín nhiệm"), min_value=0, max_value=100000)
    low = forms.IntegerField(label=_("Tín nhiệm thấp"), min_value=0, max_value=100000)

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("unit", units, blank=str(CHOOSE_UNIT))


class UnitPickForm(UnitChoiceMixin, forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        units: Iterable[OrgUnit] = (),
        initial: dict[str, object] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.set_units("unit", units)
