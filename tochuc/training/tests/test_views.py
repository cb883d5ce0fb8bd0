"""Pages and API with the named cast: inside the subtree, outside (404), the leader, anonymous."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.people.models import MembershipStatus, Person
from tochuc.training.models import (
    Attendance,
    AttendanceResult,
    Course,
    CourseKind,
    TrainingPlan,
    TrainingRequest,
)
from tochuc.training.tests.conftest import course, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def probationary(tree: Tree) -> Person:
    return member(tree.cell, "Hoàng Văn Dự", status=MembershipStatus.PROBATIONARY)


def test_needs_page_lists_the_subtree_and_refuses_outside(
    tree: Tree, inside: User, outside: User, probationary: Person
) -> None:
    page = login(inside).get("/training/needs/", {"unit": "T01"})
    assert page.status_code == 200
    assert probationary.code in page.content.decode()
    assert login(outside).get("/training/needs/", {"unit": "T01"}).status_code == 404
    other = login(outside).get("/training/needs/", {"unit": "T02"})
    assert probationary.code not in other.content.decode()


def test_anonymous_goes_to_login(client: Client, tree: Tree) -> None:
    response = client.get("/training/needs/", {"unit": "T01"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/api/v1/training/courses").status_code == 401


def test_create_course_nominate_and_record_results_through_the_pages(
    tree: Tree, inside: User, probationary: Person
) -> None:
    client = login(inside)
    response = client.post(
        "/training/courses/new/",
        {
            "unit": "T01",
            "code": "DVM-01",
            "kind": CourseKind.NEW_MEMBER,
            "name": "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 1",
            "provider": "Trường Chính trị tỉnh",
            "start": "02/03/2026",
            "end": "06/03/2026",
        },
    )
    assert response.status_code == 302
    detail = client.get("/training/courses/DVM-01/")
    assert probationary.code in detail.content.decode()  # a candidate
    client.post("/training/courses/DVM-01/nominate/", {"people": [probationary.code]})
    attendance = Attendance.objects.get(course__code="DVM-01", person=probationary)
    client.post("/training/courses/DVM-01/results/", {f"result-{attendance.pk}": AttendanceResult.PASSED})
    attendance.refresh_from_db()
    assert attendance.result == AttendanceResult.PASSED
    assert probationary.trainings.filter(field__startswith="Lớp bồi dưỡng").exists()
    needs = client.get("/training/needs/", {"unit": "T01"}).content.decode()
    assert probationary.code not in needs


def test_outside_and_leader_cannot_write(
    tree: Tree, outside: User, leader: User, probationary: Person
) -> None:
    new = course(tree)
    assert login(outside).get(f"/training/courses/{new.code}/").status_code == 404
    assert (
        login(outside)
        .post(f"/training/courses/{new.code}/nominate/", {"people": [probationary.code]})
        .status_code
        == 404
    )
    assert (
        login(leader)
        .post(f"/training/courses/{new.code}/nominate/", {"people": [probationary.code]})
        .status_code
        == 404
    )
    assert not Attendance.objects.exists()
    assert login(leader).get("/training/courses/new/").status_code == 404


def test_plan_and_reports_pages(tree: Tree, inside: User, outside: User, probationary: Person) -> None:
    client = login(inside)
    response = client.post("/training/plans/new/", {"unit": "T01", "year": 2026, "name": ""})
    plan = TrainingPlan.objects.get()
    assert response["Location"] == f"/training/plans/{plan.pk}/"
    assert "<svg" in client.get(f"/training/plans/{plan.pk}/").content.decode()
    assert login(outside).get(f"/training/plans/{plan.pk}/").status_code == 404
    report = client.get("/training/reports/", {"unit": "T01"})
    assert report.status_code == 200 and "<svg" in report.content.decode()
    xlsx = client.get("/training/reports/T01.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert login(outside).get("/training/reports/T01.xlsx").status_code == 404


def test_request_is_recorded_and_becomes_a_need(tree: Tree, inside: User, outside: User) -> None:
    person = member(tree.cell, "Đinh Văn Yêu")
    login(outside).post(
        "/training/requests/new/", {"person": person.code, "kind": CourseKind.IT, "note": "Kỹ năng số"}
    )
    assert not TrainingRequest.objects.exists()
    login(inside).post(
        "/training/requests/new/", {"person": person.code, "kind": CourseKind.IT, "note": "Kỹ năng số"}
    )
    page = login(inside).get("/training/needs/", {"unit": "T01", "reason": "requested"}).content.decode()
    assert person.code in page and "Kỹ năng số" in page


def test_api_needs_courses_nominate_and_result(
    tree: Tree, inside: User, outside: User, probationary: Person
) -> None:
    client = login(inside)
    needs = client.get("/api/v1/training/needs", {"unit": "T01"}).json()
    assert {"person": probationary.code, "need": "new_member"}.items() <= needs["items"][0].items()
    assert login(outside).get("/api/v1/training/needs", {"unit": "T01"}).status_code == 404
    body = {
        "code": "API-1",
        "unit": "T01",
        "kind": "new_member",
        "name": "Lớp đảng viên mới",
        "provider": "Trung tâm chính trị",
        "start": "2026-03-02",
        "end": "2026-03-06",
    }
    assert (
        login(outside)
        .post("/api/v1/training/courses", json.dumps(body), content_type="application/json")
        .status_code
        == 404
    )
    created = client.post("/api/v1/training/courses", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    again = client.post("/api/v1/training/courses", json.dumps(body), content_type="application/json")
    assert again.status_code == 409
    nominate = client.post(
        "/api/v1/training/courses/API-1/attendances",
        json.dumps({"person": probationary.code}),
        content_type="application/json",
    )
    assert nominate.status_code == 201
    result = client.post(
        "/api/v1/training/courses/API-1/results",
        json.dumps({"person": probationary.code, "result": "passed"}),
        content_type="application/json",
    )
    assert result.status_code == 200 and result.json()["result"] == "passed"
    detail = client.get("/api/v1/training/courses/API-1").json()
    assert detail["attendances"][0]["person"] == probationary.code
    assert login(outside).get("/api/v1/training/courses/API-1").status_code == 404
    assert Course.objects.get(code="API-1").attendances.get().training is not None
    assert client.get("/api/v1/training/needs", {"unit": "T01", "kind": "new_member"}).json()["count"] == 0


def test_the_course_list_is_paged_with_its_total(
    tree: Tree, inside: User, outside: User, settings: Any
) -> None:
    settings.TOCHUC_PAGE_SIZE = 2
    for i in range(3):
        course(tree, code=f"LP{i}", start=dt.date(2026, 3, 2 + i), end=dt.date(2026, 3, 20))
    first = login(inside).get("/training/courses/").content.decode()
    assert "3 lớp" in first and "LP2" in first and "LP1" in first and "LP0" not in first
    assert "LP0" in login(inside).get("/training/courses/", {"page": "2"}).content.decode()
    assert "0 lớp" in login(outside).get("/training/courses/").content.decode()
    response = Client().get("/training/courses/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
