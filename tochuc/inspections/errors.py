"""What the inspection services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class InspectionsErrorCode(AppErrorCode):
    REQUIRED = "inspections.required"
    TOO_LONG = "inspections.too_long"
    INVALID_VALUE = "inspections.invalid_value"
    CODE_TAKEN = "inspections.code_taken", ErrorCode.CONFLICT
    TARGET_OUTSIDE = "inspections.target_outside"
    PERIOD_REVERSED = "inspections.period_reversed"
    MEMBER_OF_TARGET = "inspections.member_of_target", ErrorCode.CONFLICT
    MEMBER_IS_TARGET = "inspections.member_is_target", ErrorCode.CONFLICT
    MEMBER_RELATIVE = "inspections.member_relative", ErrorCode.CONFLICT
    ALREADY_MEMBER = "inspections.already_member", ErrorCode.CONFLICT
    HEAD_TAKEN = "inspections.head_taken", ErrorCode.CONFLICT
    CONCLUDED = "inspections.concluded", ErrorCode.CONFLICT
    LEAD_OUTSIDE = "inspections.lead_outside"
    DEADLINE_PAST = "inspections.deadline_past"
    TOO_MANY = "inspections.too_many"
    NUMBER_TAKEN = "inspections.number_taken", ErrorCode.CONFLICT
