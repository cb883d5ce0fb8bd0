"""One cell of the people workbook: from what openpyxl gives to a checked value, or a message."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from tochuc.core.text import nfc
from tochuc.people.excel.columns import Column, Kind
from tochuc.people.services import CITIZEN_ID, PERSON_CODE

_DATE_TEXT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ERRORS = frozenset(ERROR_CODES)
# Looked up once: comparing against enum members read from the class costs a descriptor call per cell.
_DATE, _CITIZEN_ID, _CODE, _UNIT, _CHOICE = Kind.DATE, Kind.CITIZEN_ID, Kind.CODE, Kind.UNIT, Kind.CHOICE
EARLIEST = dt.date(1900, 1, 1)


class CellInvalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str:
    text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _as_text(column: Column, value: object) -> str:
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        raise CellInvalid(_("Ô phải là chữ, không phải «%(value)s».") % {"value": _shown(value)})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if len(text) > column.max_length:
        raise CellInvalid(
            _("Ô dài %(n)d ký tự, tối đa %(max)d ký tự.") % {"n": len(text), "max": column.max_length}
        )
    return nfc(text)


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        match = _DATE_TEXT.match(value.strip())
        try:
            if match is None:
                raise ValueError
            day = dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            raise CellInvalid(
                _("%(value)s không phải là ngày (ghi dd/mm/yyyy).") % {"value": _shown(value.strip())}
            ) from None
    else:
        raise CellInvalid(_("%(value)s không phải là ngày (ghi dd/mm/yyyy).") % {"value": _shown(value)})
    if day < EARLIEST or day > timezone.localdate():
        raise CellInvalid(_("Ngày %(value)s không hợp lý.") % {"value": _shown(day)})
    return day


def _as_citizen_id(value: object) -> str:
    # A number typed without the text format loses the leading zeros of the province code.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        value = f"{value:012d}"
    if not isinstance(value, str) or not CITIZEN_ID.match(value.strip()):
        # The number itself is never repeated in a message: messages are stored with the job.
        raise CellInvalid(_("Số CCCD phải gồm đúng 12 chữ số."))
    return value.strip()


def parse_cell(column: Column, value: object) -> Any:
    """The checked value of a non-blank cell; raise ``CellInvalid`` with a message for the user."""
    if isinstance(value, ArrayFormula | DataTableFormula) or (
        isinstance(value, str) and value.lstrip().startswith("=")
    ):
        raise CellInvalid(_("Ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức."))
    if isinstance(value, str) and value.strip() in _ERRORS:
        raise CellInvalid(_("Ô có lỗi công thức %(error)s.") % {"error": value.strip()})
    kind = column.kind
    if kind is _DATE:
        return _as_date(value)
    if kind is _CITIZEN_ID:
        return _as_citizen_id(value)
    text = _as_text(column, value)
    if kind is _CODE:
        text = text.upper()
        if not PERSON_CODE.match(text):
            raise CellInvalid(
                _(
                    "Mã đảng viên chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang (tối đa 40 ký tự)."
                )
            )
    elif kind is _UNIT:
        text = text.upper()
    elif kind is _CHOICE:
        wanted = text.casefold()
        for label, stored in column.labels.items():
            if label.casefold() == wanted:
                return stored
        raise CellInvalid(
            _("«%(value)s» không thuộc các giá trị: %(allowed)s.")
            % {"value": _shown(text), "allowed": ", ".join(column.labels)}
        )
    return text
