"""Merging, splitting and dissolving units: children, functions, history, and what is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tochuc.accounts.models import Role
from tochuc.conftest import make_user
from tochuc.core.errors import ErrorCode
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitFunction, UnitKind
from tochuc.orgunits.selectors import visible_units
from tochuc.orgunits.services import (
    SplitPart,
    function_create,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
)
from tochuc.orgunits.tests.service_helpers import (
    D,
    assert_tree_consistent,
    audited,
    codes,
    fresh,
    history,
    refused,
)

# --- merge ----------------------------------------------------------------------


def test_merge_hands_children_and_functions_to_survivor(tree, inside):
    source = tree.commune2
    extra = unit_create(
        actor=inside, parent=source, code="T01-X02-CS1", name="Đảng bộ cơ sở Đức Thọ", kind="grassroots"
    )
    extra_cell = unit_create(actor=inside, parent=extra, code="T01-X02-CS1-CB1", name="Chi bộ 1", kind="cell")
    led = function_create(
        actor=inside, lead_unit=source, title="Quản lý hồ sơ đảng viên", cooperating_units=[tree.commune]
    )
    shared = function_create(
        actor=inside, lead_unit=tree.grassroots, title="Phát triển đảng viên", cooperating_units=[source]
    )
    own = function_create(
        actor=inside, lead_unit=tree.commune, title="Kiểm tra, giám sát", cooperating_units=[source]
    )

    with audited("orgunit.merge") as events:
        unit_merge(actor=inside, sources=[source], survivor=tree.commune, effective_on=D, note="Sáp nhập xã")

    assert_tree_consistent()
    source, survivor = fresh(source), fresh(tree.commune)
    assert source.valid_to == D and not source.is_active
    assert fresh(extra).parent_id == survivor.pk
    assert fresh(extra_cell).path.startswith(survivor.path)
    # The survivor leads what the source led, and never cooperates on what it leads.
    led.refresh_from_db()
    assert led.lead_unit_id == survivor.pk
    assert list(led.cooperating_units.all()) == []
    assert list(shared.cooperating_units.all()) == [survivor]
    assert list(own.cooperating_units.all()) == []
    assert not UnitFunction.objects.filter(lead_unit=source).exists()
    assert not source.cooperating_functions.exists()

    merged = OrgUnitEvent.objects.get(unit=source, kind=UnitEventKind.MERGED_INTO)
    absorbed = OrgUnitEvent.objects.get(unit=survivor, kind=UnitEventKind.ABSORBED)
    assert merged.related_unit_id == survivor.pk and absorbed.related_unit_id == source.pk
    assert merged.details == {"survivor": "T01-X01", "children_moved": ["T01-X02-CS1"], "functions_moved": 1}
    assert (merged.effective_on, merged.note) == (D, "Sáp nhập xã")
    assert events[0].summary == {"sources": ["T01-X02"], "survivor": "T01-X01"}
    assert "T01-X02" not in codes(visible_units(inside))
    assert "T01-X02" in codes(visible_units(inside, include_inactive=True))


def test_merge_of_several_sources_is_one_audit_event(tree, admin):
    third = unit_create(
        actor=admin, parent=tree.province, code="T01-X03", name="Đảng bộ xã Thạch Hà", kind="commune"
    )
    with audited("orgunit.merge") as events:
        unit_merge(actor=admin, sources=[third, tree.commune2], survivor=tree.commune, effective_on=D)
    assert events[0].summary["sources"] == ["T01-X02", "T01-X03"]
    assert history(fresh(tree.commune)).count(UnitEventKind.ABSORBED) == 2


def test_cannot_merge_into_own_descendant_or_itself(tree, inside):
    with refused(match="không thể hợp nhất ngược") as info:
        unit_merge(actor=inside, sources=[tree.commune], survivor=tree.grassroots)
    assert info.value.field == "survivor"
    with refused(match="không thể đồng thời là đơn vị bị hợp nhất"):
        unit_merge(actor=inside, sources=[tree.commune2, tree.commune], survivor=tree.commune)
    with refused(match="ít nhất một đơn vị"):
        unit_merge(actor=inside, sources=[], survivor=tree.commune)


def test_failed_merge_rolls_back_the_sources_already_merged(tree, admin):
    # commune2 merges cleanly first; then other_commune's grassroots cannot stand under an agency.
    unit_create(actor=admin, parent=tree.commune2, code="T01-X02-CB1", name="Chi bộ 1", kind="cell")
    unit_create(
        actor=admin, parent=tree.other_commune, code="T02-X01-CS1", name="Đảng bộ cơ sở", kind="grassroots"
    )
    with refused(match="không thể trực thuộc"):
        unit_merge(actor=admin, sources=[tree.other_commune, tree.commune2], survivor=tree.commission)


def test_merge_of_closed_unit_is_refused(tree, inside):
    unit_dissolve(actor=inside, unit=tree.commune2)
    with refused(ErrorCode.CONFLICT):
        unit_merge(actor=inside, sources=[tree.commune2], survivor=tree.commune)


# --- split ----------------------------------------------------------------------


@pytest.fixture
def two_children(tree, inside):
    """The commune with two grassroots organizations and a function it leads."""
    second = unit_create(
        actor=inside, parent=tree.commune, code="T01-X01-CS2", name="Đảng bộ cơ sở 2", kind="grassroots"
    )
    function = function_create(actor=inside, lead_unit=tree.commune, title="Quản lý đảng viên")
    return second, function


def test_split_distributes_children_and_gives_functions_to_first_part(tree, inside, two_children):
    second, function = two_children
    with audited("orgunit.split") as events:
        new = unit_split(
            actor=inside,
            unit=tree.commune,
            effective_on=D,
            note="Chia tách",
            parts=[
                SplitPart("T01-X01A", "Đảng bộ xã An Bình Bắc", children=["T01-X01-CS2"]),
                SplitPart("T01-X01B", "Đảng bộ xã An Bình Nam", children=["T01-X01-CS1"]),
            ],
        )
    assert_tree_consistent()
    north, south = (fresh(u) for u in new)
    assert [north.parent_id, south.parent_id] == [tree.province.pk] * 2
    assert north.kind == south.kind == UnitKind.COMMUNE
    assert (north.valid_from, south.valid_from) == (D, D)
    assert fresh(second).parent_id == north.pk
    assert fresh(tree.grassroots).parent_id == south.pk
    assert fresh(tree.cell).path.startswith(south.path)
    function.refresh_from_db()
    assert function.lead_unit_id == north.pk
    old = fresh(tree.commune)
    assert old.valid_to == D
    split = OrgUnitEvent.objects.get(unit=old, kind=UnitEventKind.SPLIT_INTO)
    assert split.details == {"into": ["T01-X01A", "T01-X01B"]}
    for part in (north, south):
        assert OrgUnitEvent.objects.get(unit=part, kind=UnitEventKind.SPLIT_FROM).related_unit_id == old.pk
    assert events[0].summary == {"into": ["T01-X01A", "T01-X01B"]}


def test_split_functions_follow_the_part_that_takes_them(tree, inside, two_children):
    _, function = two_children
    new = unit_split(
        actor=inside,
        unit=tree.commune,
        parts=[
            SplitPart("T01-X01A", "Bắc", children=["T01-X01-CS1", "T01-X01-CS2"]),
            SplitPart("T01-X01B", "Nam", takes_functions=True),
        ],
    )
    function.refresh_from_db()
    assert function.lead_unit_id == new[1].pk


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (
            [SplitPart("A1", "Một", children=["T01-X01-CS1"]), SplitPart("A2", "Hai")],
            "Chưa giao các đơn vị trực thuộc: T01-X01-CS2.",
        ),
        (
            [
                SplitPart("A1", "Một", children=["T01-X01-CS1", "T01-X01-CS2"]),
                SplitPart("A2", "Hai", children=["T01-X01-CS2"]),
            ],
            "Đơn vị được giao cho hai nơi: T01-X01-CS2.",
        ),
        (
            [
                SplitPart("A1", "Một", children=["T01-X01-CS1", "T01-X01-CS2"]),
                SplitPart("A2", "Hai", children=["T02-X01"]),
            ],
            "Không phải đơn vị trực thuộc: T02-X01.",
        ),
        ([SplitPart("A1", "Một", children=["T01-X01-CS1", "T01-X01-CS2"])], "ít nhất hai đơn vị mới"),
        (
            [
                SplitPart("A1", "Một", children=["T01-X01-CS1", "T01-X01-CS2"], takes_functions=True),
                SplitPart("A2", "Hai", takes_functions=True),
            ],
            "Chỉ một đơn vị mới tiếp nhận",
        ),
    ],
)
def test_split_refuses_incomplete_or_double_assignment(tree, inside, two_children, parts, message):
    with refused(match=message) as info:
        unit_split(actor=inside, unit=tree.commune, parts=parts)
    assert info.value.field == "parts"


def test_split_with_a_taken_code_writes_nothing(tree, inside, two_children):
    # The first part is inserted before the second part's code is found taken.
    with refused(ErrorCode.CONFLICT, match="«T01-X02» đã được dùng"):
        unit_split(
            actor=inside,
            unit=tree.commune,
            parts=[
                SplitPart("T01-X01A", "Bắc", children=["T01-X01-CS1", "T01-X01-CS2"]),
                SplitPart("T01-X02", "Nam"),
            ],
        )


def test_split_of_root_is_refused(tree):
    with refused(match="đơn vị gốc"):
        unit_split(actor=None, unit=tree.centre, parts=[SplitPart("A1", "Một"), SplitPart("A2", "Hai")])


def test_split_needs_manage_units_on_the_parent(tree):
    # The new parts stand under the province, which this specialist does not manage.
    local = make_user("local", Role.SPECIALIST, tree.commune)
    with refused(ErrorCode.FORBIDDEN, match="đơn vị cấp trên"):
        unit_split(
            actor=local,
            unit=tree.commune,
            parts=[SplitPart("A1", "Một", children=["T01-X01-CS1"]), SplitPart("A2", "Hai")],
        )


# --- dissolve -------------------------------------------------------------------


def test_dissolve_refused_while_active_children_remain(tree, inside):
    with refused(ErrorCode.CONFLICT, match="Còn 1 đơn vị trực thuộc"):
        unit_dissolve(actor=inside, unit=tree.commune)


def test_dissolve_refused_while_unit_leads_functions(tree, inside):
    function_create(actor=inside, lead_unit=tree.commune2, title="Quản lý đảng viên")
    with refused(ErrorCode.CONFLICT, match="chủ trì 1 chức năng"):
        unit_dissolve(actor=inside, unit=tree.commune2)


def test_dissolved_unit_leaves_visible_tree_but_keeps_history(tree, inside):
    function = function_create(
        actor=inside, lead_unit=tree.commune, title="Phát triển đảng viên", cooperating_units=[tree.cell]
    )
    with audited("orgunit.dissolve") as events:
        unit_dissolve(actor=inside, unit=tree.cell, effective_on=D, note="Hết nhiệm vụ")
    cell = fresh(tree.cell)
    assert cell.valid_to == D and not cell.is_active
    assert "T01-X01-CS1-CB1" not in codes(visible_units(inside))
    assert "T01-X01-CS1-CB1" in codes(visible_units(inside, include_inactive=True))
    assert history(cell) == [UnitEventKind.CREATED, UnitEventKind.DISSOLVED]
    assert list(function.cooperating_units.all()) == []
    assert events[0].summary == {"note": "Hết nhiệm vụ"}
    # Now the parent has no active child and can go too.
    with refused(ErrorCode.CONFLICT, match="đã giải thể hoặc hợp nhất"):
        unit_dissolve(actor=inside, unit=tree.cell)
    unit_dissolve(actor=inside, unit=tree.grassroots)


def test_dissolve_of_root_is_refused(tree):
    unit_dissolve(actor=None, unit=tree.department)
    with refused(match="đơn vị gốc"):
        unit_dissolve(actor=None, unit=tree.centre)


def test_dissolve_with_stale_instance_does_not_close_twice(tree, inside):
    stale = OrgUnit.objects.get(pk=tree.commune2.pk)
    unit_dissolve(actor=inside, unit=tree.commune2, effective_on=D)
    with refused(ErrorCode.CONFLICT):
        unit_dissolve(actor=inside, unit=stale, effective_on=D)


def test_effective_dates_in_the_future_are_refused_and_nothing_changes(tree, inside):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with refused(match="chưa đến"):
        unit_dissolve(actor=inside, unit=tree.commune2, effective_on=tomorrow)
    with refused(match="chưa đến"):
        unit_rename(actor=inside, unit=tree.commune2, name="Đảng bộ xã Đức Thọ Mới", effective_on=tomorrow)
    tree.commune2.refresh_from_db()
    assert tree.commune2.is_active and tree.commune2.name == "Đảng bộ xã Đức Thọ"


def test_a_unit_holding_grants_cannot_end_silently(tree, leader):
    # ``leader`` holds a grant on the commune: merging it away would take that access with it.
    with refused(ErrorCode.CONFLICT, match="leader"):
        unit_merge(actor=None, sources=[tree.commune], survivor=tree.commune2)
    tree.commune.refresh_from_db()
    assert tree.commune.is_active


def test_moving_a_subtree_needs_reach_over_the_subtree(tree):
    from tochuc.accounts.models import Role
    from tochuc.accounts.services import grant_role
    from tochuc.conftest import make_user

    only_the_commune = make_user("only.commune")
    grant_role(
        actor=None, user=only_the_commune, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False
    )
    grant_role(
        actor=None, user=only_the_commune, role=Role.SPECIALIST, unit=tree.commune2, include_subtree=False
    )
    with refused(ErrorCode.FORBIDDEN, match="toàn bộ đơn vị trực thuộc"):
        unit_move(actor=only_the_commune, unit=tree.commune, new_parent=tree.commune2)
    tree.grassroots.refresh_from_db()
    assert tree.grassroots.parent_id == tree.commune.pk
