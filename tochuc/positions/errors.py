"""What the positions services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class PositionsErrorCode(AppErrorCode):
    TITLE_NAME_REQUIRED = "positions.title_name_required"
    TITLE_NAME_TOO_LONG = "positions.title_name_too_long"
    TITLE_TAKEN = "positions.title_taken", ErrorCode.CONFLICT
    TITLE_UNCHANGED = "positions.title_unchanged"
    INVALID_LEADERSHIP_GROUP = "positions.invalid_leadership_group"
    LEADERSHIP_GROUP_NOT_ALLOWED = "positions.leadership_group_not_allowed"
    POSITION_NAME_REQUIRED = "positions.position_name_required"
    POSITION_NAME_TOO_LONG = "positions.position_name_too_long"
    INVALID_GROUP = "positions.invalid_group"
    INVALID_QUOTA = "positions.invalid_quota"
    INVALID_MIN_DEGREE = "positions.invalid_min_degree"
    INVALID_MIN_THEORY_LEVEL = "positions.invalid_min_theory_level"
    INVALID_MIN_EXPERIENCE = "positions.invalid_min_experience"
    INVALID_AGE = "positions.invalid_age"
    INVALID_AGE_RANGE = "positions.invalid_age_range"
    DUTY_TOO_LONG = "positions.duty_too_long"
    DUTY_REPEATED = "positions.duty_repeated"
    TOO_MANY_DUTIES = "positions.too_many_duties"
    POSITION_TAKEN = "positions.position_taken", ErrorCode.CONFLICT
    UNIT_CLOSED = "positions.unit_closed"
    NOTHING_CHANGED = "positions.nothing_changed"
    INVALID_ASSIGNMENT_KIND = "positions.invalid_assignment_kind"
    ALREADY_ASSIGNED = "positions.already_assigned", ErrorCode.CONFLICT
    JUSTIFICATION_REQUIRED = "positions.justification_required"
    ASSIGNMENT_ENDED = "positions.assignment_ended", ErrorCode.CONFLICT
    END_BEFORE_START = "positions.end_before_start"
    DUTY_REMOVED = "positions.duty_removed"
    NOT_ASSIGNED = "positions.not_assigned"
    ALREADY_RESPONSIBLE = "positions.already_responsible", ErrorCode.CONFLICT
    START_TOO_EARLY = "positions.start_too_early"
    REPORT_NOT_FOUND = "positions.report_not_found", ErrorCode.NOT_FOUND
    REQUIREMENTS_NOT_MET = "positions.requirements_not_met"
    INVALID_TITLE_LEVEL = "positions.invalid_title_level"
