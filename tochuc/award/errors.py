"""What the award services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class AwardErrorCode(AppErrorCode):
    NOT_AN_ORGANIZER = "award.not_an_organizer"
    YEAR_TAKEN = "award.year_taken", ErrorCode.CONFLICT
    WINDOW_INVALID = "award.window_invalid"
    ROUND_CLOSED = "award.round_closed", ErrorCode.CONFLICT
    WRONG_STAGE = "award.wrong_stage", ErrorCode.CONFLICT
    AUTHORS_REQUIRED = "award.authors_required"
    FORM_INVALID = "award.form_invalid"
    LINK_INVALID = "award.link_invalid"
    JUROR_TAKEN = "award.juror_taken", ErrorCode.CONFLICT
    NOT_YOUR_ENTRY = "award.not_your_entry", ErrorCode.NOT_FOUND
    SCORE_OUT_OF_RANGE = "award.score_out_of_range"
    SCORES_MISSING = "award.scores_missing", ErrorCode.CONFLICT
    NO_JURORS = "award.no_jurors", ErrorCode.CONFLICT
