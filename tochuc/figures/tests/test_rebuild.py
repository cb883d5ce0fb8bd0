"""The kept figures by example: what a write adds where, a unit move, the command and its exit codes."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from tochuc.conftest import Tree
from tochuc.evaluations.tests.analytics_data import make_cycle, make_people, rate
from tochuc.figures import selectors, services
from tochuc.figures.models import Figure
from tochuc.orgunits.services import unit_move
from tochuc.people.models import Membership, Person

pytestmark = pytest.mark.django_db


def _n(unit_id: int, topic: str, item: str, cycle: int = 0) -> int:
    row = Figure.objects.filter(unit_id=unit_id, topic=topic, item=item, cycle_pk=cycle).first()
    return row.n if row else 0


def test_a_person_counts_in_the_cell_and_every_ancestor(tree: Tree) -> None:
    make_people(tree.cell, 3)
    for unit in (tree.cell, tree.grassroots, tree.commune, tree.province, tree.centre):
        assert _n(unit.pk, "year_gender", "1980:male") == 3
        assert _n(unit.pk, "membership", "-") == 3
    assert _n(tree.other_province.pk, "year_gender", "1980:male") == 0
    person = Person.objects.filter(unit=tree.cell).first()
    assert person is not None
    Membership.objects.create(person=person, status="probationary")
    assert _n(tree.centre.pk, "membership", "probationary") == 1
    assert _n(tree.centre.pk, "membership", "-") == 2


def test_a_moved_unit_takes_its_figures_along(tree: Tree) -> None:
    make_people(tree.cell, 2)
    unit_move(actor=None, unit=tree.commune, new_parent=tree.other_province)
    assert _n(tree.province.pk, "ethnicity", "Kinh") == 0
    assert _n(tree.other_province.pk, "ethnicity", "Kinh") == 2
    assert _n(tree.commune.pk, "ethnicity", "Kinh") == 2
    assert _n(tree.centre.pk, "ethnicity", "Kinh") == 2
    # A person added after the move counts on the new chain.
    make_people(tree.cell, 1)
    assert _n(tree.other_province.pk, "ethnicity", "Kinh") == 3
    assert services.check() is None


def test_ratings_and_scores_per_cycle(tree: Tree) -> None:
    cycle = make_cycle(tree.centre)
    rate(cycle, tree.cell, ["excellent", "good", "", "-"], scores=[90, 80, None, None], collective="good")
    assert _n(tree.province.pk, "rating", "excellent", cycle.pk) == 1
    assert _n(tree.province.pk, "rating", "unrated", cycle.pk) == 1
    assert _n(tree.province.pk, "rating", "not_reviewed", cycle.pk) == 1
    assert _n(tree.province.pk, "collective", "good", cycle.pk) == 1
    assert _n(tree.centre.pk, "score", "sum", cycle.pk) == 1700
    assert _n(tree.centre.pk, "score", "sq", cycle.pk) == 900 * 900 + 800 * 800


def test_final_ratings_and_stages_per_cycle(tree: Tree) -> None:
    cycle = make_cycle(tree.centre)
    rate(cycle, tree.cell, ["excellent", "good", "", "-"], collective="good")
    rate(cycle, tree.other_cell, ["good"])
    rate(cycle, tree.commune2, ["good"], proposed_only=True)
    assert _n(tree.commune2.pk, "rating", "good", cycle.pk) == 1
    assert _n(tree.commune2.pk, "final", "", cycle.pk) == 1  # proposed, not decided
    # Final ratings alone (the proposed ones are not yet a result); not-reviewed evaluations left out.
    assert _n(tree.province.pk, "final", "excellent", cycle.pk) == 1
    assert _n(tree.province.pk, "final", "good", cycle.pk) == 1
    assert _n(tree.province.pk, "final_collective", "good", cycle.pk) == 1
    assert _n(tree.centre.pk, "final", "good", cycle.pk) == 2
    assert _n(tree.province.pk, "final", "", cycle.pk) == 2
    assert _n(tree.centre.pk, "final", "not_reviewed", cycle.pk) == 0
    total = sum(
        Figure.objects.filter(unit_id=tree.centre.pk, topic="stage", cycle_pk=cycle.pk).values_list(
            "n", flat=True
        )
    )
    assert total == 7
    assert _n(tree.centre.pk, "stage", "not_reviewed", cycle.pk) == 1


def test_nested_roots_are_summed_once(tree: Tree) -> None:
    cycle = make_cycle(tree.centre)
    rate(cycle, tree.cell, ["good"])
    rate(cycle, tree.other_cell, ["good", "good"])
    roots = [(tree.province.pk, tree.province.path), (tree.cell.pk, tree.cell.path)]
    roots += [(tree.other_province.pk, tree.other_province.path), (tree.province.pk, tree.province.path)]
    assert selectors.outermost(roots) == sorted([tree.province.pk, tree.other_province.pk])
    found = selectors.cycle_sums(roots, ["final"], [cycle.pk])
    assert found == {(cycle.pk, "final", "good"): 3}
    assert selectors.cycle_sums([], ["final"], [cycle.pk]) == {}


def test_check_finds_the_first_difference_and_rebuild_mends_it(tree: Tree) -> None:
    make_people(tree.cell, 2)
    Figure.objects.filter(unit_id=tree.province.pk, topic="ethnicity", item="Kinh").update(n=7)
    mismatch = services.check()
    assert mismatch is not None
    assert (mismatch.unit_code, mismatch.topic, mismatch.item, mismatch.kept, mismatch.raw) == (
        "T01",
        "ethnicity",
        "Kinh",
        7,
        2,
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("aggregates_rebuild", "--check", stdout=out, stderr=err)
    assert exit_.value.code == 1
    assert "lệch: đơn vị T01, số liệu ethnicity «Kinh»: lưu sẵn 7, bảng gốc 2" in err.getvalue()
    # --check changed nothing.
    assert _n(tree.province.pk, "ethnicity", "Kinh") == 7
    call_command("aggregates_rebuild", stdout=StringIO())
    out = StringIO()
    call_command("aggregates_rebuild", "--check", stdout=out)
    assert out.getvalue().strip().endswith("khớp")
    assert _n(tree.province.pk, "ethnicity", "Kinh") == 2


def test_a_kept_row_the_raw_tables_do_not_have_is_a_difference(tree: Tree) -> None:
    Figure.objects.create(unit_id=tree.cell.pk, topic="task", item="done_late", n=1)
    mismatch = services.check()
    assert mismatch is not None
    assert (mismatch.unit_code, mismatch.kept, mismatch.raw) == ("T01-X01-CS1-CB1", 1, 0)


def test_paused_writes_skip_the_triggers_then_one_rebuild_counts_them(tree: Tree) -> None:
    with services.paused(rebuild=False):
        make_people(tree.cell, 4)
        assert _n(tree.centre.pk, "theory", "none") == 0
    make_people(tree.cell, 1)  # triggers are back
    assert _n(tree.centre.pk, "theory", "none") == 1
    assert services.check() is not None
    with services.paused():
        make_people(tree.cell, 2)
    assert _n(tree.centre.pk, "theory", "none") == 7
    assert services.check() is None


def test_selector_reads_subtree_figures(tree: Tree) -> None:
    people = make_people(tree.cell, 2)
    Person.objects.filter(pk=people[0].pk).update(birth_date=dt.date(1990, 6, 1), gender="female")
    found = selectors.figures_of([tree.province.pk, tree.other_province.pk], ["year_gender"])
    assert found[tree.province.pk] == {("year_gender", "1980:male"): 1, ("year_gender", "1990:female"): 1}
    assert found[tree.other_province.pk] == {}


def test_task_counts_by_stored_facts(tree: Tree) -> None:
    from tochuc.directives.tests.task_factory import make_task

    make_task(tree.cell, tree.centre, deadline=dt.date(2025, 3, 1), completed_on=dt.date(2025, 2, 1))
    make_task(tree.cell, tree.centre, deadline=dt.date(2025, 3, 1), completed_on=dt.date(2025, 4, 1))
    make_task(tree.commune, tree.centre, deadline=dt.date(2025, 3, 1))
    make_task(tree.commune, tree.centre, deadline=dt.date(2025, 9, 1))
    make_task(tree.commune, tree.centre)
    counts = selectors.task_counts([tree.province.pk, tree.cell.pk], dt.date(2025, 6, 1))
    assert counts[tree.province.pk] == {"done_on_time": 1, "done_late": 1, "overdue": 1, "open": 2}
    assert counts[tree.cell.pk] == {"done_on_time": 1, "done_late": 1, "overdue": 0, "open": 0}
