"""Checks of the 2C items on grade and salary and on army service (values that cannot be true)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.people.errors import PeopleErrorCode

if TYPE_CHECKING:
    from tochuc.people.models import Person

GRADE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9.]{0,19}$")
# Plausibility bounds, not regulation: the coefficients of the State salary tables lie inside them.
COEFFICIENT_RANGE = (Decimal("1.00"), Decimal("10.00"))
STEP_RANGE = (1, 20)
ENLIST_MIN_AGE = 15


def _date(values: dict[str, Any], name: str) -> dt.date | None:
    value = values.get(name)
    if value is not None and not isinstance(value, dt.date):
        raise DomainError(_("Ngày không hợp lệ."), field=name, code=PeopleErrorCode.INVALID_DATE)
    return value


def _not_future(values: dict[str, Any], name: str) -> None:
    day = _date(values, name)
    if day is not None and day > today():
        raise DomainError(
            _("Ngày %(day)s chưa tới.") % {"day": day.strftime("%d/%m/%Y")},
            field=name,
            code=PeopleErrorCode.DATE_IN_FUTURE,
        )


def check_service_values(cleaned: dict[str, Any], *, current: Person | None = None) -> None:
    """Refuse grade, salary and army values that cannot be true; ``cleaned`` is normalised in place."""
    merged: dict[str, Any] = {}
    if current is not None:
        merged = {name: getattr(current, name) for name in ("birth_date", "enlisted_on", "discharged_on")}
    merged.update(cleaned)
    code = cleaned.get("civil_grade_code")
    if code:
        cleaned["civil_grade_code"] = code = code.upper()
        if not GRADE_CODE.match(code):
            raise DomainError(
                _("Mã ngạch chỉ gồm chữ số, chữ in hoa và dấu chấm, ví dụ 01.003 hoặc V.07.05.13."),
                field="civil_grade_code",
                code=PeopleErrorCode.INVALID_GRADE_CODE,
            )
    step = cleaned.get("salary_step")
    if step is not None and not STEP_RANGE[0] <= step <= STEP_RANGE[1]:
        raise DomainError(
            _("Bậc lương %(step)s không hợp lý (từ %(low)s đến %(high)s).")
            % {"step": step, "low": STEP_RANGE[0], "high": STEP_RANGE[1]},
            field="salary_step",
            code=PeopleErrorCode.IMPLAUSIBLE_SALARY,
        )
    coefficient = cleaned.get("salary_coefficient")
    if coefficient is not None:
        try:
            coefficient = Decimal(str(coefficient)).quantize(Decimal("0.01"))
        except InvalidOperation:
            coefficient = Decimal(-1)
        if not COEFFICIENT_RANGE[0] <= coefficient <= COEFFICIENT_RANGE[1]:
            raise DomainError(
                _("Hệ số lương %(value)s không hợp lý (từ 1,00 đến 10,00).")
                % {"value": str(cleaned.get("salary_coefficient")).replace(".", ",")},
                field="salary_coefficient",
                code=PeopleErrorCode.IMPLAUSIBLE_SALARY,
            )
        cleaned["salary_coefficient"] = coefficient
    for name in ("salary_since", "enlisted_on", "discharged_on"):
        _not_future(merged, name)
    birth = _date(merged, "birth_date")
    enlisted, discharged = _date(merged, "enlisted_on"), _date(merged, "discharged_on")
    if discharged is not None and enlisted is None:
        raise DomainError(
            _("Có ngày xuất ngũ thì cần ghi ngày nhập ngũ."),
            field="enlisted_on",
            code=PeopleErrorCode.DISCHARGE_WITHOUT_ENLISTMENT,
        )
    if enlisted is not None and discharged is not None and discharged < enlisted:
        raise DomainError(
            _("Ngày xuất ngũ phải sau ngày nhập ngũ."),
            field="discharged_on",
            code=PeopleErrorCode.DISCHARGE_BEFORE_ENLISTMENT,
        )
    if enlisted is not None and birth is not None and enlisted.year - birth.year < ENLIST_MIN_AGE:
        raise DomainError(
            _("Ngày nhập ngũ %(day)s khi chưa đủ %(age)s tuổi.")
            % {"day": enlisted.strftime("%d/%m/%Y"), "age": ENLIST_MIN_AGE},
            field="enlisted_on",
            code=PeopleErrorCode.ENLISTED_UNDER_AGE,
        )
    since = _date(merged, "salary_since")
    if since is not None and birth is not None and since <= birth:
        raise DomainError(
            _("Ngày hưởng lương phải sau ngày sinh."),
            field="salary_since",
            code=PeopleErrorCode.IMPLAUSIBLE_SALARY,
        )
