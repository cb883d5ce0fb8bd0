"""Files that are not what they claim, or that Excel users make by habit, are refused whole."""

import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from tochuc.core.tests.bombs import xlsx_bomb
from tochuc.people.excel.columns import HEADERS
from tochuc.people.importing import import_people
from tochuc.people.importing import rows as import_rows
from tochuc.people.models import Person
from tochuc.people.tests.import_helpers import member, write_book
from tochuc.people.tests.test_import_service import counts

pytestmark = pytest.mark.django_db


def lines_for(path):
    before = counts()
    result = import_people(actor=None, path=path, file_name=path.name)
    assert not result.ok
    assert counts() == before
    return [e.line() for e in result.errors]


def test_csv_renamed_to_xlsx(tree, tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Mã đơn vị,Họ và tên\nT01-X01-CS1-CB1,Nguyễn Văn An\n", encoding="utf-8")
    (line,) = lines_for(path)
    assert line.startswith("File: Tệp không phải là bảng tính Excel .xlsx (có thể là tệp CSV")


def test_empty_file(tree, tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    assert lines_for(path) == ["File: Tệp rỗng."]


def test_zip_that_is_not_a_workbook(tree, tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    assert lines_for(path) == ["File: Tệp nén không phải là bảng tính Excel .xlsx."]


def test_zip_bomb_is_refused_before_unpacking(tree, tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert lines_for(path) == ["File: Tệp bị từ chối: dữ liệu nén bất thường (có thể là tệp “bom nén”)."]


def test_huge_shared_strings_are_refused_in_under_a_second(tree, tmp_path):
    path = tmp_path / "chuoi.xlsx"
    path.write_bytes(xlsx_bomb())
    started = time.monotonic()
    assert lines_for(path) == ["File: Tệp bị từ chối: dữ liệu nén bất thường (có thể là tệp “bom nén”)."]
    assert time.monotonic() - started < 1


def test_zip_with_too_many_members(tree, tmp_path):
    path = tmp_path / "nhieu.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(501):
            archive.writestr(f"xl/media/{index}.bin", b"x")
    assert lines_for(path) == ["File: Tệp nén có 501 thành phần, quá nhiều đối với một bảng tính."]


def test_merged_cells_are_refused_with_their_range(tree, tmp_path):
    path = write_book(tmp_path / "gop.xlsx", [member(), member(Họ_và_tên="Lê Thị Cúc", Số_CCCD=None)])
    workbook = load_workbook(path)
    workbook.active.merge_cells("C2:D3")
    workbook.save(path)
    assert "Row 2, column C: Ô gộp C2:D3 không được chấp nhận; hãy bỏ gộp ô." in lines_for(path)


def test_formulas_are_refused(tree, tmp_path):
    path = write_book(tmp_path / "cong-thuc.xlsx", [member(Dân_tộc='=CONCAT("Ki","nh")')])
    assert lines_for(path) == [
        "Row 2, column Dân tộc: Ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức."
    ]


def test_too_many_rows(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(import_rows, "MAX_ROWS", 3)
    rows = [member(Họ_và_tên=f"Nguyễn Văn An{'h' * i}", Số_CCCD=None) for i in range(4)]
    assert lines_for(write_book(tmp_path / "dai.xlsx", rows)) == [
        "File: Tệp có hơn 3 dòng dữ liệu; hãy chia thành nhiều tệp."
    ]


def test_data_under_a_blank_header(tree, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HEADERS, None])
    sheet.append([member().get(h) for h in HEADERS] + ["ghi chú"])
    path = tmp_path / "le.xlsx"
    workbook.save(path)
    (line,) = lines_for(path)
    assert line.endswith("(không có tiêu đề): Ô có dữ liệu nhưng cột không có tiêu đề trong mẫu.")


def test_blank_rows_are_skipped_and_a_header_only_file_imports_nothing(tree, tmp_path):
    path = write_book(tmp_path / "trong.xlsx", [{}, member(), {}])
    result = import_people(actor=None, path=path, file_name=path.name)
    assert result.ok and result.created == 1
    empty = import_people(actor=None, path=write_book(tmp_path / "mau.xlsx", []), file_name="mau.xlsx")
    assert empty.ok and empty.rows == 0
    assert Person.objects.count() == 1
