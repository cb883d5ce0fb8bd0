"""Counting a secret ballot: the quorum, the votes needed, who is elected.

Only counts exist here; nothing records who voted how.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.core.rules import blocking, run
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.rules.base import PersonnelPack
from tochuc.personnel.rules.checks import has_quorum, votes_needed
from tochuc.personnel.rules.facts import BallotCount

__all__ = ["TallyResult", "has_quorum", "parse_votes", "tally", "validate_ballot", "votes_needed"]


@dataclass(frozen=True)
class TallyResult:
    quorum: bool
    needed: int
    elected: list[str]
    not_elected: list[str]
    reasons: list[str] = field(default_factory=list)
    # Candidates tied across the last seat: nobody takes it, the conference votes again.
    tie: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "quorum": self.quorum,
            "needed": self.needed,
            "elected": self.elected,
            "not_elected": self.not_elected,
            "reasons": self.reasons,
        }


def validate_ballot(*, convened: int, present: int, seats: int, votes: Mapping[str, int]) -> None:
    if convened <= 0:
        raise DomainError(
            _("Số người được triệu tập phải lớn hơn 0."),
            field="convened",
            code=PersonnelErrorCode.INVALID_CONVENED,
        )
    if present < 0:
        raise DomainError(
            _("Số người có mặt không được âm."), field="present", code=PersonnelErrorCode.NEGATIVE_PRESENT
        )
    if present > convened:
        raise DomainError(
            _("Số người có mặt (%(present)s) lớn hơn số người được triệu tập (%(convened)s).")
            % {"present": present, "convened": convened},
            field="present",
            code=PersonnelErrorCode.PRESENT_OVER_CONVENED,
        )
    if seats <= 0:
        raise DomainError(
            _("Số người cần chọn phải lớn hơn 0."), field="seats", code=PersonnelErrorCode.INVALID_SEATS
        )
    if not votes:
        raise DomainError(_("Chưa có ứng viên nào."), field="votes", code=PersonnelErrorCode.NO_CANDIDATES)
    for name, count in votes.items():
        if not name.strip():
            raise DomainError(
                _("Tên ứng viên không được để trống."),
                field="votes",
                code=PersonnelErrorCode.CANDIDATE_NAME_REQUIRED,
            )
        if count < 0:
            raise DomainError(
                _("Số phiếu của %(name)s không được âm.") % {"name": name},
                field="votes",
                code=PersonnelErrorCode.NEGATIVE_CANDIDATE_VOTES,
            )
        if count > present:
            raise DomainError(
                _("%(name)s có %(count)s phiếu, nhiều hơn số người có mặt (%(present)s).")
                % {"name": name, "count": count, "present": present},
                field="votes",
                code=PersonnelErrorCode.CANDIDATE_VOTES_OVER_PRESENT,
            )


def tally(
    pack: PersonnelPack, *, convened: int, present: int, seats: int, votes: Mapping[str, int]
) -> TallyResult:
    """Apply the pack: its ballot rules (quorum, threshold), then most votes wins.

    A ``block`` finding (no quorum) makes the meeting invalid: nobody is elected. The other findings
    are reasons given with the result (a candidate below the threshold).

    A tie across the last seat elects none of the tied candidates for it: the
    conference must vote again for that seat.
    """
    validate_ballot(convened=convened, present=present, seats=seats, votes=votes)
    needed = votes_needed(pack, convened=convened)
    ballot = BallotCount(convened=convened, present=present, seats=seats, votes=votes, needed=needed)
    findings = run(pack.ballot_rules, ballot, pack)
    invalid = blocking(findings)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    if invalid:
        return TallyResult(
            quorum=False,
            needed=needed,
            elected=[],
            not_elected=[name for name, _ in ranked],
            reasons=[finding.message for finding in invalid],
        )
    reasons: list[str] = []
    above = [(name, count) for name, count in ranked if count >= needed]
    elected: list[str] = []
    tie_at_last_seat = False
    if len(above) <= seats:
        elected = [name for name, _ in above]
    else:
        cutoff = above[seats - 1][1]
        tied = [name for name, count in above if count == cutoff]
        elected = [name for name, count in above if count > cutoff]
        if len(elected) + len(tied) > seats:
            tie_at_last_seat = True
            reasons.append(
                f"{', '.join(tied)} bằng phiếu nhau ({cutoff} phiếu) ở vị trí cuối cùng: "
                f"không ai trúng cử vị trí đó, cần bỏ phiếu lại."
            )
        else:
            elected += tied
    reasons += [finding.message for finding in findings]
    elected_set = set(elected)
    if len(elected) < seats and not tie_at_last_seat:
        reasons.append(f"Chỉ chọn được {len(elected)}/{seats} người.")
    return TallyResult(
        quorum=True,
        needed=needed,
        elected=elected,
        not_elected=[name for name, _ in ranked if name not in elected_set],
        reasons=reasons,
        tie=tie_at_last_seat,
    )


def parse_votes(text: str) -> dict[str, int]:
    """``"Name A=16,Name B=9"`` → {"Name A": 16, "Name B": 9}; clear messages for bad input."""
    votes: dict[str, int] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, count = part.rpartition("=")
        name = name.strip()
        if not sep or not name:
            raise DomainError(
                _("«%(line)s» không đúng dạng Tên=số phiếu.") % {"line": part.strip()},
                field="votes",
                code=PersonnelErrorCode.INVALID_BALLOT_LINE,
            )
        try:
            value = int(count.strip())
        except ValueError:
            raise DomainError(
                _("Số phiếu của %(name)s («%(count)s») không phải số nguyên.")
                % {"name": name, "count": count.strip()},
                field="votes",
                code=PersonnelErrorCode.BALLOT_COUNT_NOT_INTEGER,
            ) from None
        if name in votes:
            raise DomainError(
                _("%(name)s xuất hiện hai lần.") % {"name": name},
                field="votes",
                code=PersonnelErrorCode.CANDIDATE_TWICE,
            )
        votes[name] = value
    return votes
