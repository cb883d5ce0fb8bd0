"""Workbooks for the import and export tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tochuc.people.excel.columns import HEADERS

REQUIRED_ROW: dict[str, Any] = {
    "Mã đơn vị": "T01-X01-CS1-CB1",
    "Họ và tên": "Nguyễn Văn An",
    "Ngày sinh": "05/09/1980",
    "Giới tính": "Nam",
    "Dân tộc": "Kinh",
}


def member(**values: Any) -> dict[str, Any]:
    """A full row for the cell of the first province; keyword names use underscores for spaces."""
    row = {
        **REQUIRED_ROW,
        "Số CCCD": "001080012345",
        "Ngày vào Đảng": dt.date(2005, 3, 2),
        "Ngày chính thức": "02/03/2006",
        "Trình độ chuyên môn": "Cử nhân Luật",
        "Lý luận chính trị": "Trung cấp",
    }
    for key, value in values.items():
        row[key.replace("_", " ")] = value
    return row


def write_book(path: Path, rows: list[dict[str, Any]], headers: list[str] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    header = list(headers or HEADERS)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h) for h in header])
    workbook.save(path)
    return path
