"""Reads of the unit tree: what each user finds, and nothing outside their scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest
from django.contrib.auth.models import AnonymousUser

from tochuc.accounts.models import Role, RoleGrant
from tochuc.conftest import make_user
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.selectors import (
    ChildCount,
    breadcrumbs,
    children_of,
    function_overlaps,
    scope_roots,
    search_units,
    subtree_units,
    unit_functions,
    visible_units,
)
from tochuc.orgunits.services import function_create, unit_create, unit_dissolve, unit_rename

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ALL = {
    "TW", "BTCTW", "BTCTW-V1", "T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02",
    "T02", "T02-X01", "T02-X01-CB1",
}  # fmt: skip
FIRST_PROVINCE = {"T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"}


def codes(units) -> list[str]:
    return [u.code for u in units]


def counted(units: list[WithAnnotations[OrgUnit, ChildCount]]) -> list[tuple[str, int]]:
    """(code, number of active children) as the selector annotated them."""
    return [(u.code, u.active_children) for u in units]


# --- visible_units ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("inside", FIRST_PROVINCE),
        ("outside", {"T02", "T02-X01", "T02-X01-CB1"}),
        ("leader", {"T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1"}),
        ("auditor", ALL),
        ("admin", ALL),
    ],
)
def test_each_member_of_the_cast_sees_their_subtree(tree, who, expected, request):
    assert set(codes(visible_units(request.getfixturevalue(who)))) == expected


def test_anonymous_and_grantless_users_see_nothing(tree):
    assert codes(visible_units(cast(Actor, AnonymousUser()))) == []
    assert codes(visible_units(make_user("nobody"))) == []


# --- search -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "dang bo xa an binh",
        "Đảng bộ xã An Bình",
        "ĐẢNG BỘ XÃ AN BÌNH",
        "  dang   bo xa AN binh ",
        "đang bo xa an binh",
    ],
)
def test_search_ignores_diacritics_and_case(tree, inside, query):
    assert codes(search_units(inside, query))[0] == "T01-X01"


def test_search_folds_d_with_stroke(tree, inside):
    assert codes(search_units(inside, "duc tho")) == ["T01-X02"]
    assert codes(search_units(inside, "Đức Thọ")) == ["T01-X02"]
    assert codes(search_units(inside, "ĐỨC")) == ["T01-X02"]


def test_search_needs_every_word_in_any_order(tree, inside):
    assert codes(search_units(inside, "binh an")) == ["T01-X01", "T01-X01-CS1"]
    assert codes(search_units(inside, "an binh toan")) == []


def test_search_puts_whole_phrase_first(tree, inside):
    # "Bình An" has both words and stands higher than the school, but not as the phrase typed.
    unit_create(actor=inside, parent=tree.province, code="T01-X03", name="Đảng bộ xã Bình An", kind="commune")
    assert codes(search_units(inside, "an binh")) == ["T01-X01", "T01-X01-CS1", "T01-X03"]
    assert codes(search_units(inside, "binh an")) == ["T01-X03", "T01-X01", "T01-X01-CS1"]


def test_search_keeps_whole_phrase_matches_when_many_others_match(tree, inside):
    # Six shallower communes contain both words ("an" inside "đảng"), none the phrase.
    for n in range(1, 7):
        unit_create(
            actor=inside,
            parent=tree.province,
            code=f"T01-X1{n}",
            name=f"Đảng bộ xã Bình Lộc {n}",
            kind="commune",
        )
    assert codes(search_units(inside, "an binh", limit=2)) == ["T01-X01", "T01-X01-CS1"]


def test_search_matches_code_case_insensitively(tree, inside):
    assert codes(search_units(inside, "t01-x02")) == ["T01-X02"]
    assert codes(search_units(inside, " T01-X01-CS1-CB1 ")) == ["T01-X01-CS1-CB1"]


def test_search_never_returns_units_outside_scope(tree, inside, outside, admin):
    assert codes(search_units(inside, "binh minh")) == []
    assert codes(search_units(inside, "T02-X01")) == []
    assert codes(search_units(inside, "chi bo")) == ["T01-X01-CS1-CB1"]
    assert not set(codes(search_units(outside, "an binh"))) & FIRST_PROVINCE
    assert codes(search_units(outside, "binh")) == ["T02-X01"]
    assert set(codes(search_units(admin, "binh"))) == {"T01-X01", "T01-X01-CS1", "T02-X01"}


def test_search_of_punctuation_or_nothing_finds_nothing(tree, admin):
    assert search_units(admin, "") == []
    assert search_units(admin, " – ,.; ") == []


def test_search_finds_new_name_after_rename_and_skips_closed_units(tree, inside):
    unit_rename(actor=inside, unit=tree.commune2, name="Đảng bộ phường Hồng Lĩnh")
    assert codes(search_units(inside, "hong linh")) == ["T01-X02"]
    assert codes(search_units(inside, "duc tho")) == []
    unit_dissolve(actor=inside, unit=tree.commune2)
    assert codes(search_units(inside, "hong linh")) == []
    assert codes(search_units(inside, "hong linh", include_inactive=True)) == ["T01-X02"]


def test_search_respects_limit(tree, inside):
    for n in range(1, 6):
        unit_create(
            actor=inside, parent=tree.commune2, code=f"T01-X02-CB{n}", name=f"Chi bộ thôn {n}", kind="cell"
        )
    assert len(search_units(inside, "chi bo thon", limit=3)) == 3


# --- breadcrumbs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", ["TW", "T01", "T01-X01", "T01-X01-CS1"]),
        ("inside", ["T01", "T01-X01", "T01-X01-CS1"]),
        ("leader", ["T01-X01", "T01-X01-CS1"]),
    ],
)
def test_breadcrumbs_stop_at_top_of_scope(tree, who, expected, request):
    assert codes(breadcrumbs(request.getfixturevalue(who), tree.cell)) == expected


def test_breadcrumbs_of_root_and_of_scope_top_are_empty(tree, admin, inside):
    assert breadcrumbs(admin, tree.centre) == []
    assert breadcrumbs(inside, tree.province) == []


# --- children_of, scope_roots, subtree_units ----------------------------------


def test_children_of_counts_active_children(tree, inside):
    unit_create(
        actor=inside, parent=tree.commune, code="T01-X01-CS2", name="Đảng bộ cơ sở 2", kind="grassroots"
    )
    closed = unit_create(actor=inside, parent=tree.commune, code="T01-X01-CB1", name="Chi bộ 1", kind="cell")
    unit_dissolve(actor=inside, unit=closed)
    children = children_of(inside, tree.province)
    assert counted(children) == [("T01-X01", 2), ("T01-X02", 0)]
    assert codes(children_of(inside, tree.commune)) == ["T01-X01-CS1", "T01-X01-CS2"]
    assert codes(children_of(inside, tree.commune, include_inactive=True)) == [
        "T01-X01-CS1", "T01-X01-CS2", "T01-X01-CB1",
    ]  # fmt: skip


def test_children_of_unit_outside_scope_is_empty(tree, inside):
    assert children_of(inside, tree.other_province) == []
    assert codes(children_of(inside, tree.centre)) == ["T01"]


def test_child_counts_only_count_what_the_user_may_open(tree):
    # A grant on the province alone: its communes are not the user's to expand.
    clerk = make_user("clerk")
    RoleGrant.objects.create(user=clerk, role=Role.VIEWER, unit=tree.province, include_subtree=False)
    assert counted(scope_roots(clerk)) == [("T01", 0)]
    assert children_of(clerk, tree.province) == []


def test_scope_roots_are_the_tops_of_reach(tree, inside, admin):
    assert counted(scope_roots(inside)) == [("T01", 2)]
    assert counted(scope_roots(admin)) == [("TW", 3)]
    RoleGrant.objects.create(user=inside, role=Role.VIEWER, unit=tree.other_commune)
    inside = type(inside).objects.get(pk=inside.pk)
    assert codes(scope_roots(inside)) == ["T01", "T02-X01"]


def test_subtree_units_lists_descendants_in_tree_order(tree, inside, outside):
    assert codes(subtree_units(inside, tree.province)) == [
        "T01-X01",
        "T01-X01-CS1",
        "T01-X01-CS1-CB1",
        "T01-X02",
    ]
    assert codes(subtree_units(inside, tree.cell)) == []
    assert codes(subtree_units(outside, tree.province)) == []
    # Below the root the user sees only their own province, still in tree order.
    assert codes(subtree_units(inside, tree.centre)) == [
        "T01",
        "T01-X01",
        "T01-X01-CS1",
        "T01-X01-CS1-CB1",
        "T01-X02",
    ]


# --- functions of a unit --------------------------------------------------------


def test_unit_functions_names_only_units_in_scope(tree, inside, admin):
    led = function_create(
        actor=admin, lead_unit=tree.commune, title="Phát triển đảng viên",
        cooperating_units=[tree.commune2, tree.other_commune],
    )  # fmt: skip
    helped = function_create(
        actor=admin, lead_unit=tree.other_commune, title="Kiểm tra", cooperating_units=[tree.commune]
    )
    seen = unit_functions(inside, tree.commune)
    assert seen.led == [led] and seen.cooperating == [helped]
    assert seen.visible_unit_ids == frozenset({tree.commune.pk, tree.commune2.pk})
    assert unit_functions(admin, tree.commune).visible_unit_ids == frozenset(
        {tree.commune.pk, tree.commune2.pk, tree.other_commune.pk}
    )


# --- overlaps -------------------------------------------------------------------


@pytest.fixture
def overlapping(tree, admin):
    """The same function written three ways by three units, plus noise."""
    make = function_create
    return {
        "accented": make(actor=admin, lead_unit=tree.commune, title="Tham mưu công tác cán bộ"),
        "plain": make(actor=admin, lead_unit=tree.commune2, title="tham muu cong tac can bo"),
        "ocr": make(actor=admin, lead_unit=tree.grassroots, title="Tham mưu cônq tác cán bộ."),
        # Same lead unit as "accented": never a pair with it.
        "same_lead": make(actor=admin, lead_unit=tree.commune, title="THAM MƯU CÔNG TÁC CÁN BỘ"),
        "outside": make(actor=admin, lead_unit=tree.other_commune, title="Tham mưu công tác cán bộ"),
        "unrelated": make(actor=admin, lead_unit=tree.cell, title="Quản lý hồ sơ đảng viên"),
        "partial": make(
            actor=admin, lead_unit=tree.commune2, title="Tham mưu công tác tuyên giáo và dân vận"
        ),
    }


def pair_names(pairs, named) -> set[frozenset[str]]:
    by_pk = {f.pk: name for name, f in named.items()}
    return {frozenset({by_pk[p.first.pk], by_pk[p.second.pk]}) for p in pairs}


def test_overlaps_find_same_wording_across_different_lead_units(tree, inside, overlapping):
    pairs = function_overlaps(inside)
    assert pair_names(pairs, overlapping) == {
        frozenset({"accented", "plain"}),
        frozenset({"accented", "ocr"}),
        frozenset({"plain", "ocr"}),
        frozenset({"same_lead", "plain"}),
        frozenset({"same_lead", "ocr"}),
    }
    by_names = {frozenset({p.first.title, p.second.title}): p for p in pairs}
    exact = by_names[frozenset({"Tham mưu công tác cán bộ", "tham muu cong tac can bo"})]
    assert exact.similarity == 1.0
    assert all(
        0.8 <= p.similarity < 1.0
        for p in pairs
        if "Tham mưu cônq tác cán bộ." in (p.first.title, p.second.title)
    )
    # Highest similarity first; in each pair the unit higher in the tree comes first.
    assert [p.similarity for p in pairs] == sorted((p.similarity for p in pairs), reverse=True)
    assert all(p.first.lead_unit.path <= p.second.lead_unit.path for p in pairs)


def test_overlaps_respect_scope(tree, outside, admin, overlapping):
    assert function_overlaps(outside) == []
    everything = pair_names(function_overlaps(admin), overlapping)
    assert frozenset({"accented", "outside"}) in everything
    assert not any("unrelated" in pair or "partial" in pair for pair in everything)


def test_overlaps_under_a_root_and_by_threshold(tree, inside, admin, overlapping):
    assert pair_names(function_overlaps(admin, root=tree.commune), overlapping) == {
        frozenset({"accented", "ocr"}),
        frozenset({"same_lead", "ocr"}),
    }
    # A strict threshold keeps only the pairs that fold to the same words.
    assert pair_names(function_overlaps(inside, threshold=1.0), overlapping) == {
        frozenset({"accented", "plain"}),
        frozenset({"same_lead", "plain"}),
    }
