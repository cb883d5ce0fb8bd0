"""Demo people: Party members and cadres with realistic Vietnamese 2C files.

``seed_people`` fills the demo tree's cells and grassroots organizations (and
the Commission's departments) with a few thousand people, and with
``scale="province"`` also the big province's cells with about 100,000. The
same seed gives the same people; person codes are derived from unit codes, so
running again only adds who is missing. Rows are written in bulk, with the
same derived name and citizen-ID fields as ``person_create``, in one
transaction per tree with one audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone

from tochuc.audit.services import record
from tochuc.orgunits.demo import PROVINCE, SMALL_TREE
from tochuc.orgunits.models import PATH_STEP, OrgUnit, UnitKind
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
from tochuc.people.names import search_form, sort_key, split_name
from tochuc.people.services import citizen_id_hash

CODE_PREFIX = "DV-"
BATCH = 2000
BIRTH_YEARS = (1955, 2004)

# Family names with their share in percent; the rest share what is left.
# fmt: off
FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.1), ("Huỳnh", 1.9),
    ("Phan", 4.5), ("Vũ", 2.1), ("Võ", 1.8), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5),
    ("Trương", 1.2), ("Đinh", 1.1), ("Đoàn", 0.9), ("Trịnh", 0.8), ("Hà", 0.8), ("Mai", 0.7), ("Cao", 0.7),
    ("Lâm", 0.6), ("Lương", 0.6), ("Phùng", 0.5), ("Thái", 0.5), ("Chu", 0.4), ("Tạ", 0.4), ("Lưu", 0.4),
    ("Tô", 0.3), ("Kiều", 0.3), ("Nông", 0.3), ("Quách", 0.2), ("La", 0.2), ("Khúc", 0.1),
)
# Family names common in some ethnic groups (about half of their members carry one).
MINORITY_FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "Tày": ("Nông", "Hoàng", "Lường", "Ma", "Hà"),
    "Thái": ("Lò", "Lương", "Vi", "Cầm", "Lữ"),
    "Mường": ("Bùi", "Đinh", "Quách", "Hà"),
    "Khmer": ("Thạch", "Danh", "Sơn", "Kim"),
    "Hmông": ("Giàng", "Sùng", "Vàng", "Thào", "Lầu"),
    "Nùng": ("Nông", "Hoàng", "Lăng", "Mã"),
}
ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("Kinh", 91.0), ("Thái", 2.2), ("Mường", 1.5), ("Tày", 1.5), ("Nùng", 1.0), ("Hmông", 1.0),
    ("Khmer", 1.0), ("Khơ Mú", 0.4), ("Dao", 0.4),
)
# Middle names: (older generation, younger generation) pools, first names weigh more.
MALE_MIDDLE: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("Văn", "Văn", "Văn", "Văn", "Hữu", "Đức", "Đình", "Xuân", "Công", "Quang", "Minh", "Ngọc", "Thanh"),
    ("Văn", "Văn", "Minh", "Đức", "Quang", "Hữu", "Tuấn", "Hoàng", "Quốc", "Thành", "Anh", "Trọng", "Duy"),
)
FEMALE_MIDDLE: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("Thị", "Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Thị Thu", "Thị Hồng", "Kim", "Hồng"),
    ("Thị", "Thị", "Thu", "Ngọc", "Minh", "Phương", "Thanh", "Thị Thu", "Hồng", "Mai", "Khánh", "Thùy"),
)
MALE_GIVEN = (
    "An", "Anh", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đông", "Đức", "Giang", "Hải", "Hiếu",
    "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Mạnh",
    "Minh", "Nam", "Nghĩa", "Ngọc", "Phong", "Phúc", "Phương", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm",
    "Thắng", "Thanh", "Thành", "Thịnh", "Thông", "Toàn", "Trung", "Tú", "Tuấn", "Tùng", "Việt", "Vinh",
    "Vũ", "Hậu", "Lực", "Tiến", "Trường",
)
FEMALE_GIVEN = (
    "An", "Anh", "Bích", "Châu", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hậu",
    "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Lý", "Mai", "My",
    "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Sen", "Tâm", "Thảo", "Thơ", "Thủy", "Thúy",
    "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân", "Yến",
)
RELIGIONS: tuple[tuple[str, float], ...] = (("", 95.0), ("Phật giáo", 3.0), ("Công giáo", 2.0))
# Where the birth place and the first three digits of the citizen ID come from, by province code.
PROVINCE_INFO: dict[str, tuple[str, str]] = {
    "T01": ("Hà Tĩnh", "042"),
    "T02": ("Quảng Trị", "045"),
    PROVINCE.code: ("Nghệ An", "040"),
}
CENTRE_INFO = ("Hà Nội", "001")
# fmt: on


@dataclass(frozen=True)
class Profile:
    """What the people of one kind of unit are like."""

    work: str  # how a career entry reads
    qualifications: tuple[str, ...]
    theory: tuple[tuple[str, float], ...]
    birth_years: tuple[int, int]
    female_share: float


# fmt: off
_T = TheoryLevel
PROFILES: dict[str, Profile] = {
    "school": Profile(
        "Giáo viên", ("Đại học Sư phạm Toán", "Đại học Sư phạm Ngữ văn", "Đại học Sư phạm Tiếng Anh",
                      "Cao đẳng Sư phạm Tiểu học", "Thạc sĩ Quản lý giáo dục", "Đại học Sư phạm Vật lí",
                      "Đại học Sư phạm Hóa học", "Cao đẳng Sư phạm Mầm non"),
        ((_T.NONE, 5), (_T.ELEMENTARY, 62), (_T.INTERMEDIATE, 28), (_T.ADVANCED, 5)), (1965, 2000), 0.68),
    "health": Profile(
        "Nhân viên y tế", ("Bác sĩ đa khoa", "Cao đẳng Điều dưỡng", "Trung cấp Y sĩ", "Dược sĩ đại học",
                           "Bác sĩ chuyên khoa I Nội khoa", "Cử nhân Hộ sinh"),
        ((_T.NONE, 8), (_T.ELEMENTARY, 60), (_T.INTERMEDIATE, 27), (_T.ADVANCED, 5)), (1966, 2001), 0.6),
    "farm": Profile(
        "Xã viên", ("Kỹ sư Nông nghiệp", "Trung cấp Thú y", "Kỹ sư Thủy lợi", "", "", ""),
        ((_T.NONE, 20), (_T.ELEMENTARY, 68), (_T.INTERMEDIATE, 12)), (1958, 2002), 0.4),
    "company": Profile(
        "Nhân viên", ("Đại học Kế toán", "Kỹ sư Xây dựng", "Kỹ sư Cơ khí", "Cao đẳng Công nghệ thực phẩm",
                      "Cử nhân Quản trị kinh doanh", "Trung cấp Điện", ""),
        ((_T.NONE, 15), (_T.ELEMENTARY, 65), (_T.INTERMEDIATE, 18), (_T.ADVANCED, 2)), (1965, 2003), 0.42),
    "residents": Profile(
        "Cán bộ thôn, tổ dân phố", ("", "", "", "Trung cấp Nông nghiệp", "Đại học Luật", "Cao đẳng Kế toán",
                                    "Đại học Sư phạm", "Kỹ sư Nông nghiệp"),
        ((_T.NONE, 22), (_T.ELEMENTARY, 66), (_T.INTERMEDIATE, 11), (_T.ADVANCED, 1)), BIRTH_YEARS, 0.45),
    "cadres": Profile(
        "Chuyên viên", ("Cử nhân Luật", "Thạc sĩ Xây dựng Đảng và Chính quyền nhà nước", "Cử nhân Chính trị học",
                        "Tiến sĩ Quản lý công", "Thạc sĩ Quản lý kinh tế", "Cử nhân Hành chính học"),
        ((_T.INTERMEDIATE, 20), (_T.ADVANCED, 55), (_T.BACHELOR, 25)), (1966, 1998), 0.45),
}
_PROFILE_WORDS = (
    ("Trường", "school"), ("Y tế", "health"), ("Khoa", "health"), ("Hợp tác xã", "farm"),
    ("Đội sản xuất", "farm"), ("Công ty", "company"), ("Xí nghiệp", "company"), ("Phân xưởng", "company"),
)
LANGUAGES = ("Tiếng Anh B1", "Tiếng Anh B2", "Tiếng Anh trình độ B", "Tiếng Pháp trình độ A", "", "")
IT_LEVELS = ("Chứng chỉ ứng dụng công nghệ thông tin cơ bản", "Tin học văn phòng trình độ B", "", "")
# fmt: on


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


def _weighted(pairs: Sequence[tuple[str, float]]) -> Callable[[random.Random], str]:
    values = [v for v, _ in pairs]
    cumulative: list[float] = []
    total = 0.0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return lambda rng: rng.choices(values, cum_weights=cumulative)[0]


pick_family = _weighted(FAMILY_NAMES)
pick_ethnicity = _weighted(ETHNICITIES)
pick_religion = _weighted(RELIGIONS)


def make_name(rng: random.Random, gender: str, birth_year: int, *, family: str | None = None) -> str:
    """A Vietnamese full name typical of the gender and the generation."""
    young = birth_year >= 1985
    male = gender == Gender.MALE
    middle = rng.choice((MALE_MIDDLE if male else FEMALE_MIDDLE)[young])
    given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
    return f"{family or pick_family(rng)} {middle} {given}"


class NameFields:
    """The derived name columns of ``Person``, computed once per distinct full name."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, str, str, str, str]] = {}

    def apply(self, person: Person) -> None:
        found = self._cache.get(person.full_name)
        if found is None:
            parts = split_name(person.full_name)
            found = (
                parts.family,
                parts.middle,
                parts.given,
                search_form(person.full_name),
                sort_key(person.full_name),
            )
            self._cache[person.full_name] = found
        (
            person.family_name,
            person.middle_name,
            person.given_name,
            person.name_folded,
            person.sort_key,
        ) = found


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


# --- Which units get how many people -------------------------------------------------


def _profile_for(unit: OrgUnit, parent: OrgUnit | None) -> Profile:
    if unit.kind == UnitKind.DEPARTMENT or (parent is not None and parent.kind == UnitKind.DEPARTMENT):
        return PROFILES["cadres"]
    names = unit.name + " " + (parent.name if parent else "")
    for word, key in _PROFILE_WORDS:
        if word in names:
            return PROFILES[key]
    return PROFILES["residents"]


@dataclass
class TreeSeed:
    """One tree to fill: its root and which of its units take people, and how many."""

    root: OrgUnit
    units: list[OrgUnit]
    count: Callable[[OrgUnit, OrgUnit | None, random.Random], int]


def _small_count(unit: OrgUnit, parent: OrgUnit | None, rng: random.Random) -> int:
    if unit.kind == UnitKind.DEPARTMENT:
        return rng.randint(12, 25)
    if unit.kind == UnitKind.CELL:
        # Village and residential cells are big; cells of schools, clinics and firms small.
        if parent is not None and parent.kind == UnitKind.COMMUNE:
            return rng.randint(80, 140)
        return rng.randint(20, 45)
    if unit.kind == UnitKind.GRASSROOTS:
        return rng.randint(15, 30)
    return 0


def _province_count(unit: OrgUnit, parent: OrgUnit | None, rng: random.Random) -> int:
    return rng.randint(10, 30) if unit.kind == UnitKind.CELL else 0


def _units_taking_people(units: list[OrgUnit]) -> list[OrgUnit]:
    """Cells, departments, and grassroots organizations without cells of their own."""
    parents_of_cells = {u.parent_id for u in units if u.kind == UnitKind.CELL}
    return [
        u
        for u in units
        if u.kind in {UnitKind.CELL, UnitKind.DEPARTMENT}
        or (u.kind == UnitKind.GRASSROOTS and u.pk not in parents_of_cells)
    ]


def _context(unit: OrgUnit, parent: OrgUnit | None, by_path: dict[str, OrgUnit]) -> Context:
    ancestors = [by_path[p] for p in unit.ancestor_paths() if p in by_path]
    province_code = unit.code.split("-")[0]
    if province_code in PROVINCE_INFO:
        province_name, id_prefix = PROVINCE_INFO[province_code]
        province = f"tỉnh {province_name}"
    else:
        province_name, id_prefix = CENTRE_INFO
        province = f"thành phố {province_name}"
    commune_unit = next((a for a in ancestors if a.kind == UnitKind.COMMUNE), None)
    commune = _place(commune_unit.name) if commune_unit else "phường Ba Đình"
    profile = _profile_for(unit, parent)
    residents = profile is PROFILES["residents"]
    if unit.kind == UnitKind.DEPARTMENT:
        workplace = f"{unit.name}, {parent.name}" if parent else unit.name
    elif residents:
        workplace = ""
    else:
        host = unit if unit.kind == UnitKind.GRASSROOTS else parent
        workplace = _place(host.name) if host is not None else ""
    village = _place(unit.name) if residents else "thôn Trung"
    return Context(profile, commune, province, id_prefix, workplace, village)


def _plan(tree: TreeSeed, planner: Planner, existing: set[str]) -> list[Planned]:
    """Each unit draws its people from its own generator (seeded from ``planner.rng`` and
    the unit code), so a unit whose people all exist is skipped without drawing them."""
    by_path = {u.path: u for u in tree.units}
    by_path.setdefault(tree.root.path, tree.root)
    base = planner.rng.getrandbits(64)
    planned: list[Planned] = []
    for unit in _units_taking_people(tree.units):
        parent = by_path.get(unit.path[:-PATH_STEP])
        planner.rng = random.Random(f"{base}:{unit.code}")
        codes = [
            f"{CODE_PREFIX}{unit.code}-{n:03d}" for n in range(1, tree.count(unit, parent, planner.rng) + 1)
        ]
        if all(code in existing for code in codes):
            continue
        ctx = _context(unit, parent, by_path)
        for code in codes:
            one = planner.person(unit, code, ctx)
            if code not in existing:
                planned.append(one)
    return planned


@dataclass
class SeedCounts:
    people: int = 0
    career: int = 0
    trainings: int = 0
    rewards: int = 0
    disciplines: int = 0
    relatives: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


PART_MODELS: dict[str, Any] = {
    "career": CareerEntry,
    "trainings": Training,
    "rewards": PersonReward,
    "disciplines": PersonDiscipline,
    "relatives": Relative,
}


def _write(planned: list[Planned], counts: SeedCounts) -> None:
    for start in range(0, len(planned), BATCH):
        batch = planned[start : start + BATCH]
        # A number another (non-demo) record already carries is left out rather than duplicated.
        hashes = [p.person.citizen_id_hash for p in batch]
        taken = set(
            Person.objects.filter(citizen_id_hash__in=hashes).values_list("citizen_id_hash", flat=True)
        )
        for p in batch:
            if p.person.citizen_id_hash in taken:
                p.person.citizen_id, p.person.citizen_id_hash = "", ""
        Person.objects.bulk_create([p.person for p in batch], batch_size=1000)
        memberships: list[Membership] = []
        parts: dict[str, list[Any]] = {name: [] for name in PART_MODELS}
        for p in batch:
            p.membership.person = p.person
            memberships.append(p.membership)
            for name, rows in parts.items():
                for row in getattr(p, name):
                    row.person = p.person
                    rows.append(row)
        Membership.objects.bulk_create(memberships, batch_size=1000)
        for name, model in PART_MODELS.items():
            model.objects.bulk_create(parts[name], batch_size=1000)
            setattr(counts, name, getattr(counts, name) + len(parts[name]))
        counts.people += len(batch)


def _seed_tree(tree: TreeSeed, rng: random.Random, stdout: TextIO) -> int:
    existing = set(Person.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True))
    planner = Planner(rng, timezone.localdate())
    planned = _plan(tree, planner, existing)
    counts = SeedCounts()
    if planned:
        with transaction.atomic():
            _write(planned, counts)
            record(
                actor=None,
                action="person.bulk_seed",
                target=tree.root,
                unit_path=tree.root.path,
                summary=counts.as_dict(),
            )
        _refresh_planner_statistics()
    stdout.write(f"Người mẫu dưới {tree.root.code} ({tree.root.name}): tạo mới {counts.people}.\n")
    return counts.people


def _refresh_planner_statistics() -> None:
    """After a bulk load on PostgreSQL: fresh planner statistics, and (outside a transaction) a
    current visibility map, so that the covering indexes of migration 0004 serve index-only scans."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(m._meta.db_table for m in (Person, Membership, CareerEntry, Training, Relative))
    with connection.cursor() as cursor:
        cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {tables}")


def seed_people(*, scale: str, rng: random.Random, stdout: Any) -> int:
    """Create the demo people (``small`` or ``province``); return how many were created."""
    small_codes = [spec.code for spec in SMALL_TREE]
    units = list(OrgUnit.objects.filter(code__in=small_codes, valid_to__isnull=True).order_by("code"))
    roots = [u for u in units if u.parent_id is None]
    if not roots:
        raise ValueError("The demo unit tree is missing: seed the units first.")
    created = _seed_tree(TreeSeed(roots[0], units, _small_count), rng, stdout)
    if scale == "province":
        province = OrgUnit.objects.filter(code=PROVINCE.code).first()
        if province is None:
            raise ValueError(f"The province {PROVINCE.code} is missing: seed it first.")
        below = list(
            OrgUnit.objects.filter(path__startswith=province.path, valid_to__isnull=True).order_by("code")
        )
        created += _seed_tree(TreeSeed(province, below, _province_count), rng, stdout)
    return created
