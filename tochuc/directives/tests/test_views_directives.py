"""The directive pages with the named cast: who sees which directive and task, and the forms."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, login, make_user
from tochuc.directives.models import Directive, ProgressReport, Task
from tochuc.directives.services import directive_register, task_assign, task_break_down

pytestmark = pytest.mark.django_db


@dataclass
class World:
    mine: Directive  # registered by the first province
    theirs: Directive  # registered by the second province
    shared: Task  # led by commune X01, X02 cooperates
    own: Task  # led by commune X01 alone
    late_child: Task  # a part of ``shared`` led by the grassroots unit below X01, overdue
    foreign: Task  # led in the second province


def build_world(tree: Tree) -> World:
    today = timezone.localdate()
    mine = directive_register(
        actor=None,
        unit=tree.province,
        doc_type="KL",
        number="03",
        issuer_code="TU",
        issuer="Tỉnh ủy Hà Tĩnh",
        term="2025-2030",
        title="Kết luận về kiện toàn tổ chức bộ máy",
        issued_on=dt.date(2026, 3, 1),
        tasks=[{"no": "1", "text": "Rà soát chức năng, nhiệm vụ"}, {"no": "2", "text": "Xây dựng đề án"}],
    )
    theirs = directive_register(
        actor=None,
        unit=tree.other_province,
        doc_type="CT",
        number="05",
        issuer_code="TU",
        issuer="Tỉnh ủy Quảng Trị",
        term="2025-2030",
        title="Chỉ thị về sinh hoạt chi bộ",
        issued_on=dt.date(2026, 2, 1),
        tasks=[{"no": "1", "text": "Đổi mới sinh hoạt chi bộ"}],
    )
    shared = task_assign(
        actor=None,
        task=mine.tasks.get(no="1"),
        lead_unit=tree.commune,
        cooperating_units=[tree.commune2],
        deadline=today + dt.timedelta(days=60),
    )
    own = task_assign(
        actor=None,
        task=mine.tasks.get(no="2"),
        lead_unit=tree.commune,
        deadline=today + dt.timedelta(days=90),
    )
    (late_child,) = task_break_down(
        actor=None,
        task=shared,
        items=[{"no": "1.1", "text": "Rà soát ở trường", "lead_unit": tree.grassroots, "deadline": today}],
    )
    Task.objects.filter(pk=late_child.pk).update(deadline=today - dt.timedelta(days=3))
    foreign = task_assign(actor=None, task=theirs.tasks.get(no="1"), lead_unit=tree.other_commune)
    return World(mine, theirs, shared, own, late_child, foreign)


@pytest.fixture
def world(tree: Tree) -> World:
    return build_world(tree)


@pytest.fixture
def x02(tree: Tree) -> User:
    return make_user("x02", Role.SPECIALIST, tree.commune2)


@pytest.fixture
def x01(tree: Tree) -> User:
    return make_user("x01", Role.SPECIALIST, tree.commune)


def pages(w: World) -> list[str]:
    return [
        f"/directives/{w.mine.pk}/",
        f"/directives/{w.mine.pk}/matrix/",
        f"/directives/tasks/{w.shared.pk}/",
        f"/directives/tasks/{w.shared.pk}/assign/",
        f"/directives/tasks/{w.shared.pk}/break-down/",
    ]


def test_anonymous_is_sent_to_login(client: Client, world: World) -> None:
    for url in [
        "/directives/",
        "/directives/new/",
        "/directives/dashboard/",
        "/directives/on-time/",
        *pages(world),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_outside_gets_404_on_every_page_of_the_other_province(outside: User, world: World) -> None:
    c = login(outside)
    for url in pages(world):
        assert c.get(url).status_code == 404, url
    assert c.get("/directives/dashboard/?unit=T01").status_code == 404
    assert c.get("/directives/on-time/?unit=T01").status_code == 404
    response = c.post(f"/directives/tasks/{world.shared.pk}/progress/", {"percent": 50, "narrative": "x"})
    assert response.status_code == 404
    assert not ProgressReport.objects.exists()


def test_list_shows_only_directives_in_scope_and_searches_without_diacritics(
    inside: User, outside: User, world: World
) -> None:
    body = login(inside).get("/directives/").content.decode()
    assert "03-KL/TU" in body and "05-CT/TU" not in body
    body = login(outside).get("/directives/").content.decode()
    assert "05-CT/TU" in body and "03-KL/TU" not in body
    found = login(inside).get("/directives/", {"q": "kien toan bo may"}).content.decode()
    assert "03-KL/TU" in found
    missed = login(inside).get("/directives/", {"q": "sinh hoat chi bo"}).content.decode()
    assert "03-KL/TU" not in missed and "Không có văn bản nào khớp" in missed


def test_directive_page_lists_tasks_with_lead_cooperating_deadline_and_status(
    inside: User, world: World
) -> None:
    response = login(inside).get(f"/directives/{world.mine.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đảng bộ xã An Bình" in body  # lead
    assert "Đảng bộ xã Đức Thọ" in body  # cooperating
    assert world.shared.deadline.strftime("%d/%m/%Y") in body
    assert "Chưa triển khai" in body
    assert f"/directives/tasks/{world.shared.pk}/assign/" in body


def test_a_commune_sees_what_it_cooperates_on_and_not_its_siblings_tasks(x02: User, world: World) -> None:
    c = login(x02)
    assert c.get(f"/directives/tasks/{world.shared.pk}/").status_code == 200
    assert c.get(f"/directives/tasks/{world.own.pk}/").status_code == 404
    assert c.get(f"/directives/tasks/{world.late_child.pk}/").status_code == 404
    body = c.get("/directives/dashboard/").content.decode()
    assert "Rà soát chức năng, nhiệm vụ" in body
    assert "Xây dựng đề án" not in body
    # Cooperating is not leading: no report form, the page says why, and posting one is refused.
    page = c.get(f"/directives/tasks/{world.shared.pk}/").content.decode()
    assert "Gửi báo cáo tiến độ" not in page
    assert "Chỉ cán bộ chuyên môn của đơn vị chủ trì" in page
    assert c.post(f"/directives/tasks/{world.shared.pk}/progress/", {"percent": 10}).status_code == 404


def test_the_lead_commune_reports_and_is_not_told_why_not(x01: User, world: World) -> None:
    page = login(x01).get(f"/directives/tasks/{world.shared.pk}/").content.decode()
    assert "Gửi báo cáo tiến độ" in page and 'data-testid="why-not-report"' not in page


@pytest.mark.parametrize("who", ["x02", "x01"])
def test_every_dashboard_link_on_a_task_page_opens(who: str, world: World, request: Any) -> None:
    """A cooperating commune reads the task but not the lead commune's dashboard: no link to it."""
    client = login(request.getfixturevalue(who))
    page = client.get(f"/directives/tasks/{world.shared.pk}/").content.decode()
    links = re.findall(r'href="(/directives/dashboard/[^"]*)"', page)
    assert links
    for link in links:
        assert client.get(html.unescape(link)).status_code == 200, link
    assert ("?unit=T01-X01" in page) == (who == "x01")


def test_overdue_task_below_escalates_to_every_level_above(
    inside: User, x01: User, x02: User, admin: User, world: World
) -> None:
    for user in (inside, x01, admin):
        unit = {"inside": "T01", "x01": "T01-X01", "admin": "TW"}[user.username]
        response = login(user).get("/directives/dashboard/", {"unit": unit})
        assert response.status_code == 200
        escalated = response.content.decode().split('data-testid="escalated"')[1].split("</section>")[0]
        assert "Rà soát ở trường" in escalated, user.username
        assert "Quá hạn" in escalated
    # A sibling commune's dashboard has nothing overdue below it.
    body = login(x02).get("/directives/dashboard/").content.decode()
    escalated = body.split('data-testid="escalated"')[1].split("</section>")[0]
    assert "Rà soát ở trường" not in escalated
    assert "Không có nhiệm vụ quá hạn" in escalated


def test_dashboard_counts_by_status_and_lists_overdue_first(inside: User, world: World) -> None:
    response = login(inside).get("/directives/dashboard/")
    body = response.content.decode()
    assert 'id="status-chart"' in body
    listing = body.split('data-testid="dashboard-tasks"')[1]
    assert listing.index("Rà soát ở trường") < listing.index("Xây dựng đề án")
    counts = body.split('data-testid="status-counts"')[1].split("</ul>")[0]
    assert '<span class="figure">1</span> Quá hạn' in counts
    filtered = login(inside).get("/directives/dashboard/", {"status": "overdue"}).content.decode()
    assert "Xây dựng đề án" not in filtered.split('data-testid="dashboard-tasks"')[1]


def test_assign_limits_units_to_the_assigners_subtree(
    inside: User, outside: User, world: World, tree: Tree
) -> None:
    c = login(inside)
    url = f"/directives/tasks/{world.own.pk}/assign/"
    page = c.get(url).content.decode()
    assert "T01-X02" in page and "T02-X01" not in page
    refused = c.post(url, {"lead_unit_code": "T02-X01", "deadline": "31/12/2026"})
    assert refused.status_code == 200
    assert "Không tìm thấy đơn vị có mã này" in refused.content.decode()
    response = c.post(
        url,
        {
            "lead_unit": tree.commune2.pk,
            "cooperating_units": [tree.commune.pk],
            "deadline": "31/12/2026",
            "report_period": "quarterly",
            "product_kind": "scheme",
            "product": "Đề án kiện toàn",
        },
    )
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.lead_unit == tree.commune2
    assert world.own.deadline == dt.date(2026, 12, 31)
    assert list(world.own.cooperating_units.all()) == [tree.commune]
    assert login(outside).post(url, {"lead_unit_code": "T02-X01"}).status_code == 404


def test_lead_unit_reports_progress_and_sees_the_timeline(x01: User, world: World) -> None:
    c = login(x01)
    url = f"/directives/tasks/{world.own.pk}/"
    bad = c.post(url + "progress/", {"percent": 140, "narrative": "Đã rà soát"})
    assert bad.status_code == 400
    response = c.post(
        url + "progress/", {"percent": 40, "narrative": "Đã rà soát 12 tổ chức đảng"}, follow=True
    )
    body = response.content.decode()
    assert "Đã gửi báo cáo tiến độ 40%" in body
    assert "Đã rà soát 12 tổ chức đảng" in body
    assert "Đúng tiến độ" in body
    lower = c.post(url + "progress/", {"percent": 20, "narrative": "Lùi"})
    assert lower.status_code == 400
    assert "không được thấp hơn" in lower.content.decode()


def test_lead_unit_breaks_a_task_down_and_the_parent_sees_the_rollup(
    x01: User, x02: User, inside: User, world: World, tree: Tree
) -> None:
    c = login(x01)
    url = f"/directives/tasks/{world.own.pk}/break-down/"
    assert "T01-X01-CS1" in c.get(url).content.decode()
    data = {
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-no": "2.1",
        "items-0-text": "Đề án ở trường",
        "items-0-lead_unit": str(tree.grassroots.pk),
        "items-0-deadline": "",
        "items-1-text": "",
    }
    response = c.post(url, data)
    assert response.status_code == 302
    body = login(inside).get(f"/directives/tasks/{world.own.pk}/").content.decode()
    assert "Đề án ở trường" in body
    assert 'data-testid="rollup"' in body and "0/1 nhiệm vụ đã hoàn thành" in body
    # A sibling commune may not break the commune's task down.
    assert login(x02).get(url).status_code == 404
    assert login(x02).post(url, data).status_code == 404


def test_assigning_unit_leader_rates_quality_when_done(x01: User, tree: Tree, world: World) -> None:
    login(x01).post(
        f"/directives/tasks/{world.own.pk}/progress/", {"percent": 100, "narrative": "Xong", "is_final": "on"}
    )
    boss = make_user("boss", Role.LEADER, tree.province)
    c = login(boss)
    page = c.get(f"/directives/tasks/{world.own.pk}/").content.decode()
    assert "Đánh giá chất lượng" in page and "Hoàn thành đúng hạn" in page
    response = c.post(
        f"/directives/tasks/{world.own.pk}/quality/", {"quality": "exceeding", "note": "Vượt"}, follow=True
    )
    assert "Vượt yêu cầu" in response.content.decode()
    # The lead unit cannot rate its own work.
    assert (
        login(x01).post(f"/directives/tasks/{world.own.pk}/quality/", {"quality": "met"}).status_code == 404
    )


def test_matrix_shows_units_by_tasks_with_text_not_only_colour(inside: User, world: World) -> None:
    body = login(inside).get(f"/directives/{world.mine.pk}/matrix/").content.decode()
    matrix = body.split('data-testid="matrix"')[1]
    assert "T01-X01" in matrix and "T01-X01-CS1" in matrix and "T01-X02" in matrix
    assert "Quá hạn" in matrix  # the grassroots unit's late part
    assert "phối hợp" in matrix  # X02 on task 1
    assert "Chú giải" in body


def test_on_time_rate_page_has_chart_and_table(x01: User, inside: User, world: World) -> None:
    login(x01).post(f"/directives/tasks/{world.own.pk}/progress/", {"percent": 100, "narrative": "Xong"})
    response = login(inside).get("/directives/on-time/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="ontime-trend"' in body and 'data-testid="on-time-table"' in body
    assert "Đảng bộ xã An Bình" in body.split('data-testid="on-time-table"')[1]


def test_pages_carry_no_inline_style_or_script(inside: User, world: World) -> None:
    c = login(inside)
    for url in [
        "/directives/",
        "/directives/new/",
        "/directives/dashboard/",
        "/directives/on-time/",
        *pages(world)[:4],
    ]:
        body = c.get(url).content.decode()
        assert " style=" not in body, url
        assert "<script>" not in body, url


def test_long_task_lists_are_paginated_with_the_total(inside: User, tree: Tree, settings) -> None:
    from tochuc.directives.tests.task_factory import make_task

    settings.TOCHUC_PAGE_SIZE = 10
    for i in range(23):
        make_task(tree.commune, tree.province, no=str(i + 1), text=f"Việc số {i + 1}")
    c = login(inside)
    first = c.get("/directives/dashboard/").content.decode()
    assert "Hiển thị 1–10 trên tổng số 23" in first and "Trang 1/3" in first
    last = c.get("/directives/dashboard/", {"page": 3}).content.decode()
    assert "Hiển thị 21–23 trên tổng số 23" in last
    assert last.split('data-testid="dashboard-tasks"')[1].count("<tr class=") == 3


def test_a_leader_sees_the_communes_tasks_but_does_not_enter_data(leader: User, world: World) -> None:
    c = login(leader)
    page = c.get(f"/directives/tasks/{world.own.pk}/")
    assert page.status_code == 200
    assert "Gửi báo cáo tiến độ" not in page.content.decode()
    assert (
        c.post(f"/directives/tasks/{world.own.pk}/progress/", {"percent": 10, "narrative": "x"}).status_code
        == 404
    )
    assert c.get(f"/directives/tasks/{world.late_child.pk}/").status_code == 200
    assert c.get(f"/directives/tasks/{world.foreign.pk}/").status_code == 404
    assert c.get("/directives/new/").status_code == 404
