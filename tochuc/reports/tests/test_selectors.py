import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tochuc.reports.selectors import age_bands, structure, years_before
from tochuc.reports.tests.conftest import add_person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 15)


def by_key(shares):
    return {s.key: s.count for s in shares}


def band_of(data, key):
    (band,) = [b for b in data.age_gender if b.key == key]
    return band


def test_bands_run_from_under_twenty_to_seventy_and_over_in_fives():
    keys = [b.key for b in age_bands()]
    assert keys[0] == "lt20" and keys[-1] == "70+"
    assert keys[1:-1] == [f"{n}-{n + 4}" for n in range(20, 70, 5)]
    assert [b.label for b in age_bands()][:2] == ["Dưới 20", "20–24"]


def test_age_bands_at_their_boundaries(tree, inside):
    add_person(tree.cell, birth=years_before(TODAY, 30))  # turns 30 today
    add_person(tree.cell, birth=years_before(TODAY, 30) + dt.timedelta(days=1))  # 30 tomorrow
    add_person(tree.cell, birth=years_before(TODAY, 70), gender="female")  # 70 today
    add_person(tree.cell, birth=years_before(TODAY, 70) + dt.timedelta(days=1), gender="female")
    add_person(tree.cell, birth=years_before(TODAY, 18))  # just 18
    add_person(tree.cell, birth=years_before(TODAY, 20))  # just 20
    # Ages to the day: counted from the people (the kept figures only know birth years, below).
    data = structure(inside, tree.province, today=TODAY, kept=False)
    assert not data.by_birth_year
    assert band_of(data, "30-34").men == 1
    assert band_of(data, "25-29").men == 1
    assert band_of(data, "70+").women == 1
    assert band_of(data, "65-69").women == 1
    assert band_of(data, "lt20").men == 1
    assert band_of(data, "20-24").men == 1
    assert data.total == 6 == sum(b.total for b in data.age_gender)
    # From the kept figures (the province sees its whole subtree): age = 2025 − birth year, so the
    # one turning 30 tomorrow is already 30 and the one turning 70 tomorrow already 70.
    kept = structure(inside, tree.province, today=TODAY)
    assert kept.by_birth_year
    assert band_of(kept, "30-34").men == 2
    assert band_of(kept, "25-29").men == 0
    assert band_of(kept, "70+").women == 2
    assert band_of(kept, "lt20").men == 1
    assert band_of(kept, "20-24").men == 1
    assert kept.total == 6


def test_leap_day_birthday(tree, inside):
    add_person(tree.cell, birth=dt.date(1996, 2, 29))
    # In 2026 there is no 29 February: the 30th birthday counts from 1 March.
    before = structure(inside, tree.province, today=dt.date(2026, 2, 28), kept=False)
    assert band_of(before, "25-29").men == 1
    assert band_of(structure(inside, tree.province, today=dt.date(2026, 3, 1), kept=False), "30-34").men == 1
    # By birth year, 30 all of 2026.
    assert band_of(structure(inside, tree.province, today=dt.date(2026, 2, 28)), "30-34").men == 1


def test_kept_figures_and_counted_people_agree_but_for_ages(tree, inside, people_of):
    people_of(tree.cell, 30)
    people_of(tree.commune2, 12)
    for unit in (tree.province, tree.commune, tree.cell):
        kept = structure(inside, unit, today=TODAY)
        counted = structure(inside, unit, today=TODAY, kept=False)
        assert kept.by_birth_year and not counted.by_birth_year
        for name in ("total", "gender", "ethnicity", "theory", "qualification", "membership"):
            assert getattr(kept, name) == getattr(counted, name), name
        assert sum(b.total for b in kept.age_gender) == sum(b.total for b in counted.age_gender)


def test_counts_and_shares_of_a_constructed_population(tree, inside):
    born = dt.date(1980, 1, 1)
    rows = [
        ("male", "Kinh", "Tiến sĩ Kinh tế", "advanced", "full"),
        ("male", "Kinh", "TS. Luật học", "bachelor", "full"),
        ("female", "Kinh", "ThS. Quản lý công", "advanced", "full"),
        ("female", "Tày", "thạc sỹ giáo dục", "intermediate", "probationary"),
        ("male", "Tày", "Cử nhân Luật", "intermediate", "full"),
        ("male", "Thái", "KỸ SƯ XÂY DỰNG", "elementary", "exempt"),
        ("female", "Mường", "dai hoc su pham", "none", "full"),
        ("female", "Khmer", "Cao đẳng Sư phạm", "none", "left"),
        ("male", "Khác", "Trung cấp Y", "none", None),
        ("male", "Kinh", "", "none", None),
        ("female", "Kinh", "Sơ cấp", "none", "suspended"),
        ("female", "Kinh", "Bác sĩ đa khoa", "none", "full"),
    ]
    for gender, ethnicity, qualification, theory, status in rows:
        add_person(
            tree.cell,
            birth=born,
            gender=gender,
            ethnicity=ethnicity,
            qualification=qualification,
            theory=theory,
            status=status,
        )
    add_person(tree.commune2, birth=born)  # the province counts it, the commune does not

    data = structure(inside, tree.commune, today=TODAY, top=3)
    assert data.total == 12
    assert by_key(data.gender) == {"male": 6, "female": 6}
    assert [s.percent for s in data.gender] == [50.0, 50.0]
    assert band_of(data, "45-49").total == 12
    # Top three (equal counts in the order of the official list: Thái before Khmer and Mường),
    # then the rest (including a recorded "Khác") together.
    assert [(s.label, s.count) for s in data.ethnicity] == [
        ("Kinh", 6),
        ("Tày", 2),
        ("Thái", 1),
        ("Khác", 3),
    ]
    assert by_key(data.qualification) == {
        "doctorate": 2,
        "master": 2,
        "university": 4,
        "college": 1,
        "vocational": 1,
        "other": 2,
    }
    assert [s.label for s in data.qualification][-1] == "Khác, chưa ghi"
    assert by_key(data.theory) == {
        "none": 6,
        "elementary": 1,
        "intermediate": 2,
        "advanced": 2,
        "bachelor": 1,
    }
    assert by_key(data.membership) == {
        "probationary": 1,
        "full": 6,
        "exempt": 1,
        "suspended": 1,
        "left": 1,
        "unknown": 2,
    }
    assert sum(s.percent for s in data.membership) == pytest.approx(100)
    assert by_key(data.theory)["none"] / data.total * 100 == pytest.approx(data.theory[0].percent)

    assert structure(inside, tree.province, today=TODAY).total == 13


def test_scope_limits_what_is_counted(tree, inside, outside, leader):
    add_person(tree.cell, birth=dt.date(1980, 1, 1))
    add_person(tree.commune2, birth=dt.date(1980, 1, 1))
    add_person(tree.other_cell, birth=dt.date(1980, 1, 1))
    assert structure(inside, tree.centre, today=TODAY).total == 2  # the centre as the province sees it
    assert structure(outside, tree.province, today=TODAY).total == 0
    assert structure(outside, tree.other_province, today=TODAY).total == 1
    assert structure(leader, tree.province, today=TODAY).total == 1  # only the leader's commune


def test_empty_subtree(tree, inside):
    data = structure(inside, tree.commune2, today=TODAY)
    assert data.total == 0
    assert all(s.percent == 0 for s in data.gender + data.ethnicity + data.qualification)
    assert data.ethnicity == []


def test_query_count_does_not_grow_with_people(tree, inside, people_of):
    people_of(tree.cell, 3)
    structure(inside, tree.province)  # grants cached on the user
    with CaptureQueriesContext(connection) as few:
        small = structure(inside, tree.province)
    people_of(tree.cell, 40)
    people_of(tree.commune2, 20)
    with CaptureQueriesContext(connection) as many:
        large = structure(inside, tree.province)
    assert small.total == 3 and large.total == 63
    # The province sees its whole subtree: one query of the kept figures.
    assert len(few) == len(many) == 1
    with CaptureQueriesContext(connection) as counted:
        assert structure(inside, tree.province, kept=False).total == 63
    assert len(counted) == 5


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Tiến sĩ Kinh tế", "doctorate"),
        ("TS. Luật học", "doctorate"),
        ("thạc sỹ giáo dục", "master"),
        ("ThS Quản lý công", "master"),
        ("ĐẠI HỌC LUẬT", "university"),
        ("Cu nhan Kinh te", "university"),
        ("Bác sĩ đa khoa", "university"),
        ("Kỹ sư Xây dựng", "university"),
        ("Cao đẳng Sư phạm", "college"),
        ("Trung cấp Y", "vocational"),
        ("Sơ cấp", "other"),
        ("", "other"),
        ("Tuổi trẻ", "other"),  # "ts" only counts as the first word
    ],
)
def test_qualification_groups(text, group):
    import unicodedata

    from tochuc.reports.selectors import qualification_group

    assert qualification_group(text) == group
    assert qualification_group(unicodedata.normalize("NFD", text)) == group
