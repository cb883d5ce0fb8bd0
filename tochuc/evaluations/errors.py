"""What the evaluations services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class EvaluationsErrorCode(AppErrorCode):
    CYCLE_CLOSED = "evaluations.cycle_closed", ErrorCode.CONFLICT
    INVALID_RATING = "evaluations.invalid_rating"
    SCORE_NOT_A_NUMBER = "evaluations.score_not_a_number"
    SCORE_OUT_OF_RANGE = "evaluations.score_out_of_range"
    SELF_REVIEW_CONFLICT = "evaluations.self_review_conflict", ErrorCode.CONFLICT
    RELATIVE_CONFLICT = "evaluations.relative_conflict", ErrorCode.CONFLICT
    HEAD_CONFLICT = "evaluations.head_conflict", ErrorCode.CONFLICT
    CHANGE_REASON_REQUIRED = "evaluations.change_reason_required"
    DEADLINES_OUT_OF_ORDER = "evaluations.deadlines_out_of_order"
    INVALID_CYCLE_CODE = "evaluations.invalid_cycle_code"
    CYCLE_CODE_TAKEN = "evaluations.cycle_code_taken", ErrorCode.CONFLICT
    CYCLE_NAME_REQUIRED = "evaluations.cycle_name_required"
    CYCLE_NAME_TOO_LONG = "evaluations.cycle_name_too_long"
    INVALID_CYCLE_KIND = "evaluations.invalid_cycle_kind"
    INVALID_YEAR = "evaluations.invalid_year"
    QUARTER_REQUIRED = "evaluations.quarter_required"
    QUARTER_NOT_ALLOWED = "evaluations.quarter_not_allowed"
    UNIT_CLOSED = "evaluations.unit_closed"
    UNDECIDED_REMAIN = "evaluations.undecided_remain", ErrorCode.CONFLICT
    NO_TASK_DATA = "evaluations.no_task_data"
    NOT_UNDER_REVIEW = "evaluations.not_under_review", ErrorCode.CONFLICT
    STEP_MISSING = "evaluations.step_missing", ErrorCode.CONFLICT
    STEP_PASSED = "evaluations.step_passed", ErrorCode.CONFLICT
    TEXT_REQUIRED = "evaluations.text_required"
    UNKNOWN_CRITERIA = "evaluations.unknown_criteria"
    CRITERION_NOT_SCORED = "evaluations.criterion_not_scored"
    CRITERION_SCORE_NOT_A_NUMBER = "evaluations.criterion_score_not_a_number"
    CRITERION_SCORE_OUT_OF_RANGE = "evaluations.criterion_score_out_of_range"
    DECIDED_BY_SUPERIOR = "evaluations.decided_by_superior", ErrorCode.CONFLICT
    APPRAISER_DECIDES = "evaluations.appraiser_decides", ErrorCode.CONFLICT
    DECISION_BLOCKED = "evaluations.decision_blocked", ErrorCode.CONFLICT
    JUSTIFICATION_MISSING = "evaluations.justification_missing", ErrorCode.CONFLICT
    UNIT_OUTSIDE_CYCLE = "evaluations.unit_outside_cycle"
    RULE_REQUIRED = "evaluations.rule_required"
    JUSTIFICATION_TOO_SHORT = "evaluations.justification_too_short"
    JUSTIFIER_DECIDES = "evaluations.justifier_decides", ErrorCode.CONFLICT
