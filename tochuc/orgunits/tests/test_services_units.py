"""Creating, renaming and moving units: what changes, what is refused, and the one audit event each leaves."""

from __future__ import annotations

import unicodedata

import pytest

from tochuc.accounts.models import Role, RoleGrant
from tochuc.conftest import make_user
from tochuc.core.errors import ErrorCode
from tochuc.orgunits.models import OrgUnitEvent, UnitEventKind, UnitKind, path_segment
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

# --- create -------------------------------------------------------------------


def test_create_places_unit_under_parent_with_history_and_audit(tree, inside):
    decomposed = unicodedata.normalize("NFD", "Đảng bộ  Bệnh viện Đức Thọ ")
    with audited("orgunit.create") as events:
        unit = unit_create(
            actor=inside,
            parent=tree.commune2,
            code=" t01-x02-bv ",
            name=decomposed,
            kind=UnitKind.GRASSROOTS,
            valid_from=D,
        )
    unit.refresh_from_db()
    assert unit.code == "T01-X02-BV"
    assert unit.name == "Đảng bộ Bệnh viện Đức Thọ"
    assert unicodedata.is_normalized("NFC", unit.name)
    assert unit.name_folded == "dang bo benh vien duc tho"
    assert unit.path == tree.commune2.path + path_segment(unit.pk)
    assert unit.depth == tree.commune2.depth + 1 == 3
    assert unit.valid_from == D and unit.is_active
    assert history(unit) == [UnitEventKind.CREATED]
    [event] = events
    assert event.actor_id == inside.pk and event.actor_label == "inside"
    assert event.object_id == str(unit.pk) and event.unit_path == unit.path
    assert event.summary == {
        "code": "T01-X02-BV",
        "name": "Đảng bộ Bệnh viện Đức Thọ",
        "kind": "grassroots",
        "parent": "T01-X02",
    }
    second = unit_create(actor=inside, parent=tree.commune2, code="T01-X02-CB9", name="Chi bộ 9", kind="cell")
    assert (unit.sort_order, second.sort_order) == (10, 20)


@pytest.mark.parametrize("code", ["", "T01 X09", "Đ01", "-T01", "T01/X09", "A" * 41])
def test_create_refuses_malformed_code(tree, inside, code):
    with refused(match="Mã đơn vị") as info:
        unit_create(actor=inside, parent=tree.province, code=code, name="Đảng bộ xã Mới", kind="commune")
    assert info.value.field == "code"


@pytest.mark.parametrize("code", ["T01-X01", "t01-x01", " T01-X01 "])
def test_create_refuses_duplicate_code_and_writes_nothing(tree, inside, code):
    with refused(ErrorCode.CONFLICT, match="Mã đơn vị «T01-X01» đã được dùng.") as info:
        unit_create(actor=inside, parent=tree.commune2, code=code, name="Chi bộ trùng mã", kind="cell")
    assert info.value.field == "code"


def test_create_refuses_blank_name(tree, inside):
    with refused(match="Tên đơn vị không được để trống.") as info:
        unit_create(actor=inside, parent=tree.commune2, code="T01-X02-CB1", name="  \t ", kind="cell")
    assert info.value.field == "name"


@pytest.mark.parametrize(
    ("parent_attr", "kind"),
    [
        ("cell", UnitKind.CELL),  # a cell is the bottom of the tree
        ("cell", UnitKind.GRASSROOTS),
        ("commune", UnitKind.COMMUNE),
        ("province", UnitKind.CELL),  # a cell never stands directly under a province
        ("province", "branch"),  # not a kind at all
    ],
)
def test_create_follows_kind_rules(tree, admin, parent_attr, kind):
    with refused() as info:
        unit_create(actor=admin, parent=getattr(tree, parent_attr), code="NEW1", name="Đơn vị mới", kind=kind)
    assert info.value.field == "kind"


def test_cell_cannot_have_children_message_names_both_kinds(tree, admin):
    with refused(match="«Chi bộ» không thể trực thuộc «Chi bộ».") as info:
        unit_create(actor=admin, parent=tree.cell, code="NEW1", name="Chi bộ con", kind=UnitKind.CELL)
    assert info.value.field == "kind"


def test_only_the_system_creates_a_root_and_a_root_is_central(tree, admin):
    with refused(ErrorCode.FORBIDDEN):
        unit_create(actor=admin, parent=None, code="TW2", name="Gốc thứ hai", kind=UnitKind.CENTRAL)
    with refused() as info:
        unit_create(actor=None, parent=None, code="T99", name="Tỉnh mồ côi", kind=UnitKind.PROVINCIAL)
    assert info.value.field == "parent"


def test_create_under_closed_parent_is_refused(tree, inside):
    unit_dissolve(actor=inside, unit=tree.commune2)
    with refused(ErrorCode.CONFLICT, match="đã giải thể hoặc hợp nhất"):
        unit_create(actor=inside, parent=tree.commune2, code="T01-X02-CB1", name="Chi bộ 1", kind="cell")


# --- who may manage units -------------------------------------------------------


@pytest.mark.parametrize("who", ["outside", "leader", "auditor"])
def test_users_without_manage_units_find_no_unit_to_change(tree, who, request):
    user = request.getfixturevalue(who)
    with refused(ErrorCode.NOT_FOUND, match="Không tìm thấy đơn vị."):
        unit_create(actor=user, parent=tree.commune, code="T01-X01-CB9", name="Chi bộ 9", kind="cell")
    with refused(ErrorCode.NOT_FOUND):
        unit_rename(actor=user, unit=tree.commune, name="Đảng bộ xã An Bình Mới")
    with refused(ErrorCode.NOT_FOUND):
        unit_move(actor=user, unit=tree.grassroots, new_parent=tree.commune2)
    with refused(ErrorCode.NOT_FOUND):
        unit_merge(actor=user, sources=[tree.commune2], survivor=tree.commune)
    with refused(ErrorCode.NOT_FOUND):
        unit_split(
            actor=user,
            unit=tree.commune,
            parts=[SplitPart("A1", "Phần một", children=["T01-X01-CS1"]), SplitPart("A2", "Phần hai")],
        )
    with refused(ErrorCode.NOT_FOUND):
        unit_dissolve(actor=user, unit=tree.commune2)
    with refused(ErrorCode.NOT_FOUND):
        function_create(actor=user, lead_unit=tree.commune, title="Tham mưu công tác cán bộ")


def test_inactive_specialist_can_no_longer_manage(tree, inside):
    inside.is_active = False
    inside.save()
    with refused(ErrorCode.NOT_FOUND):
        unit_rename(actor=inside, unit=tree.commune, name="Tên khác")


def test_grant_without_subtree_manages_only_that_unit(tree):
    clerk = make_user("clerk")
    RoleGrant.objects.create(user=clerk, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False)
    unit_rename(actor=clerk, unit=tree.commune, name="Đảng bộ xã An Bình (mới)")
    with refused(ErrorCode.NOT_FOUND):
        unit_rename(actor=clerk, unit=tree.grassroots, name="Tên khác")


# --- rename ---------------------------------------------------------------------


def test_rename_keeps_before_and_after_in_history_and_audit(tree, inside):
    with audited("orgunit.rename") as events:
        unit_rename(
            actor=inside,
            unit=tree.commune,
            name="Đảng bộ phường An Bình",
            short_name="P. An Bình",
            effective_on=D,
            note="Nghị quyết 01",
        )
    unit = fresh(tree.commune)
    assert (unit.name, unit.short_name, unit.name_folded) == (
        "Đảng bộ phường An Bình",
        "P. An Bình",
        "dang bo phuong an binh",
    )
    change = {
        "before": {"name": "Đảng bộ xã An Bình", "short_name": ""},
        "after": {"name": "Đảng bộ phường An Bình", "short_name": "P. An Bình"},
    }
    event = OrgUnitEvent.objects.get(unit=unit, kind=UnitEventKind.RENAMED)
    assert event.details == change
    assert (event.effective_on, event.note, event.actor_id) == (D, "Nghị quyết 01", inside.pk)
    assert events[0].summary == change


def test_rename_to_same_name_is_refused(tree, inside):
    with refused(match="trùng với tên hiện tại") as info:
        unit_rename(actor=inside, unit=tree.commune, name="  Đảng bộ xã   An Bình ")
    assert info.value.field == "name"


# --- move -----------------------------------------------------------------------


def test_move_carries_whole_subtree_and_changes_depth(tree, inside):
    lower = unit_create(
        actor=inside, parent=tree.commune2, code="T01-X02-CS1", name="Đảng bộ cơ sở 2", kind="grassroots"
    )
    old_path = tree.grassroots.path
    with audited("orgunit.move") as events:
        unit_move(actor=inside, unit=tree.grassroots, new_parent=lower, effective_on=D)
    assert_tree_consistent()
    grassroots, cell = fresh(tree.grassroots), fresh(tree.cell)
    assert grassroots.parent_id == lower.pk
    assert grassroots.path == tree.province.path + path_segment(tree.commune2.pk) + path_segment(
        lower.pk
    ) + path_segment(grassroots.pk)
    assert (grassroots.depth, cell.depth) == (4, 5)
    assert cell.path == grassroots.path + path_segment(cell.pk)
    event = OrgUnitEvent.objects.get(unit=grassroots, kind=UnitEventKind.MOVED)
    assert event.related_unit_id == lower.pk
    assert event.details == {"from": "T01-X01", "to": "T01-X02-CS1"}
    assert events[0].summary == {"from": "T01-X01", "to": "T01-X02-CS1", "old_path": old_path}
    assert events[0].unit_path == grassroots.path


def test_moved_units_follow_the_new_scope(tree, inside, outside, admin):
    unit_move(actor=admin, unit=tree.commune, new_parent=tree.other_province)
    assert_tree_consistent()
    moved = {"T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1"}
    assert not moved & set(codes(visible_units(inside)))
    assert moved <= set(codes(visible_units(outside)))


def test_move_with_stale_instances_keeps_tree_consistent(tree, admin):
    # tree.grassroots still holds its old path after its parent moves.
    unit_move(actor=admin, unit=tree.commune, new_parent=tree.other_province)
    unit_move(actor=admin, unit=tree.grassroots, new_parent=tree.commune2)
    assert_tree_consistent()
    assert fresh(tree.cell).path.startswith(fresh(tree.commune2).path)


def test_cannot_move_under_itself_or_its_descendant(tree, inside):
    below = unit_create(
        actor=inside, parent=tree.grassroots, code="T01-X01-CS1-CS", name="Đảng bộ bộ phận", kind="grassroots"
    )
    for target in (tree.grassroots, below):
        with refused(match="chính nó hoặc đơn vị trực thuộc nó") as info:
            unit_move(actor=inside, unit=tree.grassroots, new_parent=target)
        assert info.value.field == "parent"


def test_move_follows_kind_rules_and_refuses_same_parent(tree, admin):
    with refused(match="không thể trực thuộc"):
        unit_move(actor=admin, unit=tree.commune, new_parent=tree.commission)
    with refused(match="đã trực thuộc đơn vị này"):
        unit_move(actor=admin, unit=tree.commune, new_parent=tree.province)


def test_move_needs_manage_units_on_both_ends(tree, inside):
    with refused(ErrorCode.NOT_FOUND):
        unit_move(actor=inside, unit=tree.commune, new_parent=tree.other_province)
    with refused(ErrorCode.NOT_FOUND):
        unit_move(actor=inside, unit=tree.other_cell, new_parent=tree.commune)
