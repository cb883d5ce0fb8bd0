"""The import service: a clean file imports; any bad cell rejects the whole file with its row and column."""

import datetime as dt
import json

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.people.importing import import_people
from tochuc.people.models import Membership, Person, PersonCorrection
from tochuc.people.services import person_create
from tochuc.people.tests.import_helpers import member, write_book

pytestmark = pytest.mark.django_db

CELL = "T01-X01-CS1-CB1"


def counts():
    return (
        Person.objects.count(),
        Membership.objects.count(),
        PersonCorrection.objects.count(),
        AuditEvent.objects.count(),
    )


def run(tmp_path, rows, actor=None, name="danh-sach.xlsx", **kwargs):
    return import_people(actor=actor, path=write_book(tmp_path / name, rows, **kwargs), file_name=name)


def rejected(tmp_path, rows, actor=None, **kwargs):
    """Import ``rows``, check nothing was written, and return the error lines."""
    before = counts()
    result = run(tmp_path, rows, actor=actor, **kwargs)
    assert not result.ok
    assert counts() == before
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    return [e.line() for e in result.errors]


def second(**values):
    return member(**{"Họ_và_tên": "Trần Thị Bình", "Giới_tính": "Nữ", "Số_CCCD": "001180012346", **values})


def test_clean_file_imports_everything_with_one_audit_event(tree, inside, tmp_path):
    audit_before = AuditEvent.objects.count()
    result = run(
        tmp_path, [member(), second(Lý_luận_chính_trị="Cao cấp", Ngày_chính_thức=None)], actor=inside
    )
    assert result.ok and (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert an.unit == tree.cell
    assert an.birth_date == dt.date(1980, 9, 5)
    assert an.gender == "male" and an.political_theory_level == "intermediate"
    assert an.given_name == "An" and an.name_folded == "nguyen van an"
    assert an.membership.status == "full"
    assert an.membership.admitted_on == dt.date(2005, 3, 2)
    assert an.membership.full_member_on == dt.date(2006, 3, 2)
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert binh.political_theory_level == "advanced"
    assert binh.membership.status == "probationary"
    # Codes are generated from the unit code and are unique.
    assert {an.code, binh.code} == {f"{CELL}-0001", f"{CELL}-0002"}
    events = list(AuditEvent.objects.filter(seq__gt=audit_before))
    assert len(events) == 1
    event = events[0]
    assert event.action == "person.import" and event.actor_label == "inside"
    assert event.summary == {
        "file": "danh-sach.xlsx",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    assert "001080012345" not in json.dumps(event.summary)


def test_reimport_creates_no_duplicates_and_corrects_changed_rows(tree, inside, tmp_path):
    run(tmp_path, [member(), second()], actor=inside)
    again = run(tmp_path, [member(), second()], actor=inside)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Person.objects.count() == 2 and PersonCorrection.objects.count() == 0

    changed = run(
        tmp_path,
        [member(Tôn_giáo="Phật giáo", Số_CCCD="001080099999"), second()],
        actor=inside,
        name="bo-sung.xlsx",
    )
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert an.religion == "Phật giáo" and an.citizen_id == "001080099999"
    correction = an.corrections.get()
    assert correction.reason == "Nhập từ Excel bo-sung.xlsx"
    assert correction.actor == inside
    assert correction.changes["religion"] == ["", "Phật giáo"]
    assert "001080099999" not in json.dumps(correction.changes)
    assert "001080099999" not in json.dumps(list(AuditEvent.objects.values_list("summary", flat=True)))


def test_rows_match_on_person_code_first(tree, tmp_path):
    person = person_create(
        actor=None,
        unit=tree.cell,
        code="HT-001",
        values={"full_name": "Lê Văn Cường", "birth_date": dt.date(1975, 1, 2), "gender": "male"},
    )
    result = run(tmp_path, [member(Mã_đảng_viên="ht-001", Họ_và_tên="Lê Văn Cương")])
    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.full_name == "Lê Văn Cương" and person.sort_key.startswith("1")
    assert person.corrections.get().changes["full_name"] == ["Lê Văn Cường", "Lê Văn Cương"]


def test_blank_optional_cells_keep_the_stored_values(tree, tmp_path):
    run(tmp_path, [member(Nơi_ở_hiện_nay="Thôn 3, xã An Bình")])
    result = run(tmp_path, [member(Nơi_ở_hiện_nay=None, Số_CCCD=None, Lý_luận_chính_trị=None)])
    assert result.unchanged == 1
    person = Person.objects.get()
    assert person.residence == "Thôn 3, xã An Bình" and person.citizen_id == "001080012345"


def test_real_dates_text_dates_and_numeric_citizen_ids(tree, tmp_path):
    result = run(tmp_path, [member(Ngày_sinh=dt.datetime(1980, 9, 5), Số_CCCD=1080012345)])
    assert result.ok
    person = Person.objects.get()
    assert person.birth_date == dt.date(1980, 9, 5)
    assert person.citizen_id == "001080012345"  # the leading zeros Excel drops from a number


def test_wrong_date(tree, tmp_path):
    lines = rejected(tmp_path, [member(), second(Ngày_sinh="31/02/1980")])
    assert lines == ["Row 3, column Ngày sinh: 31/02/1980 không phải là ngày (ghi dd/mm/yyyy)."]


def test_text_in_date_and_number_columns(tree, tmp_path):
    lines = rejected(tmp_path, [member(Ngày_vào_Đảng="tháng 3 năm 2005", Số_CCCD="00108001234A")])
    assert lines == [
        "Row 2, column Số CCCD: Số CCCD phải gồm đúng 12 chữ số.",
        "Row 2, column Ngày vào Đảng: tháng 3 năm 2005 không phải là ngày (ghi dd/mm/yyyy).",
    ]


def test_citizen_id_needs_twelve_digits(tree, tmp_path):
    assert rejected(tmp_path, [member(Số_CCCD="0010800123")]) == [
        "Row 2, column Số CCCD: Số CCCD phải gồm đúng 12 chữ số."
    ]


def test_unknown_unit_code(tree, inside, tmp_path):
    assert rejected(tmp_path, [member(Mã_đơn_vị="T01-X99")], actor=inside) == [
        "Row 2, column Mã đơn vị: Không có đơn vị mã «T01-X99» trong phạm vi của bạn."
    ]


def test_unit_outside_scope_is_reported_as_unknown(tree, outside, tmp_path):
    assert rejected(tmp_path, [member()], actor=outside) == [
        f"Row 2, column Mã đơn vị: Không có đơn vị mã «{CELL}» trong phạm vi của bạn."
    ]


def test_person_code_outside_scope_is_refused(tree, outside, tmp_path):
    person_create(
        actor=None,
        unit=tree.cell,
        code="HT-001",
        values={"full_name": "Lê Văn Cường", "birth_date": dt.date(1975, 1, 2), "gender": "male"},
    )
    row = member(Mã_đảng_viên="HT-001", Mã_đơn_vị="T02-X01-CB1")
    assert rejected(tmp_path, [row], actor=outside) == [
        "Row 2, column Mã đảng viên: Mã đảng viên «HT-001» không dùng được."
    ]


def test_duplicate_citizen_id_in_the_file(tree, tmp_path):
    assert rejected(tmp_path, [member(), second(Số_CCCD="001080012345")]) == [
        "Row 3, column Số CCCD: Số CCCD trùng với dòng 2."
    ]


def test_duplicate_citizen_id_against_the_register(tree, tmp_path):
    person_create(
        actor=None,
        unit=tree.other_cell,
        code="QT-1",
        values={
            "full_name": "Hoàng Văn Dũng",
            "birth_date": dt.date(1970, 1, 1),
            "gender": "male",
            "citizen_id": "001080012345",
        },
    )
    assert rejected(tmp_path, [member()]) == [
        "Row 2, column Số CCCD: Số CCCD đã có trong hồ sơ của người khác."
    ]


def test_same_person_twice_without_code(tree, tmp_path):
    assert rejected(tmp_path, [member(), member(Số_CCCD=None)]) == [
        "Row 3, column Họ và tên: Trùng họ tên, ngày sinh và đơn vị với dòng 2; "
        "nếu là hai người, hãy ghi Mã đảng viên."
    ]


def test_missing_required_field(tree, tmp_path):
    assert rejected(tmp_path, [member(), second(Họ_và_tên="  ", Dân_tộc=None)]) == [
        "Row 3, column Họ và tên: Thiếu thông tin bắt buộc.",
        "Row 3, column Dân tộc: Thiếu thông tin bắt buộc.",
    ]


def test_missing_required_column(tree, tmp_path):
    headers = ["Mã đơn vị", "Họ và tên", "Giới tính", "Dân tộc"]
    assert rejected(tmp_path, [member()], headers=headers) == ["Row 1, column Ngày sinh: Thiếu cột bắt buộc."]


def test_unknown_column_is_reported_not_dropped(tree, tmp_path):
    headers = [*member().keys(), "Ghi chú"]
    lines = rejected(tmp_path, [member(Ghi_chú="x")], headers=headers)
    assert lines == [
        "Row 1, column Ghi chú: Cột K «Ghi chú» không có trong mẫu; hãy xóa cột này hoặc sửa tên cột cho đúng mẫu."
    ]


def test_choice_labels(tree, tmp_path):
    lines = rejected(tmp_path, [member(Giới_tính="Nam giới", Lý_luận_chính_trị="Thạc sĩ")])
    assert lines == [
        "Row 2, column Giới tính: «Nam giới» không thuộc các giá trị: Nam, Nữ.",
        "Row 2, column Lý luận chính trị: «Thạc sĩ» không thuộc các giá trị: "
        "Chưa qua đào tạo, Sơ cấp, Trung cấp, Cao cấp, Cử nhân.",
    ]


def test_membership_dates(tree, tmp_path):
    lines = rejected(
        tmp_path,
        [
            member(Ngày_chính_thức="01/01/2005"),
            second(Ngày_vào_Đảng="01/01/1995", Ngày_chính_thức=None),
        ],
    )
    assert lines == [
        "Row 2, column Ngày chính thức: Ngày chính thức phải sau ngày vào Đảng.",
        "Row 3, column Ngày vào Đảng: Ngày vào Đảng trước khi đủ 18 tuổi.",
    ]


def test_ten_thousand_character_cell(tree, tmp_path):
    assert rejected(tmp_path, [member(Họ_và_tên="Nguyễn " + "A" * 9993)]) == [
        "Row 2, column Họ và tên: Ô dài 10000 ký tự, tối đa 150 ký tự."
    ]


def test_all_bad_cells_are_listed_at_once(tree, tmp_path):
    lines = rejected(
        tmp_path,
        [member(Ngày_sinh="x", Mã_đơn_vị="KHONG-CO"), second(Giới_tính="?"), member(Họ_và_tên="Lê Thị Cúc")],
    )
    assert [line.split(":")[0] for line in lines] == [
        "Row 2, column Mã đơn vị",
        "Row 2, column Ngày sinh",
        "Row 3, column Giới tính",
        "Row 4, column Số CCCD",
    ]
