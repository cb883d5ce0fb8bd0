"""The shape of a rewards-from-results pack."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RewardPack:
    code: str
    name: str
    citation: str
    rating: str  # the rating that makes a candidate ("excellent")
    consecutive_years: int  # consecutive years at that rating for the upper levels
    standout_share: float  # standout organizations: at most this share of those rated at ``rating``
    grassroots_certificate: str  # citations of each candidacy
    upper_certificate: str
    standout_organization: str
    collective_kinds: tuple[str, ...]  # the organizations that may be standout
    discipline_rating: str  # the rating that puts a member or a collective on the discipline list
    discipline_review: str  # citation of that list

    def numbers(self) -> dict[str, object]:
        return {
            "consecutive_years": self.consecutive_years,
            "standout_percent": round(self.standout_share * 100),
        }
