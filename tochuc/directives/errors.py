"""What the directives services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class DirectivesErrorCode(AppErrorCode):
    TEXT_REQUIRED = "directives.text_required"
    ONE_SUBJECT_REQUIRED = "directives.one_subject_required"
    END_BEFORE_START = "directives.end_before_start"
    REQUIRED = "directives.required"
    TOO_LONG = "directives.too_long"
    ISSUED_IN_FUTURE = "directives.issued_in_future"
    TERM_REQUIRED = "directives.term_required"
    TERM_TOO_LONG = "directives.term_too_long"
    TOO_MANY_TASKS = "directives.too_many_tasks"
    DOCUMENT_EXISTS = "directives.document_exists", ErrorCode.CONFLICT
    TASK_TEXT_REQUIRED = "directives.task_text_required"
    INVALID_TASK_DEADLINE = "directives.invalid_task_deadline"
    REPORTED_IN_FUTURE = "directives.reported_in_future"
    INVALID_PERCENT = "directives.invalid_percent"
    DONE_NEEDS_FULL_PERCENT = "directives.done_needs_full_percent"
    NARRATIVE_REQUIRED = "directives.narrative_required"
    NO_LEAD_UNIT = "directives.no_lead_unit", ErrorCode.CONFLICT
    TASK_DONE = "directives.task_done", ErrorCode.CONFLICT
    PERCENT_DECREASED = "directives.percent_decreased"
    REPORTED_BEFORE_LAST = "directives.reported_before_last"
    INVALID_QUALITY = "directives.invalid_quality"
    TASK_NOT_DONE = "directives.task_not_done", ErrorCode.CONFLICT
    LEAD_RATES_OWN = "directives.lead_rates_own", ErrorCode.FORBIDDEN
    RATER_CONFLICT = "directives.rater_conflict", ErrorCode.FORBIDDEN
    ONE_LEAD_UNIT = "directives.one_lead_unit"
    LEAD_OUTSIDE_ASSIGNER = "directives.lead_outside_assigner"
    LEAD_UNIT_CLOSED = "directives.lead_unit_closed"
    LEAD_ALSO_COOPERATING = "directives.lead_also_cooperating"
    COOPERATING_OUTSIDE_ASSIGNER = "directives.cooperating_outside_assigner"
    INVALID_VALUE = "directives.invalid_value"
    DEADLINE_AFTER_PARENT = "directives.deadline_after_parent"
    RESPONSIBLE_OUTSIDE_LEAD = "directives.responsible_outside_lead"
    ITEMS_REQUIRED = "directives.items_required"
    NUMBER_SYMBOL_REQUIRED = "directives.number_symbol_required"
    INVALID_NUMBER_SYMBOL = "directives.invalid_number_symbol"
    UNKNOWN_DOC_TYPE = "directives.unknown_doc_type"
    ZERO_DOCUMENT_NUMBER = "directives.zero_document_number"
    UNREADABLE_FILE = "directives.unreadable_file"
    LOCKED_FILE = "directives.locked_file"
    EMPTY_FILE = "directives.empty_file"
    WRONG_FILE_TYPE = "directives.wrong_file_type"
    UNSUPPORTED_FILE_TYPE = "directives.unsupported_file_type"
    OCR_UNAVAILABLE = "directives.ocr_unavailable"
    OCR_TIMEOUT = "directives.ocr_timeout"
    OCR_NO_TEXT = "directives.ocr_no_text"
