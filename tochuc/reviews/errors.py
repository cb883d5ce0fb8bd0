"""What the reviews services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class ReviewsErrorCode(AppErrorCode):
    CODE_REQUIRED = "reviews.code_required"
    CODE_TAKEN = "reviews.code_taken", ErrorCode.CONFLICT
    INVALID_KIND = "reviews.invalid_kind"
    INVALID_YEAR = "reviews.invalid_year"
    INVALID_QUARTER = "reviews.invalid_quarter"
    DEADLINE_BEFORE_START = "reviews.deadline_before_start"
    NO_SUBORDINATES = "reviews.no_subordinates"
    NOT_SUBORDINATE = "reviews.not_subordinate"
    ALREADY_EXPECTED = "reviews.already_expected"
    REASON_REQUIRED = "reviews.reason_required"
    NOT_EXPECTED = "reviews.not_expected", ErrorCode.NOT_FOUND
    ALREADY_SUBMITTED = "reviews.already_submitted", ErrorCode.CONFLICT
    NOT_SUBMITTED = "reviews.not_submitted", ErrorCode.CONFLICT
    SECTION_TOO_LONG = "reviews.section_too_long"
    COMMENT_REQUIRED = "reviews.comment_required"
    PARENT_MISMATCH = "reviews.parent_mismatch"
    ALREADY_OPENED = "reviews.already_opened", ErrorCode.CONFLICT
    SUBJECT_REQUIRED = "reviews.subject_required"
    NUMBER_CANCELLED = "reviews.number_cancelled", ErrorCode.CONFLICT
    ALREADY_NUMBERED = "reviews.already_numbered", ErrorCode.CONFLICT
    COMPONENTS_MISSING = "reviews.components_missing"
    NOT_NUMBERED = "reviews.not_numbered", ErrorCode.CONFLICT
    NO_RECIPIENTS = "reviews.no_recipients"
    ALREADY_ACKNOWLEDGED = "reviews.already_acknowledged", ErrorCode.CONFLICT
