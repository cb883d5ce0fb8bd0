"""The lead unit of each task read: confirmed among the suggestions or picked in the list at review,
then used when the tasks are created; never a unit outside the user's scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.directives.forms import OTHER_UNIT
from tochuc.directives.models import Directive
from tochuc.directives.tests.test_views_intake import post_data
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import function_create, unit_create

pytestmark = pytest.mark.django_db

TEXT = (
    "TỈNH ỦY HÀ TĨNH\nSố 46-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Tĩnh, ngày 10 tháng 5 năm 2025\n"
    "KẾ HOẠCH\nthực hiện Kết luận số 03-KL/BTCTW\n\n"
    "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát tổ chức bộ máy các cơ quan đảng.\n"
    "2. Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng đúng quy định.\n"
    "3. Trồng cây xanh ven đường.\n"
)


@pytest.fixture
def office(tree: Tree) -> OrgUnit:
    office = unit_create(
        actor=None,
        parent=tree.province,
        code="T01-BTC",
        name="Ban Tổ chức Tỉnh ủy Hà Tĩnh",
        kind=UnitKind.AGENCY,
    )
    function_create(
        actor=None,
        lead_unit=tree.commune,
        title="Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng",
        cooperating_units=[],
    )
    return office


def review(c: Client) -> tuple[str, Any]:
    response = c.post("/directives/new/", {"text": TEXT})
    assert response.status_code == 302
    url = str(response["Location"])
    page = c.get(url)
    assert page.status_code == 200
    return url, page


def test_each_task_offers_its_suggestions_with_the_reason_and_another_unit(
    inside: User, office: OrgUnit, tree: Tree
) -> None:
    _, page = review(login(inside))
    rows = list(page.context["rows"])
    assert [[s.unit.code for s in row.suggested] for row in rows[:3]] == [["T01-BTC"], ["T01-X01"], []]
    body = page.content.decode()
    assert body.count('data-testid="lead-choice"') == len(rows)
    assert "Chủ trì chức năng “Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng”." in body
    assert "Chọn cơ quan chủ trì (hoặc để giao sau)" in body  # the row without suggestions
    # Nothing is chosen for the user: "Chưa giao" until they confirm.
    assert rows[0]["lead_choice"].value() in (None, "")


def test_confirmed_suggestion_and_picked_unit_lead_the_tasks_created(
    inside: User, office: OrgUnit, tree: Tree
) -> None:
    c = login(inside)
    url, page = review(c)
    data = post_data(page.context)
    data["tasks-0-lead_choice"] = str(office.pk)  # confirm the suggestion
    data["tasks-1-lead_choice"] = OTHER_UNIT  # another unit than the one suggested
    data["tasks-1-lead_other"] = str(tree.commune2.pk)
    response = c.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get()
    leads = {t.no: (t.lead_unit.code if t.lead_unit else None, t.lead_path) for t in directive.tasks.all()}
    assert leads == {
        "1": ("T01-BTC", office.path),
        "2": ("T01-X02", tree.commune2.path),
        "3": (None, ""),
    }
    event = AuditEvent.objects.get(action="directive.register")
    assert event.summary["lead_units"] == {"1": "T01-BTC", "2": "T01-X02"}


def test_a_unit_picked_in_the_list_is_taken_without_the_radio(
    inside: User, office: OrgUnit, tree: Tree
) -> None:
    c = login(inside)
    url, page = review(c)
    data = post_data(page.context)
    data["tasks-2-lead_other"] = str(tree.commune.pk)
    assert c.post(url, data).status_code == 302
    assert Directive.objects.get().tasks.get(no="3").lead_unit == tree.commune


def test_other_without_a_unit_is_refused_with_a_message(inside: User, office: OrgUnit) -> None:
    c = login(inside)
    url, page = review(c)
    data = post_data(page.context)
    data["tasks-0-lead_choice"] = OTHER_UNIT
    response = c.post(url, data)
    assert response.status_code == 200
    assert "Chọn cơ quan chủ trì trong danh sách, hoặc chọn «Chưa giao»." in response.content.decode()
    assert not Directive.objects.exists()


@pytest.mark.parametrize("field", ["lead_other", "lead_choice"])
def test_a_unit_outside_the_users_scope_is_refused(
    inside: User, office: OrgUnit, tree: Tree, field: str
) -> None:
    c = login(inside)
    url, page = review(c)
    data = post_data(page.context)
    data[f"tasks-0-{field}"] = str(tree.other_commune.pk)  # forged: never offered
    response = c.post(url, data)
    assert response.status_code == 200
    assert not Directive.objects.exists()


def test_a_lead_below_another_unit_than_the_registering_one_is_refused(office: OrgUnit, tree: Tree) -> None:
    """A user of two provinces registers for one and picks a unit of the other: the service says no."""
    both = make_user("both", Role.SPECIALIST, tree.province)
    from tochuc.accounts.services import grant_role

    grant_role(actor=None, user=both, role=Role.SPECIALIST, unit=tree.other_province)
    c = login(both)
    url, page = review(c)
    data = post_data(page.context)
    data["unit"] = str(tree.province.pk)
    data["tasks-2-lead_other"] = str(tree.other_commune.pk)
    response = c.post(url, data)
    assert response.status_code == 200
    assert "Nhiệm vụ 3: Cơ quan chủ trì phải là Đảng bộ tỉnh Hà Tĩnh hoặc đơn vị trực thuộc." in (
        response.content.decode()
    )
    assert not Directive.objects.exists()


def test_suggestions_outside_the_users_reach_are_not_offered(office: OrgUnit, tree: Tree) -> None:
    commune_user = make_user("xa", Role.SPECIALIST, tree.commune)
    _, page = review(login(commune_user))
    rows = list(page.context["rows"])
    # The province's Ban Tổ chức is named in task 1 but the commune cannot give it a task.
    assert [s.unit.code for s in rows[0].suggested] == []
    assert [s.unit.code for s in rows[1].suggested] == ["T01-X01"]
