"""What the proposals services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class ProposalsErrorCode(AppErrorCode):
    REQUIRED = "proposals.required"
    TOO_LONG = "proposals.too_long"
    INVALID_KIND = "proposals.invalid_kind"
    NO_PARENT = "proposals.no_parent"
    NOT_ABOVE = "proposals.not_above"
    CLOSED = "proposals.closed", ErrorCode.CONFLICT
    NO_DRAFT = "proposals.no_draft", ErrorCode.CONFLICT
    WRITER_APPROVES = "proposals.writer_approves", ErrorCode.FORBIDDEN
    NOT_ANSWERED = "proposals.not_answered", ErrorCode.CONFLICT
    SAME_UNIT = "proposals.same_unit"
    UNKNOWN_UNIT = "proposals.unknown_unit"
    BAD_DUPLICATE = "proposals.bad_duplicate"
