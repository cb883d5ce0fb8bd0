"""``choice_label`` shows what ``get_<field>_display`` shows, in the active language."""

from __future__ import annotations

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tochuc.core.templatetags.choices import choice_label
from tochuc.people.models import Gender, Membership, MembershipStatus, Person, TheoryLevel


@given(
    gender=st.sampled_from([*Gender.values, "", "other"]),
    theory=st.sampled_from([*TheoryLevel.values, ""]),
    status=st.sampled_from(MembershipStatus.values),
    language=st.sampled_from(["vi", "en"]),
)
def test_the_same_label_as_django_gives(gender: str, theory: str, status: str, language: str) -> None:
    person = Person(gender=gender, political_theory_level=theory)
    membership = Membership(status=status)
    with translation.override(language):
        assert str(choice_label(person, "gender")) == str(person.get_gender_display())
        assert str(choice_label(person, "political_theory_level")) == str(
            person.get_political_theory_level_display()
        )
        assert str(choice_label(membership, "status")) == str(membership.get_status_display())


def test_no_object_shows_nothing() -> None:
    assert choice_label(None, "gender") == ""
