"""The need rules on facts alone, where levels, posts, planning and training lines combine."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tochuc.core.rules import run
from tochuc.people.models import MembershipStatus
from tochuc.positions.models import THEORY_ORDER, PositionGroup, theory_rank
from tochuc.training.models import CourseKind, NeedReason
from tochuc.training.rules import get_pack
from tochuc.training.rules.base import PersonFacts, PlannedTitle, PostFacts
from tochuc.training.rules.checks import THEORY_COURSE

PACK = get_pack()
levels = st.sampled_from(THEORY_ORDER)
groups = st.sampled_from([g.value for g in PositionGroup])


def facts(**values: object) -> PersonFacts:
    base: dict[str, object] = {
        "person_id": 1,
        "code": "DV1",
        "membership_status": MembershipStatus.FULL,
        "theory_level": "intermediate",
        "degree": 3,
        "it_level": "Cơ bản",
        "foreign_language": "B1",
    }
    base.update(values)
    return PersonFacts(**base)  # type: ignore[arg-type]


def needs(person: PersonFacts) -> set[tuple[str, str]]:
    return {(f.need, f.reason) for f in run(PACK.rules, person, PACK)}


@given(have=levels, required=levels, degree=st.integers(0, 5), min_degree=st.integers(0, 5), group=groups)
def test_post_needs_exactly_what_is_below_the_post(
    have: str, required: str, degree: int, min_degree: int, group: str
) -> None:
    person = facts(theory_level=have, degree=degree, training_texts=["quan ly nha nuoc"])
    person.posts.append(PostFacts("Chuyên viên", group, required, min_degree))
    found = needs(person)
    assert ((THEORY_COURSE.get(required), NeedReason.POST) in found) == (
        theory_rank(have) < theory_rank(required)
    )
    assert ((CourseKind.DEGREE, NeedReason.POST) in found) == (degree < min_degree)
    assert all(reason == NeedReason.POST for _, reason in found)


@given(have=levels, group=st.sampled_from([1, 2, 3, 4, None]), fostered=st.booleans())
def test_planned_title_needs_the_pack_level_of_its_group(
    have: str, group: int | None, fostered: bool
) -> None:
    person = facts(theory_level=have, passed_kinds={CourseKind.TITLE_FOSTERING} if fostered else set())
    person.planned.append(PlannedTitle("Bí thư", group, "none", 0))
    found = needs(person)
    required = PACK.title_theory[group]
    assert ((THEORY_COURSE[required], NeedReason.PLANNED_TITLE) in found) == (
        theory_rank(have) < theory_rank(required)
    )
    assert ((CourseKind.TITLE_FOSTERING, NeedReason.PLANNED_TITLE) in found) != fostered


@given(status=st.sampled_from(MembershipStatus.values), taken=st.booleans())
def test_new_member_course_only_for_probationary_members_without_it(status: str, taken: bool) -> None:
    person = facts(membership_status=status, training_texts=["lop dang vien moi khoa 3"] if taken else [])
    expected = status == MembershipStatus.PROBATIONARY and not taken
    assert ((CourseKind.NEW_MEMBER, NeedReason.PROBATIONARY) in needs(person)) == expected


def test_every_rule_cites_its_source() -> None:
    assert PACK.rules and all(rule.citation for rule in PACK.rules)
