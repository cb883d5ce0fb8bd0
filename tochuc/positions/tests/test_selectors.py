"""Selectors answer only within the acting user's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.positions import selectors
from tochuc.positions.requirements import Requirements
from tochuc.positions.services import assignment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_provinces(tree, position_factory, person_factory):
    here = position_factory(quota=3, requirements=Requirements(max_age=40))
    there = position_factory(unit=tree.other_commune, quota=1, requirements=Requirements(max_age=40))
    old_here = person_factory(name="Nguyễn Văn Già", birth=dt.date(1960, 1, 1))
    old_there = person_factory(unit=tree.other_commune, name="Trần Văn Lão", birth=dt.date(1960, 1, 1))
    for position, person in [(here, old_here), (there, old_there)]:
        assignment_create(
            actor=None, position=position, person=person, accept_warnings=True, justification="Dữ liệu mẫu"
        )
    return here, there, old_here, old_there


def test_every_selector_is_scoped(both_provinces, inside, outside, leader, auditor, tree):
    here, there, old_here, old_there = both_provinces
    assert list(selectors.positions_for(inside)) == [here]
    assert list(selectors.positions_for(outside)) == [there]
    assert list(selectors.positions_for(leader)) == [here]
    assert set(selectors.positions_for(auditor)) == {here, there}
    assert [r.unit for r in selectors.staffing_by_unit(inside)] == [tree.commune]
    assert [s.position.pk for s in selectors.vacancies(inside)] == [here.pk]
    assert [s.position.pk for s in selectors.vacancies(outside)] == []
    assert [u.assignment.person for u in selectors.unmet_requirements(inside)] == [old_here]
    assert [u.assignment.person for u in selectors.unmet_requirements(outside)] == [old_there]
    (unmet,) = selectors.unmet_requirements(inside)
    assert unmet.reasons[0].code == "max_age"
    assert [h.person for h in selectors.people_with_many_posts(auditor, 0)] == [old_here, old_there]
    assert [h.person for h in selectors.people_with_many_posts(inside, 0)] == [old_here]
    assert selectors.current_positions(outside, old_here) == []


def test_subtree_filter_and_under_staffing(both_provinces, inside, tree, position_factory):
    del both_provinces
    position_factory(unit=tree.commune2, name="Văn thư", quota=0)
    rows = {r.unit.code: r for r in selectors.staffing_by_unit(inside)}
    assert rows["T01-X01"].status == "under" and rows["T01-X01"].vacancies == 2
    assert rows["T01-X02"].status == "full"
    filtered = selectors.filter_positions(inside, selectors.PositionFilter(unit=tree.commune2))
    assert [p.name for p in filtered] == ["Văn thư"]
    assert selectors.staffing_by_unit(inside, tree.commune2)[0].unit == tree.commune2
