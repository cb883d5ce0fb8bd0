"""Demo people, one at a time: who a person is, with their membership and 2C history.

``Planner`` draws everything from one ``random.Random``, so the same seed gives the
same people; the rows are only built here, ``demo`` writes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tochuc.demo.people_names import (
    IT_LEVELS,
    LANGUAGES,
    MINORITY_FAMILY_NAMES,
    NameFields,
    Profile,
    _weighted,
    make_name,
    pick_ethnicity,
    pick_religion,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import (
    CareerEntry,
    Gender,
    Membership,
    MembershipStatus,
    Person,
    PersonDiscipline,
    PersonReward,
    Relative,
    TheoryLevel,
    Training,
)
from tochuc.people.services import citizen_id_hash


@dataclass
class Planned:
    """One person to create, with the rows that hang off them."""

    person: Person
    membership: Membership
    career: list[CareerEntry] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    rewards: list[PersonReward] = field(default_factory=list)
    disciplines: list[PersonDiscipline] = field(default_factory=list)
    relatives: list[Relative] = field(default_factory=list)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = max(0, (end - start).days)
    return start + dt.timedelta(days=rng.randint(0, span))


def _place(unit_name: str) -> str:
    for prefix in ("Đảng bộ ", "Chi bộ "):
        unit_name = unit_name.removeprefix(prefix)
    return unit_name


@dataclass
class Context:
    """Where the people of one unit belong: the profile, the commune and the province."""

    profile: Profile
    commune: str
    province: str
    id_prefix: str
    workplace: str
    village: str


class Planner:
    """Draws people for units from one ``random.Random``: the same seed, the same people."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.used_ids: set[str] = set()
        self.names = NameFields()

    def citizen_id(self, prefix: str, gender: str, birth: dt.date) -> str:
        # Province (3 digits), century and gender (1), year (2), then 6 digits: like the real layout.
        century = 0 if birth.year < 2000 else 2
        head = f"{prefix}{century + (gender == Gender.FEMALE)}{birth.year % 100:02d}"
        while True:
            number = f"{head}{self.rng.randrange(1_000_000):06d}"
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def person(self, unit: OrgUnit, code: str, ctx: Context) -> Planned:
        rng, profile = self.rng, ctx.profile
        gender = Gender.FEMALE if rng.random() < profile.female_share else Gender.MALE
        birth = _random_day(
            rng, dt.date(profile.birth_years[0], 1, 1), dt.date(profile.birth_years[1], 12, 31)
        )
        ethnicity = pick_ethnicity(rng)
        family = None
        if ethnicity in MINORITY_FAMILY_NAMES and rng.random() < 0.5:
            family = rng.choice(MINORITY_FAMILY_NAMES[ethnicity])
        full_name = make_name(rng, gender, birth.year, family=family)
        theory = _weighted(profile.theory)(rng)
        qualification = rng.choice(profile.qualifications)
        age = self.today.year - birth.year
        person = Person(
            code=code,
            unit=unit,
            full_name=full_name,
            birth_date=birth,
            gender=gender,
            ethnicity=ethnicity,
            religion=pick_religion(rng),
            place_of_birth=f"{ctx.commune}, {ctx.province}",
            hometown=f"{ctx.commune}, {ctx.province}",
            residence=f"{ctx.village}, {ctx.commune}, {ctx.province}",
            citizen_id=self.citizen_id(ctx.id_prefix, gender, birth),
            general_education="12/12" if birth.year >= 1975 or rng.random() < 0.7 else "10/10",
            professional_qualification=qualification,
            political_theory_level=theory,
            foreign_language=rng.choice(LANGUAGES) if qualification else "",
            it_level=rng.choice(IT_LEVELS) if qualification else "",
            current_post=profile.work if age < 60 else "Nghỉ hưu",
            workplace=ctx.workplace if age < 60 else "",
        )
        self.names.apply(person)
        person.citizen_id_hash = citizen_id_hash(person.citizen_id)
        planned = Planned(person, self.membership(birth, age))
        self.history(planned, ctx, birth, age, qualification)
        return planned

    def membership(self, birth: dt.date, age: int) -> Membership:
        rng, today = self.rng, self.today
        eighteen = _add_years(birth, 18)
        # A full member was admitted at least a year (plus the review) ago.
        latest_full = today - dt.timedelta(days=400)
        if eighteen > latest_full or (age < 40 and rng.random() < 0.12):
            return Membership(
                status=MembershipStatus.PROBATIONARY,
                admitted_on=_random_day(rng, max(eighteen, today - dt.timedelta(days=360)), today),
                card_number="",
            )
        low = min(max(eighteen, _add_years(birth, rng.randint(18, 26))), latest_full)
        admitted = _random_day(rng, low, max(low, min(latest_full, _add_years(birth, 45))))
        status = MembershipStatus.FULL
        if age >= 70 and rng.random() < 0.3:
            status = MembershipStatus.EXEMPT
        return Membership(
            status=status,
            admitted_on=admitted,
            full_member_on=_add_years(admitted, 1),
            card_number=f"{rng.randrange(10**7, 10**8)}",
        )

    def history(self, planned: Planned, ctx: Context, birth: dt.date, age: int, qualification: str) -> None:
        rng, today = self.rng, self.today
        start = _add_years(birth, rng.randint(21, 24))
        if rng.random() < 0.35 and start < today:
            entries = rng.randint(1, 3)
            for n in range(entries):
                end = None if n == entries - 1 else min(today, _add_years(start, rng.randint(2, 8)))
                where = ctx.workplace or f"{ctx.commune}, {ctx.province}"
                planned.career.append(
                    CareerEntry(start=start, end=end, description=f"{ctx.profile.work}, {where}")
                )
                if end is None or end >= today:
                    break
                start = end
        membership = planned.membership
        if rng.random() < 0.25 and membership.admitted_on:
            level = planned.person.political_theory_level
            courses: dict[str, str] = {
                TheoryLevel.INTERMEDIATE: "Trung cấp lý luận chính trị – hành chính",
                TheoryLevel.ADVANCED: "Cao cấp lý luận chính trị",
                TheoryLevel.BACHELOR: "Cử nhân chính trị",
            }
            course = courses.get(level, "Bồi dưỡng lý luận chính trị dành cho đảng viên mới")
            begin = _random_day(rng, membership.admitted_on, max(membership.admitted_on, today))
            planned.trainings.append(
                Training(
                    start=begin,
                    end=begin + dt.timedelta(days=rng.choice((7, 180, 365))),
                    institution=f"Trường Chính trị tỉnh {ctx.province.removeprefix('tỉnh ')}",
                    field=course,
                    form="Tập trung" if rng.random() < 0.6 else "Tại chức",
                    qualification="Bằng"
                    if level in {TheoryLevel.ADVANCED, TheoryLevel.BACHELOR}
                    else "Giấy chứng nhận",
                )
            )
        if (
            membership.admitted_on
            and (today - membership.admitted_on).days >= 30 * 365
            and rng.random() < 0.6
        ):
            planned.rewards.append(
                PersonReward(
                    decided_on=_add_years(membership.admitted_on, 30),
                    title="Huy hiệu 30 năm tuổi Đảng",
                    decided_by="Ban Thường vụ Tỉnh ủy",
                )
            )
        elif rng.random() < 0.06:
            planned.rewards.append(
                PersonReward(
                    decided_on=_random_day(rng, today - dt.timedelta(days=3650), today),
                    title="Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ",
                    decided_by=f"Ban Thường vụ Đảng ủy {ctx.commune}",
                )
            )
        if rng.random() < 0.004:
            planned.disciplines.append(
                PersonDiscipline(
                    decided_on=_random_day(rng, today - dt.timedelta(days=1500), today),
                    form="Khiển trách",
                    reason="Vi phạm quy định về sinh hoạt đảng",
                    decided_by=f"Ủy ban Kiểm tra Đảng ủy {ctx.commune}",
                )
            )
        if rng.random() < 0.4:
            self.relatives(planned, birth)

    def relatives(self, planned: Planned, birth: dt.date) -> None:
        rng = self.rng
        person = planned.person
        father_year = birth.year - rng.randint(22, 35)
        planned.relatives.append(
            Relative(
                relation="Bố đẻ",
                full_name=make_name(rng, Gender.MALE, father_year, family=person.family_name),
                birth_year=father_year,
                occupation="Làm ruộng" if rng.random() < 0.6 else "Cán bộ hưu trí",
            )
        )
        mother_year = father_year + rng.randint(-2, 6)
        planned.relatives.append(
            Relative(
                relation="Mẹ đẻ",
                full_name=make_name(rng, Gender.FEMALE, mother_year),
                birth_year=mother_year,
                occupation="Làm ruộng" if rng.random() < 0.7 else "Nội trợ",
            )
        )
        if rng.random() < 0.75:
            male = person.gender == Gender.MALE
            spouse_year = birth.year + rng.randint(-2, 5) * (1 if male else -1)
            planned.relatives.append(
                Relative(
                    relation="Vợ" if male else "Chồng",
                    full_name=make_name(rng, Gender.FEMALE if male else Gender.MALE, spouse_year),
                    birth_year=spouse_year,
                    occupation=rng.choice(("Giáo viên", "Làm ruộng", "Kinh doanh", "Công chức", "Công nhân")),
                )
            )
