"""The personnel packs list their rules with citations, and a pack's numbers decide outcomes and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest
from django.urls import reverse

from tochuc.conftest import login
from tochuc.core.errors import DomainError
from tochuc.personnel import eligibility
from tochuc.personnel.ballots import tally
from tochuc.personnel.rules import PACKS, available_packs, get_pack
from tochuc.personnel.rules.base import PersonnelPack
from tochuc.personnel.services import (
    PlanningRefused,
    planning_cycle_open,
    planning_entry_propose,
    rotation_create,
)

REASON = "Đã xem xét, đủ tiêu chuẩn theo quy định."
TEXTS = ("QĐ/TW", "HD/BTCTW")


@pytest.mark.parametrize("pack", available_packs(), ids=lambda pack: pack.code)
def test_every_rule_has_an_id_a_citation_of_a_text_and_a_title_with_the_pack_numbers(
    pack: PersonnelPack,
) -> None:
    ids = [rule.id for rule in pack.rules]
    assert len(ids) == len(set(ids))
    for rule in pack.rules:
        assert any(text in rule.citation for text in TEXTS), rule.id
        assert str(rule.title).strip(), rule.id
        title = pack.rule_title(rule)
        assert "{" not in title and "}" not in title, rule.id


def test_each_kind_of_rule_is_in_the_default_pack_with_its_regulation() -> None:
    pack = get_pack()
    citations = {rule.id: rule.citation for rule in pack.rules}
    assert "96-QĐ/TW" in citations["low_confidence"] and "96-QĐ/TW" in citations["dismissal"]
    assert "65-QĐ/TW" in citations["rotation_length"] and "65-QĐ/TW" in citations["rotation_years_left"]
    assert "06-HD/BTCTW" in citations["per_title"] and "06-HD/BTCTW" in citations["working_age"]
    assert "377-QĐ/TW" in citations["discipline"] and "377-QĐ/TW" in citations["quorum"]
    per_title, majority = pack.rule("per_title"), get_pack("qd190-2024").rule("majority")
    assert per_title is not None and majority is not None
    assert pack.rule_title(per_title) == "Chức danh đã có 3 người trong quy hoạch"
    assert "190-QĐ/TW" in majority.citation


def test_an_unknown_pack_is_refused_with_the_field_named() -> None:
    with pytest.raises(DomainError) as error:
        get_pack("qd80-2022")
    assert error.value.field == "pack" and "qd377-2025" in error.value.message


@pytest.fixture
def two_per_title() -> Iterator[PersonnelPack]:
    with PACKS.installed(dataclasses.replace(get_pack(), code="test-2025", planning_max_per_title=2)) as pack:
        yield pack


def test_two_per_title_in_the_pack_refuses_the_third_and_the_page_shows_two(
    inside: Any, tree: Any, vice_title: Any, make_person: Any, two_per_title: PersonnelPack
) -> None:
    cycle = planning_cycle_open(
        actor=inside,
        code="QH-T2",
        name="Quy hoạch thử",
        unit=tree.commune,
        term="2030-2035",
        pack="test-2025",
    )
    for name in ("Nguyễn Văn Một", "Nguyễn Văn Hai"):
        planning_entry_propose(
            actor=inside, cycle=cycle, person=make_person(name), title=vice_title, justification=REASON
        )
    with pytest.raises(PlanningRefused) as error:
        planning_entry_propose(
            actor=inside,
            cycle=cycle,
            person=make_person("Nguyễn Văn Ba"),
            title=vice_title,
            justification=REASON,
        )
    assert [finding.rule for finding in error.value.checks] == ["per_title"]
    assert "tối đa 2" in error.value.message
    page = login(inside).get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "2/2 người" in page and "2/3 người" not in page


def test_the_default_pack_page_shows_three_per_title(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    cycle = planning_cycle_open(
        actor=inside, code="QH-T3", name="Quy hoạch thử", unit=tree.commune, term="2030-2035"
    )
    planning_entry_propose(
        actor=inside, cycle=cycle, person=make_person("Lê Văn Một"), title=vice_title, justification=REASON
    )
    page = login(inside).get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "1/3 người" in page


def test_the_pack_rotation_length_decides_and_the_rotation_page_shows_it(
    inside: Any, tree: Any, make_person: Any
) -> None:
    person = make_person("Mai Văn Bảo", born=dt.date(1985, 1, 1))
    plan = {"to_unit": tree.commune2, "purpose": "Rèn luyện thực tiễn", "start": dt.date(2026, 1, 1)}
    with pytest.raises(DomainError) as error:
        rotation_create(actor=inside, person=person, planned_end=dt.date(2028, 7, 1), **plan)
    assert error.value.field == "planned_end"
    shorter = dataclasses.replace(get_pack(), rotation_min_months=24)
    with PACKS.installed(shorter):
        page = login(inside).get(reverse("personnel:rotation_list")).content.decode()
        assert "tối thiểu 24 tháng" in page and "36 tháng" not in page
        rotation = rotation_create(actor=inside, person=person, planned_end=dt.date(2028, 7, 1), **plan)
    assert rotation.planned_end == dt.date(2028, 7, 1)


def test_the_pack_quorum_and_threshold_decide_the_ballot() -> None:
    votes = {"Nguyễn Văn An": 9}
    assert not tally(get_pack(), convened=20, present=12, seats=1, votes=votes).quorum
    looser = dataclasses.replace(get_pack(), quorum=Fraction(1, 2), threshold=Fraction(2, 5))
    result = tally(looser, convened=20, present=12, seats=1, votes=votes)
    assert (result.quorum, result.needed, result.elected) == (True, 9, ["Nguyễn Văn An"])


def test_a_pack_waiting_longer_after_a_reprimand_blocks_the_appointment(
    make_person: Any, vice_title: Any
) -> None:
    from tochuc.people.models import PersonDiscipline

    person = make_person("Đỗ Văn Khoa")
    PersonDiscipline.objects.create(person=person, form="Khiển trách", decided_on=dt.date(2024, 1, 1))
    facts = eligibility.load_facts([person.pk])[person.pk]
    common: dict[str, Any] = {
        "kind": "appointment",
        "title": vice_title,
        "position": None,
        "is_internal": False,
        "received_on": dt.date(2026, 6, 1),
        "term_months": 60,
    }
    default = eligibility.blocking(eligibility.appointment_checks(get_pack(), facts, **common))
    assert default == []
    stricter = dataclasses.replace(get_pack(), discipline_wait_months={"reprimand": 36})
    found = eligibility.blocking(eligibility.appointment_checks(stricter, facts, **common))
    assert [finding.rule for finding in found] == ["discipline"]
    rule = stricter.rule("discipline")
    assert rule is not None
    assert "36 tháng" in found[0].message and found[0].message.endswith(f"({rule.citation})")


def test_titles_and_messages_speak_english_when_asked(make_person: Any, vice_title: Any) -> None:
    from django.utils import translation

    pack = get_pack()
    facts = eligibility.load_facts([make_person("Hoàng Văn Nam").pk])
    person = next(iter(facts.values()))
    with translation.override("en"):
        found = eligibility.planning_checks(
            pack,
            person,
            title=vice_title,
            position=None,
            term_start=dt.date(2030, 1, 1),
            people_for_title=3,
            titles_for_person=0,
        )
        per_title = pack.rule("per_title")
        assert per_title is not None
        assert pack.rule_title(per_title) == "The title already has 3 people in the planning"
    assert found[0].message.startswith(f"The title “{vice_title.name}” already has 3 people in the planning")


def _standard_keys(person: Any, title: Any) -> set[str]:
    facts = eligibility.load_facts([person.pk])[person.pk]
    findings = eligibility.appointment_checks(
        get_pack(),
        facts,
        kind="appointment",
        title=title,
        position=None,
        is_internal=False,
        received_on=dt.date(2026, 6, 1),
        term_months=60,
    )
    return {f.rule.removeprefix("standard_") for f in findings if f.rule.startswith("standard_")}


def test_without_a_position_the_title_group_standards_still_apply(make_person: Any, vice_title: Any) -> None:
    from tochuc.people.models import Membership

    newcomer = make_person("Lê Văn Mới", theory="elementary")
    Membership.objects.filter(person=newcomer).update(
        status="probationary", admitted_on=dt.date(2025, 6, 1), full_member_on=None
    )
    assert _standard_keys(newcomer, vice_title) == {"theory", "full_member"}
    # A commune post (group 4) asks for intermediate theory: an intermediate full member meets it.
    assert _standard_keys(make_person("Lê Văn Đủ", theory="intermediate"), vice_title) == set()


def test_a_higher_group_asks_for_advanced_theory_and_a_non_leadership_title_asks_nothing(
    make_person: Any,
) -> None:
    from tochuc.positions.models import LeadershipGroup, Title

    head = Title.objects.create(
        name="Trưởng Ban thử", is_leadership=True, leadership_group=LeadershipGroup.THREE
    )
    clerk = Title.objects.create(name="Chuyên viên thử", is_leadership=False)
    person = make_person("Trần Thị Vừa", theory="intermediate", qualification="Trung cấp Kế toán")
    assert _standard_keys(person, head) == {"theory", "degree"}
    assert _standard_keys(person, clerk) == set()
