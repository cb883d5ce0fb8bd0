"""What the rewards services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class RewardsErrorCode(AppErrorCode):
    NOT_A_FULL_MEMBER = "rewards.not_a_full_member"
    NO_ADMISSION_DATE = "rewards.no_admission_date"
    NOT_A_MILESTONE = "rewards.not_a_milestone"
    MILESTONE_NOT_REACHED = "rewards.milestone_not_reached"
    TOO_EARLY = "rewards.too_early"
    REASON_REQUIRED = "rewards.reason_required"
    OCCASION_REQUIRED = "rewards.occasion_required"
    ALREADY_PROPOSED = "rewards.already_proposed", ErrorCode.CONFLICT
    NOT_PROPOSED = "rewards.not_proposed", ErrorCode.CONFLICT
    NUMBER_REQUIRED = "rewards.number_required"
    GAP_END_BEFORE_START = "rewards.gap_end_before_start"
    GAP_OVERLAPS = "rewards.gap_overlaps", ErrorCode.CONFLICT
    DISCIPLINE_SUBJECT = "rewards.discipline_subject"
    DISCIPLINE_REFUSED = "rewards.discipline_refused"
    VIOLATION_REQUIRED = "rewards.violation_required"
    APPEAL_LATE = "rewards.appeal_late"
    APPEAL_BEFORE_RECEIPT = "rewards.appeal_before_receipt"
    DISCIPLINE_NOT_PROPOSED = "rewards.discipline_not_proposed", ErrorCode.CONFLICT
    DISCIPLINE_NOT_DECIDED = "rewards.discipline_not_decided", ErrorCode.CONFLICT
    DECIDER_IS_PROPOSER = "rewards.decider_is_proposer"
    APPEAL_ANSWERED = "rewards.appeal_answered", ErrorCode.CONFLICT
    APPEAL_OUTCOME = "rewards.appeal_outcome"
    NOT_A_CANDIDATE = "rewards.not_a_candidate"
    QUOTA_EXCEEDED = "rewards.quota_exceeded", ErrorCode.CONFLICT
