"""Writes to the unit tree: what changes, what is refused, and the one audit event each write leaves."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tochuc.accounts.models import Role, RoleGrant
from tochuc.audit.models import AuditEvent
from tochuc.conftest import make_user
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitFunction, UnitKind, path_segment
from tochuc.orgunits.selectors import visible_units
from tochuc.orgunits.services import (
    SplitPart,
    function_create,
    function_set_lead,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
)

# The day the fixture tree was founded; decisions take effect no later than today.
D = timezone.localdate()


# --- helpers ----------------------------------------------------------------


def snapshot() -> tuple[Any, ...]:
    """Everything a tree write may touch."""
    return (
        list(
            OrgUnit.objects.order_by("pk").values_list(
                "pk",
                "code",
                "name",
                "short_name",
                "name_folded",
                "kind",
                "parent_id",
                "path",
                "depth",
                "sort_order",
                "valid_from",
                "valid_to",
            )
        ),
        list(OrgUnitEvent.objects.order_by("pk").values_list("pk", "unit_id", "kind")),
        list(UnitFunction.objects.order_by("pk").values_list("pk", "title", "lead_unit_id")),
        sorted(UnitFunction.cooperating_units.through.objects.values_list("unitfunction_id", "orgunit_id")),
        list(AuditEvent.objects.order_by("seq").values_list("seq", "action")),
    )


@contextmanager
def refused(
    code: ErrorCode = ErrorCode.INVALID, match: str = ""
) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The write raises DomainError with ``code`` and leaves the database exactly as it was."""
    before = snapshot()
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.code == code, info.value.message
    if match:
        assert match in info.value.message
    assert snapshot() == before


@contextmanager
def audited(action: str) -> Iterator[list[AuditEvent]]:
    """Exactly one audit event, with ``action``, is written inside the block."""
    head = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    written: list[AuditEvent] = []
    yield written
    written.extend(AuditEvent.objects.filter(seq__gt=head).order_by("seq"))
    assert [e.action for e in written] == [action]


def assert_tree_consistent() -> None:
    """Every unit's path is its parent's path plus its own segment; depth follows."""
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        expected = (parent.path if parent else "") + path_segment(unit.pk)
        assert unit.path == expected, unit.code
        assert unit.depth == (parent.depth + 1 if parent else 0), unit.code


def codes(units: Any) -> list[str]:
    return [u.code for u in units]


def fresh(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=unit.pk)


def history(unit: OrgUnit) -> list[str]:
    return list(OrgUnitEvent.objects.filter(unit=unit).order_by("id").values_list("kind", flat=True))


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


# --- functions --------------------------------------------------------------------


def test_function_has_exactly_one_lead_unit_in_the_database(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFunction.objects.create(
            title="Không ai chủ trì",
            title_folded="khong ai chu tri",
            lead_unit=None,  # type: ignore[misc]
        )


def test_function_create_refuses_lead_that_also_cooperates(tree, inside):
    with refused(match="không đồng thời là cơ quan phối hợp") as info:
        function_create(
            actor=inside,
            lead_unit=tree.commune,
            title="Tham mưu công tác cán bộ",
            cooperating_units=[tree.commune2, tree.commune],
        )
    assert info.value.field == "cooperating_units"


def test_function_create_is_audited_and_folds_title(tree, inside):
    with audited("unitfunction.create") as events:
        function = function_create(
            actor=inside,
            lead_unit=tree.commune,
            title="  Tham mưu  công tác cán bộ ",
            cooperating_units=[tree.commune2, tree.other_commune],
        )
    function.refresh_from_db()
    assert function.title == "Tham mưu công tác cán bộ"
    assert function.title_folded == "tham muu cong tac can bo"
    assert events[0].summary == {"lead": "T01-X01", "cooperating": ["T01-X02", "T02-X01"]}
    assert events[0].unit_path == tree.commune.path


def test_function_create_refuses_blank_title_and_closed_partner(tree, inside):
    with refused(match="không được để trống"):
        function_create(actor=inside, lead_unit=tree.commune, title="   ")
    unit_dissolve(actor=inside, unit=tree.commune2)
    with refused(ErrorCode.CONFLICT):
        function_create(
            actor=inside, lead_unit=tree.commune, title="Phối hợp", cooperating_units=[tree.commune2]
        )


def test_set_lead_moves_lead_and_drops_new_lead_from_cooperating(tree, inside):
    function = function_create(
        actor=inside,
        lead_unit=tree.commune,
        title="Tham mưu công tác cán bộ",
        cooperating_units=[tree.commune2, tree.grassroots],
    )
    with audited("unitfunction.set_lead") as events:
        function_set_lead(actor=inside, function=function, lead_unit=tree.commune2)
    function.refresh_from_db()
    assert function.lead_unit_id == tree.commune2.pk
    assert list(function.cooperating_units.all()) == [tree.grassroots]
    assert events[0].summary == {"before": "T01-X01", "after": "T01-X02"}
    with refused(match="đã là cơ quan chủ trì"):
        function_set_lead(actor=inside, function=function, lead_unit=tree.commune2)


def test_set_lead_needs_both_units_in_scope(tree, inside, outside):
    function = function_create(actor=inside, lead_unit=tree.commune, title="Tham mưu công tác cán bộ")
    with refused(ErrorCode.NOT_FOUND):
        function_set_lead(actor=inside, function=function, lead_unit=tree.other_commune)
    with refused(ErrorCode.NOT_FOUND):
        function_set_lead(actor=outside, function=function, lead_unit=tree.other_commune)


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
