"""The requirement check on its own: degree mapping, each rule, and rules combined (property test)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tochuc.people.models import TheoryLevel
from tochuc.positions.models import THEORY_ORDER, DegreeLevel, Position
from tochuc.positions.requirements import Candidate, age_on, degree_of, quota_shortfall, shortfalls


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("", DegreeLevel.NONE),
        ("Tốt nghiệp trung học phổ thông", DegreeLevel.NONE),
        ("Trung cấp Kế toán", DegreeLevel.INTERMEDIATE),
        ("Cao đẳng Sư phạm", DegreeLevel.COLLEGE),
        ("Cử nhân Luật", DegreeLevel.BACHELOR),
        ("CỬ NHÂN LUẬT", DegreeLevel.BACHELOR),
        ("cu nhan luat", DegreeLevel.BACHELOR),
        ("Kỹ sư Xây dựng", DegreeLevel.BACHELOR),
        ("Đại học Nông nghiệp", DegreeLevel.BACHELOR),
        ("Bác sĩ đa khoa", DegreeLevel.BACHELOR),
        ("Thạc sĩ Quản lý công", DegreeLevel.MASTER),
        ("ThS. Kinh tế", DegreeLevel.MASTER),
        ("Cử nhân Luật, Thạc sĩ Hành chính công", DegreeLevel.MASTER),
        ("Tiến sĩ Xây dựng Đảng và Chính quyền nhà nước", DegreeLevel.DOCTOR),
        ("PGS.TS Triết học", DegreeLevel.DOCTOR),
    ],
)
def test_degree_of(text, level):
    assert degree_of(text) == level


def test_age_on_counts_birthdays():
    assert age_on(dt.date(1980, 5, 1), dt.date(2026, 4, 30)) == 45
    assert age_on(dt.date(1980, 5, 1), dt.date(2026, 5, 1)) == 46
    assert age_on(dt.date(1980, 2, 29), dt.date(2026, 2, 28)) == 45


def test_quota_shortfall():
    position = Position(headcount_quota=2)
    assert quota_shortfall(position, 2) is None
    over = quota_shortfall(position, 3)
    assert over is not None and over.message == "Quá biên chế: 3/2"


ON = dt.date(2026, 6, 15)

positions = st.builds(
    lambda degree, theory, years, low, span: Position(
        min_degree=degree,
        min_theory_level=theory,
        min_experience_years=years,
        min_age=low,
        max_age=None if span is None else (low or 18) + span,
    ),
    st.sampled_from(DegreeLevel.values),
    st.sampled_from(THEORY_ORDER),
    st.integers(0, 30),
    st.one_of(st.none(), st.integers(18, 50)),
    st.one_of(st.none(), st.integers(0, 30)),
)
candidates = st.builds(
    Candidate,
    birth_date=st.dates(dt.date(1950, 1, 1), dt.date(2008, 1, 1)),
    degree=st.sampled_from(list(DegreeLevel)),
    theory_level=st.sampled_from(THEORY_ORDER),
    working_since=st.one_of(st.none(), st.dates(dt.date(1970, 1, 1), dt.date(2027, 1, 1))),
)


@given(position=positions, candidate=candidates)
def test_warnings_list_exactly_the_unmet_requirements(position, candidate):
    found = {s.code for s in shortfalls(position, candidate, on=ON)}
    age = age_on(candidate.birth_date, ON)
    years = (
        0
        if candidate.working_since is None or candidate.working_since > ON
        else age_on(candidate.working_since, ON)
    )
    expected = set()
    if candidate.degree < position.min_degree:
        expected.add("degree")
    if THEORY_ORDER.index(candidate.theory_level) < THEORY_ORDER.index(position.min_theory_level):
        expected.add("theory")
    if years < position.min_experience_years:
        expected.add("experience")
    if position.min_age is not None and age < position.min_age:
        expected.add("min_age")
    if position.max_age is not None and age > position.max_age:
        expected.add("max_age")
    assert found == expected
    # Nobody is both too young and too old, and each message names what is there now.
    assert not {"min_age", "max_age"} <= found
    for s in shortfalls(position, candidate, on=ON):
        if s.code == "theory":
            assert str(TheoryLevel(candidate.theory_level).label) in s.message
        if s.code == "max_age":
            assert s.message == f"Tuổi {age} vượt giới hạn {position.max_age}"
