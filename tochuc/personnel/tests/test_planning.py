"""Planning: the pack's limits, the full-term age rule, structure targets, the yearly review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Rating
from tochuc.people.models import PersonDiscipline
from tochuc.personnel.models import EntryStatus, RemovalReason
from tochuc.personnel.retirement import add_months, retirement_date
from tochuc.personnel.selectors import structure_targets
from tochuc.personnel.services import (
    PlanningRefused,
    confidence_vote_record,
    planning_cycle_open,
    planning_entry_approve,
    planning_entry_propose,
    planning_entry_remove,
    planning_review,
)

REASON = "Đã xem xét, đủ tiêu chuẩn theo quy định."


@pytest.fixture
def cycle(inside: Any, tree: Any) -> Any:
    return planning_cycle_open(
        actor=inside, code="QH-X01", name="Quy hoạch xã An Bình", unit=tree.commune, term="2030-2035"
    )


def _rate(person: Any, tree: Any, years: range, rating: str = Rating.GOOD) -> None:
    for year in years:
        cycle, _ = EvaluationCycle.objects.get_or_create(
            code=f"DG{year}",
            defaults={"name": str(year), "unit": tree.province, "year": year, "pack": "qd366-2025"},
        )
        Evaluation.objects.create(
            cycle=cycle,
            unit=person.unit,
            person=person,
            subject_kind="individual",
            frame="non_leader",
            final_rating=rating,
        )


def test_at_most_three_people_per_title(inside: Any, cycle: Any, vice_title: Any, make_person: Any) -> None:
    for i in range(3):
        planning_entry_propose(
            actor=inside,
            cycle=cycle,
            person=make_person(f"Nguyễn Văn {i}"),
            title=vice_title,
            justification=REASON,
        )
    with pytest.raises(PlanningRefused) as error:
        planning_entry_propose(
            actor=inside,
            cycle=cycle,
            person=make_person("Nguyễn Văn Tư"),
            title=vice_title,
            justification=REASON,
        )
    assert [check.rule for check in error.value.checks] == ["per_title"]
    assert "tối đa 3" in error.value.message


def test_at_most_three_titles_per_person(inside: Any, cycle: Any, make_person: Any) -> None:
    from tochuc.positions.models import Title

    person = make_person("Trần Thị Mai", gender="female")
    titles = [Title.objects.create(name=f"Chức danh {i}", is_leadership=True) for i in range(4)]
    for title in titles[:3]:
        planning_entry_propose(actor=inside, cycle=cycle, person=person, title=title, justification=REASON)
    with pytest.raises(PlanningRefused) as error:
        planning_entry_propose(
            actor=inside, cycle=cycle, person=person, title=titles[3], justification=REASON
        )
    assert error.value.checks[0].rule == "per_person"


def test_a_full_term_of_working_age_is_needed_at_the_start_of_the_term(
    inside: Any, cycle: Any, vice_title: Any, make_person: Any
) -> None:
    start = dt.date(2030, 1, 1)
    # Born so that retirement falls exactly 60 months after the term starts: allowed.
    born = dt.date(1973, 1, 1)
    assert retirement_date(born, "male") >= add_months(start, 60)
    planning_entry_propose(
        actor=inside,
        cycle=cycle,
        person=make_person("Lê Văn Sơn", born=born),
        title=vice_title,
        justification=REASON,
    )
    with pytest.raises(PlanningRefused) as error:
        planning_entry_propose(
            actor=inside,
            cycle=cycle,
            person=make_person("Lê Văn Tùng", born=dt.date(1969, 1, 1)),
            title=vice_title,
            justification=REASON,
        )
    assert error.value.checks[0].rule == "full_term"


def test_ratings_below_good_need_a_justification(
    inside: Any, tree: Any, cycle: Any, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Phan Văn Vinh")
    # The last three years before the day of the proposal are what count.
    year = timezone.localdate().year
    _rate(person, tree, range(year - 3, year - 1))
    _rate(person, tree, range(year - 1, year), Rating.COMPLETED)
    with pytest.raises(DomainError) as error:
        planning_entry_propose(actor=inside, cycle=cycle, person=person, title=vice_title)
    assert error.value.field == "justification"
    entry = planning_entry_propose(
        actor=inside, cycle=cycle, person=person, title=vice_title, justification=REASON
    )
    assert [f["rule"] for f in entry.findings if f["severity"] == "justify"] == ["ratings"]


def test_proposer_does_not_approve_and_removal_states_its_reason(
    inside: Any, leader: Any, tree: Any, cycle: Any, vice_title: Any, make_person: Any
) -> None:
    entry = planning_entry_propose(
        actor=inside, cycle=cycle, person=make_person("Đặng Văn Xuân"), title=vice_title, justification=REASON
    )
    approved = planning_entry_approve(actor=leader, entry=entry)
    assert approved.status == EntryStatus.APPROVED
    with pytest.raises(DomainError):
        planning_entry_remove(actor=inside, entry=entry, reason=RemovalReason.OTHER, note="")
    removed = planning_entry_remove(
        actor=inside, entry=entry, reason=RemovalReason.OTHER, note="Chuyển công tác nơi khác."
    )
    assert (removed.status, removed.removal_reason, removed.removed_automatically) == (
        EntryStatus.REMOVED,
        "other",
        False,
    )


def test_yearly_review_removes_the_disciplined_and_over_age_automatically(
    inside: Any, cycle: Any, vice_title: Any, secretary_title: Any, make_person: Any
) -> None:
    kept = planning_entry_propose(
        actor=inside, cycle=cycle, person=make_person("Hồ Văn Yên"), title=vice_title, justification=REASON
    )
    disciplined = make_person("Hồ Văn Ý")
    entry = planning_entry_propose(
        actor=inside, cycle=cycle, person=disciplined, title=secretary_title, justification=REASON
    )
    PersonDiscipline.objects.create(person=disciplined, decided_on=entry.added_on, form="Khiển trách")
    removed = planning_review(actor=inside, cycle=cycle, on=entry.added_on)
    assert [(e.pk, e.removal_reason) for e in removed] == [(entry.pk, RemovalReason.DISCIPLINE)]
    kept.refresh_from_db()
    assert kept.status == EntryStatus.PROPOSED
    # Ten years on, the same person no longer has a full term ahead.
    later = planning_review(actor=inside, cycle=cycle, on=dt.date(2041, 1, 1))
    assert [(e.pk, e.removal_reason, e.removed_automatically) for e in later] == [
        (kept.pk, RemovalReason.OVER_AGE, True)
    ]


@pytest.mark.parametrize(
    ("low", "outcome"), [(10, ""), (11, "out_of_planning"), (13, "out_of_planning"), (14, "dismissal")]
)
def test_confidence_vote_thresholds(
    inside: Any, tree: Any, cycle: Any, vice_title: Any, make_person: Any, low: int, outcome: str
) -> None:
    person = make_person("Kiều Văn Ánh")
    entry = planning_entry_propose(
        actor=inside, cycle=cycle, person=person, title=vice_title, justification=REASON
    )
    vote = confidence_vote_record(
        actor=inside,
        person=person,
        unit=tree.commune,
        held_on=dt.date(2026, 6, 1),
        voters=20,
        high=20 - low,
        confidence=0,
        low=low,
    )
    assert vote.outcome == outcome
    entry.refresh_from_db()
    assert (entry.status == EntryStatus.REMOVED) is bool(outcome)


def test_confidence_counts_cannot_exceed_voters(inside: Any, tree: Any, make_person: Any) -> None:
    with pytest.raises(DomainError) as error:
        confidence_vote_record(
            actor=inside,
            person=make_person(),
            unit=tree.commune,
            held_on=dt.date(2026, 6, 1),
            voters=10,
            high=5,
            confidence=4,
            low=2,
        )
    assert error.value.field == "voters"


def test_structure_targets_met_or_not(inside: Any, cycle: Any, make_person: Any) -> None:
    from tochuc.positions.models import Title

    titles = [Title.objects.create(name=f"Chức danh {i}", is_leadership=True) for i in range(4)]
    people = [
        make_person("Nguyễn Thị A", gender="female", born=dt.date(1992, 1, 1), ethnicity="Tày"),
        make_person("Nguyễn Văn B", born=dt.date(1983, 1, 1)),
        make_person("Nguyễn Văn C", born=dt.date(1978, 1, 1)),
        make_person("Nguyễn Văn D", born=dt.date(1976, 6, 1)),
    ]
    for person, title in zip(people, titles, strict=True):
        planning_entry_propose(actor=inside, cycle=cycle, person=person, title=title, justification=REASON)
    targets = {t.label: t for t in structure_targets(cycle)}
    assert targets["Cán bộ nữ"].have == 1 and targets["Cán bộ nữ"].met  # 25 % exactly
    assert targets["Cán bộ trẻ (dưới 45 tuổi)"].have == 1 and targets["Cán bộ trẻ (dưới 45 tuổi)"].met
    assert targets["Cán bộ người dân tộc thiểu số"].met
    bands = [t for label, t in targets.items() if label.startswith("Độ tuổi")]
    assert [t.have for t in bands] == [1, 1, 2]
