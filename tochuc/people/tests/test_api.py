"""The persons API for every member of the named cast; the citizen ID never leaks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import CareerEntry, Person, PersonDiscipline, PersonReward, Relative, Training
from tochuc.people.services import person_create

API = "/api/v1/persons"
NOT_FOUND_BODY = {"detail": "Không tìm thấy.", "code": "not_found", "field": ""}
REASON = "Đối chiếu hồ sơ kết nạp"

AN_ID = "042080012345"
BINH_ID = "042190054321"
CUONG_ID = "045075099887"
HOA_ID = "001185066554"
EVERY_ID = [AN_ID, BINH_ID, CUONG_ID, HOA_ID]


@dataclass
class Cast:
    an: Person  # first province, the leader's commune
    binh: Person  # first province, the other commune
    cuong: Person  # second province
    hoa: Person  # a department of the Commission: only the whole-tree roles see her


def _person(
    unit: OrgUnit, code: str, name: str, born: dt.date, gender: str, cid: str, **extra: Any
) -> Person:
    membership = extra.pop("membership", {"status": "full", "admitted_on": dt.date(born.year + 25, 3, 2)})
    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": name, "birth_date": born, "gender": gender, "citizen_id": cid, **extra},
        membership=membership,
    )


@pytest.fixture
def people(tree: Tree) -> Cast:
    an = _person(
        tree.cell,
        "P-AN",
        "Nguyễn Văn An",
        dt.date(1980, 5, 1),
        "male",
        AN_ID,
        political_theory_level="intermediate",
        professional_qualification="Đại học Sư phạm Toán",
    )
    binh = _person(
        tree.commune2,
        "P-BINH",
        "Trần Thị Bình",
        dt.date(1990, 7, 9),
        "female",
        BINH_ID,
        ethnicity="Tày",
        membership={"status": "probationary", "admitted_on": dt.date(2025, 12, 1)},
    )
    cuong = _person(tree.other_cell, "P-CUONG", "Lê Văn Cường", dt.date(1975, 1, 20), "male", CUONG_ID)
    hoa = _person(tree.department, "P-HOA", "Đặng Thị Hòa", dt.date(1985, 3, 3), "female", HOA_ID)
    CareerEntry.objects.create(person=an, start=dt.date(2003, 9, 1), description="Giáo viên Toán")
    Training.objects.create(
        person=an, start=dt.date(2015, 3, 1), institution="Trường Chính trị tỉnh", field="Trung cấp LLCT"
    )
    PersonReward.objects.create(person=an, decided_on=dt.date(2020, 5, 1), title="Giấy khen")
    PersonDiscipline.objects.create(person=an, decided_on=dt.date(2018, 5, 1), form="Khiển trách")
    Relative.objects.create(
        person=an, relation="Vợ", full_name="Trần Thị Bình", birth_year=1990, linked_person=binh
    )
    Relative.objects.create(person=an, relation="Anh trai", full_name="Lê Văn Cường", linked_person=cuong)
    return Cast(an, binh, cuong, hoa)


def bearer(user: User) -> Client:
    _, key = api_token_create(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def reveal(client: Client, code: str, reason: str) -> Any:
    return client.post(f"{API}/{code}/reveal", {"reason": reason}, content_type="application/json")


def codes(items: list[dict[str, Any]]) -> list[str]:
    return [str(item["code"]) for item in items]


def assert_no_citizen_id(response: Any) -> None:
    """Neither the key nor any number nor its hash is anywhere in the body."""
    body = response.content.decode()
    assert '"citizen_id"' not in body
    for number in EVERY_ID:
        assert number not in body
    assert not any(p.citizen_id_hash in body for p in Person.objects.all())


def reveals() -> int:
    return AuditEvent.objects.filter(action="person.reveal_citizen_id").count()


EVERY_ENDPOINT = [
    f"{API}/",
    f"{API}/search?q=nguyen",
    f"{API}/P-AN",
]


# --- anonymous and bad credentials ------------------------------------------------------------


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_anonymous_gets_401_everywhere(people: Cast, client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert_no_citizen_id(response)
    assert reveals() == 0


def test_anonymous_reveal_gets_401(people: Cast, client: Client) -> None:
    response = reveal(client, "P-AN", REASON)
    assert response.status_code == 401
    assert_no_citizen_id(response)
    assert reveals() == 0


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_garbage_token_gets_401(people: Cast, url: str) -> None:
    assert Client(HTTP_AUTHORIZATION="Bearer not-a-key").get(url).status_code == 401


# --- list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("inside", ["P-AN", "P-BINH"]),
        ("outside", ["P-CUONG"]),
        ("leader", ["P-AN"]),
        ("auditor", ["P-AN", "P-BINH", "P-CUONG", "P-HOA"]),
        ("admin", ["P-AN", "P-BINH", "P-CUONG", "P-HOA"]),
    ],
)
def test_list_is_scoped_and_in_vietnamese_order(
    people: Cast, request: pytest.FixtureRequest, who: str, expected: list[str]
) -> None:
    response = login(request.getfixturevalue(who)).get(f"{API}/")
    body = response.json()
    # By given name: An, Bình, Cường, Hòa.
    assert codes(body["items"]) == expected
    assert body["count"] == len(expected)
    assert_no_citizen_id(response)


def test_list_item_fields(people: Cast, inside: User) -> None:
    item = login(inside).get(f"{API}/").json()["items"][1]
    assert item == {
        "code": "P-BINH",
        "full_name": "Trần Thị Bình",
        "family_name": "Trần",
        "middle_name": "Thị",
        "given_name": "Bình",
        "birth_date": "1990-07-09",
        "gender": "female",
        "gender_label": "Nữ",
        "ethnicity": "Tày",
        "political_theory_level": "none",
        "political_theory_level_label": "Chưa qua đào tạo",
        "professional_qualification": "",
        "current_post": "",
        "unit": {"code": "T01-X02", "name": "Đảng bộ xã Đức Thọ"},
        "membership_status": "probationary",
        "membership_status_label": "Dự bị",
        "citizen_id_masked": "••••••••4321",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "nguyen van"}, ["P-AN"]),
        ({"q": "NGUYỄN"}, ["P-AN"]),
        ({"q": "binh 1990"}, ["P-BINH"]),
        ({"q": "binh 1991"}, []),
        ({"q": "1980"}, ["P-AN"]),
        ({"unit": "T01-X01"}, ["P-AN"]),
        ({"unit": "T01"}, ["P-AN", "P-BINH"]),
        ({"gender": "female"}, ["P-BINH"]),
        ({"ethnicity": "Tày"}, ["P-BINH"]),
        ({"political_theory_level": "intermediate"}, ["P-AN"]),
        ({"membership_status": "probationary"}, ["P-BINH"]),
        ({"membership_status": "full", "gender": "male"}, ["P-AN"]),
        ({"age_band": "30-39"}, ["P-BINH"]),
        ({"age_band": "40-49"}, ["P-AN"]),
        ({"age_band": "60+"}, []),
    ],
)
def test_list_filters(people: Cast, inside: User, params: dict[str, str], expected: list[str]) -> None:
    body = login(inside).get(f"{API}/", params).json()
    assert codes(body["items"]) == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize("unit", ["T02", "T02-X01", "NO-SUCH-UNIT"])
def test_list_filter_by_a_unit_outside_scope_is_404(people: Cast, inside: User, unit: str) -> None:
    response = login(inside).get(f"{API}/", {"unit": unit})
    assert response.status_code == 404
    assert response.json() == NOT_FOUND_BODY


@pytest.mark.parametrize(
    "params",
    [
        {"gender": "x"},
        {"age_band": "20-29"},
        {"political_theory_level": "phd"},
        {"membership_status": "gone"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"q": "x" * 201},
    ],
)
def test_list_rejects_bad_filters(people: Cast, inside: User, params: dict[str, Any]) -> None:
    assert login(inside).get(f"{API}/", params).status_code == 422


def test_list_pagination_counts(people: Cast, auditor: User) -> None:
    client = login(auditor)
    first = client.get(f"{API}/", {"limit": 3}).json()
    assert first["count"] == 4
    assert codes(first["items"]) == ["P-AN", "P-BINH", "P-CUONG"]
    assert client.get(f"{API}/", {"limit": 3, "offset": 3}).json() == {
        "items": client.get(f"{API}/", {"offset": 3}).json()["items"],
        "count": 4,
    }
    assert codes(client.get(f"{API}/", {"limit": 3, "offset": 3}).json()["items"]) == ["P-HOA"]
    assert client.get(f"{API}/", {"offset": 40}).json() == {"items": [], "count": 4}
    filtered = client.get(f"{API}/", {"gender": "female", "limit": "1"}).json()
    assert filtered["count"] == 2
    assert codes(filtered["items"]) == ["P-BINH"]


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "query", "expected"),
    [
        ("inside", "nguyen", ["P-AN"]),
        ("inside", "van", ["P-AN"]),
        ("inside", "tran thi binh", ["P-BINH"]),
        ("inside", "Bình 1990", ["P-BINH"]),
        ("inside", "cuong", []),
        ("inside", "hoa", []),
        ("outside", "cuong 1975", ["P-CUONG"]),
        ("outside", "van", ["P-CUONG"]),
        ("outside", "nguyen", []),
        ("leader", "binh", []),
        ("leader", "an", ["P-AN"]),
        ("auditor", "van", ["P-AN", "P-CUONG"]),
        ("auditor", "thi", ["P-BINH", "P-HOA"]),
    ],
)
def test_search_is_scoped_and_ignores_diacritics(
    people: Cast, request: pytest.FixtureRequest, who: str, query: str, expected: list[str]
) -> None:
    response = login(request.getfixturevalue(who)).get(f"{API}/search", {"q": query})
    assert codes(response.json()) == expected
    assert_no_citizen_id(response)


def test_search_limit_and_bad_input(people: Cast, auditor: User) -> None:
    client = login(auditor)
    assert codes(client.get(f"{API}/search", {"q": "thi", "limit": "1"}).json()) == ["P-BINH"]
    bad: list[dict[str, str]] = [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "an", "limit": "0"},
        {"q": "an", "limit": "101"},
    ]
    for params in bad:
        assert client.get(f"{API}/search", params).status_code == 422, params
    assert client.get(f"{API}/search", {"q": " – , "}).json() == []


# --- detail and the citizen ID -------------------------------------------------------------


def test_detail_is_the_2c_file_without_the_citizen_id(people: Cast, inside: User) -> None:
    response = login(inside).get(f"{API}/P-AN")
    assert_no_citizen_id(response)
    body = response.json()
    assert "citizen_id" not in body
    assert body["citizen_id_masked"] == "••••••••2345"
    assert body["can_reveal_citizen_id"] is True
    assert body["professional_qualification"] == "Đại học Sư phạm Toán"
    assert body["membership"] == {
        "status": "full",
        "status_label": "Chính thức",
        "admitted_on": "2005-03-02",
        "full_member_on": None,
        "card_number": "",
    }
    assert body["career"] == [{"start": "2003-09-01", "end": None, "description": "Giáo viên Toán"}]
    assert body["trainings"][0]["field"] == "Trung cấp LLCT"
    assert body["rewards"] == [{"decided_on": "2020-05-01", "title": "Giấy khen", "decided_by": ""}]
    assert body["disciplines"][0]["form"] == "Khiển trách"
    # A relative with a file is linked only when that file is within the caller's scope.
    assert [(r["full_name"], r["linked_person_code"]) for r in body["relatives"]] == [
        ("Trần Thị Bình", "P-BINH"),
        ("Lê Văn Cường", None),
    ]
    assert reveals() == 0


def test_relatives_link_for_a_caller_who_sees_both(people: Cast, auditor: User) -> None:
    body = login(auditor).get(f"{API}/P-AN").json()
    assert [r["linked_person_code"] for r in body["relatives"]] == ["P-BINH", "P-CUONG"]


@pytest.mark.parametrize("who", ["inside", "leader"])
def test_reveal_with_permission_and_reason_is_audited(
    people: Cast, request: pytest.FixtureRequest, who: str
) -> None:
    user = request.getfixturevalue(who)
    body = reveal(login(user), "P-AN", REASON).json()
    assert body["citizen_id"] == AN_ID
    assert body["code"] == "P-AN" and body["citizen_id_masked"] == "••••••••2345"
    event = AuditEvent.objects.get(action="person.reveal_citizen_id")
    assert event.actor_id == user.pk
    assert event.object_id == str(people.an.pk)
    assert event.summary == {"reason": REASON}


def test_reveal_over_a_token_too(people: Cast, inside: User) -> None:
    client = bearer(inside)
    assert "citizen_id" not in client.get(f"{API}/P-BINH").json()
    assert reveal(client, "P-BINH", REASON).json()["citizen_id"] == BINH_ID
    assert reveals() == 1


@pytest.mark.parametrize("who", ["inside", "leader", "auditor"])
def test_a_get_never_reveals_nor_writes(people: Cast, request: pytest.FixtureRequest, who: str) -> None:
    """A link on another site can make a browser GET anything: reading must not write."""
    client = login(request.getfixturevalue(who))
    before = AuditEvent.objects.count()
    for url in [f"{API}/P-AN?reveal_reason=Kiểm+tra+hồ+sơ", f"{API}/P-AN/reveal?reason=Kiểm+tra+hồ+sơ"]:
        response = client.get(url)
        assert_no_citizen_id(response)
    assert client.get(f"{API}/P-AN?reveal_reason=Kiểm+tra+hồ+sơ").status_code == 200
    assert client.get(f"{API}/P-AN/reveal?reason=Kiểm+tra+hồ+sơ").status_code == 405
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ["auditor", "admin"])
def test_roles_without_the_permission_never_get_the_number(
    people: Cast, request: pytest.FixtureRequest, who: str
) -> None:
    client = login(request.getfixturevalue(who))
    assert client.get(f"{API}/P-AN").json()["can_reveal_citizen_id"] is False
    response = reveal(client, "P-AN", REASON)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND_BODY
    assert_no_citizen_id(response)
    assert reveals() == 0


@pytest.mark.parametrize("reason", ["", "ok", "    "])
def test_reveal_without_a_real_reason_is_refused(people: Cast, inside: User, reason: str) -> None:
    response = reveal(login(inside), "P-AN", reason)
    assert response.status_code == 400
    assert response.json()["field"] == "reason"
    assert_no_citizen_id(response)
    assert reveals() == 0


def test_reveal_reason_too_long_is_422(people: Cast, inside: User) -> None:
    assert reveal(login(inside), "P-AN", "x" * 501).status_code == 422
    assert reveals() == 0


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("outside", "P-AN"),
        ("outside", "P-HOA"),
        ("inside", "P-CUONG"),
        ("inside", "P-HOA"),
        ("leader", "P-BINH"),
    ],
)
def test_outside_scope_is_404_like_missing(
    people: Cast, request: pytest.FixtureRequest, who: str, code: str
) -> None:
    client = login(request.getfixturevalue(who))
    missing = client.get(f"{API}/NO-SUCH-PERSON")
    for response in [client.get(f"{API}/{code}"), reveal(client, code, REASON)]:
        assert response.status_code == 404
        assert response.content == missing.content
        assert response.json() == NOT_FOUND_BODY
    assert reveals() == 0


def test_token_is_scoped_like_the_session(people: Cast, outside: User) -> None:
    client = bearer(outside)
    assert codes(client.get(f"{API}/").json()["items"]) == ["P-CUONG"]
    assert client.get(f"{API}/P-AN").json() == NOT_FOUND_BODY
    assert client.get(f"{API}/search", {"q": "nguyen"}).json() == []


def test_openapi_lists_the_person_paths(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/persons/",
        "/api/v1/persons/search",
        "/api/v1/persons/{code}",
        "/api/v1/persons/{code}/reveal",
    } <= set(spec["paths"])
    assert set(spec["paths"]["/api/v1/persons/{code}/reveal"]) == {"post"}
    assert "parameters" not in spec["paths"]["/api/v1/persons/{code}"]["get"] or all(
        p["name"] == "code" for p in spec["paths"]["/api/v1/persons/{code}"]["get"]["parameters"]
    )
    schemas = spec["components"]["schemas"]
    assert "citizen_id" not in schemas["PersonOut"]["properties"]
    assert "citizen_id" not in schemas["PersonDetailOut"]["properties"]
    assert "citizen_id" in schemas["PersonRevealedOut"]["properties"]
