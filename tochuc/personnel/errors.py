"""What the personnel services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class PersonnelErrorCode(AppErrorCode):
    TEXT_REQUIRED = "personnel.text_required"
    CONFLICT_OF_INTEREST = "personnel.conflict_of_interest", ErrorCode.CONFLICT
    PLANNING_CODE_TAKEN = "personnel.planning_code_taken", ErrorCode.CONFLICT
    INVALID_TERM = "personnel.invalid_term"
    PLANNING_CLOSED = "personnel.planning_closed", ErrorCode.CONFLICT
    ALREADY_PLANNED = "personnel.already_planned", ErrorCode.CONFLICT
    NOT_PROPOSED = "personnel.not_proposed", ErrorCode.CONFLICT
    PROPOSER_APPROVES = "personnel.proposer_approves", ErrorCode.CONFLICT
    ALREADY_REMOVED = "personnel.already_removed", ErrorCode.CONFLICT
    REMOVAL_REASON_REQUIRED = "personnel.removal_reason_required"
    INVALID_PROCEDURE_KIND = "personnel.invalid_procedure_kind"
    INVALID_TERM_MONTHS = "personnel.invalid_term_months"
    POSITION_OUTSIDE_UNIT = "personnel.position_outside_unit"
    PROCEDURE_OPEN = "personnel.procedure_open", ErrorCode.CONFLICT
    PROCEDURE_NOT_OPEN = "personnel.procedure_not_open", ErrorCode.CONFLICT
    STEPS_DONE = "personnel.steps_done", ErrorCode.CONFLICT
    MEETING_BEFORE_LAST = "personnel.meeting_before_last"
    MEETING_BEFORE_RECEIPT = "personnel.meeting_before_receipt"
    VOTES_REQUIRED = "personnel.votes_required"
    STEPS_NOT_DONE = "personnel.steps_not_done", ErrorCode.CONFLICT
    PROPOSER_DECIDES = "personnel.proposer_decides", ErrorCode.CONFLICT
    DECISION_BEFORE_RECEIPT = "personnel.decision_before_receipt"
    PROCEDURE_ENDED = "personnel.procedure_ended", ErrorCode.CONFLICT
    SAME_UNIT = "personnel.same_unit"
    ROTATION_TOO_SHORT = "personnel.rotation_too_short"
    TOO_FEW_YEARS_LEFT = "personnel.too_few_years_left"
    ROTATION_OPEN = "personnel.rotation_open", ErrorCode.CONFLICT
    ROTATION_ENDED = "personnel.rotation_ended", ErrorCode.CONFLICT
    END_BEFORE_START = "personnel.end_before_start"
    INVALID_VOTERS = "personnel.invalid_voters"
    NEGATIVE_VOTES = "personnel.negative_votes"
    TOO_MANY_VOTES = "personnel.too_many_votes"
    INVALID_CONVENED = "personnel.invalid_convened"
    NEGATIVE_PRESENT = "personnel.negative_present"
    PRESENT_OVER_CONVENED = "personnel.present_over_convened"
    INVALID_SEATS = "personnel.invalid_seats"
    NO_CANDIDATES = "personnel.no_candidates"
    CANDIDATE_NAME_REQUIRED = "personnel.candidate_name_required"
    NEGATIVE_CANDIDATE_VOTES = "personnel.negative_candidate_votes"
    CANDIDATE_VOTES_OVER_PRESENT = "personnel.candidate_votes_over_present"
    INVALID_BALLOT_LINE = "personnel.invalid_ballot_line"
    BALLOT_COUNT_NOT_INTEGER = "personnel.ballot_count_not_integer"
    CANDIDATE_TWICE = "personnel.candidate_twice"
    PLANNING_REFUSED = "personnel.planning_refused"
    ELECTED_POST = "personnel.elected_post"
    APPOINTED_POST = "personnel.appointed_post"
    TITLE_OF_ANOTHER_LEVEL = "personnel.title_of_another_level"
    ONLY_LATEST_MEETING = "personnel.only_latest_meeting", ErrorCode.CONFLICT
    CORRECTION_REASON_REQUIRED = "personnel.correction_reason_required"
