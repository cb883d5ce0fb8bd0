"""What the people services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class PeopleErrorCode(AppErrorCode):
    FIELD_NOT_EDITABLE = "people.field_not_editable"
    INVALID_FULL_NAME = "people.invalid_full_name"
    INVALID_GENDER = "people.invalid_gender"
    INVALID_THEORY_LEVEL = "people.invalid_theory_level"
    INVALID_BIRTH_DATE = "people.invalid_birth_date"
    IMPLAUSIBLE_BIRTH_DATE = "people.implausible_birth_date"
    INVALID_CITIZEN_ID = "people.invalid_citizen_id"
    CITIZEN_ID_TAKEN = "people.citizen_id_taken"
    INVALID_MEMBER_STATUS = "people.invalid_member_status"
    FULL_MEMBER_BEFORE_ADMISSION = "people.full_member_before_admission"
    ADMITTED_UNDER_AGE = "people.admitted_under_age"
    INVALID_CODE = "people.invalid_code"
    CODE_TAKEN = "people.code_taken", ErrorCode.CONFLICT
    REQUIRED = "people.required"
    EDIT_REASON_REQUIRED = "people.edit_reason_required"
    NOTHING_CHANGED = "people.nothing_changed"
    UNIT_CLOSED = "people.unit_closed"
    TRANSFER_REASON_REQUIRED = "people.transfer_reason_required"
    PERSON_NOT_FOUND = "people.person_not_found", ErrorCode.NOT_FOUND
    CITIZEN_ID_REASON_REQUIRED = "people.citizen_id_reason_required"
    END_BEFORE_START = "people.end_before_start"
    SELF_RELATIVE = "people.self_relative"
    IMPLAUSIBLE_BIRTH_YEAR = "people.implausible_birth_year"
    FILE_TOO_LARGE = "people.file_too_large"
    UNKNOWN_UNIT = "people.unknown_unit"
    SAME_UNIT = "people.same_unit"
    UNKNOWN_RELATIVE = "people.unknown_relative"
    INVALID_DATE = "people.invalid_date"
    DATE_IN_FUTURE = "people.date_in_future"
    INVALID_GRADE_CODE = "people.invalid_grade_code"
    IMPLAUSIBLE_SALARY = "people.implausible_salary"
    DISCHARGE_WITHOUT_ENLISTMENT = "people.discharge_without_enlistment"
    DISCHARGE_BEFORE_ENLISTMENT = "people.discharge_before_enlistment"
    ENLISTED_UNDER_AGE = "people.enlisted_under_age"
    INVALID_PHOTO = "people.invalid_photo"
    CHANGE_REASON_REQUIRED = "people.change_reason_required"
    PART_NOT_FOUND = "people.part_not_found", ErrorCode.NOT_FOUND
