"""What the feedback services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class FeedbackErrorCode(AppErrorCode):
    REQUIRED = "feedback.required"
    TOO_LONG = "feedback.too_long"
    INVALID_KIND = "feedback.invalid_kind"
    UNKNOWN_UNIT = "feedback.unknown_unit"
    HONEYPOT = "feedback.refused"
    RATE_LIMITED = "feedback.rate_limited", ErrorCode.CONFLICT
    ANSWERED = "feedback.answered", ErrorCode.CONFLICT
    NOT_ANSWERED = "feedback.not_answered", ErrorCode.CONFLICT
    PERSON_OUTSIDE = "feedback.person_outside"
