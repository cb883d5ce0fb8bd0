"""Counting a secret ballot: the quorum, the votes needed, who is elected.

Only counts exist here; nothing records who voted how.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tochuc.core.errors import DomainError
from tochuc.core.rules import blocking, run
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
        raise DomainError("Số người được triệu tập phải lớn hơn 0.", field="convened")
    if present < 0:
        raise DomainError("Số người có mặt không được âm.", field="present")
    if present > convened:
        raise DomainError(
            f"Số người có mặt ({present}) lớn hơn số người được triệu tập ({convened}).", field="present"
        )
    if seats <= 0:
        raise DomainError("Số người cần chọn phải lớn hơn 0.", field="seats")
    if not votes:
        raise DomainError("Chưa có ứng viên nào.", field="votes")
    for name, count in votes.items():
        if not name.strip():
            raise DomainError("Tên ứng viên không được để trống.", field="votes")
        if count < 0:
            raise DomainError(f"Số phiếu của {name} không được âm.", field="votes")
        if count > present:
            raise DomainError(
                f"{name} có {count} phiếu, nhiều hơn số người có mặt ({present}).", field="votes"
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
            raise DomainError(f"«{part.strip()}» không đúng dạng Tên=số phiếu.", field="votes")
        try:
            value = int(count.strip())
        except ValueError:
            raise DomainError(
                f"Số phiếu của {name} («{count.strip()}») không phải số nguyên.", field="votes"
            ) from None
        if name in votes:
            raise DomainError(f"{name} xuất hiện hai lần.", field="votes")
        votes[name] = value
    return votes
