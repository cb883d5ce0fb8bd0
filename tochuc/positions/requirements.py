"""Does a person meet a position's requirements? Pure functions, each unmet rule with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.core.text import words
from tochuc.people.models import TheoryLevel
from tochuc.positions.errors import PositionsErrorCode
from tochuc.positions.models import DegreeLevel, theory_rank

if TYPE_CHECKING:
    from tochuc.people.models import Person
    from tochuc.positions.models import Position

# Words (diacritics folded) that name a degree in a free-text qualification; the highest found wins.
_DEGREE_WORDS: tuple[tuple[DegreeLevel, tuple[str, ...]], ...] = (
    (DegreeLevel.DOCTOR, ("tien si", "ts", "pgs", "gs")),
    (DegreeLevel.MASTER, ("thac si", "ths")),
    (
        DegreeLevel.BACHELOR,
        ("cu nhan", "ky su", "dai hoc", "bac si", "duoc si", "kien truc su"),
    ),
    (DegreeLevel.COLLEGE, ("cao dang",)),
    (DegreeLevel.INTERMEDIATE, ("trung cap",)),
)


def degree_of(qualification: str) -> DegreeLevel:
    """The degree named in a free-text professional qualification ("Cử nhân Luật", "ThS. Quản lý công")."""
    text = " " + " ".join(words(qualification)) + " "
    for level, keywords in _DEGREE_WORDS:
        if any(f" {keyword} " in text for keyword in keywords):
            return level
    return DegreeLevel.NONE


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class Candidate:
    """What the checks need to know about a person."""

    birth_date: dt.date
    degree: DegreeLevel
    theory_level: str
    working_since: dt.date | None  # recruitment date, else the first career entry

    @classmethod
    def of(cls, person: Person, *, first_career_start: dt.date | None = None) -> Candidate:
        return cls(
            birth_date=person.birth_date,
            degree=degree_of(person.professional_qualification),
            theory_level=person.political_theory_level,
            working_since=person.recruited_on or first_career_start,
        )

    def experience_years(self, day: dt.date) -> int:
        if self.working_since is None or self.working_since > day:
            return 0
        return age_on(self.working_since, day)


@dataclass(frozen=True)
class Shortfall:
    """One requirement not met: a stable code and a sentence for people."""

    code: str
    message: str


DEGREE, THEORY, EXPERIENCE, MIN_AGE, MAX_AGE, QUOTA = (
    "degree",
    "theory",
    "experience",
    "min_age",
    "max_age",
    "quota",
)


class HasRequirements(Protocol):
    """A position, or the standards of a title when no position is chosen."""

    @property
    def min_degree(self) -> int: ...
    @property
    def min_theory_level(self) -> str: ...
    @property
    def min_experience_years(self) -> int: ...
    @property
    def min_age(self) -> int | None: ...
    @property
    def max_age(self) -> int | None: ...


def shortfalls(position: HasRequirements, candidate: Candidate, *, on: dt.date) -> list[Shortfall]:
    """Every personal requirement of ``position`` that ``candidate`` does not meet on day ``on``."""
    found: list[Shortfall] = []
    if candidate.degree < position.min_degree:
        found.append(
            Shortfall(
                DEGREE,
                _("Chưa đạt trình độ chuyên môn %(need)s (hiện: %(have)s)")
                % {"need": DegreeLevel(position.min_degree).label, "have": candidate.degree.label},
            )
        )
    if theory_rank(candidate.theory_level) < theory_rank(position.min_theory_level):
        found.append(
            Shortfall(
                THEORY,
                _("Chưa đạt trình độ lý luận chính trị %(need)s (hiện: %(have)s)")
                % {
                    "need": TheoryLevel(position.min_theory_level).label,
                    "have": TheoryLevel(candidate.theory_level).label,
                },
            )
        )
    years = candidate.experience_years(on)
    if years < position.min_experience_years:
        found.append(
            Shortfall(
                EXPERIENCE,
                _("Chưa đủ %(need)d năm kinh nghiệm (hiện: %(have)d năm)")
                % {"need": position.min_experience_years, "have": years},
            )
        )
    age = age_on(candidate.birth_date, on)
    if position.min_age is not None and age < position.min_age:
        found.append(
            Shortfall(
                MIN_AGE,
                _("Tuổi %(age)d chưa đủ tối thiểu %(limit)d") % {"age": age, "limit": position.min_age},
            )
        )
    if position.max_age is not None and age > position.max_age:
        found.append(
            Shortfall(
                MAX_AGE, _("Tuổi %(age)d vượt giới hạn %(limit)d") % {"age": age, "limit": position.max_age}
            )
        )
    return found


def quota_shortfall(position: Position, holders_after: int) -> Shortfall | None:
    """The quota warning when ``holders_after`` holders would exceed the staffing quota."""
    if holders_after > position.headcount_quota:
        return Shortfall(
            QUOTA,
            _("Quá biên chế: %(n)d/%(quota)d") % {"n": holders_after, "quota": position.headcount_quota},
        )
    return None


@dataclass(frozen=True)
class Requirements:
    """The competency requirements of a position."""

    min_degree: int = DegreeLevel.NONE
    min_theory_level: str = TheoryLevel.NONE
    min_experience_years: int = 0
    min_age: int | None = None
    max_age: int | None = None


class RequirementsNotMet(DomainError):
    """The person does not meet some requirements and nobody confirmed going ahead."""

    def __init__(self, warnings: list[Shortfall]) -> None:
        super().__init__(
            _(
                "Người được bố trí chưa đạt yêu cầu của vị trí: %(shortfalls)s. Cần xác nhận và ghi lý do để vẫn bố trí."
            )
            % {"shortfalls": "; ".join(w.message for w in warnings)},
            field="accept_warnings",
            code=PositionsErrorCode.REQUIREMENTS_NOT_MET,
        )
        self.warnings = warnings
