"""What the unit pages read: the same units as the plain scoped queries, in fewer queries.

Breadcrumbs, the parents named beside search results and the units named on functions are
decided from the paths of the user's grants; each test compares with the scoped query it replaces.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role
from tochuc.accounts.policy import Action, forget_grants, scope_q
from tochuc.accounts.services import grant_role
from tochuc.conftest import login, make_user
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.selectors import (
    TreeOrderedIds,
    breadcrumbs,
    match_units,
    search_units,
    subtree_page,
    subtree_units,
    unit_functions,
    visible_parents,
    visible_units,
)
from tochuc.orgunits.services import function_create, unit_create, unit_dissolve

pytestmark = pytest.mark.django_db

CAST = ["inside", "outside", "leader", "auditor", "admin"]


def _scoped_breadcrumbs(user, unit: OrgUnit) -> list[OrgUnit]:
    """The parent chain as one scoped query reads it."""
    paths = unit.ancestor_paths()
    return list(OrgUnit.objects.filter(scope_q(user, Action.VIEW), path__in=paths).order_by("depth"))


def _page_queries(client, url: str, **headers: str) -> int:
    client.get(url, **headers)  # the session is warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **headers).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", CAST)
def test_breadcrumbs_are_the_scoped_parent_chain(tree, who, request):
    user = request.getfixturevalue(who)
    for unit in tree.units():
        for loaded in (
            OrgUnit.objects.get(pk=unit.pk),
            OrgUnit.objects.select_related("parent").get(pk=unit.pk),
        ):
            assert [u.code for u in breadcrumbs(user, loaded)] == [
                u.code for u in _scoped_breadcrumbs(user, loaded)
            ], (who, unit.code)


def test_breadcrumbs_of_a_mixed_reach_are_the_scoped_parent_chain(tree):
    """A unit alone (no subtree) beside a subtree elsewhere: the chain skips what is not reached."""
    user = make_user("mixed", Role.VIEWER, tree.centre)
    user.grants.filter(unit=tree.centre).update(include_subtree=False)
    grant_role(actor=None, user=user, role=Role.VIEWER, unit=tree.commune)
    forget_grants(user)
    for unit in tree.units():
        assert [u.code for u in breadcrumbs(user, unit)] == [u.code for u in _scoped_breadcrumbs(user, unit)]
    assert [u.code for u in breadcrumbs(user, tree.cell)] == ["TW", "T01-X01", "T01-X01-CS1"]


def test_breadcrumbs_under_the_top_of_the_reach_read_nothing(tree, inside, django_assert_num_queries):
    commune = OrgUnit.objects.select_related("parent").get(pk=tree.commune.pk)
    grassroots = OrgUnit.objects.select_related("parent").get(pk=tree.grassroots.pk)
    cell = OrgUnit.objects.select_related("parent").get(pk=tree.cell.pk)
    breadcrumbs(inside, commune)  # the grants are loaded once per request
    with django_assert_num_queries(0):
        assert [u.code for u in breadcrumbs(inside, commune)] == ["T01"]
        assert [u.code for u in breadcrumbs(inside, grassroots)] == ["T01", "T01-X01"]
    with django_assert_num_queries(1):  # the commune between the province and the cell's parent
        assert [u.code for u in breadcrumbs(inside, cell)] == ["T01", "T01-X01", "T01-X01-CS1"]


QUERIES = [
    "xa",
    "an binh",
    "T01-X01",
    "t01-x02",
    " T01 ",
    "TW",
    "tw",
    "btctw-v1",
    "chi bo",
    "Đức Thọ",
    "T01 X01",
]


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_what_the_name_or_code_search_found(tree, who, query, request):
    user = request.getfixturevalue(who)
    units = visible_units(user)
    found = match_units(units, query)
    assert [u.code for u in found] == [u.code for u in _old_match(units, query)]


def _old_match(units, query: str) -> list[OrgUnit]:
    """The search written with the code always asked for."""
    from django.db.models import Case, Value, When

    from tochuc.core.text import words

    terms = words(query)
    if not terms:
        return []
    name_match = Q()
    for term in terms:
        name_match &= Q(name_folded__startswith=term) | Q(name_folded__contains=" " + term)
    code_match = Q(code__iexact=query.strip())
    phrase = " ".join(terms)
    ranked = units.filter(name_match | code_match).annotate(
        phrase_rank=Case(
            When(Q(name_folded__startswith=phrase) | Q(name_folded__contains=" " + phrase), then=Value(0)),
            default=Value(1),
        ),
        code_rank=Case(When(code_match, then=Value(0)), default=Value(1)),
    )
    return list(ranked.order_by("phrase_rank", "code_rank", "depth", "name_folded")[:20])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet="TtWwXx01-. aAđĐbinhBINH", min_size=1, max_size=10))
def test_any_typed_search_finds_what_it_found(tree, admin, query):
    units = visible_units(admin)
    assert [u.code for u in match_units(units, query)] == [u.code for u in _old_match(units, query)]


def test_a_search_that_cannot_be_a_code_does_not_ask_for_codes(tree, inside):
    def where(sql: str) -> str:
        return sql.split(" WHERE ", 1)[1]

    search_units(inside, "xa")  # the grants are loaded once per request
    with CaptureQueriesContext(connection) as queries:
        search_units(inside, "an binh")
    assert len(queries) == 1 and '"code"' not in where(queries[0]["sql"])
    with CaptureQueriesContext(connection) as queries:
        assert [u.code for u in search_units(inside, "t01-x01")] == ["T01-X01"]
    assert len(queries) == 1 and '"code"' in where(queries[0]["sql"])


@pytest.mark.parametrize("who", CAST)
def test_the_parents_named_are_those_the_user_sees(tree, who, request):
    user = request.getfixturevalue(who)
    unit_dissolve(actor=None, unit=OrgUnit.objects.get(pk=tree.commune2.pk))
    results = list(OrgUnit.objects.select_related("parent").all())
    ids = {u.parent_id for u in results if u.parent_id}
    seen = set(visible_units(user, include_inactive=True).filter(pk__in=ids).values_list("pk", flat=True))
    assert visible_parents(user, results) == seen


@pytest.mark.parametrize("who", CAST)
def test_functions_name_the_units_the_user_sees(tree, admin, who, request):
    user = request.getfixturevalue(who)
    led = function_create(
        actor=admin, lead_unit=tree.commune, title="Phát triển đảng viên",
        cooperating_units=[tree.commune2, tree.other_commune],
    )  # fmt: skip
    helped = function_create(
        actor=admin,
        lead_unit=tree.other_commune,
        title="Kiểm tra",
        cooperating_units=[tree.commune, tree.cell],
    )
    function_create(actor=admin, lead_unit=tree.commune2, title="Không liên quan")
    functions = unit_functions(user, tree.commune)
    assert functions.led == [led]
    assert functions.cooperating == [helped]
    named = {tree.commune.pk, tree.commune2.pk, tree.other_commune.pk, tree.cell.pk}
    seen = set(visible_units(user, include_inactive=True).filter(pk__in=named).values_list("pk", flat=True))
    assert functions.visible_unit_ids == seen


def test_functions_are_one_read_and_their_cooperating_units_another(
    tree, admin, inside, django_assert_num_queries
):
    unit_functions(inside, tree.commune)  # the grants are loaded once per request
    with django_assert_num_queries(1):
        assert unit_functions(inside, tree.commune).led == []
    function_create(actor=admin, lead_unit=tree.commune, title="Một", cooperating_units=[tree.commune2])
    function_create(actor=admin, lead_unit=tree.commune2, title="Hai", cooperating_units=[tree.commune])
    with django_assert_num_queries(2):
        functions = unit_functions(inside, tree.commune)
        assert len(functions.led) == len(functions.cooperating) == 1


def _grow(parent: OrgUnit, count: int) -> None:
    for i in range(count):
        unit_create(
            actor=None, parent=parent, code=f"{parent.code}-N{i:02d}", name=f"Chi bộ {i}", kind="cell"
        )


def test_the_subtree_is_read_a_page_at_a_time_in_tree_order(tree, admin):
    _grow(tree.commune2, 12)
    _grow(tree.grassroots, 3)
    expected = [u.pk for u in sorted(OrgUnit.objects.exclude(pk=tree.centre.pk), key=lambda u: u.path)]
    ids = TreeOrderedIds(subtree_units(admin, tree.centre))
    assert ids.count() == len(ids) == len(expected)
    for start, stop in [(0, 5), (5, 9), (20, 50), (3, 3), (0, None)]:
        assert ids[start:stop] == expected[start:stop], (start, stop)
    page = subtree_page(admin, tree.centre, 2, per_page=7)
    assert [u.pk for u in page.object_list] == expected[7:14]
    assert page.paginator.count == len(expected)


# session, user, grants, then the page's own reads, then the bell
@pytest.mark.parametrize(
    ("url", "headers", "most"),
    [
        ("/units/", {}, 5),  # + the top units with their counts
        ("/units/T01-X01/", {}, 10),  # + the unit, children, functions, history, the unit's record (2)
        ("/units/T01/subtree/", {}, 8),  # + the unit, the count, a page of ids, its rows
        ("/units/search/?q=an+binh", {"HTTP_HX_REQUEST": "true"}, 4),  # + the matches with their parents
        ("/units/?q=an+binh", {}, 6),  # the tree and the matches
    ],
)
def test_unit_pages_read_no_more_than_they_need(tree, inside, url, headers, most):
    assert _page_queries(login(inside), url, **headers) <= most


def test_search_results_name_the_parents_in_scope(tree, inside, outside):
    inside_page = login(inside).get(reverse("orgunits:search"), {"q": "an binh"}, HTTP_HX_REQUEST="true")
    assert "thuộc Đảng bộ xã An Bình" in inside_page.content.decode()
    leader = make_user("cell-viewer", Role.VIEWER, tree.cell)
    page = (
        login(leader)
        .get(reverse("orgunits:search"), {"q": "chi bo"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "Chi bộ Tổ Toán" in page and "thuộc" not in page.split("<ul")[1]
