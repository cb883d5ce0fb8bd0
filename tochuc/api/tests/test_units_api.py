"""The units API, endpoint by endpoint, for every member of the named cast."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client
from django.test.client import RequestFactory
from ninja.errors import HttpError

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import api_token_create
from tochuc.api.api import api
from tochuc.api.auth import ActiveSessionAuth
from tochuc.conftest import Tree, login, make_user
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.orgunits.models import UnitKind
from tochuc.orgunits.services import unit_create, unit_dissolve

API = "/api/v1/units"

FIRST_PROVINCE = ["T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"]
SECOND_PROVINCE = ["T02", "T02-X01", "T02-X01-CB1"]
WHOLE_TREE = ["TW", "BTCTW", "BTCTW-V1", *FIRST_PROVINCE, *SECOND_PROVINCE]
LEADERS_COMMUNE = ["T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1"]

NOT_FOUND_BODY = {"detail": "Không tìm thấy.", "code": "not_found", "field": ""}

EVERY_ENDPOINT = [
    f"{API}/",
    f"{API}/search?q=an+binh",
    f"{API}/T01-X01",
    f"{API}/T01/subtree",
]


def bearer(user: User, name: str = "test") -> Client:
    _, key = api_token_create(actor=None, user=user, name=name)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def codes(items: list[dict[str, Any]]) -> list[str]:
    return [str(item["code"]) for item in items]


def get_all(client: Client, url: str) -> tuple[list[str], int]:
    """Every page of a paginated list, and the count the first page announced."""
    found: list[str] = []
    first = client.get(url, {"limit": 2}).json()
    offset = 0
    while True:
        page = client.get(url, {"limit": 2, "offset": offset}).json()
        assert page["count"] == first["count"]
        if not page["items"]:
            return found, first["count"]
        found += codes(page["items"])
        offset += 2


# --- anonymous ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_anonymous_gets_401_everywhere(tree: Tree, client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_garbage_or_foreign_credentials_get_401(tree: Tree, url: str) -> None:
    for header in ["Bearer not-a-key", "Bearer ", "Token abc", "Basic aW5zaWRlOng="]:
        assert Client(HTTP_AUTHORIZATION=header).get(url).status_code == 401, header


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_inactive_session_user_gets_401(tree: Tree, inside: User, url: str) -> None:
    client = login(inside)
    User.objects.filter(pk=inside.pk).update(is_active=False)
    assert client.get(url).status_code == 401


# --- list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("inside", FIRST_PROVINCE),
        ("outside", SECOND_PROVINCE),
        ("leader", LEADERS_COMMUNE),
        ("auditor", WHOLE_TREE),
        ("admin", WHOLE_TREE),
    ],
)
def test_list_is_scoped_and_in_tree_order(
    tree: Tree, request: pytest.FixtureRequest, who: str, expected: list[str]
) -> None:
    user = request.getfixturevalue(who)
    body = login(user).get(f"{API}/").json()
    assert sorted(codes(body["items"])) == sorted(expected)
    assert body["count"] == len(expected)
    paths = {u.code: u.path for u in vars(tree).values()}
    assert codes(body["items"]) == sorted(expected, key=paths.__getitem__)


def test_list_fields_and_parent_outside_scope_is_hidden(tree: Tree, inside: User, auditor: User) -> None:
    by_code = {u["code"]: u for u in login(inside).get(f"{API}/").json()["items"]}
    assert by_code["T01"]["parent_code"] is None  # the Centre is outside the province's scope
    assert by_code["T01-X01"] == {
        "code": "T01-X01",
        "name": "Đảng bộ xã An Bình",
        "short_name": "",
        "kind": "commune",
        "kind_label": UnitKind.COMMUNE.label,
        "parent_code": "T01",
        "depth": 2,
        "valid_from": tree.commune.valid_from.isoformat() if tree.commune.valid_from else None,
        "valid_to": None,
        "active_children": 1,
    }
    by_code = {u["code"]: u for u in login(auditor).get(f"{API}/").json()["items"]}
    assert by_code["T01"]["parent_code"] == "TW"
    assert by_code["TW"]["active_children"] == 3


def test_list_pagination_count_is_the_scoped_total(tree: Tree, inside: User) -> None:
    client = login(inside)
    first = client.get(f"{API}/", {"limit": 2}).json()
    assert first["count"] == len(FIRST_PROVINCE)
    assert codes(first["items"]) == ["T01", "T01-X01"]
    last = client.get(f"{API}/", {"limit": 2, "offset": 4}).json()
    assert codes(last["items"]) == ["T01-X02"]
    beyond = client.get(f"{API}/", {"limit": 2, "offset": 50}).json()
    assert beyond == {"items": [], "count": len(FIRST_PROVINCE)}
    everything, count = get_all(client, f"{API}/")
    assert everything == codes(client.get(f"{API}/").json()["items"])
    assert count == len(everything)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}])
def test_list_rejects_bad_pagination(tree: Tree, inside: User, params: dict[str, Any]) -> None:
    assert login(inside).get(f"{API}/", params).status_code == 422


def test_list_hides_dissolved_units_unless_asked(tree: Tree, inside: User) -> None:
    unit_dissolve(actor=None, unit=tree.commune2)
    client = login(inside)
    assert "T01-X02" not in codes(client.get(f"{API}/").json()["items"])
    body = client.get(f"{API}/", {"include_inactive": "true"}).json()
    assert "T01-X02" in codes(body["items"])
    assert body["count"] == len(FIRST_PROVINCE)
    assert {u["code"]: u for u in body["items"]}["T01"]["active_children"] == 1


# --- search --------------------------------------------------------------------------------


def test_search_ignores_diacritics_and_case(tree: Tree, inside: User) -> None:
    client = login(inside)
    found = client.get(f"{API}/search", {"q": "dang bo xa an binh"}).json()
    assert codes(found) == ["T01-X01"]
    assert codes(client.get(f"{API}/search", {"q": "ĐẢNG BỘ XÃ AN BÌNH"}).json()) == ["T01-X01"]
    assert codes(client.get(f"{API}/search", {"q": "duc tho"}).json()) == ["T01-X02"]
    assert codes(client.get(f"{API}/search", {"q": "t01-x02"}).json()) == ["T01-X02"]


def test_search_ranks_whole_phrase_first_and_honours_limit(tree: Tree, inside: User) -> None:
    client = login(inside)
    found = codes(client.get(f"{API}/search", {"q": "an binh"}).json())
    assert found == ["T01-X01", "T01-X01-CS1"]
    assert codes(client.get(f"{API}/search", {"q": "an binh", "limit": "1"}).json()) == ["T01-X01"]


@pytest.mark.parametrize(
    ("who", "query", "expected"),
    [
        ("outside", "trung hoc pho thong", []),
        ("outside", "duc tho", []),
        ("outside", "T01-X01", []),
        ("outside", "binh", ["T02-X01"]),
        ("inside", "binh", ["T01-X01", "T01-X01-CS1"]),
        ("inside", "T02", []),
        ("inside", "quang tri", []),
        ("leader", "duc tho", []),
        ("leader", "ha tinh", []),
        ("auditor", "binh", ["T01-X01", "T02-X01", "T01-X01-CS1"]),
    ],
)
def test_search_never_leaks_out_of_scope_units(
    tree: Tree, request: pytest.FixtureRequest, who: str, query: str, expected: list[str]
) -> None:
    found = login(request.getfixturevalue(who)).get(f"{API}/search", {"q": query}).json()
    assert codes(found) == expected


@pytest.mark.parametrize("who", ["inside", "outside", "leader", "auditor"])
def test_search_results_are_always_within_the_list(
    tree: Tree, request: pytest.FixtureRequest, who: str
) -> None:
    client = login(request.getfixturevalue(who))
    visible = set(codes(client.get(f"{API}/", {"limit": 500}).json()["items"]))
    for query in ["dang bo", "chi bo", "xa", "tinh", "t0", "ban", "o"]:
        found = set(codes(client.get(f"{API}/search", {"q": query, "limit": "100"}).json()))
        assert found <= visible, query


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}, {"q": "an", "limit": 0}])
def test_search_rejects_bad_input(tree: Tree, inside: User, params: dict[str, Any]) -> None:
    assert login(inside).get(f"{API}/search", params).status_code == 422


def test_search_of_punctuation_only_finds_nothing(tree: Tree, inside: User) -> None:
    assert login(inside).get(f"{API}/search", {"q": " – , "}).json() == []


# --- detail --------------------------------------------------------------------------------


def test_detail_inside(tree: Tree, inside: User) -> None:
    body = login(inside).get(f"{API}/T01-X01").json()
    assert body["code"] == "T01-X01"
    assert body["parent_code"] == "T01"
    assert body["breadcrumbs"] == [{"code": "T01", "name": "Đảng bộ tỉnh Hà Tĩnh"}]
    assert codes(body["children"]) == ["T01-X01-CS1"]
    assert body["children"][0]["parent_code"] == "T01-X01"
    assert body["children"][0]["active_children"] == 1
    assert body["active_children"] == 1


def test_detail_breadcrumbs_stop_at_the_scope(tree: Tree, inside: User, auditor: User, leader: User) -> None:
    url = f"{API}/T01-X01-CS1-CB1"
    assert codes(login(auditor).get(url).json()["breadcrumbs"]) == ["TW", "T01", "T01-X01", "T01-X01-CS1"]
    assert codes(login(inside).get(url).json()["breadcrumbs"]) == ["T01", "T01-X01", "T01-X01-CS1"]
    assert codes(login(leader).get(url).json()["breadcrumbs"]) == ["T01-X01", "T01-X01-CS1"]
    own = login(leader).get(f"{API}/T01-X01").json()
    assert own["breadcrumbs"] == []
    assert own["parent_code"] is None


def test_detail_of_a_root_for_the_whole_tree(tree: Tree, auditor: User) -> None:
    body = login(auditor).get(f"{API}/TW").json()
    assert body["parent_code"] is None
    assert body["breadcrumbs"] == []
    assert codes(body["children"]) == ["BTCTW", "T01", "T02"]
    assert body["active_children"] == 3


def test_detail_children_of_dissolved_units_only_when_asked(tree: Tree, inside: User) -> None:
    unit_dissolve(actor=None, unit=tree.commune2)
    client = login(inside)
    assert codes(client.get(f"{API}/T01").json()["children"]) == ["T01-X01"]
    body = client.get(f"{API}/T01", {"include_inactive": "true"}).json()
    assert sorted(codes(body["children"])) == ["T01-X01", "T01-X02"]
    assert body["active_children"] == 1
    assert client.get(f"{API}/T01-X02").json()["valid_to"] is not None


@pytest.mark.parametrize("code", FIRST_PROVINCE)
def test_outside_gets_404_for_the_first_province(tree: Tree, outside: User, code: str) -> None:
    client = login(outside)
    missing = client.get(f"{API}/NO-SUCH-UNIT")
    for url in [f"{API}/{code}", f"{API}/{code}/subtree"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.content == missing.content
        assert response.json() == NOT_FOUND_BODY


@pytest.mark.parametrize("code", SECOND_PROVINCE)
def test_outside_sees_its_own_province(tree: Tree, outside: User, code: str) -> None:
    client = login(outside)
    assert client.get(f"{API}/{code}").json()["code"] == code
    assert client.get(f"{API}/{code}/subtree").status_code == 200


@pytest.mark.parametrize("code", ["TW", "BTCTW", "T01", "T01-X02", "T02"])
def test_leader_gets_404_above_and_beside_the_commune(tree: Tree, leader: User, code: str) -> None:
    assert login(leader).get(f"{API}/{code}").json() == NOT_FOUND_BODY


# --- subtree -------------------------------------------------------------------------------


def test_subtree_inside(tree: Tree, inside: User) -> None:
    body = login(inside).get(f"{API}/T01/subtree").json()
    assert codes(body["items"]) == ["T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"]
    assert body["count"] == 4


def test_subtree_is_cut_to_the_scope(tree: Tree, auditor: User, leader: User) -> None:
    assert login(auditor).get(f"{API}/TW/subtree").json()["count"] == len(WHOLE_TREE) - 1
    body = login(leader).get(f"{API}/T01-X01/subtree").json()
    assert codes(body["items"]) == ["T01-X01-CS1", "T01-X01-CS1-CB1"]
    assert body["count"] == 2


def test_subtree_pagination(tree: Tree, inside: User) -> None:
    client = login(inside)
    page = client.get(f"{API}/T01/subtree", {"limit": 1, "offset": 1}).json()
    assert page == {"items": page["items"], "count": 4}
    assert codes(page["items"]) == ["T01-X01-CS1"]
    everything, count = get_all(client, f"{API}/T01/subtree")
    assert everything == ["T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"]
    assert count == 4


def test_subtree_of_a_leaf_is_empty(tree: Tree, inside: User) -> None:
    assert login(inside).get(f"{API}/T01-X01-CS1-CB1/subtree").json() == {"items": [], "count": 0}


# --- bearer tokens -------------------------------------------------------------------------


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_token_works_on_every_endpoint(tree: Tree, inside: User, url: str) -> None:
    assert bearer(inside).get(url).status_code == 200


def test_token_is_scoped_like_the_session(tree: Tree, inside: User, outside: User) -> None:
    client = bearer(outside)
    assert codes(client.get(f"{API}/").json()["items"]) == SECOND_PROVINCE
    assert client.get(f"{API}/T01").json() == NOT_FOUND_BODY
    assert client.get(f"{API}/search", {"q": "duc tho"}).json() == []
    assert bearer(inside).get(f"{API}/", {"limit": 1}).json()["count"] == len(FIRST_PROVINCE)


# --- session and the second factor ---------------------------------------------------------


def test_session_of_a_user_owing_a_totp_code_is_not_enough(tree: Tree) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("guarded", Role.SPECIALIST, tree.province)
    User.objects.filter(pk=user.pk).update(otp_required=True)
    client = login(user)
    assert client.get(f"{API}/").status_code == 401
    device = TOTPDevice.objects.create(user=user, name="tochuc", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(f"{API}/").status_code == 200


@pytest.mark.parametrize("how", ["user flag", "role setting"])
def test_token_of_a_user_who_must_use_totp_is_refused(tree: Tree, settings: Any, how: str) -> None:
    """A key is one factor: a user who must confirm a TOTP code cannot skip it with a token."""
    user = make_user("guarded", Role.LEADER, tree.commune)
    client = bearer(user)
    assert client.get(f"{API}/").status_code == 200
    if how == "user flag":
        User.objects.filter(pk=user.pk).update(otp_required=True)
    else:
        settings.TOCHUC_OTP_REQUIRED_ROLES = ["leader"]
    response = client.get(f"{API}/")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    # A token made afterwards is refused just the same.
    assert bearer(user, name="later").get(f"{API}/").status_code == 401
    # The others' tokens still work.
    assert bearer(make_user("plain", Role.SPECIALIST, tree.province)).get(f"{API}/").status_code == 200


def _session_request(user: User, *, csrf: str | None) -> HttpRequest:
    request = RequestFactory().post(f"{API}/", HTTP_X_CSRFTOKEN=csrf or "")
    request.user = user
    if csrf:
        request.COOKIES["csrftoken"] = csrf
    return request


def test_session_auth_checks_csrf_on_unsafe_methods(tree: Tree, inside: User) -> None:
    auth = ActiveSessionAuth()
    with pytest.raises(HttpError) as refused:
        auth(_session_request(inside, csrf=None))
    assert refused.value.status_code == 403
    assert auth(_session_request(inside, csrf="a" * 32)) == inside


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (ErrorCode.INVALID, 400),
        (ErrorCode.CONFLICT, 409),
        (ErrorCode.NOT_FOUND, 404),
        (ErrorCode.FORBIDDEN, 404),
    ],
)
def test_domain_errors_map_in_one_place(code: ErrorCode, status: int) -> None:
    request = RequestFactory().get(f"{API}/")
    response = api.on_exception(request, DomainError("Tên không hợp lệ.", code=code, field="name"))
    assert response.status_code == status
    body = json.loads(response.content)
    if status == 404:
        assert body == NOT_FOUND_BODY  # the same as a unit that does not exist
    else:
        assert body == {"detail": "Tên không hợp lệ.", "code": str(code), "field": "name"}


# --- query counts --------------------------------------------------------------------------


@pytest.fixture
def crowded(tree: Tree) -> Tree:
    """Thirty more cells under the second commune of the first province."""
    for n in range(30):
        unit_create(
            actor=None, parent=tree.commune2, code=f"T01-X02-CB{n:02d}", name=f"Chi bộ {n}", kind="cell"
        )
    return tree


# session, user, grants, then the page's own queries
@pytest.mark.parametrize(
    ("url", "page_queries"),
    [(f"{API}/", 2), (f"{API}/T01/subtree", 3)],
)
def test_lists_do_not_grow_with_the_page(
    crowded: Tree, inside: User, django_assert_num_queries, url: str, page_queries: int
) -> None:
    client = login(inside)
    sizes = []
    for limit in [1, 500]:
        with django_assert_num_queries(3 + page_queries):
            body = client.get(url, {"limit": limit}).json()
        sizes.append(len(body["items"]))
    assert sizes[0] == 1
    assert sizes[1] > 30


def test_detail_does_not_grow_with_the_children(
    crowded: Tree, inside: User, django_assert_num_queries
) -> None:
    client = login(inside)
    # session, user, grants, the unit, its children (the breadcrumbs come with the grants)
    with django_assert_num_queries(5):
        few = client.get(f"{API}/T01-X01").json()
    with django_assert_num_queries(5):
        many = client.get(f"{API}/T01-X02").json()
    assert len(few["children"]) == 1
    assert len(many["children"]) == 30


def test_search_does_not_grow_with_the_results(
    crowded: Tree, inside: User, django_assert_max_num_queries
) -> None:
    client = login(inside)
    # session, user, grants, the matches with their parents
    with django_assert_max_num_queries(4):
        one = client.get(f"{API}/search", {"q": "duc tho"}).json()
    with django_assert_max_num_queries(4):
        many = client.get(f"{API}/search", {"q": "chi bo", "limit": "100"}).json()
    assert len(one) == 1
    assert len(many) > 30


def test_token_requests_do_not_grow_with_the_page(
    crowded: Tree, inside: User, django_assert_max_num_queries
) -> None:
    client = bearer(inside)
    client.get(f"{API}/")  # the first use stamps last_used_at
    for limit in [1, 500]:
        # token, grants, count, page
        with django_assert_max_num_queries(4):
            client.get(f"{API}/", {"limit": limit})
