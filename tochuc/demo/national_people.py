"""National demo: the members of one province's cells, as COPY lines (people and memberships).

The same generators as the demo people (``people_names``: family names by their real
shares, names by gender and generation, profiles per kind of unit), without building
model instances: one line per person, one per membership. Ethnicities follow the
province (``NationalProvince.ethnicities``), so the northern mountains and the Mekong
delta have their real minorities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from tochuc.demo.national_copy import text
from tochuc.demo.people_names import (
    FAMILY_NAMES,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    IT_LEVELS,
    LANGUAGES,
    MALE_GIVEN,
    MALE_MIDDLE,
    MINORITY_FAMILY_NAMES,
    PROFILES,
    RELIGIONS,
)
from tochuc.people.models import MembershipStatus
from tochuc.people.names import search_form, sort_key, split_name

PERSON_COLUMNS = [
    "id", "code", "unit_id", "full_name", "family_name", "middle_name", "given_name", "name_folded",
    "sort_key", "birth_date", "gender", "ethnicity", "religion", "place_of_birth", "hometown", "residence",
    "citizen_id", "citizen_id_hash", "general_education", "professional_qualification",
    "political_theory_level", "foreign_language", "it_level", "current_post", "workplace",
]  # fmt: skip
MEMBERSHIP_COLUMNS = ["person_id", "status", "admitted_on", "full_member_on", "card_number"]
# Family names of groups that ``people_names`` does not list.
OTHER_FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "Dao": ("Triệu", "Bàn", "Đặng", "Lý"),
    "Gia Rai": ("Ksor", "Rơ Châm", "Siu", "Rơ Mah"),
    "Ê Đê": ("Niê", "Mlô", "Byă", "Êban"),
    "Chăm": ("Đàng", "Thuận", "Lưu"),
    "Ba Na": ("Đinh", "Y"),
}
FAMILY_OF = {**MINORITY_FAMILY_NAMES, **OTHER_FAMILY_NAMES}
CID_STEP = 7919  # prime to 10**6: the n-th number of a (province, gender, year) is a permutation


@dataclass(frozen=True)
class Cell:
    """A cell to fill: its id and code, how big it is, and what its people are like."""

    id: int
    code: str
    count: int
    profile: str
    commune: str  # "xã An Bình"
    workplace: str
    village: str


class Names:
    """The derived name columns, computed once per distinct full name."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def columns(self, full_name: str) -> str:
        found = self._cache.get(full_name)
        if found is None:
            parts = split_name(full_name)
            found = "\t".join(
                text(v)
                for v in (
                    full_name,
                    parts.family,
                    parts.middle,
                    parts.given,
                    search_form(full_name),
                    sort_key(full_name),
                )
            )
            self._cache[full_name] = found
        return found


def picker(rnd: Callable[[], float], pairs: Sequence[tuple[str, float]]) -> Callable[[], str]:
    """A weighted choice drawing one ``rnd()`` (``random.choices`` costs ten times more)."""
    values = [v for v, _ in pairs]
    cumulative: list[float] = []
    total = 0.0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    last = len(values) - 1
    return lambda: values[min(last, bisect(cumulative, rnd() * total))]


def chooser(rnd: Callable[[], float], values: Sequence[str]) -> Callable[[], str]:
    size = len(values)
    return lambda: values[int(rnd() * size)]


class PeopleWriter:
    """Draws the people of one province; ``lines`` yields person rows and keeps their memberships.

    The hot loop draws only ``rng.random()``: with 5.6 million people, ``random.choices`` and
    ``randint`` alone would take minutes."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        province_label: str,
        id_prefix: str,
        ethnicities: Sequence[tuple[str, float]],
        taken: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.rng, self.today, self.taken = rng, today, taken
        self.province_label, self.id_prefix = province_label, id_prefix
        rnd = self.rnd = rng.random
        self.pick_ethnicity = picker(rnd, ethnicities)
        self.pick_family = picker(rnd, FAMILY_NAMES)
        self.pick_religion = picker(rnd, RELIGIONS)
        self.middle = {
            (male, young): chooser(rnd, (MALE_MIDDLE if male else FEMALE_MIDDLE)[young])
            for male in (True, False)
            for young in (0, 1)
        }
        self.given = {True: chooser(rnd, MALE_GIVEN), False: chooser(rnd, FEMALE_GIVEN)}
        self.minority = {name: chooser(rnd, families) for name, families in FAMILY_OF.items()}
        self.languages, self.it_levels = chooser(rnd, LANGUAGES), chooser(rnd, IT_LEVELS)
        self.names = Names()
        self.theory = {key: picker(rnd, p.theory) for key, p in PROFILES.items()}
        self.qualification = {
            key: chooser(rnd, [text(q) for q in p.qualifications]) for key, p in PROFILES.items()
        }
        self.memberships: list[str] = []
        self.people: list[tuple[int, int, int]] = []  # (person id, unit id, birth year)
        self._serial: dict[str, int] = {}
        self._latest_full = (today - dt.timedelta(days=400)).toordinal()
        self._today = today.toordinal()
        self._days: dict[int, tuple[str, int]] = {}

    def day(self, ordinal: int) -> tuple[str, int]:
        """ISO text and year of a day, computed once per day."""
        found = self._days.get(ordinal)
        if found is None:
            date = dt.date.fromordinal(ordinal)
            found = self._days[ordinal] = (date.isoformat(), date.year)
        return found

    def citizen_id(self, female: bool, year: int) -> str:
        # Province (3 digits), century and gender (1), year (2), then 6 digits: like the real layout.
        head = f"{self.id_prefix}{(0 if year < 2000 else 2) + female}{year % 100:02d}"
        n = self._serial.get(head, 0)
        while True:  # skips a number someone outside the national provinces already carries
            n += 1
            number = f"{head}{(n * CID_STEP) % 1_000_000:06d}"
            if number not in self.taken:
                self._serial[head] = n
                return number

    def lines(
        self, cells: Sequence[Cell], ids: Iterator[int], tick: Callable[[float], None] = lambda share: None
    ) -> Iterator[str]:
        rnd, province, this_year = self.rnd, self.province_label, self.today.year
        names, middle, given, minority = self.names, self.middle, self.given, self.minority
        pick_ethnicity, pick_family, pick_religion = self.pick_ethnicity, self.pick_family, self.pick_religion
        languages, it_levels, day, citizen_id = self.languages, self.it_levels, self.day, self.citizen_id
        people, memberships, membership = self.people, self.memberships, self._membership
        sha256 = hashlib.sha256
        commune = cells[0].commune if cells else ""
        for cell in cells:
            if cell.commune != commune:
                commune = cell.commune
                tick(0.5)  # half of a commune's share of the work is its people
            profile = PROFILES[cell.profile]
            pick_theory, pick_qualification = self.theory[cell.profile], self.qualification[cell.profile]
            low = dt.date(profile.birth_years[0], 1, 1).toordinal()
            span = dt.date(profile.birth_years[1], 12, 31).toordinal() - low + 1
            female_share = profile.female_share
            born_in = text(f"{cell.commune}, {province}")
            residence = text(f"{cell.village}, {cell.commune}, {province}")
            work, workplace = text(profile.work), text(cell.workplace)
            prefix, unit = f"DV-{cell.code}-", str(cell.id)
            for n in range(1, cell.count + 1):
                pid = next(ids)
                female = rnd() < female_share
                birth_ordinal = low + int(rnd() * span)
                birth, year = day(birth_ordinal)
                ethnicity = pick_ethnicity()
                family = minority[ethnicity]() if ethnicity in minority and rnd() < 0.6 else pick_family()
                full_name = f"{family} {middle[not female, int(year >= 1985)]()} {given[not female]()}"
                qualification = pick_qualification()
                number = citizen_id(female, year)
                retired = this_year - year >= 60
                yield "\t".join(
                    (
                        str(pid),
                        f"{prefix}{n:03d}",
                        unit,
                        names.columns(full_name),
                        birth,
                        "female" if female else "male",
                        ethnicity,
                        pick_religion(),
                        born_in,
                        born_in,
                        residence,
                        number,
                        sha256(("tochuc-citizen-id:" + number).encode()).hexdigest(),
                        "12/12" if year >= 1975 or rnd() < 0.7 else "10/10",
                        qualification,
                        pick_theory(),
                        languages() if qualification else "",
                        it_levels() if qualification else "",
                        "Nghỉ hưu" if retired else work,
                        "" if retired else workplace,
                    )
                )
                people.append((pid, cell.id, year))
                memberships.append(membership(pid, birth_ordinal, this_year - year))
        if cells:
            tick(0.5)

    def _membership(self, pid: int, birth: int, age: int) -> str:
        rnd, day = self.rnd, self.day
        eighteen = birth + 6575
        latest_full = self._latest_full
        if eighteen > latest_full or (age < 40 and rnd() < 0.08):
            start = max(eighteen, self._today - 360)
            admitted = day(start + int(rnd() * (self._today - start + 1)))[0]
            return f"{pid}\t{MembershipStatus.PROBATIONARY}\t{admitted}\t\\N\t"
        low = min(birth + 365 * (18 + int(rnd() * 9)), latest_full)
        high = max(low, min(latest_full, birth + 365 * 45))
        admitted_on = low + int(rnd() * (high - low + 1))
        status = MembershipStatus.EXEMPT if age >= 70 and rnd() < 0.3 else MembershipStatus.FULL
        card = 10_000_000 + int(rnd() * 90_000_000)
        return f"{pid}\t{status}\t{day(admitted_on)[0]}\t{day(admitted_on + 365)[0]}\t{card}"
