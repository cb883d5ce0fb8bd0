"""What the training services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class TrainingErrorCode(AppErrorCode):
    CODE_TAKEN = "training.code_taken", ErrorCode.CONFLICT
    END_BEFORE_START = "training.end_before_start"
    REQUIRED = "training.required"
    OUTSIDE_UNIT = "training.outside_unit"
    ALREADY_NOMINATED = "training.already_nominated", ErrorCode.CONFLICT
    NO_NEED = "training.no_need"
    COURSE_CLOSED = "training.course_closed", ErrorCode.CONFLICT
    RESULT_RECORDED = "training.result_recorded", ErrorCode.CONFLICT
    PLAN_EXISTS = "training.plan_exists", ErrorCode.CONFLICT
