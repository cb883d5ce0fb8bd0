"""The columns of the people workbook: one layout for the template, the export and the import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tochuc.people.models import Gender, Membership, MembershipStatus, Person, TheoryLevel

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SHEET_TITLE = "Đảng viên"
GUIDE_TITLE = "Hướng dẫn"
HEADER_ROW = 1
FIRST_DATA_ROW = 2
DATE_FORMAT = "%d/%m/%Y"


class Kind(StrEnum):
    CODE = "code"
    UNIT = "unit"
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    CITIZEN_ID = "citizen_id"


class Target(StrEnum):
    PERSON = "person"
    MEMBERSHIP = "membership"
    KEY = "key"  # the person code and the unit code: who and where, not a value of the record


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    target: Target
    kind: Kind
    max_length: int
    required: bool
    help: StrPromise
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def labels(self) -> dict[str, str]:
        """Vietnamese label → stored value, for a choice column."""
        return {label: value for value, label in self.choices}


def _length(model: type[Person] | type[Membership], field: str) -> int:
    return int(getattr(model._meta.get_field(field), "max_length", None) or 10)


def _choices(choices: Sequence[tuple[str, object]]) -> tuple[tuple[str, str], ...]:
    # The workbook speaks Vietnamese whatever the interface language: the labels' source text.
    with translation.override(None):
        return tuple((value, str(label)) for value, label in choices)


def _person(header: str, field: str, kind: Kind, help_text: StrPromise, *, required: bool = False) -> Column:
    return Column(header, field, Target.PERSON, kind, _length(Person, field), required, help_text)


COLUMNS: tuple[Column, ...] = (
    Column(
        "Mã đảng viên",
        "code",
        Target.KEY,
        Kind.CODE,
        _length(Person, "code"),
        False,
        _(
            "Để trống khi nhập người mới: hệ thống tự cấp mã theo mã đơn vị. Có mã thì dòng này cập nhật "
            "hồ sơ mang mã đó. Chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang."
        ),
    ),
    Column(
        "Mã đơn vị",
        "unit",
        Target.KEY,
        Kind.UNIT,
        40,
        True,
        _("Mã của chi bộ hoặc đơn vị nơi đảng viên sinh hoạt, thuộc phạm vi của người nhập."),
    ),
    _person("Họ và tên", "full_name", Kind.TEXT, _("Đủ họ, chữ đệm và tên, có dấu."), required=True),
    _person("Tên gọi khác", "other_names", Kind.TEXT, _("Bí danh, tên thường gọi (nếu có).")),
    _person(
        "Ngày sinh",
        "birth_date",
        Kind.DATE,
        _("Ô kiểu ngày của Excel hoặc chữ dạng dd/mm/yyyy, ví dụ 05/09/1980."),
        required=True,
    ),
    Column(
        "Giới tính",
        "gender",
        Target.PERSON,
        Kind.CHOICE,
        10,
        True,
        _("Nam hoặc Nữ."),
        _choices(Gender.choices),
    ),
    _person("Dân tộc", "ethnicity", Kind.TEXT, _("Ví dụ: Kinh, Tày, Thái, Mường."), required=True),
    _person("Tôn giáo", "religion", Kind.TEXT, _("Để trống nếu không theo tôn giáo nào.")),
    _person("Nơi sinh", "place_of_birth", Kind.TEXT, _("Xã, tỉnh nơi sinh.")),
    _person("Quê quán", "hometown", Kind.TEXT, _("Xã, tỉnh quê quán.")),
    _person("Nơi ở hiện nay", "residence", Kind.TEXT, _("Địa chỉ nơi ở hiện nay.")),
    _person(
        "Số CCCD",
        "citizen_id",
        Kind.CITIZEN_ID,
        _("Đúng 12 chữ số; nên định dạng ô là Văn bản để giữ số 0 đầu. Không trùng với hồ sơ khác."),
    ),
    _person("Giáo dục phổ thông", "general_education", Kind.TEXT, _("Ví dụ: 12/12.")),
    _person(
        "Trình độ chuyên môn",
        "professional_qualification",
        Kind.TEXT,
        _("Ví dụ: Cử nhân Luật, Thạc sĩ Kinh tế."),
    ),
    Column(
        "Lý luận chính trị",
        "political_theory_level",
        Target.PERSON,
        Kind.CHOICE,
        30,
        False,
        _("Một trong các giá trị dưới đây; để trống nghĩa là Chưa qua đào tạo."),
        _choices(TheoryLevel.choices),
    ),
    _person("Ngoại ngữ", "foreign_language", Kind.TEXT, _("Ví dụ: Tiếng Anh B1.")),
    _person("Tin học", "it_level", Kind.TEXT, _("Ví dụ: Ứng dụng CNTT cơ bản.")),
    _person("Chức vụ hiện tại", "current_post", Kind.TEXT, _("Chức vụ Đảng, chính quyền, đoàn thể.")),
    _person("Cơ quan công tác", "workplace", Kind.TEXT, _("Cơ quan, đơn vị đang công tác.")),
    _person("Ngày tuyển dụng", "recruited_on", Kind.DATE, _("dd/mm/yyyy, để trống nếu không có.")),
    Column(
        "Ngày vào Đảng",
        "admitted_on",
        Target.MEMBERSHIP,
        Kind.DATE,
        10,
        False,
        _("dd/mm/yyyy; khi vào Đảng phải đủ 18 tuổi."),
    ),
    Column(
        "Ngày chính thức",
        "full_member_on",
        Target.MEMBERSHIP,
        Kind.DATE,
        10,
        False,
        _("dd/mm/yyyy; sau ngày vào Đảng. Để trống nếu còn là đảng viên dự bị."),
    ),
    Column(
        "Tình trạng đảng viên",
        "status",
        Target.MEMBERSHIP,
        Kind.CHOICE,
        30,
        False,
        _("Để trống thì tính theo ngày: có ngày chính thức là Chính thức, chỉ có ngày vào Đảng là Dự bị."),
        _choices(MembershipStatus.choices),
    ),
    Column(
        "Số thẻ đảng viên",
        "card_number",
        Target.MEMBERSHIP,
        Kind.TEXT,
        _length(Membership, "card_number"),
        False,
        _("Số in trên thẻ đảng viên."),
    ),
)

BY_HEADER: dict[str, Column] = {column.header: column for column in COLUMNS}
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
PERSON_COLUMNS = tuple(c for c in COLUMNS if c.target is Target.PERSON)
MEMBERSHIP_COLUMNS = tuple(c for c in COLUMNS if c.target is Target.MEMBERSHIP)
