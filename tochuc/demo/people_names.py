"""Names and profiles for the demo people: who is common where, and what each kind of unit is like.

The weights follow the real shares of family names, ethnicities and religions closely
enough for demo data; ``make_name`` and ``NameFields`` are shared with the benchmarks.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tochuc.demo.province import PROVINCE
from tochuc.people.models import Gender, Person, TheoryLevel
from tochuc.people.names import search_form, sort_key, split_name

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
