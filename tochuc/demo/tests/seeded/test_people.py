"""Demo people: realistic, unique, idempotent, and where the demo accounts can see them."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import Counter

import pytest

from tochuc.accounts.models import User
from tochuc.accounts.policy import Action, scope_q
from tochuc.audit.models import AuditEvent
from tochuc.demo import people as demo
from tochuc.demo import units as unit_demo
from tochuc.people.models import Membership, MembershipStatus, Person
from tochuc.people.names import search_form, sort_key, split_name
from tochuc.people.services import citizen_id_hash

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_data: str) -> int:
    """How many people the demo has."""
    return Person.objects.count()


def test_small_is_a_few_thousand_and_idempotent(seeded: int) -> None:
    assert 2000 <= seeded <= 4000
    assert Person.objects.count() == seeded
    events = AuditEvent.objects.filter(action="person.bulk_seed")
    assert events.count() == 1
    event = events.get()
    assert event.summary["people"] == seeded
    assert event.unit_path == unit_demo_root_path()
    out = io.StringIO()
    again = demo.seed_people(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=out)
    assert again == 0
    assert Person.objects.count() == seeded
    assert AuditEvent.objects.filter(action="person.bulk_seed").count() == 1
    assert "0" in out.getvalue()


def unit_demo_root_path() -> str:
    from tochuc.orgunits.models import OrgUnit

    return OrgUnit.objects.get(code="TW").path


def test_family_names_follow_real_frequencies(seeded: int) -> None:
    families = Counter(Person.objects.values_list("family_name", flat=True))
    share = {name: count / seeded for name, count in families.items()}
    assert 0.30 <= share["Nguyễn"] <= 0.46
    assert 0.07 <= share["Trần"] <= 0.15
    assert 0.06 <= share["Lê"] <= 0.13
    assert 0.04 <= share["Phạm"] <= 0.10
    assert share["Nguyễn"] > share["Trần"] > share["Phạm"]
    assert len(families) >= 25


def test_names_are_split_folded_and_sortable_like_person_create(seeded: int) -> None:
    for person in Person.objects.order_by("?")[:300]:
        parts = split_name(person.full_name)
        assert (person.family_name, person.middle_name, person.given_name) == (
            parts.family,
            parts.middle,
            parts.given,
        )
        assert person.name_folded == search_form(person.full_name)
        assert person.sort_key == sort_key(person.full_name)
        assert person.citizen_id_hash == citizen_id_hash(person.citizen_id)


def test_middle_names_are_typical_of_the_gender(seeded: int) -> None:
    women = Person.objects.filter(gender="female")
    men = Person.objects.filter(gender="male")
    assert women.filter(middle_name__startswith="Thị").count() > women.count() * 0.3
    assert not men.filter(middle_name__startswith="Thị").exists()
    assert men.filter(middle_name="Văn").count() > men.count() * 0.2
    assert not women.filter(middle_name="Văn").exists()


def test_citizen_ids_are_unique_and_plausible(seeded: int) -> None:
    numbers = list(Person.objects.values_list("citizen_id", "birth_date", "gender"))
    assert len({n for n, _, _ in numbers}) == len(numbers)
    for number, birth, gender in numbers:
        assert len(number) == 12 and number.isdigit()
        century_gender = int(number[3])
        assert century_gender % 2 == (gender == "female")
        assert number[4:6] == f"{birth.year % 100:02d}"


def test_dates_ethnicity_and_membership_are_plausible(seeded: int) -> None:
    today = dt.date.today()
    years = Person.objects.values_list("birth_date__year", flat=True)
    assert min(years) >= 1955 and max(years) <= 2004
    ethnicities = Counter(Person.objects.values_list("ethnicity", flat=True))
    assert ethnicities["Kinh"] / seeded > 0.8
    assert {"Tày", "Thái", "Mường"} <= set(ethnicities)
    statuses = Counter(Membership.objects.values_list("status", flat=True))
    assert sum(statuses.values()) == seeded
    assert statuses[MembershipStatus.PROBATIONARY] > 0
    assert statuses[MembershipStatus.FULL] > seeded * 0.7
    for m in Membership.objects.select_related("person"):
        born = m.person.birth_date
        assert m.admitted_on is not None
        admitted = m.admitted_on
        assert admitted.year - born.year - ((admitted.month, admitted.day) < (born.month, born.day)) >= 18
        assert m.admitted_on <= today
        if m.status == MembershipStatus.PROBATIONARY:
            assert m.full_member_on is None
        else:
            assert m.full_member_on is not None
            assert m.full_member_on <= today
            assert (m.full_member_on - m.admitted_on).days in (365, 366)
    theory = Counter(Person.objects.values_list("political_theory_level", flat=True))
    assert len(theory) >= 4
    some = Person.objects.exclude(professional_qualification="").count()
    assert some > seeded * 0.4


def test_some_have_career_training_and_relatives(seeded: int) -> None:
    for related in ("career", "trainings", "relatives"):
        having = Person.objects.filter(**{f"{related}__isnull": False}).distinct().count()
        assert 0.1 * seeded < having < 0.6 * seeded, related


def test_everyone_is_in_an_active_unit_within_the_demo_accounts(seeded: int) -> None:
    assert not Person.objects.filter(unit__valid_to__isnull=False).exists()
    kinds = set(Person.objects.values_list("unit__kind", flat=True))
    assert {"cell", "grassroots", "department"} <= kinds
    assert "commune" not in kinds
    for login in unit_demo.DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        visible = Person.objects.filter(scope_q(user, Action.VIEW, "unit__path"))
        assert visible.exists(), login.username
    admin = User.objects.get(username="demo.tw")
    assert Person.objects.filter(scope_q(admin, Action.VIEW, "unit__path")).count() == seeded
    assert Person.objects.filter(unit__path__startswith=unit_code_path("T01-X01")).count() >= 200


def unit_code_path(code: str) -> str:
    from tochuc.orgunits.models import OrgUnit

    return OrgUnit.objects.get(code=code).path
