"""Where the rules combine: any set of valid rows imports; any one corrupted cell rejects the whole file."""

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.people.importing import import_people
from tochuc.people.tests.import_helpers import write_book
from tochuc.people.tests.test_import_service import counts

pytestmark = pytest.mark.django_db

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Nhung", "Tâm"]
UNITS = ["T01-X01-CS1-CB1", "T01-X02", "T01-X01-CS1"]
THEORY = ["Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân", None]


@st.composite
def valid_row(draw):
    birth = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2004, 12, 31)))
    row = {
        "Mã đơn vị": draw(st.sampled_from(UNITS)),
        "Họ và tên": " ".join(
            [draw(st.sampled_from(FAMILY)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))]
        ),
        "Ngày sinh": draw(st.sampled_from([birth, birth.strftime("%d/%m/%Y")])),
        "Giới tính": draw(st.sampled_from(["Nam", "Nữ"])),
        "Dân tộc": draw(st.sampled_from(["Kinh", "Tày", "Thái", "Mường"])),
        "Lý luận chính trị": draw(st.sampled_from(THEORY)),
    }
    # 18 × 366 days is always past the 18th birthday; dates stay in the past.
    admitted = birth + dt.timedelta(days=18 * 366 + draw(st.integers(0, 3000)))
    if admitted < dt.date.today() - dt.timedelta(days=400) and draw(st.booleans()):
        row["Ngày vào Đảng"] = admitted
        if draw(st.booleans()):
            row["Ngày chính thức"] = admitted + dt.timedelta(days=365)
    return row


def unique_people(rows):
    seen, kept = set(), []
    for row in rows:
        birth = row["Ngày sinh"]
        key = (
            row["Họ và tên"],
            birth if isinstance(birth, str) else birth.strftime("%d/%m/%Y"),
            row["Mã đơn vị"],
        )
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


CORRUPTIONS: dict[str, list[Any]] = {
    "Ngày sinh": ["30/02/1990", "1990-13-01", "=TODAY()", "ngày mai"],
    "Giới tính": ["Khác", "", "M"],
    "Mã đơn vị": ["T02-X01-CB1", "KHONG-CO", "=A1"],
    "Họ và tên": ["An", "x" * 151, None],
    "Lý luận chính trị": ["Tiến sĩ", "=B2"],
    "Số CCCD": ["12345", "00108001234X"],
    "Dân tộc": [None, "=1"],
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(valid_row(), min_size=1, max_size=6), data=st.data())
def test_valid_rows_import_and_one_bad_cell_rejects_all(tree, inside, tmp_path_factory, rows, data):
    rows = unique_people(rows)
    folder = tmp_path_factory.mktemp("book")
    with transaction.atomic():
        before = counts()
        good = import_people(actor=inside, path=write_book(folder / "good.xlsx", rows), file_name="good.xlsx")
        assert good.ok, [e.line() for e in good.errors]
        assert good.created == len(rows)
        transaction.set_rollback(True)
    assert counts() == before

    column = data.draw(st.sampled_from(sorted(CORRUPTIONS)))
    bad_value = data.draw(st.sampled_from(CORRUPTIONS[column]))
    victim = data.draw(st.integers(0, len(rows) - 1))
    corrupted = [dict(row) for row in rows]
    corrupted[victim][column] = bad_value
    with transaction.atomic():
        result = import_people(
            actor=inside, path=write_book(folder / "bad.xlsx", corrupted), file_name="bad.xlsx"
        )
        assert not result.ok
        assert counts() == before
        assert any(e.row == victim + 2 for e in result.errors)
        transaction.set_rollback(True)
