"""Writing the people workbook: the empty template and the export of a subtree."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tochuc.audit.exports import export_record
from tochuc.core.documents.excel import MAX_ROWS, append, cell
from tochuc.orgunits.models import OrgUnit
from tochuc.people.excel.columns import (
    COLUMNS,
    GUIDE_TITLE,
    HEADERS,
    SHEET_TITLE,
    Column,
    Kind,
    Target,
)
from tochuc.people.models import Membership, Person

EXCEL_DATE = "dd/mm/yyyy"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="8E1B1B")
_WIDTHS = {Kind.CODE: 22, Kind.UNIT: 18, Kind.DATE: 13, Kind.CHOICE: 18, Kind.CITIZEN_ID: 16}


def _width(column: Column) -> int:
    if column.kind is Kind.TEXT:
        return 30 if column.max_length > 100 else 18
    return _WIDTHS.get(column.kind, 18)


def _guide(sheet: Worksheet) -> None:
    append(sheet, [_("Hướng dẫn điền danh sách đảng viên")])
    sheet["A1"].font = Font(bold=True, size=13)
    notes = [
        _("Điền mỗi đảng viên một dòng ở trang “%(sheet)s”, từ dòng 2; giữ nguyên dòng tiêu đề.")
        % {"sheet": SHEET_TITLE},
        _("Không thêm cột lạ, không gộp ô, không dùng công thức; ngày ghi dd/mm/yyyy hoặc ô kiểu ngày."),
        _(
            "Tệp được kiểm tra toàn bộ trước khi nhập: chỉ cần một ô sai là không dòng nào được nhập, "
            "và mọi ô sai được liệt kê theo dòng, cột."
        ),
        _(
            "Dòng có Mã đảng viên cập nhật hồ sơ mang mã đó; dòng không có mã được so theo họ tên, ngày sinh "
            "và đơn vị để không tạo hồ sơ trùng. Hồ sơ thay đổi được ghi lịch sử sửa với lý do "
            "“Nhập từ Excel <tên tệp>”."
        ),
        _("Ô để trống ở cột không bắt buộc thì giữ nguyên giá trị đang có trong hồ sơ."),
        _("Tối đa %(rows)s dòng trong một tệp.") % {"rows": f"{MAX_ROWS:,}".replace(",", ".")},
    ]
    for note in notes:
        append(sheet, [note])
    append(sheet, [])
    head = [_("Cột"), _("Bắt buộc"), _("Độ dài tối đa"), _("Giá trị cho phép"), _("Giải thích")]
    append(sheet, head, font=_HEADER_FONT, fill=_HEADER_FILL)
    for column in COLUMNS:
        allowed = " / ".join(label for _value, label in column.choices)
        if column.kind is Kind.DATE:
            allowed = "dd/mm/yyyy"
        elif column.kind is Kind.CITIZEN_ID:
            allowed = _("12 chữ số")
        append(
            sheet,
            [
                column.header,
                _("Có") if column.required else _("Không"),
                column.max_length,
                allowed,
                str(column.help),
            ],
        )
    for letter, width in zip("ABCDE", (24, 10, 14, 52, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for written in row:
            written.alignment = Alignment(wrap_text=True, vertical="top")


def template_workbook() -> Workbook:
    """The empty workbook a unit fills in: the header row, drop-down lists, and the guide."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    append(sheet, HEADERS)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        heading = sheet.cell(row=1, column=index)
        heading.font = _HEADER_FONT
        heading.fill = _HEADER_FILL
        sheet.column_dimensions[letter].width = _width(column)
        cells = f"{letter}2:{letter}{MAX_ROWS + 1}"
        if column.choices:
            labels = ",".join(label for _value, label in column.choices)
            validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
            validation.add(cells)
            sheet.add_data_validation(validation)
        if column.kind is Kind.CITIZEN_ID:
            # Kept as text so that the leading zero of the province code survives.
            sheet.column_dimensions[letter].number_format = "@"
        elif column.kind is Kind.DATE:
            sheet.column_dimensions[letter].number_format = EXCEL_DATE
    sheet.freeze_panes = "A2"
    _guide(workbook.create_sheet(GUIDE_TITLE))
    return workbook


def write_template(target: Path | IO[bytes]) -> None:
    template_workbook().save(target)


def _value(column: Column, person: Person, membership: Membership | None) -> object:
    if column.target is Target.KEY:
        return person.code if column.kind is Kind.CODE else person.unit.code
    source: object = person if column.target is Target.PERSON else membership
    if source is None:
        return None
    value = getattr(source, column.field)
    if column.choices:
        return dict(column.choices).get(value, value) if value else None
    if value in ("", None):
        return None
    return value


def person_row(person: Person) -> list[object]:
    membership: Membership | None = getattr(person, "membership", None)
    return [_value(column, person, membership) for column in COLUMNS]


def write_people(target: Path | IO[bytes], people: Iterable[Person]) -> int:
    """Write ``people`` in the template's layout (streaming); return how many rows were written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    sheet.freeze_panes = "A2"
    append(sheet, HEADERS, font=_HEADER_FONT, fill=_HEADER_FILL)
    count = 0
    for person in people:
        append(
            sheet,
            [
                cell(sheet, value, number_format=EXCEL_DATE) if isinstance(value, dt.date) else value
                for value in person_row(person)
            ],
        )
        count += 1
    guide = template_workbook()[GUIDE_TITLE]
    out_guide = workbook.create_sheet(GUIDE_TITLE)
    for values in guide.iter_rows(values_only=True):
        append(out_guide, values)
    workbook.save(target)
    return count


def export_subtree(target: Path, *, unit: OrgUnit | None) -> int:
    """Write every person of ``unit``'s subtree (the whole tree for None), citizen ID included.

    For the system operator's command line; the export is an audit event.
    """
    people = Person.objects.select_related("unit", "membership").order_by("unit__path", "sort_key", "pk")
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    count = write_people(target, people.iterator(chunk_size=2000))
    export_record(
        actor=None,
        kind="person.export",
        target=unit if unit is not None else Person(),
        unit_path=unit.path if unit is not None else "",
        rows=count,
        details={"file": target.name, "citizen_id": True, "template": False},
        label=_("Xuất danh sách đảng viên ra Excel"),
    )
    return count


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def list_workbook(people: QuerySet[Person], *, with_citizen_id: bool) -> bytes:
    """The people list as shown on the page, one row a person; the citizen ID column only when asked."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách"))
    header = [
        _("Mã đảng viên"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Giới tính"),
        _("Dân tộc"),
        *([_("Số CCCD")] if with_citizen_id else []),
        _("Mã đơn vị"),
        _("Đơn vị"),
        _("Chức vụ hiện tại"),
        _("Trình độ chuyên môn"),
        _("Lý luận chính trị"),
        _("Tình trạng đảng viên"),
        _("Ngày vào Đảng"),
        _("Ngày chính thức"),
    ]
    append(sheet, header, font=Font(bold=True))
    for person in people.iterator(chunk_size=2000):
        membership = getattr(person, "membership", None)
        append(
            sheet,
            [
                person.code,
                person.full_name,
                person.birth_date.strftime("%d/%m/%Y"),
                person.get_gender_display(),
                person.ethnicity,
                *([person.citizen_id] if with_citizen_id else []),
                person.unit.code,
                person.unit.name,
                person.current_post,
                person.professional_qualification,
                person.get_political_theory_level_display(),
                membership.get_status_display() if membership else "",
                _date(membership.admitted_on if membership else None),
                _date(membership.full_member_on if membership else None),
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
